/**
 * A unit with `tenancy.layout: stack-per-municipality` is planned as its
 * unit stack plus one `<unit>-<code>` stack per municipality that is not
 * merely planned, each municipality stack on the unit stack's outputs.
 *
 * Tier: runtime (vitest.config.mts): starts child processes (the planner's workers), which
 * the forked workers of that tier are for.
 * Not the example estate: this plans its own copy of one unit in the other layout.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigDir } from "../../../packages/config/load.js";
import { municipalityStackName } from "../../../packages/tools/plan/targets.js";
import type { PlanDocument } from "../../../packages/tools/plan/types.js";
import { municipalityStackName as deployedStackName } from "../../../stacks/municipality-stack.js";
import { cli, type CliResult } from "./support.js";

const UNIT = "sjaelland";
const dir = mkdtempSync(path.join(tmpdir(), "driftsenhed-plan-spm-"));
const configDir = path.join(dir, "config");
const jsonFile = path.join(dir, "plan.json");
let result: CliResult;
let doc: PlanDocument;
let own: string[];

beforeAll(async () => {
  cpSync(path.join("stacks", UNIT), path.join(configDir, UNIT), { recursive: true });
  const file = path.join(configDir, UNIT, "unit.yaml");
  const text = readFileSync(file, "utf8");
  const switched = text.replace(/^  layout: unit-stack$/m, "  layout: stack-per-municipality");
  expect(switched).not.toBe(text);
  writeFileSync(file, switched);
  const loaded = loadConfigDir(configDir);
  expect(loaded.findings.filter((f) => f.severity === "error")).toEqual([]);
  own = loaded.units[0]!.municipalities.filter((m) => m.config.lifecycle !== "planned").map((m) => m.config.code);
  result = await cli(["plan", "--config-dir", configDir, "--json", jsonFile]);
  doc = JSON.parse(readFileSync(jsonFile, "utf8")) as PlanDocument;
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stack-per-municipality", () => {
  it("plans the unit stack and one stack per municipality that is not planned", () => {
    expect(own.length).toBeGreaterThan(0);
    expect(doc.failedStacks).toEqual([]);
    expect(doc.units[0]!.stacks.map((s) => s.stack)).toEqual([UNIT, ...own.map((c) => deployedStackName(UNIT, c))]);
    // The planner names the stacks without loading the program; the names must be the deployment's.
    for (const c of own) expect(municipalityStackName(UNIT, c)).toBe(deployedStackName(UNIT, c));
    expect(result.stderr).toMatch(new RegExp(`^plan: ${1 + own.length} stacks of 1 unit`, "m"));
  });

  it("keeps each municipality in its own stack, and only the platform in the unit stack", () => {
    const [unitStack, ...municipalityStacks] = doc.units[0]!.stacks;
    expect(unitStack!.resources.filter((r) => r.municipality !== undefined)).toEqual([]);
    for (const s of municipalityStacks) {
      expect(s.municipality).toBe(s.stack.slice(UNIT.length + 1));
      expect(s.resources.every((r) => r.municipality === s.municipality)).toBe(true);
      expect(s.resources.some((r) => r.type === "azure-native:network:VirtualNetworkPeering")).toBe(true);
      expect(s.resources.filter((r) => r.type === "driftsenhed:tenant:MunicipalityTenant").map((r) => r.name)).toEqual([`k${s.municipality}`]);
    }
    for (const m of doc.units[0]!.municipalities) {
      if (own.includes(m.code)) expect(m.resources).toBeGreaterThan(20);
      else expect(m.resources).toBe(0);
    }
  });

  it("peers each municipality's spoke with the hub the unit stack exported", () => {
    const hub = doc.units[0]!.stacks[0]!.resources.find((r) => r.type === "azure-native:network:VirtualNetwork" && /hub/.test(r.name))!;
    for (const s of doc.units[0]!.stacks.slice(1)) {
      const remotes = s.resources
        .filter((r) => r.type === "azure-native:network:VirtualNetworkPeering")
        .map((r) => (r.inputs.remoteVirtualNetwork as { id?: string } | undefined)?.id);
      expect(remotes).toContain(hub.id);
    }
  });
});
