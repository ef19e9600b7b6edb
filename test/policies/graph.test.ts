/**
 * The stack index: lookups by URN are what every stack-rule finding goes
 * through, so they must agree with a plain search and not rescan the stack.
 */
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
