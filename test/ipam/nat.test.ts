import { describe, expect, it } from "vitest";
import { siteAzurePrefixes } from "../../packages/ipam/nat.js";

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

describe("siteAzurePrefixes: the cases the tenant's firewall rules rely on", () => {
  it.each([
    ["no NAT", ["10.20.0.0/16", "10.21.0.0/20"], undefined, ["10.20.0.0/16", "10.21.0.0/20"]],
    ["the whole prefix translated", ["10.0.0.0/16"], [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }], ["10.224.0.0/16"]],
    ["one of two prefixes translated", ["10.0.0.0/16", "10.30.0.0/16"], [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }], ["10.224.0.0/16", "10.30.0.0/16"]],
    ["part of a prefix translated: the rest stays visible", ["10.0.0.0/16"], [{ internal: "10.0.5.0/24", external: "10.224.5.0/24" }], ["10.0.0.0/16", "10.224.5.0/24"]],
  ])("%s", (_what, prefixes, mappings, expected) => {
    expect(siteAzurePrefixes({ prefixes, ...(mappings ? { nat: { mappings } } : {}) })).toEqual(expected);
  });
});

