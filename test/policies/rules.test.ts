/**
 * Every rule against the compliant world and one change per failing case.
 */
import { describe, expect, it } from "vitest";
import { evaluatePack } from "../../policies/evaluate.js";
import { emptyExemptions } from "../../policies/exemptions.js";
import { RULES } from "../../policies/registry.js";
import { disallowPrivileged } from "../../policies/rules/kubernetes/pod/disallow-privileged.js";
import { findingsOf } from "./support/evaluate-rule.js";
import { RESOURCE_CASES, WORKLOAD_SHAPES } from "./support/resource-cases.js";
import { STACK_CASES } from "./support/stack-cases.js";
import { buildWorld, pick, resource } from "./support/world.js";

const world = buildWorld();

describe("the compliant world", () => {
  it("passes every rule of the pack", () => {
    expect(evaluatePack(world, { exemptions: emptyExemptions() })).toEqual([]);
  });

  it("exercises every rule: each one has resources it applies to", () => {
    // A rule that finds nothing to inspect would pass this fixture vacuously.
    const inspected = new Set([...RESOURCE_CASES.map((c) => c.rule), ...STACK_CASES.map((c) => c.rule)]);
    expect(RULES.filter((r) => !inspected.has(r)).map((r) => r.name)).toEqual([]);
  });
});

describe("every rule has a table", () => {
  it.each(RULES.map((r) => [r.name, r.kind, r] as const))("%s (%s rule)", (_name, kind, rule) => {
    const cases = kind === "resource" ? RESOURCE_CASES.filter((c) => c.rule === rule) : STACK_CASES.filter((c) => c.rule === rule);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.reduce((n, c) => n + c.failing.length, 0)).toBeGreaterThan(0);
  });
});

describe.each(RESOURCE_CASES.map((c) => [`${c.rule.name} on ${c.fixture}`, c] as const))("%s", (_label, c) => {
  const fixture = pick(world, c.fixture);
  const variant = (change: (inputs: Record<string, any>) => void) => {
    const inputs = structuredClone(fixture.inputs);
    change(inputs);
    return [{ ...fixture, inputs }];
  };

  it("passes on the compliant fixture", () => {
    expect(findingsOf(c.rule, [fixture])).toEqual([]);
  });

  if (c.failing.length > 0) {
    it.each(c.failing.map((v) => [v.name, v] as const))("fails: %s", (_name, v) => {
      const found = findingsOf(c.rule, variant(v.change));
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) {
        expect(f.policy).toBe(c.rule.name);
        expect(f.urn).toBe(fixture.urn);
        expect(f.enforcementLevel).toBe("mandatory");
      }
      if (v.message) expect(found.map((f) => f.message).join("\n")).toMatch(v.message);
    });
  }

  if (c.passing && c.passing.length > 0) {
    it.each(c.passing.map((v) => [v.name, v] as const))("still passes: %s", (_name, v) => {
      expect(findingsOf(c.rule, variant(v.change))).toEqual([]);
    });
  }
});

describe.each(STACK_CASES.map((c) => [c.rule.name, c] as const))("%s", (_label, c) => {
  it("passes on the compliant world", () => {
    expect(findingsOf(c.rule, world)).toEqual([]);
  });

  it.each(c.failing.map((v) => [v.name, v] as const))("fails: %s", (_name, v) => {
    const graph = v.graph(world);
    const found = findingsOf(c.rule, graph, v.options);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.policy).toBe(c.rule.name);
    if (v.message) expect(found.map((f) => f.message).join("\n")).toMatch(v.message);
    if (v.at) expect(found.map((f) => f.urn)).toContain(pick(graph, v.at).urn);
  });

  if (c.passing && c.passing.length > 0) {
    it.each(c.passing.map((v) => [v.name, v] as const))("still passes: %s", (_name, v) => {
      expect(findingsOf(c.rule, v.graph(world), v.options)).toEqual([]);
    });
  }
});

describe("pod rules find the pod template of every workload kind", () => {
  it.each(WORKLOAD_SHAPES.map((s) => [s.type, s] as const))("%s", (type, shape) => {
    const found = findingsOf(disallowPrivileged, [resource(type, "w", shape.inputs)]);
    expect(found).toHaveLength(1);
  });
});
