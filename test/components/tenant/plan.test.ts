/** Table tests of the tenant's pure derivations (components/tenant/plan.ts). */
import { describe, expect, it } from "vitest";
import { firewallRules, resolveSite, tenantSubnets } from "../../../components/tenant/plan.js";
import type { TenantWorkload } from "../../../components/tenant/args.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { fakeRefsData, fullMunicipality, otherMunicipality, unitConfig } from "./fixture.js";

describe("tenantSubnets", () => {
  it.each([
    ["10.64.128.0/18", "10.64.128.0/19", "10.64.160.0/24"],
    ["10.64.0.0/20", "10.64.0.0/21", "10.64.8.0/24"],
    ["10.70.0.0/24", "10.70.0.0/25", "10.70.0.128/27"],
    ["10.70.0.0/26", "10.70.0.0/27", "10.70.0.32/29"],
  ])("%s -> servers %s, private endpoints %s", (range, servers, privateEndpoints) => {
    expect(tenantSubnets(range)).toEqual({ servers, privateEndpoints });
  });

  it("refuses a spoke smaller than a /26, naming the field and the minimum", () => {
    expect(() => tenantSubnets("10.70.0.0/27")).toThrow("network.addressSpace 10.70.0.0/27 is a /27; a municipality spoke needs at least a /26");
  });
});

describe("firewallRules", () => {
  const args = toTenantArgs(unitConfig(), fullMunicipality(), fakeRefsData());
  const sites = args.network.sites!.map(resolveSite);

  it("makes one rule per server, protocol and port, from the named sites' Azure-visible prefixes", () => {
    expect(firewallRules(args.workloads!, sites)).toEqual([
      { name: "esdh-sql-tcp-1433", workload: "esdh-sql", port: 1433, protocol: "Tcp", sites: ["datacenter"], sourcePrefixes: ["10.224.0.0/16"] },
      { name: "sftp-gw-tcp-22", workload: "sftp-gw", port: 22, protocol: "Tcp", sites: ["datacenter"], sourcePrefixes: ["10.224.0.0/16"] },
      {
        name: "sftp-gw-tcp-443",
        workload: "sftp-gw",
        port: 443,
        protocol: "Tcp",
        sites: ["datacenter", "fiber", "raadhus"],
        sourcePrefixes: ["10.20.0.0/16", "10.21.0.0/20", "10.224.0.0/16"],
      },
    ]);
  });

  it("merges a port declared twice, keeps Tcp and Udp apart, and defaults to Tcp from every site", () => {
    const dc: TenantWorkload[] = [
      {
        kind: "vm",
        name: "dc1",
        os: "windows-server-2025",
        size: "Standard_D2s_v5",
        backup: { tier: "standard" },
        ports: [{ port: 53, from: ["raadhus"] }, { port: 53, protocol: "Udp" }, { port: 53, protocol: "Tcp", from: ["fiber"] }],
      },
    ];
    expect(firewallRules(dc, sites).map((r) => [r.name, r.sites])).toEqual([
      ["dc1-tcp-53", ["fiber", "raadhus"]],
      ["dc1-udp-53", ["datacenter", "fiber", "raadhus"]],
    ]);
  });

  it("allows nothing when the municipality has no sites", () => {
    const noSites = toTenantArgs(unitConfig(), otherMunicipality({ network: { addressSpace: "10.65.0.0/18", sites: [] } }), fakeRefsData());
    expect(firewallRules(noSites.workloads!, [])).toEqual([]);
  });
});
