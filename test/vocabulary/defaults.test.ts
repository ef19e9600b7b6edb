/**
 * One default per setting: every entry of DEFAULTS is read by the source
 * (a schema or a component), and a unit that leaves a setting out gets what
 * a direct caller of the component gets when it leaves the arg out.
 */
import { describe, expect, it } from "vitest";
import { DEFAULTS, MAX_PATCH_WINDOW_MINUTES, TIME_ZONE } from "../../components/vocabulary/defaults.js";
import { unitSchema } from "../../packages/config/schema/unit.js";
import { toPlatformArgs } from "../../stacks/platform-args.js";
import { DEFAULT_PATCH_SCHEDULE, ServerFoundation } from "../../components/servers/servers.js";
import { Monitoring } from "../../components/monitoring/monitoring.js";
import { HubVpnGateway } from "../../components/network/vpn-gateway.js";
import { resolveFirewallSettings } from "../../components/network/firewall.js";
import { Backup } from "../../components/backup/backup.js";
import { DEFAULT_BACKUP_TIERS, DEFAULT_BACKUP_TIME_ZONE } from "../../components/backup/policies.js";
import { DEFAULT_MAINTENANCE_WINDOW, DEFAULT_SYSTEM_POOL, DEFAULT_ZONES } from "../../components/cluster/args.js";
import { runWithMocks, type RecordedResource } from "../support/mocks.js";
import { defaultsReferences, leafPaths, unreadLeaves } from "./defaults-usage.js";

describe("every default is read", () => {
  const leaves = leafPaths(DEFAULTS);
  const references = defaultsReferences().map((r) => r.path);

  it("finds the leaves and the references it checks", () => {
    expect(leaves).toContain("servers.patchWindow.dayOfWeek");
    expect(leaves).toContain("vpnGateway.activeActive");
    expect(references.length).toBeGreaterThan(50);
  });

  it("names no entry of DEFAULTS that nothing outside defaults.ts reads", () => {
    expect(unreadLeaves(leaves, references)).toEqual([]);
  });

  it("names an unread entry, and counts a whole-object reference as reading every leaf below it", () => {
    const toy = { a: { b: 1, c: [1] }, d: { e: { f: "x" } }, g: true };
    expect(unreadLeaves(leafPaths(toy), ["a", "d.e.f"])).toEqual(["g"]);
    expect(unreadLeaves(leafPaths(toy), ["a.b", "d"])).toEqual(["a.c", "g"]);
    // A prefix of a key's name is not the key.
    expect(unreadLeaves(leafPaths({ ab: 1 }), ["a"])).toEqual(["ab"]);
  });
});

/** A unit.yaml with only what the schema requires. */
const MINIMAL_UNIT = {
  id: "nord",
  name: "Driftsenhed Nord",
  addressSpace: "10.64.0.0/14",
  billing: { ean: "5798000000018", costCentre: "DRIFT-NORD" },
  hub: { addressSpace: "10.64.0.0/22" },
  cluster: { mode: "enabled", addressSpace: "10.64.16.0/20" },
  identity: {
    platformAdminGroupId: "0b1e6c2a-4f0d-4c55-9a51-3f1f0a2b7c11",
    operatorGroupId: "1c2f7d3b-5a1e-4d66-8b62-4a2a1b3c8d22",
    socGroupId: "2d3a8e4c-6b2f-4e77-9c73-5b3b2c4d9e33",
  },
  monitoring: { socEmails: ["soc@nord.example.dk"], securityContact: { name: "Sikkerhed", email: "sikkerhed@nord.example.dk" } },
};

const unit = unitSchema.parse(MINIMAL_UNIT);
const platform = toPlatformArgs(unit, [], { subscriptionId: "sub", tenantId: "tenant", unitFile: "nord/unit.yaml" });
const TAGS = { unit: "nord" };
const WS = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log";

async function registered(build: () => void): Promise<RecordedResource[]> {
  return (await runWithMocks(build, { stack: "defaults" })).resources;
}

function inputsOf(resources: RecordedResource[], type: string): Record<string, any> {
  const found = resources.filter((r) => r.type === type);
  expect(found).toHaveLength(1);
  return found[0]!.inputs as Record<string, any>;
}

/**
 * What the YAML path gives the component, and what the component does without it.
 *
 * | setting                                   | checked on                              |
 * |-------------------------------------------|-----------------------------------------|
 * | servers.patchWindow                       | MaintenanceConfiguration inputs         |
 * | monitoring.retentionDays, defenderPlans   | Workspace retention, Pricing resources  |
 * | vpnGateway sku, bgpAsn, activeActive      | VirtualNetworkGateway inputs            |
 * | firewall sku/zones/modes, bastion sku     | resolved settings                       |
 * | backup immutability, soft delete, geo,    | Vault properties, ProtectionPolicy      |
 * |   tiers, time zone                        |   properties                            |
 * | cluster version, system pool, zones,      | the cluster args against the component's|
 * |   channels, window, pod/service ranges    |   own defaults                          |
 */
