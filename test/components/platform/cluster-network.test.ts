import { describe, expect, it } from "vitest";
import { clusterIngressRules, clusterSubnetPrefixes } from "../../../components/platform/cluster-network.js";

describe("clusterSubnetPrefixes", () => {
  it.each([
    ["10.64.16.0/20", { nodes: "10.64.16.0/21", ingress: "10.64.24.0/26" }],
    ["10.80.16.0/22", { nodes: "10.80.16.0/23", ingress: "10.80.18.0/26" }],
    ["10.1.2.0/24", { nodes: "10.1.2.0/25", ingress: "10.1.2.128/26" }],
  ])("%s", (range, expected) => {
    expect(clusterSubnetPrefixes(range)).toEqual(expected);
  });

  it("refuses a range smaller than /24 and a non-canonical one", () => {
    expect(() => clusterSubnetPrefixes("10.1.2.0/25")).toThrow("smaller than the /24");
    expect(() => clusterSubnetPrefixes("10.1.2.1/24")).toThrow("not a canonical IPv4 CIDR");
  });
});

describe("clusterIngressRules", () => {
  it("admits the firewall always and the sites only when there are any, de-duplicated and sorted", () => {
    expect(clusterIngressRules("10.64.0.0/26", []).map((r) => r.name)).toEqual(["allow-ingress-from-firewall"]);
    const rules = clusterIngressRules("10.64.0.0/26", ["10.13.0.0/20", "10.12.0.0/16", "10.13.0.0/20"]);
    expect(rules[1]!.sourceAddressPrefixes).toEqual(["10.12.0.0/16", "10.13.0.0/20"]);
    for (const r of rules) expect(r.destinationPortRanges).toEqual(["80", "443"]);
  });
});
