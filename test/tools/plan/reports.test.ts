/**
 * The document builder, the summary and the three reports, on a small
 * hand-made plan whose every count is known.
 *
 * Tier: unit (vitest.config.mts): pure functions, no Pulumi runtime and no child
 * process, so it shares worker threads and their imports with the other pure tests.
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { buildPlanDocument, type StackRecord, type UnitDescription } from "../../../packages/tools/plan/document.js";
import { renderCompliance, tallyRules } from "../../../packages/tools/plan/reports/compliance.js";
import { renderInventory } from "../../../packages/tools/plan/reports/inventory.js";
import { cell, table } from "../../../packages/tools/plan/reports/markdown.js";
import { renderTopologyDiagram } from "../../../packages/tools/plan/reports/topology.js";
import { renderSummary } from "../../../packages/tools/plan/summary.js";
import type { PlanResource, PlanViolation } from "../../../packages/tools/plan/types.js";
import { defineResourceRule, defineStackRule } from "../../../policies/rule.js";

const SUB = "/subscriptions/0";
let n = 0;
function r(type: string, name: string, municipality: string | undefined, inputs: Record<string, unknown> = {}, custom = true): PlanResource {
  n++;
  return {
    urn: `urn:pulumi:u1::driftsenhed::${type}::${name}`,
    type,
    name,
    custom,
    ...(custom ? { id: `${SUB}/${type.split(":")[2]}/${name}` } : {}),
    protect: false,
    retainOnDelete: false,
    ...(municipality ? { municipality } : {}),
    inputs,
  };
}

const hubVnet = r("azure-native:network:VirtualNetwork", "hub-vnet", undefined, { resourceGroupName: "rg-hub", virtualNetworkName: "vnet-hub", addressSpace: { addressPrefixes: ["10.64.0.0/20"] } });
const vpn = r("azure-native:network:VirtualNetworkGateway", "vgw", undefined, { virtualNetworkGatewayName: "vgw-u1", gatewayType: "Vpn" });
const er = r("azure-native:network:VirtualNetworkGateway", "ergw", undefined, { virtualNetworkGatewayName: "vgw-u1-er", gatewayType: "ExpressRoute" });
const firewall = r("azure-native:network:AzureFirewall", "afw", undefined, { azureFirewallName: "afw-u1", sku: { tier: "Premium" } });
const spoke = r("azure-native:network:VirtualNetwork", "k101-vnet", "101", { resourceGroupName: "rg-u1-k101-network", virtualNetworkName: 'vnet "k101"', addressSpace: { addressPrefixes: ["10.64.64.0/18"] } });
const toHub = r("azure-native:network:VirtualNetworkPeering", "k101-to-hub", "101", { resourceGroupName: "rg-u1-k101-network", virtualNetworkName: 'vnet "k101"', remoteVirtualNetwork: { id: hubVnet.id } });
const fromHub = r("azure-native:network:VirtualNetworkPeering", "k101-from-hub", "101", { resourceGroupName: "rg-hub", virtualNetworkName: "vnet-hub", remoteVirtualNetwork: { id: spoke.id } });
const site = r("azure-native:network:LocalNetworkGateway", "k101-site-lgw", "101", { localNetworkGatewayName: "lgw-raadhus", gatewayIpAddress: "198.51.100.10", localNetworkAddressSpace: { addressPrefixes: ["10.12.0.0/16"] } });
const con = r("azure-native:network:VirtualNetworkGatewayConnection", "k101-site-con", "101", { connectionType: "IPsec", virtualNetworkGateway1: { id: vpn.id }, localNetworkGateway2: { id: site.id } });
const erCon = r("azure-native:network:VirtualNetworkGatewayConnection", "k101-dc-con", "101", { connectionType: "ExpressRoute", virtualNetworkGateway1: { id: er.id }, peer: { id: `${SUB}/expressRouteCircuits/erc-dc` } });
const subnetA = r("azure-native:network:Subnet", "k101-snet-a", "101");
const subnetB = r("azure-native:network:Subnet", "k147-snet|b", "147");
const subnetHub = r("azure-native:network:Subnet", "hub-snet", undefined);
const aks = r("azure-native:containerservice:ManagedCluster", "aks", undefined, { resourceName: "aks-u1", kubernetesVersion: "1.33" });
const ns = r("kubernetes:core/v1:Namespace", "k101-ns", "101", { metadata: { name: "k101" } });
const tenant = r("driftsenhed:tenant:MunicipalityTenant", "k101", "101", {}, false);

const resources = [hubVnet, vpn, er, firewall, spoke, toHub, fromHub, site, con, erCon, subnetA, subnetB, subnetHub, aks, ns, tenant];

const violations: PlanViolation[] = [
  { policy: "test-subnet-rule", enforcementLevel: "mandatory", severity: "high", urn: subnetA.urn, message: "subnet a has no NSG", municipality: "101" },
  { policy: "test-subnet-rule", enforcementLevel: "mandatory", severity: "high", urn: subnetA.urn, message: "subnet a has no route table", municipality: "101" },
  { policy: "test-subnet-rule", enforcementLevel: "mandatory", severity: "high", urn: subnetB.urn, message: "subnet b has no NSG", municipality: "147" },
  { policy: "test-stack-rule", enforcementLevel: "advisory", severity: "medium", message: "cannot be checked during preview" },
];

const unit: UnitDescription = {
  id: "u1",
  name: "Unit | one",
  layout: "unit-stack",
  location: "denmarkeast",
  addressSpace: "10.64.0.0/12",
  hubAddressSpace: "10.64.0.0/20",
  clusterAddressSpace: "10.64.16.0/20",
  municipalities: [
    { code: "147", name: "Frederiksberg", lifecycle: "live", addressSpace: "10.64.128.0/18", dataClassification: "personal", workloads: [] },
    { code: "101", name: "København", lifecycle: "migrating", addressSpace: "10.64.64.0/18", dataClassification: "sensitive-personal", workloads: [{ name: "esdh", kind: "vm" }, { name: "portal", kind: "container" }] },
    { code: "151", name: "Ballerup", lifecycle: "planned", addressSpace: "10.64.192.0/18", dataClassification: "personal", workloads: [] },
  ],
};
const stacks: StackRecord[] = [{ stack: "u1", unit: "u1", resources, violations }];
const doc = buildPlanDocument([unit], stacks);
const plan = doc.units[0]!;

const rules = [
  defineResourceRule({
    name: "test-subnet-rule",
    kind: "resource",
    description: "subnets",
    severity: "high",
    category: "security",
    remediation: "fix it",
    controls: { nis2: [9], iso27001: ["8.22"], alz: [] },
    config: z.strictObject({}),
    resourceTypes: ["azure-native:network:Subnet"],
    validate: () => undefined,
  }),
  defineStackRule({
    name: "test-stack-rule",
    kind: "stack",
    description: "everything",
    severity: "medium",
    category: "security",
    remediation: "fix it",
    controls: { nis2: [9], iso27001: [], alz: [] },
    config: z.strictObject({}),
    validate: () => undefined,
  }),
];

describe("the plan document", () => {
  it("orders municipalities by kommunekode and splits resources and violations between them and the platform", () => {
    expect(plan.municipalities.map((m) => [m.code, m.resources, m.violations.total])).toEqual([
      ["101", 9, 2],
      ["147", 1, 1],
      ["151", 0, 0],
    ]);
    expect(plan.platform.resources).toBe(6);
    expect(plan.platform.violations.advisory).toBe(1);
    expect(plan.municipalities[0]!.workloads).toEqual({ vm: 1, container: 1 });
    expect(plan.municipalities[0]!.resourcesByKind["network:VirtualNetworkPeering"]).toBe(2);
    expect(doc.totals).toMatchObject({ stacks: 1, resources: 16, violations: { total: 4, mandatory: 3, advisory: 1, mandatoryBySeverity: { high: 3 } } });
  });
});

describe("summary", () => {
  const text = renderSummary({ doc, failures: [], wallSeconds: 1.5 });

  it("shows every municipality with lifecycle, address space, workloads and violations", () => {
    expect(text).toMatch(/^  101 København +migrating +10\.64\.64\.0\/18 +1 server, 1 container workload +9 resources +2 mandatory \(2 high\)$/m);
    expect(text).toMatch(/^  151 Ballerup +planned +10\.64\.192\.0\/18 +no workloads +0 resources +no violations$/m);
    expect(text).toMatch(/network:VirtualNetworkPeering 2/);
  });

  it("lists mandatory violations by rule, and ends with the verdict", () => {
    expect(text).toMatch(/^  high     test-subnet-rule: 3 findings \(u1 101 ×2, u1 147\)$/m);
    expect(text).toContain("k101-snet-a: subnet a has no NSG");
    expect(text).toMatch(/^Advisory violations:\n  medium   test-stack-rule: 1 finding \(u1 platform\)$/m);
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Plan FAILED: mandatory violations: 1 unit, 3 municipalities, 1 stack, 16 resources; 3 mandatory (3 high), 1 advisory (1 medium) (1.5 s)",
    );
  });

  it("names the stacks that could not be planned", () => {
    const failed = renderSummary({
      doc,
      failures: [{ ok: false, stack: "u2", unit: "u2", errorName: "Error", message: "no platform\nsecond line" }],
      wallSeconds: 1,
    });
    expect(failed).toContain("Stacks that could not be planned:\n  u2: no platform\n    second line");
    expect(failed).toMatch(/^Plan FAILED: stacks could not be planned/m);
  });
});

describe("markdown", () => {
  it("escapes what would break a table cell", () => {
    expect(cell("a|b\nc")).toBe("a\\|b c");
    expect(table(["x"], [["a|b"]])).toEqual(["| x |", "|---|", "| a\\|b |"]);
  });
});

describe("inventory.md", () => {
  const md = renderInventory(plan);
  it("has one section per municipality, with its kinds and resources", () => {
    expect(md).toContain("## 101 København");
    expect(md).toContain("Workloads: `esdh`, `portal`.");
    expect(md).toContain("| `network:VirtualNetworkPeering` | resource | 2 |");
    expect(md).toContain("| `driftsenhed:tenant:MunicipalityTenant` | component | 1 |");
    expect(md).toContain("## 151 Ballerup\n\nLifecycle `planned`");
    expect(md).toContain("Nothing is deployed while the municipality is planned");
    // A pipe in a resource name stays inside its cell.
    expect(md).toContain("| `k147-snet\\|b` |");
  });
});

describe("topology.md", () => {
  const diagram = renderTopologyDiagram(plan).join("\n");
  const id = (label: string) => new RegExp(`(n\\d+)[\\[(]+"${label}`).exec(diagram)?.[1];

  it("draws the hub with firewall and gateways, and each municipality's spoke and sites", () => {
    expect(diagram).toMatch(/^flowchart LR$/m);
    expect(diagram).toContain('subgraph hub["Platform: hub 10.64.0.0/20"]');
    expect(diagram).toContain('"Azure Firewall Premium<br/>afw-u1"');
    expect(diagram).toContain('subgraph m101["101 København"]');
    expect(diagram).toContain('"spoke vnet #quot;k101#quot;<br/>10.64.64.0/18"');
    expect(diagram).toContain('"site lgw-raadhus<br/>198.51.100.10<br/>10.12.0.0/16"');
    expect(diagram).toContain('"circuit erc-dc"');
  });

  it("connects sites to their gateway and draws each peering once", () => {
    const siteNode = id("site lgw-raadhus");
    const vpnNode = id("VPN gateway");
    const erNode = id("ExpressRoute gateway");
    const circuit = id("circuit erc-dc");
    expect(diagram).toContain(`${siteNode} -->|IPsec| ${vpnNode}`);
    expect(diagram).toContain(`${circuit} -->|ExpressRoute| ${erNode}`);
    expect(diagram.match(/<-->\|peering\|/g)).toHaveLength(1);
  });

  it("shows the cluster with the municipality's namespace", () => {
    expect(diagram).toContain('"AKS<br/>aks-u1<br/>1.33"');
    expect(diagram).toContain('"namespace k101<br/>101 København"');
    expect(diagram).toMatch(/n\d+ -\.- m101/);
  });
});

describe("compliance.md", () => {
  it("counts per rule and owner: resources of the rule's types checked, resources with a violation failed", () => {
    const [subnetRule, stackRule] = tallyRules(plan, rules);
    expect(Object.fromEntries(subnetRule!.byOwner)).toEqual({
      "101": { checked: 1, failed: 1, stackFindings: 0 },
      "147": { checked: 1, failed: 1, stackFindings: 0 },
      platform: { checked: 1, failed: 0, stackFindings: 0 },
    });
    expect(stackRule!.total).toEqual({ checked: 16, failed: 0, stackFindings: 1 });
  });

  it("goes from each control to its rules and their results per municipality", () => {
    const md = renderCompliance(plan, rules);
    expect(md).toContain("| [NIS2 § 6, stk. 1, nr. 9 (personalesikkerhed, adgangskontrol og forvaltning af aktiver)](#nis2-9) | 2 | 19 | 17 | 3 |");
    expect(md).toContain("## ISO/IEC 27001:2022 A.8.22 Segregation of networks");
    expect(md).toContain("| `test-subnet-rule` | high | mandatory | 3 | 1 | 2 | 101 København (1), 147 Frederiksberg (1) |");
    expect(md).toContain("| 101 København | 10 | 9 | 1 |");
  });
});
