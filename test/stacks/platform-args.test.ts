import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { unitSchema, type UnitConfig, type UnitConfigInput } from "../../packages/config/schema/unit.js";
import { municipalitySchema, type MunicipalityConfig } from "../../packages/config/schema/municipality.js";
import { MAX_LOG_RETENTION_DAYS, MAX_PATCH_WINDOW_MINUTES } from "../../components/vocabulary/defaults.js";
import { MAX_RETENTION_DAYS } from "../../components/monitoring/monitoring.js";
import {
  PlatformArgsError,
  internalIngressSources,
  patchScheduleFor,
  toPlatformArgs,
} from "../../stacks/platform-args.js";
import { siteAzurePrefixes } from "../../packages/ipam/nat.js";

const context = { subscriptionId: "sub", tenantId: "tenant", unitFile: "stacks/u1/unit.yaml" };

function unitInput(): UnitConfigInput {
  return {
    id: "enhed",
    name: "Test unit",
    addressSpace: "10.64.0.0/12",
    billing: { ean: "5798009910844", costCentre: "platform-u1" },
    hub: { addressSpace: "10.64.0.0/20" },
    cluster: { mode: "enabled", addressSpace: "10.64.16.0/20" },
    identity: {
      platformAdminGroupId: "d1f83099-178e-5984-bcbc-ddc478069c4a",
      operatorGroupId: "a188d52b-df18-5d97-97b2-7b15b1a824b4",
      socGroupId: "6fd3d1a1-b38f-5b0b-98f9-178724544eb6",
    },
    monitoring: { socEmails: ["soc@u1.example"], securityContact: { name: "SOC", email: "contact@u1.example" } },
  };
}

function unit(change: (u: any) => void = () => {}): UnitConfig {
  const input = unitInput() as any;
  change(input);
  return unitSchema.parse(input);
}

