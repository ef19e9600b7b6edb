/**
 * The benchmark's pieces: the synthetic national configuration is valid and
 * has the promised shape, and the floor registers exactly what the plan did.
 *
 * Tier: runtime (vitest.config.mts): starts child processes (the planner's workers), which
 * the forked workers of that tier are for.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticConfig } from "../../../packages/tools/bench/synthetic.js";
import { renderBenchTable, type BenchFigures } from "../../../packages/tools/bench/report.js";
import { loadConfigDir } from "../../../packages/config/load.js";
import { runPlan } from "../../../packages/tools/plan/engine.js";
import type { FixtureInput } from "./fixtures/program.js";

const dir = mkdtempSync(path.join(tmpdir(), "driftsenhed-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the synthetic national configuration", () => {
  it("holds all 98 municipalities in five units, live, with the requested workloads, and passes validation", () => {
    const target = path.join(dir, "national");
    const config = writeSyntheticConfig({ dir: target, vms: 4, containers: 2, sites: 3 });
    expect(config.units.map((u) => u.id).sort()).toEqual(["hovedstaden", "midtjylland", "nordjylland", "sjaelland", "syddanmark"]);
    expect(config.municipalities).toBe(98);
    expect(config.workloads).toBe(98 * 6);
    const loaded = loadConfigDir(target, { today: new Date("2026-11-29T00:00:00Z") });
    expect(loaded.findings).toEqual([]);
    const municipalities = loaded.units.flatMap((u) => u.municipalities.map((m) => m.config));
    expect(new Set(municipalities.map((m) => m.code)).size).toBe(98);
    for (const m of municipalities) {
      expect(m.lifecycle).toBe("live");
      expect(m.network.sites).toHaveLength(3);
      expect(m.workloads.filter((w) => w.kind === "vm")).toHaveLength(4);
      expect(m.workloads.filter((w) => w.kind === "container")).toHaveLength(2);
    }
  });

  it("writes a subset, and the same files for the same options", () => {
    const a = writeSyntheticConfig({ dir: path.join(dir, "a"), vms: 1, containers: 0, sites: 1, units: ["sjaelland"], municipalitiesPerUnit: 2 });
    writeSyntheticConfig({ dir: path.join(dir, "b"), vms: 1, containers: 0, sites: 1, units: ["sjaelland"], municipalitiesPerUnit: 2 });
    expect(a.units).toEqual([{ id: "sjaelland", municipalities: ["253", "259"] }]);
    const files = (d: string) => readdirSync(path.join(d, "sjaelland", "municipalities")).sort();
    expect(files(path.join(dir, "a"))).toEqual(files(path.join(dir, "b")));
    const [ua, ub] = [loadConfigDir(path.join(dir, "a")), loadConfigDir(path.join(dir, "b"))];
    expect(ua.findings).toEqual([]);
    expect(ua.units[0]!.municipalities.map((m) => m.config)).toEqual(ub.units[0]!.municipalities.map((m) => m.config));
  });

  it("refuses shapes it cannot lay out", () => {
    expect(() => writeSyntheticConfig({ dir: path.join(dir, "c"), vms: 1, containers: 0, sites: 5 })).toThrow(/at most 4 sites/);
  });
});

describe("the floor", () => {
  it("registers the same resources, in the same tree, as the plan it replays", async () => {
    const input: FixtureInput = { unit: "alpha", municipalities: [{ code: "101", servers: 2 }] };
    const fixture = path.join(__dirname, "fixtures", "program.ts");
    const unit = { id: "alpha", name: "alpha", layout: "unit-stack", location: "denmarkeast", addressSpace: "10.0.0.0/8", hubAddressSpace: "10.0.0.0/20", municipalities: [] };
    const planned = await runPlan([{ unit, stacks: [{ stack: "alpha", unit: "alpha", program: { module: fixture, export: "fixtureProgram" }, input, weight: 1 }] }], {
      includeReplay: true,
    });
    const entries = planned.replays!.get("alpha")!;
    expect(entries).toHaveLength(planned.document.totals.resources - 1); // all but the stack resource
    const floorModule = path.join(__dirname, "..", "..", "..", "packages", "tools", "bench", "floor.ts");
    const floor = await runPlan(
      [{ unit, stacks: [{ stack: "alpha", unit: "alpha", program: { module: floorModule, export: "replayStack" }, input: { entries, stripProviderAliases: true }, weight: 1 }] }],
      {},
    );
    expect(floor.failures).toEqual([]);
    const shape = (run: typeof planned) =>
      run.document.units[0]!.stacks[0]!.resources.map((r) => ({ urn: r.urn, parentUrn: r.parentUrn, custom: r.custom })).sort((a, b) => (a.urn < b.urn ? -1 : 1));
    expect(shape(floor)).toEqual(shape(planned));
    expect(floor.stacks[0]!.metrics!.aliasCount).toBe(0);
  }, 120_000);
});

describe("the benchmark table", () => {
  const figures: BenchFigures = {
    cores: 2,
    node: "v20.20.2",
    units: 5,
    municipalities: 98,
    workloads: 882,
    resources: 12_000,
    wallSeconds: 30,
    peakRssMb: 800,
    resourcesPerSecond: 400,
    floorSeconds: 25,
    floorPeakRssMb: 790,
    floorRatio: 1.2,
    naive: { unit: "nordjylland", label: "naive", resources: 1400, stacks: 1, wallSeconds: 14, peakRssMb: 1350, msPerResource: 10, programMsPerResource: 8.5 },
    series: [
      { label: "about 1k", resources: 1200, stacks: 5, wallSeconds: 10, peakRssMb: 210, msPerResource: 8.33, programMsPerResource: 5 },
      { label: "national", resources: 12_000, stacks: 5, wallSeconds: 30, peakRssMb: 800, msPerResource: 2.5, programMsPerResource: 3 },
    ],
  };

  it("shows plan, floor, ratio, naive path and series in one table, and judges the targets", () => {
    const text = renderBenchTable(figures);
    expect(text).toContain("| national plan | 12,000 | 30.0 | 800 | 400 | 2.50 | 3.00 |");
    expect(text).toContain("| floor: same registrations via the SDK | 12,000 | 25.0 | 790 | 480 | 2.08 |  |");
    expect(text).toContain("| plan / floor |  | 1.20× |");
    expect(text).toContain("| naive: nordjylland, no alias stripping | 1,400 | 14.0 | 1,350 | 100 | 10.00 | 8.50 |");
    expect(text).toContain("within 60 s: met; within 2 GB per process: met; within 1.5× of the floor: met; program time per resource about 1k → national: 0.60×");
    expect(renderBenchTable({ ...figures, wallSeconds: 75, floorRatio: 1.8 })).toContain("within 60 s: NOT met; within 2 GB per process: met; within 1.5× of the floor: NOT met");
  });
});
