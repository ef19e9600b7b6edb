/**
 * The fixed limits and constants of the contract: what Azure, CFCS and the
 * programme allow, as opposed to the defaults (defaults.ts) a unit may
 * change. Schemas and components check against these same numbers.
 */

/** EU regions data may live in, in order of preference (GDPR chapter V, KL's cloud recommendations). */
export const EU_LOCATIONS = ["denmarkeast", "swedencentral", "northeurope", "westeurope", "germanywestcentral"] as const;
export type EuLocation = (typeof EU_LOCATIONS)[number];

/** CFCS: central logs are kept for at least 13 months. */
export const MIN_LOG_RETENTION_DAYS = 395;

/**
 * Log Analytics' longest interactive retention. Keeping logs longer is
 * archive or export (per table, or to storage), which this setting does not
 * configure.
 */
export const MAX_LOG_RETENTION_DAYS = 730;

/**
 * Azure's in-guest patch window (maintenance configuration scope
 * InGuestPatch) lasts from 1 h 30 min to 3 h 55 min; AKS maintenance windows
 * need at least 4 hours, so the two windows have separate schemas.
 */
export const MIN_PATCH_WINDOW_MINUTES = 90;
export const MAX_PATCH_WINDOW_MINUTES = 235;

/** AKS-managed maintenance schedules last 4 to 24 hours. */
export const MIN_CLUSTER_WINDOW_HOURS = 4;
export const MAX_CLUSTER_WINDOW_HOURS = 24;

/** The programme deadline for servers and network: end of 2027. */
export const PROGRAMME_DEADLINE = "2027-12-31";

/**
 * Denmark's Windows time zone id. Patch and backup schedules name it, so they
 * follow Danish daylight saving time.
 */
export const TIME_ZONE = "Romance Standard Time";

/** AKS maintenance windows take a fixed offset, not a time zone: Danish standard time. */
export const CLUSTER_UTC_OFFSET = "+01:00";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type WeekDay = (typeof WEEKDAYS)[number];

/** Defender for Cloud plans the platform can enable (per subscription). */
export const DEFENDER_PLANS = ["VirtualMachines", "StorageAccounts", "Containers", "KeyVaults", "Arm", "SqlServers"] as const;
export type DefenderPlan = (typeof DEFENDER_PLANS)[number];
