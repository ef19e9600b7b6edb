/**
 * `stacks/<unit>/unit.yaml`: one operating unit's platform settings.
 * Every field that a unit could reasonably set differently lives here; the
 * defaults come from ../defaults.ts.
 */
import { z } from "zod";
import { cidrContains, cidrOverlaps, parseCidr } from "../../ipam/cidr.js";
import { DEFAULTS, MIN_LOG_RETENTION_DAYS } from "../defaults.js";
import { billing, cidr, contact, entraObjectId, euLocation, maintenanceWindow, zone } from "./common.js";

const disabled = z.strictObject({ mode: z.literal("disabled") });

const firewall = z
  .strictObject({
    sku: z.enum(["Standard", "Premium"]).default(DEFAULTS.firewall.sku),
    zones: z.array(zone).min(1).default([...DEFAULTS.firewall.zones] as ("1" | "2" | "3")[]),
    threatIntelMode: z.enum(["Alert", "Deny"]).default(DEFAULTS.firewall.threatIntelMode),
    /** Intrusion detection and prevention; Premium only. */
    idpsMode: z.enum(["Off", "Alert", "Deny"]).default(DEFAULTS.firewall.idpsMode),
  })
  .superRefine((fw, ctx) => {
    if (fw.sku === "Standard" && fw.idpsMode !== "Off") {
      ctx.addIssue({
        code: "custom",
        path: ["idpsMode"],
        message: `IDPS needs the Premium firewall; set sku: Premium or idpsMode: Off (got idpsMode: ${fw.idpsMode})`,
        input: fw.idpsMode,
      });
    }
  });

const vpnGateway = z.discriminatedUnion("mode", [
  disabled,
  z.strictObject({
    mode: z.literal("enabled"),
    sku: z.enum(["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"]).default(DEFAULTS.vpnGateway.sku),
    bgpAsn: z.int().min(64512).max(65534).default(DEFAULTS.vpnGateway.bgpAsn),
  }),
]);

const expressRoute = z.discriminatedUnion("mode", [
  disabled,
  z.strictObject({
    mode: z.literal("enabled"),
    sku: z.enum(["ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale"]).default("ErGw1AZ"),
  }),
]);

const bastion = z.discriminatedUnion("mode", [
  disabled,
  z.strictObject({ mode: z.literal("enabled"), sku: z.enum(["Standard", "Premium"]).default(DEFAULTS.bastion.sku) }),
]);

const ddosProtection = z.discriminatedUnion("mode", [disabled, z.strictObject({ mode: z.literal("enabled") })]);

const hub = z.strictObject({
  /** The hub's reserved range inside the unit supernet (at least a /22 for the fixed subnets). */
  addressSpace: cidr,
  firewall: firewall.default(() => firewall.parse({})),
  vpnGateway: vpnGateway.default(() => vpnGateway.parse({ mode: "enabled" })),
  expressRoute: expressRoute.default(DEFAULTS.expressRoute),
  bastion: bastion.default(() => bastion.parse({ mode: "enabled" })),
  ddosProtection: ddosProtection.default(DEFAULTS.ddosProtection),
});

const nodePool = z.strictObject({
  vmSize: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, { error: "expected an Azure VM size such as Standard_D4ds_v5" }),
  minCount: z.int().min(1).max(100),
  maxCount: z.int().min(1).max(1000),
});

const clusterEnabled = z.strictObject({
  mode: z.literal("enabled"),
  /** The cluster's own spoke inside the unit supernet. */
  addressSpace: cidr,
  kubernetesVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/).default(DEFAULTS.cluster.kubernetesVersion),
  zones: z.array(zone).min(1).default([...DEFAULTS.cluster.zones] as ("1" | "2" | "3")[]),
  systemPool: nodePool.default({ ...DEFAULTS.cluster.systemPool }),
  userPool: nodePool.default({ ...DEFAULTS.cluster.userPool }),
  upgradeChannel: z.enum(["patch", "stable", "rapid", "node-image"]).default(DEFAULTS.cluster.upgradeChannel),
  nodeOsUpgradeChannel: z.enum(["NodeImage", "SecurityPatch", "Unmanaged"]).default(DEFAULTS.cluster.nodeOsUpgradeChannel),
  maintenanceWindow: maintenanceWindow.default({ ...DEFAULTS.cluster.maintenanceWindow }),
  /** Overlay pod range: never routed outside the cluster, but must not collide with anything it talks to. */
  podCidr: cidr.default(DEFAULTS.cluster.podCidr),
  serviceCidr: cidr.default(DEFAULTS.cluster.serviceCidr),
  /** Registries that municipality container images may come from. */
  allowedRegistries: z
    .array(z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, { error: "expected a registry host such as mcr.microsoft.com" }))
    .min(1)
    .default([...DEFAULTS.cluster.allowedRegistries]),
});

