/**
 * `npm run bench [-- --json FILE]`: plans a synthetic national configuration
 * (98 municipalities in five units, 10,000+ resources) exactly as
 * `driftsenhed plan` does, and sets it against
 *   - the floor: the same registrations made directly through the SDK under
 *     the same mock runtime, alias transformation and worker setup;
 *   - the naive path: one unit planned without the alias transformation;
 *   - the same plan at about 1k and 3k resources, to show how cost grows.
 * Prints one table; `--json FILE` writes the same figures.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { executePlan, type PlanExecution } from "../plan/command.js";
import { runPlan, type PlanRun, type UnitTarget } from "../plan/engine.js";
import type { ProgramRef } from "../plan/protocol.js";
import { renderBenchTable, type BenchFigures, type SeriesPoint } from "./report.js";
import { writeSyntheticConfig, type SyntheticConfig, type SyntheticOptions } from "./synthetic.js";
import type { ReplayInput } from "./floor.js";

const FLOOR_PROGRAM: ProgramRef = { module: path.join(__dirname, "floor.ts"), export: "replayStack" };

/** Workloads per municipality that put the national plan above 10,000 resources. */
export const NATIONAL_SHAPE = { vms: 6, containers: 3, sites: 2 } as const;
export const NATIONAL_MINIMUM = 10_000;

class BenchError extends Error {}

const silent = { stdout: () => undefined, stderr: (text: string) => process.stderr.write(text.replace(/^plan: /gm, "bench: ")) };

async function plan(configDir: string, units: string[], label: string, replay = false): Promise<PlanExecution & { run: PlanRun }> {
  process.stderr.write(`bench: planning ${label}\n`);
  const result = await executePlan({ units, configDir }, silent, replay ? { includeReplay: true } : {});
  if (!result.run) throw new BenchError(`the ${label} configuration is invalid (exit ${result.exitCode}); the generator must produce a valid configuration`);
  if (result.run.failures.length > 0) {
    throw new BenchError(`${label}: ${result.run.failures.map((f) => `${f.stack}: ${f.message}`).join("\n")}`);
  }
  return result as PlanExecution & { run: PlanRun };
}

/** The floor: every stack's registrations replayed through the SDK, with the same parallelism. */
async function floor(national: PlanRun): Promise<PlanRun> {
  process.stderr.write("bench: registering the same resources directly through the SDK (floor)\n");
  const targets: UnitTarget[] = national.document.units.map((u) => ({
    unit: {
      id: u.unit,
      name: u.name,
      layout: u.layout,
      location: u.location,
      addressSpace: u.addressSpace,
      hubAddressSpace: u.hubAddressSpace,
      municipalities: [],
    },
    stacks: u.stacks.map((s) => {
      const entries = national.replays?.get(s.stack);
      if (!entries) throw new BenchError(`no replay recorded for stack '${s.stack}'`);
      const input: ReplayInput = { entries, stripProviderAliases: true };
      return { stack: s.stack, unit: u.unit, program: FLOOR_PROGRAM, input, weight: entries.length };
    }),
  }));
  const run = await runPlan(targets, { concurrency: national.concurrency, onProgress: (l) => process.stderr.write(`${l.replace(/^plan: /, "bench: floor ")}\n`) });
  if (run.failures.length > 0) throw new BenchError(`floor: ${run.failures.map((f) => `${f.stack}: ${f.message}`).join("\n")}`);
  return run;
}

