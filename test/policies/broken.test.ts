/**
 * The deliberately broken unit: each classic mistake is caught by the rule
 * meant for it, at the resource that has it, and nothing else blocks.
 */
import { describe, expect, it } from "vitest";
import { evaluatePack, type EvaluatedResource } from "../../policies/evaluate.js";
import { emptyExemptions } from "../../policies/exemptions.js";
import { AZ } from "../../policies/lib/types.js";
import type { AnyRule } from "../../policies/rule.js";
import { disallowPrivileged } from "../../policies/rules/kubernetes/pod/disallow-privileged.js";
import { requireWorkspaceRetention } from "../../policies/rules/monitor/require-workspace-retention.js";
import { disallowCrossTenantPeering } from "../../policies/rules/network/disallow-cross-tenant-peering.js";
import { disallowManagementPortsFromInternet } from "../../policies/rules/network/disallow-management-ports-from-internet.js";
import { disallowPublicIpOnNic } from "../../policies/rules/network/disallow-public-ip-on-nic.js";
import { requireResourceGroupLocation } from "../../policies/rules/resources/require-resource-group-location.js";
import { requireTags } from "../../policies/rules/resources/require-tags.js";
import { restrictLocations } from "../../policies/rules/resources/restrict-locations.js";
import { buildWorld, changed, pick, resource } from "./support/world.js";

type Mistake = { what: string; apply: (w: EvaluatedResource[]) => EvaluatedResource[]; rule: AnyRule; at: string; count?: number };

const MISTAKES: Mistake[] = [
  {
    what: "a public IP on a server NIC",
    apply: (w) => changed(w, "nic-101-app", (i) => (i.ipConfigurations[0].publicIPAddress = { id: "/subscriptions/0/resourceGroups/rg-u1-k101-app/providers/network/PublicIPAddress/pip-vm" })),
    rule: disallowPublicIpOnNic,
    at: "nic-101-app",
  },
  {
    what: "RDP open to the Internet, alone and inside a port range 3000-4000",
    apply: (w) =>
      changed(w, "nsg-147-app", (i) =>
        i.securityRules.push(
          { name: "rdp", access: "Allow", direction: "Inbound", protocol: "Tcp", priority: 200, sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "3389" },
          { name: "range", access: "Allow", direction: "Inbound", protocol: "Tcp", priority: 210, sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "3000-4000" },
        ),
      ),
    rule: disallowManagementPortsFromInternet,
    at: "nsg-147-app",
    count: 2,
  },
  {
    what: "two municipalities peered",
    apply: (w) => [
      ...w,
      resource(AZ.virtualNetworkPeering, "peer-101-147", {
        resourceGroupName: "rg-u1-k101-net",
        virtualNetworkName: "vnet-u1-k101",
        virtualNetworkPeeringName: "to-k147",
        remoteVirtualNetwork: { id: pick(w, "vnet-147").id },
      }),
    ],
    rule: disallowCrossTenantPeering,
    at: "peer-101-147",
  },
  { what: "an untagged resource", apply: (w) => changed(w, "st-147", (i) => delete i.tags), rule: requireTags, at: "st-147" },
  { what: "a non-EU location", apply: (w) => changed(w, "kv-101", (i) => (i.location = "eastus")), rule: restrictLocations, at: "kv-101" },
  { what: "30-day log retention", apply: (w) => changed(w, "log-u1", (i) => (i.retentionInDays = 30)), rule: requireWorkspaceRetention, at: "log-u1" },
  {
    what: "a privileged container",
    apply: (w) => changed(w, "deploy-147-web", (i) => (i.spec.template.spec.containers[0].securityContext.privileged = true)),
    rule: disallowPrivileged,
    at: "deploy-147-web",
  },
];

const broken = MISTAKES.reduce((w, m) => m.apply(w), buildWorld());
const found = evaluatePack(broken, { exemptions: emptyExemptions() });

describe("the deliberately broken unit", () => {
  it.each(MISTAKES.map((m) => [m.what, m] as const))("catches %s", (_what, m) => {
    const hits = found.filter((v) => v.policy === m.rule.name && v.urn === pick(broken, m.at).urn);
    expect(hits).toHaveLength(m.count ?? 1);
    for (const h of hits) expect(h.enforcementLevel).toBe("mandatory");
  });

  it("blocks on nothing but the planted mistakes", () => {
    const expected = new Set(MISTAKES.map((m) => `${m.rule.name} ${pick(broken, m.at).urn}`));
    const mandatory = found.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy} ${v.urn}`);
    expect([...new Set(mandatory)].sort()).toEqual([...expected].sort());
  });

  it("reports the hygiene consequence of the misplaced vault as advisory", () => {
    expect(found.filter((v) => v.enforcementLevel === "advisory").map((v) => v.policy)).toEqual([requireResourceGroupLocation.name]);
  });
});
