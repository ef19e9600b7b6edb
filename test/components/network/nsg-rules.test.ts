import { describe, expect, it } from "vitest";
import { bastionRules, guardRules, nsgRuleProblems, portSpecCovers, toSecurityRule, type NsgRuleArgs } from "../../../components/network/nsg-rules.js";
import { firewallSettingsProblems, platformRuleCollections } from "../../../components/network/firewall.js";
import { vpnGatewaySettingsProblems } from "../../../components/network/vpn-gateway.js";
import { privateDnsZoneNames } from "../../../components/network/dns.js";

const base: NsgRuleArgs = {
  name: "allow-https",
  priority: 200,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourceAddressPrefixes: ["10.12.0.0/16"],
  destinationAddressPrefixes: ["10.64.64.0/24"],
  destinationPortRanges: ["443"],
};

describe("portSpecCovers", () => {
  it.each([
    ["*", 22, true],
    ["22", 22, true],
    ["3389", 22, false],
    ["20-30", 22, true],
    ["23-3388", 3389, false],
    ["3000-4000", 3389, true],
    ["x", 22, false],
  ] as const)("%s covers %d: %s", (spec, port, expected) => {
    expect(portSpecCovers(spec, port)).toBe(expected);
  });
});

describe("nsgRuleProblems", () => {
  it.each<[string, Partial<NsgRuleArgs>, string | undefined]>([
    ["a valid rule", {}, undefined],
    ["priority in the guard range", { priority: 4000 }, "priority 4000 is outside 100-3999"],
    ["priority below Azure's range", { priority: 99 }, "priority 99 is outside 100-3999"],
    ["a guard- name", { name: "guard-mine" }, "names starting with 'guard-' belong to the platform"],
    ["a bad name", { name: "-x" }, "the name must be 2-80 letters"],
    ["an empty source list", { sourceAddressPrefixes: [] }, "sourceAddressPrefixes is empty"],
    ["a service tag in a list", { sourceAddressPrefixes: ["VirtualNetwork", "10.0.0.0/8"] }, "a service tag in sourceAddressPrefixes must be the only entry"],
    ["RDP from the internet", { sourceAddressPrefixes: ["Internet"], destinationPortRanges: ["3389"] }, "allows port 3389 from 'Internet'"],
    ["SSH from anywhere in a range", { sourceAddressPrefixes: ["*"], destinationPortRanges: ["1-1024"] }, "allows port 22 from '*'"],
    ["SSH from 0.0.0.0/0 in a list", { sourceAddressPrefixes: ["0.0.0.0/0"], destinationPortRanges: ["443", "22"] }, "allows port 22 from '0.0.0.0/0'"],
    ["a deny from the internet", { access: "Deny", sourceAddressPrefixes: ["Internet"], destinationPortRanges: ["22"] }, undefined],
    ["SSH from a site", { destinationPortRanges: ["22"] }, undefined],
  ])("%s", (_label, change, expected) => {
    const problems = nsgRuleProblems([{ ...base, ...change }]);
    if (expected === undefined) expect(problems).toEqual([]);
    else expect(problems.join("\n")).toContain(expected);
  });

  it("finds duplicate names and priorities per direction", () => {
    const problems = nsgRuleProblems([base, { ...base }, { ...base, name: "other" }, { ...base, name: "out", direction: "Outbound" }]);
    expect(problems).toEqual([
      "rule 'allow-https': the name is used twice in the same NSG",
      "rule 'allow-https': priority 200 (Inbound) is already used by rule 'allow-https'",
      "rule 'other': priority 200 (Inbound) is already used by rule 'allow-https'",
    ]);
  });
});

describe("toSecurityRule", () => {
  it("uses Azure's singular fields for one value and the plural ones for several", () => {
    expect(toSecurityRule(base)).toEqual({
      name: "allow-https",
      priority: 200,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: "10.12.0.0/16",
      sourcePortRange: "*",
      destinationAddressPrefix: "10.64.64.0/24",
      destinationPortRange: "443",
    });
    const many = toSecurityRule({ ...base, sourceAddressPrefixes: ["10.1.0.0/16", "10.2.0.0/16"], destinationPortRanges: ["80", "443"] });
    expect(many).toMatchObject({ sourceAddressPrefixes: ["10.1.0.0/16", "10.2.0.0/16"], destinationPortRanges: ["80", "443"] });
    expect(many).not.toHaveProperty("sourceAddressPrefix");
  });
});

describe("platform rule sets", () => {
  it("the guard ends in deny-all and admits only the network itself and load balancer probes", () => {
    const g = guardRules("10.64.64.0/18");
    expect(g.map((r) => [r.priority, r.access, r.sourceAddressPrefixes[0]])).toEqual([
      [4000, "Allow", "10.64.64.0/18"],
      [4010, "Allow", "AzureLoadBalancer"],
      [4096, "Deny", "*"],
    ]);
  });

  it("the Bastion rules open only 443 from the internet, and RDP/SSH only outbound to the network", () => {
    const rules = bastionRules();
    const fromInternet = rules.filter((r) => r.direction === "Inbound" && r.access === "Allow" && r.sourceAddressPrefixes.includes("Internet"));
    expect(fromInternet.map((r) => r.destinationPortRanges)).toEqual([["443"]]);
    const mgmt = rules.filter((r) => r.destinationPortRanges.includes("22") || r.destinationPortRanges.includes("3389"));
    expect(mgmt.map((r) => [r.direction, r.destinationAddressPrefixes[0]])).toEqual([["Outbound", "VirtualNetwork"]]);
  });

  it("the firewall's platform essentials only allow, never from any source", () => {
    const collections = platformRuleCollections("10.64.0.0/12");
    for (const c of collections) {
      expect(c.action).toEqual({ type: "Allow" });
      for (const r of c.rules as { sourceAddresses: string[] }[]) expect(r.sourceAddresses).toEqual(["10.64.0.0/12"]);
    }
  });

  it("firewall and VPN settings problems", () => {
    expect(firewallSettingsProblems({ sku: "Standard", zones: ["1", "1"], threatIntelMode: "Deny", idpsMode: "Alert" })).toEqual([
      "idpsMode 'Alert' needs the Premium firewall; set sku Premium or idpsMode Off",
      "zones lists a zone twice: 1, 1",
    ]);
    expect(vpnGatewaySettingsProblems({ sku: "VpnGw2AZ", bgpAsn: 65515 })).toEqual([]);
    expect(vpnGatewaySettingsProblems({ sku: "VpnGw2AZ", bgpAsn: 65517 })[0]).toContain("bgpAsn 65517 is not a private ASN");
    expect(vpnGatewaySettingsProblems({ sku: "VpnGw2" as never, bgpAsn: 65000 })[0]).toContain("not a zone-redundant");
  });

  it("private DNS zone names match the refs keys, with AKS's per region", () => {
    expect(privateDnsZoneNames("swedencentral")).toMatchObject({ aks: "privatelink.swedencentral.azmk8s.io", keyVault: "privatelink.vaultcore.azure.net" });
    expect(() => privateDnsZoneNames("Sweden Central")).toThrow("not an Azure region name");
  });
});