function point(label: string, exec: PlanExecution & { run: PlanRun }): SeriesPoint {
  const resources = exec.run.document.totals.resources;
  const programSeconds = exec.run.stacks.reduce((sum, s) => sum + (s.metrics?.programSeconds ?? 0), 0);
  return {
    label,
    resources,
    stacks: exec.run.document.totals.stacks,
    wallSeconds: round(exec.wallSeconds),
    peakRssMb: Math.round(exec.run.peakRssMb),
    msPerResource: round((exec.wallSeconds * 1000) / resources),
    programMsPerResource: round((programSeconds * 1000) / resources),
  };
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Units and municipalities per unit for a plan of about `target` resources, from the national plan's proportions. */
function shapeFor(target: number, perMunicipality: number, perPlatform: number, unitIds: readonly string[]): { units: string[]; perUnit: number } {
  for (let n = unitIds.length; n >= 1; n--) {
    const perUnit = Math.round((target - n * perPlatform) / (n * perMunicipality));
    if (perUnit >= 1) return { units: unitIds.slice(0, n), perUnit };
  }
  return { units: unitIds.slice(0, 1), perUnit: 1 };
}

export async function runBenchmark(options: { json?: string; keep?: boolean; shape?: Omit<SyntheticOptions, "dir"> }): Promise<BenchFigures> {
  const root = mkdtempSync(path.join(tmpdir(), "driftsenhed-bench-"));
  const shape = options.shape ?? NATIONAL_SHAPE;
  try {
    const nationalDir = path.join(root, "national");
    mkdirSync(nationalDir);
    const config: SyntheticConfig = writeSyntheticConfig({ dir: nationalDir, ...shape });
    const national = await plan(nationalDir, [], `the national configuration (${config.municipalities} municipalities, ${config.workloads} workloads)`, true);
    const doc = national.run.document;
    if (doc.totals.resources < NATIONAL_MINIMUM) {
      process.stderr.write(`bench: warning: the national plan has ${doc.totals.resources} resources, fewer than ${NATIONAL_MINIMUM}; raise the workloads per municipality\n`);
    }

    const floorRun = await floor(national.run);

    // The naive path: the smallest unit, with the provider's versioned type aliases left in place.
    const smallest = [...config.units].sort((a, b) => a.municipalities.length - b.municipalities.length)[0]!;
    const naiveDir = path.join(root, "naive");
    mkdirSync(naiveDir);
    writeSyntheticConfig({ dir: naiveDir, ...shape, stripProviderAliases: false });
    let naive: SeriesPoint & { unit: string; error?: string };
    try {
      naive = { unit: smallest.id, ...point(`naive: ${smallest.id} without alias stripping`, await plan(naiveDir, [smallest.id], `${smallest.id} without the alias transformation (naive)`)) };
    } catch (err) {
      if (!(err instanceof BenchError)) throw err;
      naive = { unit: smallest.id, label: `naive: ${smallest.id}`, resources: 0, stacks: 1, wallSeconds: 0, peakRssMb: 0, msPerResource: 0, programMsPerResource: 0, error: err.message.split("\n")[0]! };
    }

    // The series: the same shape at about 1k and 3k resources.
    const platformPerUnit = doc.units.reduce((n, u) => n + u.platform.resources, 0) / doc.units.length;
    const perMunicipality = (doc.totals.resources - platformPerUnit * doc.units.length) / config.municipalities;
    const series: SeriesPoint[] = [];
    for (const target of [1_000, 3_000]) {
      const { units, perUnit } = shapeFor(target, perMunicipality, platformPerUnit, config.units.map((u) => u.id));
      const dir = path.join(root, `series-${target}`);
      mkdirSync(dir);
      writeSyntheticConfig({ dir, ...shape, units, municipalitiesPerUnit: perUnit });
      series.push(point(`about ${target / 1000}k`, await plan(dir, [], `about ${target} resources (${units.length} unit${units.length === 1 ? "" : "s"} × ${perUnit} municipalit${perUnit === 1 ? "y" : "ies"})`)));
    }
    series.push(point("national", national));

    const figures: BenchFigures = {
      cores: availableParallelism(),
      node: process.version,
      municipalities: config.municipalities,
      units: config.units.length,
      workloads: config.workloads,
      resources: doc.totals.resources,
      wallSeconds: round(national.wallSeconds),
      peakRssMb: Math.round(national.run.peakRssMb),
      resourcesPerSecond: Math.round(doc.totals.resources / national.wallSeconds),
      floorSeconds: round(floorRun.wallSeconds),
      floorPeakRssMb: Math.round(floorRun.peakRssMb),
      floorRatio: round(national.wallSeconds / floorRun.wallSeconds),
      naive,
      series,
    };
    process.stdout.write(renderBenchTable(figures));
    if (options.json) {
      writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`, "utf8");
      process.stderr.write(`bench: wrote ${options.json}\n`);
    }
    return figures;
  } finally {
    if (options.keep) process.stderr.write(`bench: kept ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  }
}

function main(argv: string[]): Promise<number> | number {
  let values: { json?: string; keep?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: "string" }, keep: { type: "boolean" }, help: { type: "boolean" } },
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\nusage: npm run bench [-- --json FILE] [--keep]\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write("usage: npm run bench [-- --json FILE] [--keep]\n  --json FILE  write the figures as JSON\n  --keep       keep the generated configuration\n");
    return 0;
  }
  return runBenchmark(values).then(
    () => 0,
    (err: unknown) => {
      if (err instanceof BenchError) {
        process.stderr.write(`bench: ${err.message}\n`);
        return 1;
      }
      throw err;
    },
  );
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
