/**
 * `stacks/<unit>/unit.yaml`: one operating unit's platform settings.
 * Every field that a unit could reasonably set differently lives here; the
 * defaults come from ../defaults.ts.
 */
import { z } from "zod";
import { cidrContains, cidrOverlaps, parseCidr } from "../../../components/vocabulary/cidr.js";
import { DEFAULTS, MAX_LOG_RETENTION_DAYS, MIN_LOG_RETENTION_DAYS } from "../../../components/vocabulary/defaults.js";
import { billing, cidr, contact, entraObjectId, euLocation, maintenanceWindow, serverPatchWindow, zone } from "./common.js";

const disabled = z.strictObject({ mode: z.literal("disabled") });

const firewall = z
  .strictObject({
    sku: z.enum(["Standard", "Premium"]).meta({ description: "Azure Firewall tier; Premium adds IDPS and TLS inspection" }).default(DEFAULTS.firewall.sku),
    zones: z
      .array(zone)
      .min(1)
      .meta({ description: "Availability zones the firewall spans" })
      .default([...DEFAULTS.firewall.zones] as ("1" | "2" | "3")[]),
    threatIntelMode: z.enum(["Alert", "Deny"]).meta({ description: "What the firewall does with traffic to or from known-malicious addresses" }).default(DEFAULTS.firewall.threatIntelMode),
    idpsMode: z.enum(["Off", "Alert", "Deny"]).meta({ description: "Intrusion detection and prevention; needs sku Premium" }).default(DEFAULTS.firewall.idpsMode),
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
    sku: z
      .enum(["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"])
      .meta({ description: "Zone-redundant VPN gateway size (throughput and tunnel count)" })
      .default(DEFAULTS.vpnGateway.sku),
    bgpAsn: z.int().min(64512).max(65534).meta({ description: "BGP autonomous system number of the gateway, from the private range" }).default(DEFAULTS.vpnGateway.bgpAsn),
  }),
]);

const expressRoute = z.discriminatedUnion("mode", [
  disabled,
  z.strictObject({
    mode: z.literal("enabled"),
    sku: z.enum(["ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale"]).meta({ description: "Zone-redundant ExpressRoute gateway size" }).default("ErGw1AZ"),
  }),
]);

const bastion = z.discriminatedUnion("mode", [
  disabled,
  z.strictObject({
    mode: z.literal("enabled"),
    sku: z.enum(["Standard", "Premium"]).meta({ description: "Azure Bastion tier" }).default(DEFAULTS.bastion.sku),
  }),
]);

const ddosProtection = z.discriminatedUnion("mode", [disabled, z.strictObject({ mode: z.literal("enabled") })]);

const hub = z.strictObject({
  addressSpace: cidr.meta({ description: "The hub's reserved range inside the unit supernet; at least a /22 for the fixed subnets" }),
  firewall: firewall.meta({ description: "Azure Firewall: all traffic between spokes, sites and the internet passes it" }).default(() => firewall.parse({})),
  vpnGateway: vpnGateway
    .meta({ description: "Site-to-site VPN gateway for the municipalities' on-premises sites" })
    .default(() => vpnGateway.parse({ mode: DEFAULTS.vpnGateway.mode })),
  expressRoute: expressRoute.meta({ description: "ExpressRoute gateway for sites connected by ExpressRoute" }).default(DEFAULTS.expressRoute),
  bastion: bastion
    .meta({ description: "Azure Bastion: the path for administrative RDP and SSH, so no management port faces the internet" })
    .default(() => bastion.parse({ mode: DEFAULTS.bastion.mode })),
  ddosProtection: ddosProtection
    .meta({ description: "DDoS Network Protection plan attached to the unit's virtual networks" })
    .default(DEFAULTS.ddosProtection),
});

const nodePool = z.strictObject({
  vmSize: z
    .string()
    .regex(/^Standard_[A-Za-z0-9_]+$/, { error: "expected an Azure VM size such as Standard_D4ds_v5" })
    .meta({ description: "Azure VM size of the nodes, e.g. Standard_D4ds_v5" }),
  minCount: z.int().min(1).max(100).meta({ description: "Fewest nodes the autoscaler keeps" }),
  maxCount: z.int().min(1).max(1000).meta({ description: "Most nodes the autoscaler adds" }),
});

