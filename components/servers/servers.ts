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

/** Weekly, Sunday night Danish time, the longest window Azure allows. */
export const DEFAULT_PATCH_SCHEDULE: PatchSchedule = {
  startDateTime: "2025-01-05 01:00",
  duration: "03:55",
  timeZone: "Romance Standard Time",
  recurEvery: "Week Sunday",
};

/** Critical and security fixes only: feature updates are changes that go through change management. */
export const PATCH_CLASSIFICATIONS = ["Critical", "Security"] as const;

export interface ServerFoundationArgs {
  unitId: string;
  location: string;
  /** Existing resource group; default: a new `rg-<unit>-servers`. */
  resourceGroupName?: pulumi.Input<string>;
  /** Default DEFAULT_PATCH_SCHEDULE. */
  patchSchedule?: PatchSchedule;
  tags: Record<string, string>;
}

export class ServerFoundation extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly maintenanceConfigurationId: pulumi.Output<string>;

  constructor(name: string, args: ServerFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    const schedule = args.patchSchedule ?? DEFAULT_PATCH_SCHEDULE;
    validatePatchSchedule(`ServerFoundation '${name}'`, schedule);
    super("driftsenhed:servers:ServerFoundation", name, {}, opts);
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

export function validatePatchSchedule(where: string, s: PatchSchedule): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/.test(s.startDateTime)) {
    throw new Error(
      `${where}: args.patchSchedule.startDateTime is ${JSON.stringify(s.startDateTime)}; expected "YYYY-MM-DD hh:mm", e.g. "2025-01-05 01:00".`,
    );
  }
  const d = /^(\d{2}):([0-5]\d)$/.exec(s.duration);
  const minutes = d ? Number(d[1]) * 60 + Number(d[2]) : NaN;
  if (!(minutes >= 90 && minutes <= 235)) {
    throw new Error(
      `${where}: args.patchSchedule.duration is ${JSON.stringify(s.duration)}; guest patching windows are "hh:mm" from 01:30 to 03:55.`,
    );
  }
  if (s.timeZone.trim().length === 0) {
    throw new Error(`${where}: args.patchSchedule.timeZone is empty; use a Windows time zone id such as "Romance Standard Time".`);
  }
  if (!/^\d*(Day|Week|Month)s?(\s.+)?$/.test(s.recurEvery)) {
    throw new Error(
      `${where}: args.patchSchedule.recurEvery is ${JSON.stringify(s.recurEvery)}; expected an Azure recurrence such as ` +
        '"Week Sunday", "2Weeks Saturday" or "Month Second Tuesday Offset4".',
    );
  }
}