const cluster = z.discriminatedUnion("mode", [disabled, clusterEnabled]);

const identity = z.strictObject({
  /** Entra group of the unit's platform administrators (Owner-level, PIM-eligible). */
  platformAdminGroupId: entraObjectId,
  /** Entra group of the unit's operators. */
  operatorGroupId: entraObjectId,
  /** Entra group of the unit's SOC (reads logs, responds to incidents). */
  socGroupId: entraObjectId,
});

const defenderPlan = z.enum(["VirtualMachines", "StorageAccounts", "Containers", "KeyVaults", "Arm", "SqlServers"]);

const monitoring = z.strictObject({
  retentionDays: z
    .int()
    .min(MIN_LOG_RETENTION_DAYS, {
      error: `central logs are kept at least ${MIN_LOG_RETENTION_DAYS} days (13 months, CFCS); raise retentionDays`,
    })
    .max(4383)
    .default(DEFAULTS.monitoring.retentionDays),
  sentinel: z.discriminatedUnion("mode", [disabled, z.strictObject({ mode: z.literal("enabled") })]).default(DEFAULTS.monitoring.sentinel),
  socEmails: z.array(z.email()).min(1, { error: "at least one SOC address must receive alerts" }),
  securityContact: contact,
  defenderPlans: z.array(defenderPlan).default([...DEFAULTS.monitoring.defenderPlans] as z.infer<typeof defenderPlan>[]),
});

const retention = z.strictObject({
  dailyRetentionDays: z.int().min(7).max(9999),
  weeklyRetentionWeeks: z.int().min(0).max(5163),
  monthlyRetentionMonths: z.int().min(0).max(1188),
  yearlyRetentionYears: z.int().min(0).max(99),
});

const backup = z.strictObject({
  redundancy: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("zone") }),
      z.strictObject({ type: z.literal("geo"), crossRegionRestore: z.boolean().default(true) }),
    ])
    .default({ ...DEFAULTS.backup.redundancy }),
  /** `locked` cannot be undone: Azure then refuses to shorten retention or delete recovery points early. */
  immutability: z.enum(["unlocked", "locked"]).default(DEFAULTS.backup.immutability),
  softDeleteRetentionDays: z.int().min(14).max(180).default(DEFAULTS.backup.softDeleteRetentionDays),
  tiers: z
    .strictObject({
      standard: retention.default({ ...DEFAULTS.backup.tiers.standard }),
      critical: retention.default({ ...DEFAULTS.backup.tiers.critical }),
    })
    .default({ standard: { ...DEFAULTS.backup.tiers.standard }, critical: { ...DEFAULTS.backup.tiers.critical } }),
});

const servers = z.strictObject({
  patchWindow: maintenanceWindow.default({ ...DEFAULTS.servers.patchWindow }),
});

const performance = z.strictObject({
  /**
   * Remove the provider's versioned type aliases (about 60 per azure-native
   * resource). Turn off only for a stack that was created with versioned
   * resource types and still has them in its state.
   */
  stripProviderAliases: z.boolean().default(DEFAULTS.performance.stripProviderAliases),
});