const clusterEnabled = z.strictObject({
  mode: z.literal("enabled"),
  addressSpace: cidr.meta({ description: "The cluster's own spoke inside the unit supernet" }),
  kubernetesVersion: z
    .string()
    .regex(/^\d+\.\d+(\.\d+)?$/)
    .meta({ description: "Kubernetes minor (or patch) version, e.g. 1.33" })
    .default(DEFAULTS.cluster.kubernetesVersion),
  zones: z
    .array(zone)
    .min(1)
    .meta({ description: "Availability zones the node pools span" })
    .default([...DEFAULTS.cluster.zones] as ("1" | "2" | "3")[]),
  systemPool: nodePool.meta({ description: "Node pool for the cluster's own system pods" }).default({ ...DEFAULTS.cluster.systemPool }),
  userPool: nodePool.meta({ description: "Node pool for the municipalities' workloads" }).default({ ...DEFAULTS.cluster.userPool }),
  upgradeChannel: z
    .enum(["patch", "stable", "rapid", "node-image"])
    .meta({ description: "AKS automatic upgrade channel for Kubernetes versions" })
    .default(DEFAULTS.cluster.upgradeChannel),
  // No "Unmanaged": nodes without automatic security patches are not an option the platform offers.
  nodeOsUpgradeChannel: z
    .enum(["NodeImage", "SecurityPatch"], {
      error: "nodeOsUpgradeChannel is NodeImage or SecurityPatch; Unmanaged is not offered, because node OS security patches are the platform's job",
    })
    .meta({ description: "How node operating systems receive security updates: NodeImage (weekly patched node images) or SecurityPatch (security patches only); never unmanaged" })
    .default(DEFAULTS.cluster.nodeOsUpgradeChannel),
  maintenanceWindow: maintenanceWindow
    .meta({ description: "When AKS may upgrade the cluster and its nodes" })
    .default({ ...DEFAULTS.cluster.maintenanceWindow }),
  podCidr: cidr
    .meta({ description: "Overlay pod range: never routed outside the cluster, but must not collide with anything the pods talk to" })
    .default(DEFAULTS.cluster.podCidr),
  serviceCidr: cidr
    .meta({ description: "Kubernetes service range: internal to the cluster, outside every routed network" })
    .default(DEFAULTS.cluster.serviceCidr),
  allowedRegistries: z
    .array(z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, { error: "expected a registry host such as mcr.microsoft.com" }))
    .min(1)
    .meta({ description: "Registries (host, optionally with a path) that municipality container images may come from" })
    .default([...DEFAULTS.cluster.allowedRegistries]),
});

const cluster = z.discriminatedUnion("mode", [disabled, clusterEnabled]);

const identity = z.strictObject({
  platformAdminGroupId: entraObjectId.meta({ description: "Entra group of the unit's platform administrators (Owner-level, PIM-eligible)" }),
  operatorGroupId: entraObjectId.meta({ description: "Entra group of the unit's operators" }),
  socGroupId: entraObjectId.meta({ description: "Entra group of the unit's SOC: reads logs, responds to incidents" }),
});

const defenderPlan = z.enum(["VirtualMachines", "StorageAccounts", "Containers", "KeyVaults", "Arm", "SqlServers"]);

const monitoring = z.strictObject({
  retentionDays: z
    .int()
    .min(MIN_LOG_RETENTION_DAYS, {
      error: `central logs are kept at least ${MIN_LOG_RETENTION_DAYS} days (13 months, CFCS); raise retentionDays`,
    })
    .max(MAX_LOG_RETENTION_DAYS, {
      error: `the workspace keeps logs interactively for at most ${MAX_LOG_RETENTION_DAYS} days; longer retention is archive or export (per table, or to storage), which is not configured here`,
    })
    .meta({
      description: `Days the central Log Analytics workspace keeps logs interactively, ${MIN_LOG_RETENTION_DAYS}-${MAX_LOG_RETENTION_DAYS} (at least 13 months, CFCS); longer retention is archive or export, not configured here`,
    })
    .default(DEFAULTS.monitoring.retentionDays),
  // Sentinel cannot be turned off: NIS2 requires incident detection and handling,
  // and Sentinel on the unit's workspace is how the SOC does both.
  sentinel: z
    .strictObject({
      mode: z
        .literal("enabled", {
          error: "Microsoft Sentinel is always on: the unit's SOC detects and handles incidents with it (NIS2); the only value is enabled",
        })
        .meta({ description: "Always enabled; there is no off switch (NIS2 incident detection and handling)" }),
    })
    .meta({ description: "Microsoft Sentinel on the unit's workspace; always enabled (NIS2 incident detection and handling)" })
    .default(DEFAULTS.monitoring.sentinel),
  socEmails: z
    .array(z.email())
    .min(1, { error: "at least one SOC address must receive alerts" })
    .meta({ description: "Addresses that receive security alerts" }),
  securityContact: contact.meta({ description: "Defender for Cloud security contact of the unit" }),
  defenderPlans: z
    .array(defenderPlan)
    .meta({ description: "Defender for Cloud plans enabled on the unit's subscriptions" })
    .default([...DEFAULTS.monitoring.defenderPlans] as z.infer<typeof defenderPlan>[]),
});

