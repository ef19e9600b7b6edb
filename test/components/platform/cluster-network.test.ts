import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { cidrContains } from "../../../components/vocabulary/cidr.js";
import { clusterIngressRules, clusterOverlayRule, clusterSpokeSubnets, clusterSubnetPrefixes, internalIngressAddress } from "../../../components/platform/cluster-network.js";

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

describe("internalIngressAddress", () => {
  it.each([
    ["10.64.16.0/21", "10.64.23.254"],
    ["10.80.16.0/23", "10.80.17.254"],
    ["10.1.2.0/25", "10.1.2.126"],
    ["192.168.0.0/29", "192.168.0.6"],
  ])("%s → %s", (nodes, expected) => {
    expect(internalIngressAddress(nodes)).toBe(expected);
  });

  it("is always inside the node subnet, past Azure's four reserved addresses and before its broadcast address", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 24 }), fc.integer({ min: 0, max: 2 ** 24 - 1 }), (prefix, seed) => {
        const range = clusterSubnetPrefixes(canonical(seed, prefix)).nodes;
        const address = internalIngressAddress(range);
        const [a, b, c, d] = address.split(".").map(Number) as [number, number, number, number];
        const n = ((a * 256 + b) * 256 + c) * 256 + d;
        const [base, len] = range.split("/") as [string, string];
        const start = base.split(".").map(Number).reduce((acc, o) => acc * 256 + o, 0);
        const size = 2 ** (32 - Number(len));
        return cidrContains(range, `${address}/32`) && n >= start + 4 && n === start + size - 2;
      }),
    );
  });

  it("refuses a range it cannot place an address in", () => {
    expect(() => internalIngressAddress("10.1.2.1/25")).toThrow("not a canonical IPv4 CIDR");
    expect(() => internalIngressAddress("10.1.2.0/30")).toThrow("smaller than Azure's /29 minimum");
  });
});

/** A canonical range of the given prefix inside 10.0.0.0/8, picked by seed. */
function canonical(seed: number, prefix: number): string {
  const host = 2 ** (32 - prefix);
  const n = 10 * 2 ** 24 + ((seed * host) % 2 ** 24);
  return `${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".")}/${prefix}`;
}

describe("the cluster's node subnets", () => {
  it("let overlay pod traffic between nodes and pods through the spoke's guard, on all ports, and nothing wider", () => {
    const subnets = clusterSpokeSubnets("10.64.16.0/20", "10.64.0.0/26", [], "100.112.0.0/12");
    for (const subnet of Object.values(subnets)) {
      const overlay = subnet.nsgRules!.find((r) => r.name === "allow-pod-overlay")!;
      expect(overlay).toEqual(clusterOverlayRule("10.64.16.0/20", "100.112.0.0/12"));
      expect(overlay.sourceAddressPrefixes).toEqual(["10.64.16.0/20", "100.112.0.0/12"]);
      expect(overlay.destinationAddressPrefixes).toEqual(["10.64.16.0/20", "100.112.0.0/12"]);
      expect(overlay.priority).toBeLessThan(4000);
    }
  });
});