export const unitSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/, {
      error: "unit id: 3-16 lower-case letters, digits and hyphens; it is the folder name and the stack name",
    }),
    name: z.string().min(3),
    location: euLocation.default(DEFAULTS.location),
    /** Secondary EU region: backup cross-region restore and disaster recovery. */
    secondaryLocation: euLocation.default(DEFAULTS.secondaryLocation),
    allowedLocations: z.array(euLocation).min(1).default([...DEFAULTS.allowedLocations]),
    /** The unit's IPv4 supernet; every Azure range of the unit lies inside it. */
    addressSpace: cidr,
    billing,
    tenancy: z
      .discriminatedUnion("layout", [
        z.strictObject({ layout: z.literal("unit-stack") }),
        z.strictObject({ layout: z.literal("stack-per-municipality") }),
      ])
      .default({ ...DEFAULTS.tenancy }),
    hub,
    cluster: cluster.default({ mode: "disabled" }),
    identity,
    monitoring,
    backup: backup.default(() => backup.parse({})),
    servers: servers.default(() => servers.parse({})),
    performance: performance.default({ ...DEFAULTS.performance }),
  })
  .superRefine((unit, ctx) => {
    for (const loc of [unit.location, unit.secondaryLocation] as const) {
      if (!unit.allowedLocations.includes(loc)) {
        ctx.addIssue({
          code: "custom",
          path: [loc === unit.location ? "location" : "secondaryLocation"],
          message: `'${loc}' is not in allowedLocations (${unit.allowedLocations.join(", ")})`,
          input: loc,
        });
      }
    }
    if (unit.secondaryLocation === unit.location) {
      ctx.addIssue({
        code: "custom",
        path: ["secondaryLocation"],
        message: `secondaryLocation must differ from location '${unit.location}' (it is the disaster-recovery region)`,
        input: unit.secondaryLocation,
      });
    }
    const supernet = parseCidr(unit.addressSpace);
    if (!supernet) return; // reported by the field itself
    const ranges: { path: (string | number)[]; value: string }[] = [{ path: ["hub", "addressSpace"], value: unit.hub.addressSpace }];
    if (unit.cluster.mode === "enabled") ranges.push({ path: ["cluster", "addressSpace"], value: unit.cluster.addressSpace });
    for (const r of ranges) {
      const parsed = parseCidr(r.value);
      if (!parsed) continue;
      if (!cidrContains(supernet, parsed)) {
        ctx.addIssue({ code: "custom", path: r.path, message: `${r.value} lies outside the unit's addressSpace ${unit.addressSpace}`, input: r.value });
      }
    }
    const hubRange = parseCidr(unit.hub.addressSpace);
    if (hubRange && hubRange.prefixLength > 22) {
      ctx.addIssue({
        code: "custom",
        path: ["hub", "addressSpace"],
        message: `the hub needs at least a /22 for its fixed subnets (firewall, gateway, Bastion, shared services); got /${hubRange.prefixLength}`,
        input: unit.hub.addressSpace,
      });
    }
    if (unit.cluster.mode === "enabled") {
      const c = unit.cluster;
      if (parseCidr(c.addressSpace) && hubRange && cidrOverlaps(c.addressSpace, unit.hub.addressSpace)) {
        ctx.addIssue({ code: "custom", path: ["cluster", "addressSpace"], message: `${c.addressSpace} overlaps the hub range ${unit.hub.addressSpace}`, input: c.addressSpace });
      }
      for (const key of ["podCidr", "serviceCidr"] as const) {
        if (parseCidr(c[key]) && cidrOverlaps(c[key], unit.addressSpace)) {
          ctx.addIssue({
            code: "custom",
            path: ["cluster", key],
            message: `${c[key]} overlaps the unit's addressSpace ${unit.addressSpace}; pick a range outside every routed network`,
            input: c[key],
          });
        }
      }
      if (parseCidr(c.podCidr) && parseCidr(c.serviceCidr) && cidrOverlaps(c.podCidr, c.serviceCidr)) {
        ctx.addIssue({ code: "custom", path: ["cluster", "serviceCidr"], message: `${c.serviceCidr} overlaps podCidr ${c.podCidr}`, input: c.serviceCidr });
      }
      for (const pool of ["systemPool", "userPool"] as const) {
        if (c[pool].minCount > c[pool].maxCount) {
          ctx.addIssue({
            code: "custom",
            path: ["cluster", pool, "minCount"],
            message: `minCount ${c[pool].minCount} is greater than maxCount ${c[pool].maxCount}`,
            input: c[pool].minCount,
          });
        }
      }
    }
  });

export type UnitConfigInput = z.input<typeof unitSchema>;
export type UnitConfig = z.output<typeof unitSchema>;
export type ClusterConfig = z.output<typeof clusterEnabled>;