describe("a unit that sets nothing and a caller that passes nothing get the same settings", () => {
  it("patch window: weekly, Saturday 22:00 Danish time, the longest window", async () => {
    expect(unit.servers.patchWindow).toEqual(DEFAULTS.servers.patchWindow);
    expect(platform.servers.patchSchedule).toEqual(DEFAULT_PATCH_SCHEDULE);
    const pick = (rs: RecordedResource[]) => {
      const i = inputsOf(rs, "azure-native:maintenance:MaintenanceConfiguration");
      return { startDateTime: i.startDateTime, duration: i.duration, timeZone: i.timeZone, recurEvery: i.recurEvery };
    };
    const direct = pick(await registered(() => new ServerFoundation("srv", { unitId: "nord", location: "denmarkeast", tags: TAGS })));
    const yaml = pick(await registered(() => new ServerFoundation("srv", { unitId: "nord", location: "denmarkeast", tags: TAGS, ...platform.servers })));
    expect(direct).toEqual(yaml);
    expect(direct).toEqual({ startDateTime: "2025-01-11 22:00", duration: "03:55", timeZone: TIME_ZONE, recurEvery: "Week Saturday" });
    expect(MAX_PATCH_WINDOW_MINUTES).toBe(235);
  });

  it("log retention and Defender plans", async () => {
    const base = { unitId: "nord", location: "denmarkeast", subscriptionId: "sub", socEmails: ["soc@x.dk"], securityContactEmails: ["sec@x.dk"], tags: TAGS };
    const retention = (rs: RecordedResource[]) => inputsOf(rs, "azure-native:operationalinsights:Workspace").retentionInDays;
    const plans = (rs: RecordedResource[]) => rs.filter((r) => r.type === "azure-native:security:Pricing").map((r) => r.inputs.pricingName).sort();
    const direct = await registered(() => new Monitoring("mon", base));
    const yaml = await registered(() => new Monitoring("mon", { ...base, retentionInDays: platform.monitoring.retentionInDays, defenderPlans: platform.monitoring.defenderPlans }));
    expect(retention(direct)).toBe(retention(yaml));
    expect(retention(direct)).toBe(DEFAULTS.monitoring.retentionDays);
    expect(plans(direct)).toEqual(plans(yaml));
  });

  it("VPN gateway: SKU, BGP ASN, active-active", async () => {
    expect(platform.hub.vpnGateway.mode).toBe(DEFAULTS.vpnGateway.mode);
    const { mode: _mode, ...fromYaml } = platform.hub.vpnGateway as { mode: "enabled"; sku: never; bgpAsn: number };
    const base = { unitId: "nord", location: "denmarkeast", resourceGroupName: "rg", gatewaySubnetId: "subnet", zones: ["1", "2", "3"] as ("1" | "2" | "3")[], workspaceId: WS, tags: TAGS };
    const pick = (rs: RecordedResource[]) => {
      const i = inputsOf(rs, "azure-native:network:VirtualNetworkGateway");
      return { sku: i.sku, activeActive: i.activeActive, asn: i.bgpSettings.asn, addresses: i.ipConfigurations.length };
    };
    const direct = pick(await registered(() => new HubVpnGateway("vpn", { ...base, settings: {} })));
    const yaml = pick(await registered(() => new HubVpnGateway("vpn", { ...base, settings: fromYaml })));
    expect(direct).toEqual(yaml);
    expect(direct).toEqual({ sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" }, activeActive: DEFAULTS.vpnGateway.activeActive, asn: 65515, addresses: 2 });
  });

  it("firewall and Bastion", () => {
    expect(resolveFirewallSettings({})).toEqual({ ...resolveFirewallSettings(platform.hub.firewall), managementNic: false });
    expect(platform.hub.bastion).toEqual({ mode: DEFAULTS.bastion.mode, sku: DEFAULTS.bastion.sku });
  });

  it("backup: immutability, soft delete, cross-region restore, tiers and time zone", async () => {
    const base = { unitId: "nord", location: "denmarkeast", workspaceId: WS, tags: TAGS };
    const redundancy = { type: "geo" as const, secondaryRegion: "swedencentral" };
    const pick = (rs: RecordedResource[]) => ({
      vault: inputsOf(rs, "azure-native:recoveryservices:Vault").properties,
      policies: rs.filter((r) => r.type === "azure-native:recoveryservices:ProtectionPolicy").map((r) => r.inputs.properties),
    });
    const direct = pick(await registered(() => new Backup("bkp", { ...base, redundancy })));
    const yaml = pick(await registered(() => new Backup("bkp", { ...base, ...platform.backup })));
    expect(direct).toEqual(yaml);
    expect(DEFAULT_BACKUP_TIME_ZONE).toBe(TIME_ZONE);
    expect(platform.backup.tiers).toEqual(DEFAULTS.backup.tiers);
    expect(DEFAULT_BACKUP_TIERS.standard).toMatchObject(DEFAULTS.backup.tiers.standard);
  });

  it("cluster: version, pools, zones, channels, maintenance window, ranges", () => {
    if (platform.cluster.mode !== "enabled") throw new Error("the minimal unit has a cluster");
    const c = platform.cluster;
    expect(c.kubernetesVersion).toBe(DEFAULTS.cluster.kubernetesVersion);
    expect(c.systemPool).toEqual({ ...DEFAULT_SYSTEM_POOL, availabilityZones: DEFAULT_ZONES });
    expect(c.upgradeChannel).toBe(DEFAULTS.cluster.upgradeChannel);
    expect(c.nodeOSUpgradeChannel).toBe(DEFAULTS.cluster.nodeOsUpgradeChannel);
    expect(c.maintenanceWindow).toEqual(DEFAULT_MAINTENANCE_WINDOW);
    expect(c.podCidr).toBe(DEFAULTS.cluster.podCidr);
    expect(c.serviceCidr).toBe(DEFAULTS.cluster.serviceCidr);
    expect(c.allowedRegistries).toEqual(DEFAULTS.cluster.allowedRegistries);
  });
});
