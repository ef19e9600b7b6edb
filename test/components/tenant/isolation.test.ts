import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import type { MunicipalityConfig } from "../../../packages/config/schema/municipality.js";
import { buildTenants } from "../../../stacks/tenants.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { tenantPlan } from "../../../components/tenant/plan.js";
import { fakeRefs, fakeRefsData, fullMunicipality, loadedUnit, otherMunicipality, stringsIn, tenantResources, unitConfig } from "./fixture.js";

const a = fullMunicipality();
const b = otherMunicipality();

let run: MockRunResult;
beforeAll(async () => {
  run = await runWithMocks(
    () => {
      buildTenants(loadedUnit([a, b]), fakeRefs());
    },
    { stack: "testenhed" },
  );
});

/** Strings that identify a municipality: its names, ranges, groups and resource ids. */
function markers(m: MunicipalityConfig, resources: RecordedResource[]): string[] {
  const plan = tenantPlan(toTenantArgs(unitConfig(), m, fakeRefsData()));
  return [
    `k${m.code}`,
    m.network.addressSpace,
    plan.subnets.servers,
    plan.subnets.privateEndpoints,
    ...plan.sites.flatMap((s) => s.azurePrefixes),
    m.operators.groupId,
    ...(m.operators.logReaderGroupId ? [m.operators.logReaderGroupId] : []),
    plan.resourceGroups.network,
    plan.resourceGroups.workloads,
    ...resources.filter((r) => r.id !== "").map((r) => r.id),
  ];
}

describe("isolation between two municipalities of one unit", () => {
  it("both tenants are built, with disjoint resources", () => {
    const ta = tenantResources(run, a.code);
    const tb = tenantResources(run, b.code);
    expect(ta.length).toBeGreaterThan(60);
    expect(tb.length).toBeGreaterThan(40);
    expect(ta.filter((r) => tb.some((x) => x.urn === r.urn))).toEqual([]);
  });

  it.each([
    [a, b],
    [b, a],
  ])("no input of k%s names, addresses or references anything of the other municipality", (self, other) => {
    const mine = tenantResources(run, self.code);
    const theirs = markers(other, tenantResources(run, other.code));
    const leaks: string[] = [];
    for (const r of mine) {
      for (const s of stringsIn(r.inputs)) {
        for (const mark of theirs) if (s.includes(mark)) leaks.push(`${r.name}: '${s}' contains '${mark}'`);
      }
    }
    expect(leaks).toEqual([]);
    // The detector itself finds a municipality's own markers in its own inputs.
    const own = markers(self, mine);
    expect(mine.filter((r) => stringsIn(r.inputs).some((s) => own.some((mark) => s.includes(mark)))).length).toBeGreaterThan(30);
  });

  it("cross-tenant dependencies exist only to order writes to the shared gateway and firewall policy", () => {
    const ta = new Set(tenantResources(run, a.code).map((r) => r.urn));
    const crossing = tenantResources(run, b.code).flatMap((r) => r.dependencies.filter((d) => ta.has(d)).map((d) => [r.type, d.split("::").pop()]));
    expect(crossing.length).toBeGreaterThan(0);
    for (const [type] of crossing) {
      expect(["azure-native:network:VirtualNetworkGatewayNatRule", "azure-native:network:VirtualNetworkGatewayConnection", "azure-native:network:FirewallPolicyRuleCollectionGroup"]).toContain(type);
    }
    // None in the other direction: the first tenant does not wait for the second.
    const tb = new Set(tenantResources(run, b.code).map((r) => r.urn));
    expect(tenantResources(run, a.code).filter((r) => r.dependencies.some((d) => tb.has(d)))).toEqual([]);
  });

  it("names on the shared hub resources are unique per municipality", () => {
    const nat = run.resources.filter((r) => r.type === "azure-native:network:VirtualNetworkGatewayNatRule").map((r) => r.inputs.natRuleName);
    expect(nat.sort()).toEqual(["nat-k147-datacenter", "nat-k400-datacenter"]);
    const groups = run.resources.filter((r) => r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup");
    expect(groups.map((g) => [g.inputs.ruleCollectionGroupName, g.inputs.priority]).sort()).toEqual([
      ["municipality-k147", 1147],
      ["municipality-k400", 1400],
    ]);
    const namespaces = run.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace").map((r) => (r.inputs.metadata as { name: string }).name);
    expect(namespaces.sort()).toEqual(["k147", "k400"]);
  });

  it("the same colliding site range is seen by Azure under two different external ranges", () => {
    const lgw = (code: string) =>
      run.resources.find((r) => r.type === "azure-native:network:LocalNetworkGateway" && r.name === `k${code}-sites-datacenter-lgw`)!.inputs.localNetworkAddressSpace;
    expect(lgw("147")).toEqual({ addressPrefixes: ["10.224.0.0/16"] });
    expect(lgw("400")).toEqual({ addressPrefixes: ["10.225.0.0/16"] });
  });

  it("each firewall group admits only its own sites", () => {
    const sources = (code: string) => {
      const rcg = run.resources.find((r) => r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup" && r.name === `k${code}-firewall-rcg`)!;
      return stringsIn((rcg.inputs.ruleCollections as { rules: { sourceAddresses: string[] }[] }[]).flatMap((c) => c.rules.map((x) => x.sourceAddresses)));
    };
    // Its own site, and the unit cluster's range (its ingress reads this municipality's certificates).
    expect([...new Set(sources("400"))].sort()).toEqual(["10.225.0.0/16", "10.64.16.0/20"]);
    expect(sources("147")).not.toContain("10.225.0.0/16");
  });
});
