import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { importCycles, importGraph, layersTableMarkdown, layerOf, layerViolations, ROOT, type Edge } from "./layers.js";

const edges = importGraph();

describe("layering of the source tree", () => {
  it("reads a real graph", () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from === "stacks/program.ts" && e.to.startsWith("components/"))).toBe(true);
  });

  it("has no import that goes up or sideways", () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(importCycles(edges).map((c) => c.join(" -> "))).toEqual([]);
  });

  it("places every source file in a layer", () => {
    const unplaced = [...new Set(edges.map((e) => e.from))].filter((f) => !layerOf(f));
    expect(unplaced).toEqual([]);
  });
});

describe("the layering rule itself", () => {
  const edge = (from: string, to: string, external = false): Edge => ({ from, to, external });

  it.each([
    ["components/tenant/vm.ts", "packages/config/schema/municipality.ts", "components"],
    ["components/vocabulary/tags.ts", "components/network/hub.ts", "vocabulary"],
    ["packages/config/load.ts", "packages/tools/plan/engine.ts", "contract"],
    ["stacks/program.ts", "packages/tools/cli/run.ts", "stacks"],
    ["policies/rules/network/x.ts", "components/network/hub.ts", "policies"],
    ["components/network/hub.ts", "stacks/program.ts", "components"],
  ])("names the forbidden edge %s -> %s", (from, to, layer) => {
    const [line] = layerViolations([edge(from, to)]);
    expect(line).toContain(`${from} (${layer}) imports ${to}`);
  });

  it.each([
    ["packages/tools/plan/engine.ts", "stacks/program.ts"],
    ["stacks/program.ts", "components/platform/operating-unit-platform.ts"],
    ["packages/config/schema/unit.ts", "components/vocabulary/defaults.ts"],
    ["policies/lib/tenancy.ts", "components/vocabulary/tags.ts"],
  ])("allows %s -> %s", (from, to) => {
    expect(layerViolations([edge(from, to)])).toEqual([]);
  });

  it("keeps the Pulumi SDK out of the vocabulary and the contract", () => {
    expect(layerViolations([edge("components/vocabulary/naming.ts", "@pulumi/pulumi", true)])).toHaveLength(1);
    expect(layerViolations([edge("packages/config/load.ts", "@pulumi/pulumi", true)])).toHaveLength(1);
    expect(layerViolations([edge("components/network/hub.ts", "@pulumi/pulumi", true)])).toEqual([]);
  });

  it("finds a cycle of two files and of one", () => {
    expect(importCycles([edge("a.ts", "b.ts"), edge("b.ts", "a.ts"), edge("b.ts", "c.ts")])).toEqual([["a.ts", "b.ts"]]);
    expect(importCycles([edge("a.ts", "a.ts")])).toEqual([["a.ts"]]);
    expect(importCycles([edge("a.ts", "b.ts"), edge("b.ts", "c.ts")])).toEqual([]);
  });
});

describe("CONTRIBUTING.md", () => {
  it("shows the layering rule the test enforces", () => {
    const text = readFileSync(path.join(ROOT, "CONTRIBUTING.md"), "utf8");
    const block = /<!-- generated:layers -->\n([\s\S]*?)\n<!-- \/generated:layers -->/.exec(text)?.[1];
    expect(block, "CONTRIBUTING.md needs the generated:layers block").toBeDefined();
    expect(block).toBe(layersTableMarkdown());
  });
});
