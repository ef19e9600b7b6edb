/**
 * Attribution of planned resources to municipalities.
 *
 * Tier: unit (vitest.config.mts): pure functions, no Pulumi runtime and no child
 * process, so it shares worker threads and their imports with the other pure tests.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeResources, declaredOwner, municipalityOf, type AttributableResource } from "../../../packages/tools/plan/attribute.js";

const res = (urn: string, inputs: Record<string, unknown> = {}, parentUrn?: string, type = "azure-native:network:Subnet"): AttributableResource => ({
  urn,
  name: urn,
  type,
  inputs,
  ...(parentUrn ? { parentUrn } : {}),
});

describe("declaredOwner", () => {
  it.each([
    ["kommunekode tag", { tags: { kommunekode: "101" } }, "101"],
    ["platform tag", { tags: { kommunekode: "platform" } }, "platform"],
    ["tag with spaces", { tags: { kommunekode: " 851 " } }, "851"],
    ["kubernetes label", { metadata: { labels: { "driftsenhed.dk/kommunekode": "147" } } }, "147"],
    ["tenant resource group", { resourceGroupName: "rg-hovedstaden-k400-workloads" }, "400"],
    ["tag wins over resource group", { tags: { kommunekode: "101" }, resourceGroupName: "rg-x-k147-network" }, "101"],
    ["malformed tag, tenant resource group", { tags: { kommunekode: "1O1" }, resourceGroupName: "rg-u-k147-network" }, "147"],
    ["platform resource group", { resourceGroupName: "rg-hovedstaden-hub" }, undefined],
    ["unrelated label", { metadata: { labels: { app: "101" } } }, undefined],
    ["nothing", {}, undefined],
  ])("%s", (_, inputs, expected) => {
    expect(declaredOwner(inputs)).toBe(expected);
  });
});

describe("attributeResources", () => {
  it("falls back to the nearest attributed ancestor", () => {
    const owners = attributeResources([
      res("stack", {}, undefined, "pulumi:pulumi:Stack"),
      res("hub", {}, "stack", "driftsenhed:network:Hub"),
      res("hub-vnet", { tags: { kommunekode: "platform" } }, "hub"),
      res("hub-snet", {}, "hub"),
      res("k101", {}, "stack", "driftsenhed:tenant:MunicipalityTenant"),
      res("k101-spoke", {}, "k101", "driftsenhed:network:Spoke"),
      res("k101-vnet", { tags: { kommunekode: "101" } }, "k101-spoke"),
      res("k101-role", {}, "k101"),
      res("k101-snet", {}, "k101-spoke"),
    ]);
    expect(Object.fromEntries(owners)).toEqual({
      stack: "platform",
      hub: "platform",
      "hub-vnet": "platform",
      "hub-snet": "platform",
      k101: "101",
      "k101-spoke": "101",
      "k101-vnet": "101",
      "k101-role": "101",
      "k101-snet": "101",
    });
  });

  it("leaves a component whose descendants disagree to its own ancestors", () => {
    const owners = attributeResources([
      res("tenants", {}, undefined, "driftsenhed:tenant:Tenants"),
      res("a", { tags: { kommunekode: "101" } }, "tenants"),
      res("b", { tags: { kommunekode: "147" } }, "tenants"),
      res("loose", {}, "tenants"),
    ]);
    expect(owners.get("tenants")).toBe("platform");
    expect(owners.get("loose")).toBe("platform");
    expect(owners.get("a")).toBe("101");
  });

  it("gives unattributed resources of a municipality's own stack to that municipality", () => {
    const owners = attributeResources(
      [
        res("stack", {}, undefined, "pulumi:pulumi:Stack"),
        res("provider", {}, "stack", "pulumi:providers:kubernetes"),
        res("shared", {}, "stack", "driftsenhed:x:Shared"),
        res("x", { tags: { kommunekode: "platform" } }, "shared"),
      ],
      { fallback: "265" },
    );
    expect(owners.get("provider")).toBe("265");
    expect(owners.get("x")).toBe("platform");
    expect(owners.get("shared")).toBe("platform");
  });

  it("handles a parent missing from the list and deep chains without recursion", () => {
    const chain: AttributableResource[] = [res("r0", { tags: { kommunekode: "851" } }, "gone")];
    for (let i = 1; i < 50_000; i++) chain.push(res(`r${i}`, {}, `r${i - 1}`));
    const owners = attributeResources(chain);
    expect(owners.get("r49999")).toBe("851");
    expect(owners.size).toBe(50_000);
  });

  it("property: a declared owner always wins, and every other resource has its nearest declared ancestor's owner or its descendants' agreed owner", () => {
    const owner = fc.constantFrom(undefined, "platform", "101", "147");
    const tree = fc.array(fc.tuple(fc.nat(), owner), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(tree, (nodes) => {
        const resources = nodes.map(([p, o], i) =>
          res(`r${i}`, o ? { tags: { kommunekode: o } } : {}, i === 0 ? undefined : `r${p % i}`),
        );
        const owners = attributeResources(resources);
        const children = new Map<string, string[]>();
        for (const r of resources) if (r.parentUrn) children.set(r.parentUrn, [...(children.get(r.parentUrn) ?? []), r.urn]);
        const declaredIn = (urn: string): Set<string> => {
          const found = new Set<string>();
          const own = declaredOwner(resources.find((r) => r.urn === urn)!.inputs);
          if (own) found.add(own);
          for (const c of children.get(urn) ?? []) for (const o of declaredIn(c)) found.add(o);
          return found;
        };
        const expected = (urn: string): string => {
          const r = resources.find((x) => x.urn === urn)!;
          const own = declaredOwner(r.inputs);
          if (own) return own;
          const below = declaredIn(urn);
          if (below.size === 1) return [...below][0]!;
          return r.parentUrn ? expected(r.parentUrn) : "platform";
        };
        for (const r of resources) expect(owners.get(r.urn)).toBe(expected(r.urn));
      }),
    );
  });
});

describe("attribution by tenant name", () => {
  it("gives an empty tenant component to its municipality, for the unit's codes only", () => {
    const resources = [
      res("stack", {}, undefined, "pulumi:pulumi:Stack"),
      res("k151", {}, "stack", "driftsenhed:tenant:MunicipalityTenant"),
      res("k999", {}, "stack", "driftsenhed:tenant:MunicipalityTenant"),
      res("k101-vm", { tags: { kommunekode: "147" } }, "stack", "azure-native:compute:VirtualMachine"),
    ];
    const owners = attributeResources(resources, { codes: ["151", "101"] });
    expect(owners.get("k151")).toBe("151");
    expect(owners.get("k999")).toBe("platform");
    // A declared owner wins over the name.
    expect(owners.get("k101-vm")).toBe("147");
    expect(attributeResources(resources).get("k151")).toBe("platform");
  });

  it("counts a tenant's site gateway on the shared hub as the municipality's, and platform resources as the platform's", () => {
    const resources = [
      res("stack", {}, undefined, "pulumi:pulumi:Stack"),
      res("k147-sites-raadhus-lgw", { tags: { kommunekode: "platform" } }, "stack", "azure-native:network:LocalNetworkGateway"),
      res("platform-hub-vgw", { tags: { kommunekode: "platform" } }, "stack", "azure-native:network:VirtualNetworkGateway"),
    ];
    const owners = attributeResources(resources, { codes: ["147"] });
    expect(owners.get("k147-sites-raadhus-lgw")).toBe("147");
    expect(owners.get("platform-hub-vgw")).toBe("platform");
    // Without the unit's codes the tag stands.
    expect(attributeResources(resources).get("k147-sites-raadhus-lgw")).toBe("platform");
  });
});

describe("municipalityOf", () => {
  it("is the code for a municipality and undefined for the platform", () => {
    expect(municipalityOf("101")).toBe("101");
    expect(municipalityOf("platform")).toBeUndefined();
    expect(municipalityOf(undefined)).toBeUndefined();
  });
});
