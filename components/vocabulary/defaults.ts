/**
 * Every default of the configuration contract, in one place. The schemas
 * and the components refer to these constants; nothing else invents a
 * default.
 */
import { DEFENDER_PLANS, EU_LOCATIONS, MAX_PATCH_WINDOW_MINUTES, MIN_LOG_RETENTION_DAYS, type EuLocation } from "./limits.js";

// The limits are part of the same contract; one import serves both.
export * from "./limits.js";

/**
 * Every default of the contract, once. The schemas (packages/config/schema)
 * and the components' optional args read these, so a unit that leaves a
 * setting out and a caller that leaves an arg out get the same value;
 * test/vocabulary/defaults.test.ts fails for an entry nothing reads.
 */
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
    // All of them: a unit sharing a subscription with another switches its own off.
    defenderPlans: [...DEFENDER_PLANS],
  },
  backup: {
    redundancy: { type: "geo" as const, crossRegionRestore: true },
    immutability: "unlocked" as const,
    softDeleteRetentionDays: 14,
    /** When each tier runs; the retention below is what a unit may change. */
    schedules: {
      standard: { frequency: "Daily" as const, startTime: "01:00", instantRestoreDays: 2 },
      critical: { frequency: "Hourly" as const, hourInterval: 4 as const, startTime: "00:00", windowHours: 24, instantRestoreDays: 7 },
    },
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
      defaultLimits: { cpu: "500m", memory: "512Mi" },
      defaultRequests: { cpu: "100m", memory: "128Mi" },
    },
  },
  vm: {
    osDiskSizeGb: 128,
    dataDisks: [],
    zone: "1" as const,
    ports: [],
    /** Zone-redundant premium SSD: a data disk survives the loss of its zone (the region has no pair). */
    dataDiskSku: "Premium_ZRS" as const,
    port: { protocol: "Tcp" as const, from: "all" as const },
  },
  container: { replicas: 2, exposure: { type: "none" as const }, egress: [], healthPath: "/healthz" },
} as const;
