/**
 * What every lifted server shares at platform level: the patch window.
 *
 * Per-municipality pieces (disk encryption set, keys, backup protection)
 * live with the tenant, because each municipality is its own data
 * controller. Here is only the maintenance configuration that tenants
 * assign their VMs to (PlatformRefs.serverMaintenanceConfigurationId), so
 * security patches are applied by the platform on one schedule.
 * NIS2 § 6 (secure maintenance), ISO 27001:2022 A.8.8 / A.8.32.
 */
import * as pulumi from "@pulumi/pulumi";
import * as maintenance from "@pulumi/azure-native/maintenance/index.js";
import { azureName, platformResourceGroupName } from "../vocabulary/naming.js";
import { resourceGroupFor } from "../resources/resource-group.js";
import { DEFAULTS, MAX_PATCH_WINDOW_MINUTES, MIN_PATCH_WINDOW_MINUTES, TIME_ZONE, WEEKDAYS, type WeekDay } from "../vocabulary/defaults.js";
import { rejectArgs, type ArgsProblem } from "../errors.js";

export const SERVER_FOUNDATION_TYPE = "driftsenhed:servers:ServerFoundation";

export interface PatchSchedule {
  /** First window, "YYYY-MM-DD hh:mm" in timeZone. */
  startDateTime: string;
  /** Window length "hh:mm"; Azure allows 01:30 to 03:55 for guest patching. */
  duration: string;
  /** Windows time zone id; the window follows its daylight saving time. */
  timeZone: string;
  /** Azure recurrence, e.g. "Week Sunday" or "Month Second Tuesday Offset4". */
  recurEvery: string;
}

/** A weekly window as unit.yaml gives it (`servers.patchWindow`), in Danish time. */
export interface PatchWindow {
  dayOfWeek: WeekDay;
  /** "HH:MM", 24-hour clock. */
  startTime: string;
  /** MIN_PATCH_WINDOW_MINUTES to MAX_PATCH_WINDOW_MINUTES. */
  durationMinutes: number;
}

/**
 * The schedule of a weekly window. The first window is pinned to a fixed
 * past week (Azure starts counting from it), so the schedule never changes
 * between runs; the time zone is Denmark's, so it follows daylight saving.
 */
export function patchScheduleFor(window: PatchWindow): PatchSchedule {
  const day = 6 + WEEKDAYS.indexOf(window.dayOfWeek); // 2025-01-06 is a Monday.
  const minutes = window.durationMinutes;
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return {
    startDateTime: `2025-01-${String(day).padStart(2, "0")} ${window.startTime}`,
    duration: `${hh}:${mm}`,
    timeZone: TIME_ZONE,
    recurEvery: `Week ${window.dayOfWeek}`,
  };
}

/** DEFAULTS.servers.patchWindow: what a unit that sets no window gets, so a direct caller gets it too. */
export const DEFAULT_PATCH_SCHEDULE: PatchSchedule = patchScheduleFor(DEFAULTS.servers.patchWindow);

/** Critical and security fixes only: feature updates are changes that go through change management. */
export const PATCH_CLASSIFICATIONS = ["Critical", "Security"] as const;

export interface ServerFoundationArgs {
  unitId: string;
  location: string;
  /**
   * Existing resource group.
   * @default a new `rg-<unit>-servers`
   */
  resourceGroupName?: pulumi.Input<string>;
  /**
   * When the platform patches the unit's servers.
   * @default patchScheduleFor(DEFAULTS.servers.patchWindow): weekly, Saturday 22:00 Danish time, 3 h 55 min
   */
  patchSchedule?: PatchSchedule;
  tags: Record<string, string>;
}

export class ServerFoundation extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly maintenanceConfigurationId: pulumi.Output<string>;

  constructor(name: string, args: ServerFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SERVER_FOUNDATION_TYPE, name, {}, opts);
    const schedule = args.patchSchedule ?? DEFAULT_PATCH_SCHEDULE;
    rejectArgs(this, SERVER_FOUNDATION_TYPE, name, patchScheduleProblems(schedule));
    const { unitId, location, tags } = args;

    const resourceGroupName = resourceGroupFor(this, name, args.resourceGroupName, {
      resourceGroupName: platformResourceGroupName(unitId, "servers"),
      location,
      tags,
    });

    const config = new maintenance.MaintenanceConfiguration(
      `${name}-patching`,
      {
        resourceName: azureName("maintenanceConfiguration", unitId, "patching"),
        resourceGroupName,
        location,
        maintenanceScope: "InGuestPatch",
        visibility: "Custom",
        // Required for InGuestPatch: the platform, not the VM, decides when.
        extensionProperties: { InGuestPatchMode: "User" },
        startDateTime: schedule.startDateTime,
        duration: schedule.duration,
        timeZone: schedule.timeZone,
        recurEvery: schedule.recurEvery,
        installPatches: {
          rebootSetting: "IfRequired",
          windowsParameters: { classificationsToInclude: [...PATCH_CLASSIFICATIONS] },
          linuxParameters: { classificationsToInclude: [...PATCH_CLASSIFICATIONS] },
        },
        tags,
      },
      { parent: this },
    );

    this.resourceGroupName = resourceGroupName;
    this.maintenanceConfigurationId = config.id;
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      maintenanceConfigurationId: this.maintenanceConfigurationId,
    });
  }
}

const hm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Every problem of a patch schedule, by field path under the args. */
export function patchScheduleProblems(s: PatchSchedule, at = "patchSchedule"): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/.test(s.startDateTime)) {
    problems.push({
      path: `${at}.startDateTime`,
      value: s.startDateTime,
      message: `is ${JSON.stringify(s.startDateTime)}; expected "YYYY-MM-DD hh:mm", e.g. "2025-01-11 22:00".`,
    });
  }
  const d = /^(\d{2}):([0-5]\d)$/.exec(s.duration);
  const minutes = d ? Number(d[1]) * 60 + Number(d[2]) : NaN;
  if (!(minutes >= MIN_PATCH_WINDOW_MINUTES && minutes <= MAX_PATCH_WINDOW_MINUTES)) {
    problems.push({
      path: `${at}.duration`,
      value: s.duration,
      message: `is ${JSON.stringify(s.duration)}; guest patching windows are "hh:mm" from ${hm(MIN_PATCH_WINDOW_MINUTES)} to ${hm(MAX_PATCH_WINDOW_MINUTES)}.`,
    });
  }
  if (s.timeZone.trim().length === 0) {
    problems.push({ path: `${at}.timeZone`, value: s.timeZone, message: `is empty; use a Windows time zone id such as ${JSON.stringify(TIME_ZONE)}.` });
  }
  if (!/^\d*(Day|Week|Month)s?(\s.+)?$/.test(s.recurEvery)) {
    problems.push({
      path: `${at}.recurEvery`,
      value: s.recurEvery,
      message:
        `is ${JSON.stringify(s.recurEvery)}; expected an Azure recurrence such as ` +
        '"Week Sunday", "2Weeks Saturday" or "Month Second Tuesday Offset4".',
    });
  }
  return problems;
}
