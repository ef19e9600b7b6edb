/**
 * Every default of the configuration contract, in one place. The schemas
 * refer to these constants; nothing else invents a default.
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

/** The programme deadline for servers and network: end of 2027. */
export const PROGRAMME_DEADLINE = "2027-12-31";

export const DEFAULTS = {
  location: "denmarkeast" as EuLocation,
  secondaryLocation: "swedencentral" as EuLocation,
  allowedLocations: [...EU_LOCATIONS] as EuLocation[],
  tenancy: { layout: "unit-stack" as const },
  firewall: { sku: "Premium" as const, zones: ["1", "2", "3"], threatIntelMode: "Deny" as const, idpsMode: "Deny" as const },
  vpnGateway: { mode: "enabled" as const, sku: "VpnGw2AZ" as const, bgpAsn: 65515, activeActive: true },
  expressRoute: { mode: "disabled" as const },
  bastion: { mode: "enabled" as const, sku: "Standard" as const },
  ddosProtection: { mode: "disabled" as const },
  cluster: {
    kubernetesVersion: "1.33",
    zones: ["1", "2", "3"],
    systemPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 5 },
    userPool: { vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 20 },
    upgradeChannel: "stable" as const,
    nodeOsUpgradeChannel: "NodeImage" as const,
    maintenanceWindow: { dayOfWeek: "Sunday" as const, startTime: "01:00", durationHours: 4 },
    podCidr: "100.112.0.0/12",
    serviceCidr: "100.96.0.0/16",
    allowedRegistries: ["mcr.microsoft.com"],
  },
  monitoring: {
    retentionDays: MIN_LOG_RETENTION_DAYS,
    sentinel: { mode: "enabled" as const },
    defenderPlans: ["VirtualMachines", "StorageAccounts", "Containers", "KeyVaults", "Arm", "SqlServers"],
  },
  backup: {
    redundancy: { type: "geo" as const, crossRegionRestore: true },
    immutability: "unlocked" as const,
    softDeleteRetentionDays: 14,
    tiers: {
      standard: { dailyRetentionDays: 30, weeklyRetentionWeeks: 12, monthlyRetentionMonths: 13, yearlyRetentionYears: 0 },
      critical: { dailyRetentionDays: 35, weeklyRetentionWeeks: 26, monthlyRetentionMonths: 24, yearlyRetentionYears: 7 },
    },
  },
  servers: {
    patchWindow: { dayOfWeek: "Saturday" as const, startTime: "22:00", durationMinutes: MAX_PATCH_WINDOW_MINUTES },
  },
  performance: { stripProviderAliases: true },
  municipality: {
    sites: [],
    workloads: [],
    containers: {
      quota: { cpu: "8", memory: "32Gi", pods: 50 },
      defaultLimits: { cpu: "500m", memory: "512Mi" },
      defaultRequests: { cpu: "100m", memory: "128Mi" },
    },
  },
  vm: { osDiskSizeGb: 128, dataDisks: [], zone: "1" as const, ports: [] },
  container: { replicas: 2, exposure: { type: "none" as const }, egress: [], healthPath: "/healthz" },
} as const;