const retention = z.strictObject({
  dailyRetentionDays: z.int().min(7).max(9999).meta({ description: "Days daily recovery points are kept" }),
  weeklyRetentionWeeks: z.int().min(0).max(5163).meta({ description: "Weeks weekly recovery points are kept (0: none)" }),
  monthlyRetentionMonths: z.int().min(0).max(1188).meta({ description: "Months monthly recovery points are kept (0: none)" }),
  yearlyRetentionYears: z.int().min(0).max(99).meta({ description: "Years yearly recovery points are kept (0: none)" }),
});

const backup = z.strictObject({
  redundancy: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("zone") }),
      z.strictObject({
        type: z.literal("geo"),
        crossRegionRestore: z.boolean().meta({ description: "Allow restores in the secondary region" }).default(DEFAULTS.backup.redundancy.crossRegionRestore),
      }),
    ])
    .meta({ description: "Storage redundancy of the Recovery Services vault: zone-redundant, or geo-redundant to the paired region" })
    .default({ ...DEFAULTS.backup.redundancy }),
  immutability: z
    .enum(["unlocked", "locked"])
    .meta({ description: "Vault immutability; locked cannot be undone: Azure then refuses to shorten retention or delete recovery points early" })
    .default(DEFAULTS.backup.immutability),
  softDeleteRetentionDays: z
    .int()
    .min(14)
    .max(180)
    .meta({ description: "Days deleted backup data stays recoverable" })
    .default(DEFAULTS.backup.softDeleteRetentionDays),
  tiers: z
    .strictObject({
      standard: retention.meta({ description: "Retention of backup tier standard" }).default({ ...DEFAULTS.backup.tiers.standard }),
      critical: retention.meta({ description: "Retention of backup tier critical" }).default({ ...DEFAULTS.backup.tiers.critical }),
    })
    .meta({ description: "Retention per backup tier; workloads choose a tier" })
    .default({ standard: { ...DEFAULTS.backup.tiers.standard }, critical: { ...DEFAULTS.backup.tiers.critical } }),
});

const servers = z.strictObject({
  patchWindow: serverPatchWindow
    .meta({ description: "When the platform installs security and critical updates on servers (Azure guest patching: 1 h 30 min to 3 h 55 min)" })
    .default({ ...DEFAULTS.servers.patchWindow }),
});

const performance = z.strictObject({
  stripProviderAliases: z
    .boolean()
    .meta({
      description:
        "Remove the provider's versioned type aliases (about 60 per azure-native resource); turn off only for a stack created with versioned resource types that still has them in its state",
    })
    .default(DEFAULTS.performance.stripProviderAliases),
});

export const unitSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/, {
        error: "unit id: 3-16 lower-case letters, digits and hyphens; it is the folder name and the stack name",
      })
      .meta({ description: "The unit's id: 3-16 lower-case letters, digits and hyphens; equal to its folder name and stack name" }),
    name: z.string().min(3).meta({ description: "The unit's display name" }),
    location: euLocation.meta({ description: "Primary Azure region" }).default(DEFAULTS.location),
    secondaryLocation: euLocation
      .meta({ description: "Secondary EU region: backup cross-region restore and disaster recovery" })
      .default(DEFAULTS.secondaryLocation),
    allowedLocations: z
      .array(euLocation)
      .min(1)
      .meta({ description: "Regions resources may be created in (enforced by policy)" })
      .default([...DEFAULTS.allowedLocations]),
    addressSpace: cidr.meta({ description: "The unit's IPv4 supernet; every Azure range of the unit lies inside it" }),
    billing: billing.meta({ description: "Where the platform's own costs are invoiced" }),
    tenancy: z
      .discriminatedUnion("layout", [
        z.strictObject({ layout: z.literal("unit-stack") }),
        z.strictObject({ layout: z.literal("stack-per-municipality") }),
      ])
      .meta({
        description: "How the unit maps to Pulumi stacks: unit-stack deploys platform and municipalities in the unit's stack; stack-per-municipality gives each municipality its own stack",
      })
      .default({ ...DEFAULTS.tenancy }),
    hub: hub.meta({ description: "The hub network: firewall, gateways, Bastion and shared services" }),
    cluster: cluster.meta({ description: "The unit's shared AKS cluster for municipalities' container workloads (a namespace each)" }).default({ mode: "disabled" }),
    identity: identity.meta({ description: "Entra groups that get access to the unit's platform" }),
    monitoring: monitoring.meta({ description: "Central logging, Sentinel and Defender for Cloud" }),
    backup: backup.meta({ description: "The unit's Recovery Services vault and backup tiers" }).default(() => backup.parse({})),
    servers: servers.meta({ description: "Settings for every municipality server" }).default(() => servers.parse({})),
    performance: performance.meta({ description: "Deployment performance switches" }).default({ ...DEFAULTS.performance }),
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