describe("toPlatformArgs", () => {
  it("maps the defaults of a minimal unit", () => {
    const args = toPlatformArgs(unit(), [], context);
    expect(args).toMatchObject({
      unitId: "enhed",
      location: "denmarkeast",
      unitAddressSpace: "10.64.0.0/12",
      subscriptionId: "sub",
      tenantId: "tenant",
      protectData: true,
      tags: { kommunekode: "platform", unit: "enhed", costReference: "5798009910844/platform-u1" },
      hub: {
        addressSpace: "10.64.0.0/20",
        firewall: { sku: "Premium", zones: ["1", "2", "3"], threatIntelMode: "Deny", idpsMode: "Deny" },
        vpnGateway: { mode: "enabled", sku: "VpnGw2AZ", bgpAsn: 65515 },
        expressRoute: { mode: "disabled" },
        bastion: { mode: "enabled", sku: "Standard" },
        ddosProtection: { mode: "disabled" },
      },
      identity: {
        groups: {
          platformAdmins: "d1f83099-178e-5984-bcbc-ddc478069c4a",
          unitOperators: "a188d52b-df18-5d97-97b2-7b15b1a824b4",
          socReaders: "6fd3d1a1-b38f-5b0b-98f9-178724544eb6",
        },
      },
      monitoring: { retentionInDays: 395, socEmails: ["soc@u1.example"], securityContactEmails: ["contact@u1.example"] },
      backup: { redundancy: { type: "geo", secondaryRegion: "swedencentral", crossRegionRestore: true }, immutability: "unlocked", softDeleteRetentionDays: 14 },
    });
    expect(args.cluster).toMatchObject({
      mode: "enabled",
      addressSpace: "10.64.16.0/20",
      systemPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 5, availabilityZones: ["1", "2", "3"] },
      userPools: { user: { vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 20, availabilityZones: ["1", "2", "3"] } },
      maintenanceWindow: { dayOfWeek: "Sunday", startTime: "01:00", durationHours: 4, utcOffset: "+01:00" },
      nodeOSUpgradeChannel: "NodeImage",
      ingressSourcePrefixes: [],
    });
  });

  it.each<[string, (u: any) => void, (a: ReturnType<typeof toPlatformArgs>) => unknown, unknown]>([
    ["VPN gateway off", (u) => (u.hub.vpnGateway = { mode: "disabled" }), (a) => a.hub.vpnGateway, { mode: "disabled" }],
    ["ExpressRoute on", (u) => (u.hub.expressRoute = { mode: "enabled", sku: "ErGw2AZ" }), (a) => a.hub.expressRoute, { mode: "enabled", sku: "ErGw2AZ" }],
    ["Bastion off", (u) => (u.hub.bastion = { mode: "disabled" }), (a) => a.hub.bastion, { mode: "disabled" }],
    ["DDoS on", (u) => (u.hub.ddosProtection = { mode: "enabled" }), (a) => a.hub.ddosProtection, { mode: "enabled" }],
    ["Standard firewall", (u) => (u.hub.firewall = { sku: "Standard", idpsMode: "Off" }), (a) => a.hub.firewall.sku, "Standard"],
    ["no cluster", (u) => (u.cluster = { mode: "disabled" }), (a) => a.cluster, { mode: "disabled" }],
    ["security-patch node channel", (u) => (u.cluster.nodeOsUpgradeChannel = "SecurityPatch"), (a) => (a.cluster as any).nodeOSUpgradeChannel, "SecurityPatch"],
    ["zone-redundant backup", (u) => (u.backup = { redundancy: { type: "zone" } }), (a) => a.backup.redundancy, { type: "zone" }],
    ["locked immutability", (u) => (u.backup = { immutability: "locked" }), (a) => a.backup.immutability, "locked"],
    ["longer retention", (u) => (u.monitoring.retentionDays = 730), (a) => a.monitoring.retentionInDays, 730],
    ["cluster zones to pools", (u) => (u.cluster.zones = ["1", "2"]), (a) => (a.cluster as any).userPools.user.availabilityZones, ["1", "2"]],
  ])("%s", (_label, change, pick, expected) => {
    expect(pick(toPlatformArgs(unit(change), [], context))).toEqual(expected);
  });

  it.each<[string, (u: any) => void, string]>([
    ["Sentinel disabled", (u) => (u.monitoring.sentinel = { mode: "disabled" }), "monitoring.sentinel.mode"],
    ["unmanaged node OS", (u) => (u.cluster.nodeOsUpgradeChannel = "Unmanaged"), "cluster.nodeOsUpgradeChannel"],
    ["retention beyond the workspace's", (u) => (u.monitoring.retentionDays = 731), "monitoring.retentionDays"],
    ["patch window beyond Azure's", (u) => (u.servers = { patchWindow: { dayOfWeek: "Sunday", startTime: "01:00", durationMinutes: 236 } }), "servers.patchWindow.durationMinutes"],
  ])("the schema refuses %s before the mapping sees it", (_label, change, path) => {
    const input = unitInput() as any;
    change(input);
    const result = unitSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual([path]);
  });

  it("the schema's retention maximum is the workspace's", () => {
    expect(MAX_LOG_RETENTION_DAYS).toBe(MAX_RETENTION_DAYS);
  });

  // A configuration built in code skips the schema; the mapping still names the field instead of failing in a component.
  it.each<[string, (u: UnitConfig) => void, string]>([
    ["retention beyond the workspace's", (u) => (u.monitoring.retentionDays = 1000), "stacks/u1/unit.yaml  monitoring.retentionDays  1000 is outside 395-730 days"],
    ["patch window beyond Azure's", (u) => (u.servers.patchWindow.durationMinutes = 240), "stacks/u1/unit.yaml  servers.patchWindow.durationMinutes  240 is outside Azure's guest patching window of 90-235 minutes"],
    ["patch window below Azure's", (u) => (u.servers.patchWindow.durationMinutes = 89), "stacks/u1/unit.yaml  servers.patchWindow.durationMinutes  89 is outside"],
  ])("refuses a built configuration with %s, naming file and field", (_label, change, message) => {
    const built = unit();
    change(built);
    expect(() => toPlatformArgs(built, [], context)).toThrow(PlatformArgsError);
    expect(() => toPlatformArgs(built, [], context)).toThrow(message);
  });

  it("reports every refused setting at once", () => {
    const built = unit();
    built.monitoring.retentionDays = 1000;
    built.servers.patchWindow.durationMinutes = 300;
    try {
      toPlatformArgs(built, [], context);
      expect.unreachable();
    } catch (e) {
      expect((e as PlatformArgsError).problems).toHaveLength(2);
    }
  });

  it("maps the default patch window to Azure's longest, unclamped", () => {
    expect(toPlatformArgs(unit(), [], context).servers.patchSchedule).toEqual({
      startDateTime: "2025-01-11 22:00",
      duration: "03:55",
      timeZone: "Romance Standard Time",
      recurEvery: "Week Saturday",
    });
  });

  it.each(["hovedstaden", "midtjylland", "nordjylland", "sjaelland", "syddanmark"])("maps the example unit %s's patch window as written", (id) => {
    const parsed = unitSchema.parse(parse(readFileSync(`stacks/${id}/unit.yaml`, "utf8")));
    const window = parsed.servers.patchWindow;
    const schedule = toPlatformArgs(parsed, [], context).servers.patchSchedule;
    const minutes = Number(schedule.duration.slice(0, 2)) * 60 + Number(schedule.duration.slice(3));
    expect(minutes).toBe(window.durationMinutes);
    expect(minutes).toBeLessThanOrEqual(MAX_PATCH_WINDOW_MINUTES);
    expect(schedule.recurEvery).toBe(`Week ${window.dayOfWeek}`);
  });
});

