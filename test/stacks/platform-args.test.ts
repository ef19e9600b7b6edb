import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { unitSchema, type UnitConfig, type UnitConfigInput } from "../../packages/config/schema/unit.js";
import { municipalitySchema, type MunicipalityConfig } from "../../packages/config/schema/municipality.js";
import {
  PlatformArgsError,
  internalIngressSources,
  patchScheduleFor,
  siteAzurePrefixes,
  toPlatformArgs,
} from "../../stacks/platform-args.js";

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
    ["sentinel disabled", (u) => (u.monitoring.sentinel = { mode: "disabled" }), "stacks/u1/unit.yaml  monitoring.sentinel.mode  'disabled' is not supported"],
    ["unmanaged node OS", (u) => (u.cluster.nodeOsUpgradeChannel = "Unmanaged"), "stacks/u1/unit.yaml  cluster.nodeOsUpgradeChannel  'Unmanaged' is not supported"],
    ["retention beyond the workspace's", (u) => (u.monitoring.retentionDays = 1000), "stacks/u1/unit.yaml  monitoring.retentionDays  1000 exceeds the 730 days"],
  ])("refuses %s with file and field", (_label, change, message) => {
    expect(() => toPlatformArgs(unit(change), [], context)).toThrow(PlatformArgsError);
    expect(() => toPlatformArgs(unit(change), [], context)).toThrow(message);
  });

  it("reports every refused setting at once", () => {
    try {
      toPlatformArgs(unit((u) => ((u.monitoring.sentinel = { mode: "disabled" }), (u.cluster.nodeOsUpgradeChannel = "Unmanaged"))), [], context);
      expect.unreachable();
    } catch (e) {
      expect((e as PlatformArgsError).problems).toHaveLength(2);
    }
  });
});

describe("patchScheduleFor", () => {
  it.each([
    [{ dayOfWeek: "Monday", startTime: "22:00", durationHours: 4 }, { startDateTime: "2025-01-06 22:00", duration: "03:55", recurEvery: "Week Monday" }],
    [{ dayOfWeek: "Thursday", startTime: "22:00", durationHours: 6 }, { startDateTime: "2025-01-09 22:00", duration: "03:55", recurEvery: "Week Thursday" }],
    [{ dayOfWeek: "Sunday", startTime: "01:30", durationHours: 4 }, { startDateTime: "2025-01-12 01:30", duration: "03:55", recurEvery: "Week Sunday" }],
  ] as const)("%o", (window, expected) => {
    expect(patchScheduleFor(window)).toEqual({ ...expected, timeZone: "Romance Standard Time" });
  });
});

describe("siteAzurePrefixes", () => {
  it.each<[string, { prefixes: string[]; nat?: { mappings: { internal: string; external: string }[] } }, string[]]>([
    ["no NAT", { prefixes: ["10.12.0.0/16", "10.13.0.0/20"] }, ["10.12.0.0/16", "10.13.0.0/20"]],
    ["a prefix equal to a mapping", { prefixes: ["10.0.0.0/16"], nat: { mappings: [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }] } }, ["10.224.0.0/16"]],
    ["a prefix inside a mapping", { prefixes: ["10.0.8.0/22"], nat: { mappings: [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }] } }, ["10.224.8.0/22"]],
    [
      "a prefix containing a mapping",
      { prefixes: ["10.0.0.0/8"], nat: { mappings: [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }] } },
      ["10.0.0.0/8", "10.224.0.0/16"],
    ],
  ])("%s", (_label, site, expected) => {
    expect(siteAzurePrefixes(site)).toEqual(expected);
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
