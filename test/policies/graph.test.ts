/**
 * The stack index: lookups by URN are what every stack-rule finding goes
 * through, so they must agree with a plain search and not rescan the stack.
 */
import * as policy from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StackIndex } from "../../policies/lib/graph.js";
import type { StackResource } from "../../policies/rule.js";

const res = (urn: string, n = 0): StackResource => ({ type: "azure-native:network:VirtualNetwork", urn, name: `${urn}-${n}`, props: {} });

describe("StackIndex.byUrn", () => {
  it("finds a resource by its URN and nothing for an unknown URN", () => {
    const list = [res("urn:a"), res("urn:b"), res("urn:c")];
    const index = new StackIndex(list);
    expect(index.byUrn("urn:b")).toBe(list[1]);
    expect(index.byUrn("urn:missing")).toBeUndefined();
  });

  it("agrees with a linear search, duplicates included", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("u1", "u2", "u3", "u4", "u5"), { maxLength: 20 }), fc.constantFrom("u1", "u3", "u6"), (urns, probe) => {
        const list = urns.map((u, i) => res(u, i));
        expect(new StackIndex(list).byUrn(probe)).toBe(list.find((r) => r.urn === probe));
      }),
    );
  });

  it("reads the stack once however many findings are attributed", () => {
    const list = Array.from({ length: 200 }, (_, i) => res(`urn:${i}`));
    let reads = 0;
    const counted = new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const index = new StackIndex(counted);
    for (let n = 0; n < 1000; n++) expect(index.byUrn(`urn:${n % 200}`)?.urn).toBe(`urn:${n % 200}`);
    expect(reads).toBe(200);
  });
});

describe("StackIndex.byId during preview", () => {
  it("leaves out a resource whose id is not known yet, and still finds the others", () => {
    const engine = policy as unknown as { unknownCheckingProxy<T extends object>(v: T): T };
    const vnet = (name: string, id: string): StackResource => ({
      type: "azure-native:network:VirtualNetwork",
      urn: `urn:${name}`,
      name,
      props: engine.unknownCheckingProxy({ id }),
    });
    const list = [vnet("new", unknownValue), vnet("old", "/subscriptions/0/resourceGroups/rg/providers/x/y/old")];
    const index = new StackIndex(list);
    expect(index.byId("/SUBSCRIPTIONS/0/resourceGroups/rg/providers/x/y/old/")).toBe(list[1]);
    expect(index.byId("/subscriptions/0/resourceGroups/rg/providers/x/y/new")).toBeUndefined();
  });
});
