/**
 * VM backup tiers: what "standard" and "critical" mean, defined once.
 * Workloads choose a tier by name (PlatformRefs.backupPolicyIds); the
 * retention numbers come from the configuration contract's defaults.
 *
 * Both tiers use the Enhanced policy (V2): Trusted Launch VMs, which the
 * platform requires, can only be protected by Enhanced policies.
 * CFCS (tested backups), NIS2 § 6 (continuity), ISO 27001:2022 A.8.13.
 */
import type * as inputs from "@pulumi/azure-native/types/input.js";
import type { BackupTier } from "../platform/refs.js";
import { DEFAULTS, TIME_ZONE } from "../vocabulary/defaults.js";
import type { ArgsProblem } from "../errors.js";

export const BACKUP_TIERS: readonly BackupTier[] = ["standard", "critical"];

export interface BackupTierRetention {
  dailyRetentionDays: number;
  /** 0: no weekly points. */
  weeklyRetentionWeeks: number;
  /** 0: no monthly points. */
  monthlyRetentionMonths: number;
  /** 0: no yearly points. */
  yearlyRetentionYears: number;
}

export interface BackupTierSchedule {
  /** "Daily": one backup a day at startTime. "Hourly": every hourInterval hours from startTime. */
  frequency: "Daily" | "Hourly";
  /** Hourly only: 4, 6, 8 or 12. */
  hourInterval?: 4 | 6 | 8 | 12;
  /** "HH:MM" in the policy's time zone. */
  startTime: string;
  /** Hourly only: hours from startTime during which backups run (default 24). */
  windowHours?: number;
  /** Days snapshots are kept for instant restore (Enhanced policy: 1-30). */
  instantRestoreDays: number;
}

export type BackupTierPolicy = BackupTierSchedule & BackupTierRetention;

/** The tiers: schedule and retention, both from the contract's defaults. */
export const DEFAULT_BACKUP_TIERS: Readonly<Record<BackupTier, BackupTierPolicy>> = {
  standard: { ...DEFAULTS.backup.schedules.standard, ...DEFAULTS.backup.tiers.standard },
  critical: { ...DEFAULTS.backup.schedules.critical, ...DEFAULTS.backup.tiers.critical },
};

/** Windows time zone id of Denmark; the schedule follows daylight saving time. */
export const DEFAULT_BACKUP_TIME_ZONE = TIME_ZONE;

/** Azure's limits for Enhanced VM policies. */
const LIMITS = {
  dailyRetentionDays: [7, 9999],
  weeklyRetentionWeeks: [0, 5163],
  monthlyRetentionMonths: [0, 1188],
  yearlyRetentionYears: [0, 99],
  instantRestoreDays: [1, 30],
} as const;

/** The tier with the caller's overrides merged over its defaults. */
export function resolveTier(tier: BackupTier, override?: Partial<BackupTierPolicy>): BackupTierPolicy {
  return { ...DEFAULT_BACKUP_TIERS[tier], ...override };
}

/** Every problem of a resolved tier, by field path under the args (`tiers.<tier>.<field>`). */
export function tierProblems(tier: BackupTier, p: BackupTierPolicy): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  const at = (f: string, value: unknown, message: string) => problems.push({ path: `tiers.${tier}.${f}`, value, message });
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const v = p[key as keyof typeof LIMITS];
    if (!Number.isInteger(v) || v < min || v > max) at(key, v, `is ${JSON.stringify(v)}; allowed: a whole number from ${min} to ${max}.`);
  }
  if (!/^([01]\d|2[0-3]):(00|30)$/.test(p.startTime)) {
    at("startTime", p.startTime, `is ${JSON.stringify(p.startTime)}; Azure Backup starts on the hour or half hour ("HH:00" or "HH:30").`);
  }
  if (p.frequency === "Hourly") {
    if (![4, 6, 8, 12].includes(p.hourInterval ?? NaN)) {
      at("hourInterval", p.hourInterval, `is ${JSON.stringify(p.hourInterval)}; hourly tiers need 4, 6, 8 or 12.`);
    } else {
      const window = p.windowHours ?? 24;
      if (!Number.isInteger(window) || window < p.hourInterval! || window > 24) at("windowHours", window, `is ${window}; allowed: ${p.hourInterval} to 24 hours.`);
    }
  } else if (p.hourInterval !== undefined || p.windowHours !== undefined) {
    at("frequency", p.frequency, `is "Daily" but hourInterval/windowHours are set; remove them or use "Hourly".`);
  }
  return problems;
}

/** Enhanced (V2) Azure VM policy for a resolved tier. Pure. */
export function vmBackupPolicy(p: BackupTierPolicy, timeZone: string): inputs.recoveryservices.AzureIaaSVMProtectionPolicyArgs {
  // Azure wants a full timestamp; only the time of day counts, in timeZone.
  const at = `2025-01-01T${p.startTime}:00Z`;
  const firstSunday = { daysOfTheWeek: ["Sunday" as const], weeksOfTheMonth: ["First" as const] };
  const keep = (count: number, durationType: string) => ({ retentionTimes: [at], retentionDuration: { count, durationType } });
  const schedulePolicy: inputs.recoveryservices.SimpleSchedulePolicyV2Args =
    p.frequency === "Daily"
      ? { schedulePolicyType: "SimpleSchedulePolicyV2", scheduleRunFrequency: "Daily", dailySchedule: { scheduleRunTimes: [at] } }
      : {
          schedulePolicyType: "SimpleSchedulePolicyV2",
          scheduleRunFrequency: "Hourly",
          hourlySchedule: { interval: p.hourInterval!, scheduleWindowStartTime: at, scheduleWindowDuration: p.windowHours ?? 24 },
        };
  const retentionPolicy: inputs.recoveryservices.LongTermRetentionPolicyArgs = {
    retentionPolicyType: "LongTermRetentionPolicy",
    dailySchedule: keep(p.dailyRetentionDays, "Days"),
    ...(p.weeklyRetentionWeeks > 0
      ? { weeklySchedule: { daysOfTheWeek: ["Sunday" as const], ...keep(p.weeklyRetentionWeeks, "Weeks") } }
      : {}),
    ...(p.monthlyRetentionMonths > 0
      ? {
          monthlySchedule: {
            retentionScheduleFormatType: "Weekly",
            retentionScheduleWeekly: firstSunday,
            ...keep(p.monthlyRetentionMonths, "Months"),
          },
        }
      : {}),
    ...(p.yearlyRetentionYears > 0
      ? {
          yearlySchedule: {
            retentionScheduleFormatType: "Weekly",
            monthsOfYear: ["January" as const],
            retentionScheduleWeekly: firstSunday,
            ...keep(p.yearlyRetentionYears, "Years"),
          },
        }
      : {}),
  };
  return {
    backupManagementType: "AzureIaasVM",
    policyType: "V2",
    timeZone,
    instantRpRetentionRangeInDays: p.instantRestoreDays,
    schedulePolicy,
    retentionPolicy,
  };
}