describe("patchScheduleFor", () => {
  it.each([
    [{ dayOfWeek: "Monday", startTime: "22:00", durationMinutes: 235 }, { startDateTime: "2025-01-06 22:00", duration: "03:55", recurEvery: "Week Monday" }],
    [{ dayOfWeek: "Thursday", startTime: "22:00", durationMinutes: 180 }, { startDateTime: "2025-01-09 22:00", duration: "03:00", recurEvery: "Week Thursday" }],
    [{ dayOfWeek: "Sunday", startTime: "01:30", durationMinutes: 90 }, { startDateTime: "2025-01-12 01:30", duration: "01:30", recurEvery: "Week Sunday" }],
    [{ dayOfWeek: "Wednesday", startTime: "23:15", durationMinutes: 125 }, { startDateTime: "2025-01-08 23:15", duration: "02:05", recurEvery: "Week Wednesday" }],
  ] as const)("%o", (window, expected) => {
    expect(patchScheduleFor(window)).toEqual({ ...expected, timeZone: "Romance Standard Time" });
  });
});


describe("internalIngressSources", () => {
  it("takes the sites of municipalities that publish on the internal ingress, from the example files", () => {
    const read = (f: string) => municipalitySchema.parse(parse(readFileSync(f, "utf8"))) as MunicipalityConfig;
    const all = [
      read("stacks/hovedstaden/municipalities/101-koebenhavn.yaml"),
      read("stacks/hovedstaden/municipalities/147-frederiksberg.yaml"),
    ];
    const publishing = all.filter((m) => m.workloads.some((w) => w.kind === "container" && w.exposure.type === "internal"));
    const expected = [...new Set(publishing.flatMap((m) => m.network.sites.flatMap((s) => siteAzurePrefixes(s))))].sort();
    expect(internalIngressSources(all)).toEqual(expected);
    // København's town hall as announced; Frederiksberg's NAT'ed site as Azure sees it, never its colliding own range.
    expect(expected).toEqual(expect.arrayContaining(["10.12.0.0/16", "10.224.0.0/16"]));
    expect(expected).not.toContain("10.0.0.0/16");
    const none = all.map((m) => ({ ...m, workloads: m.workloads.filter((w) => w.kind !== "container") }));
    expect(internalIngressSources(none)).toEqual([]);
  });
});
