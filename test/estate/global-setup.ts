/**
 * Global setup of the `estate` tier (vitest.config.ts): builds the example
 * estate once, before the tier's test files run, and tells them where it is
 * (test/estate/estate.ts). Everything here runs at once: two recording
 * children (test/estate/record.ts, the deployment's entry under the mock
 * runtime) and two `driftsenhed plan` runs through the command line, whose
 * own workers plan one stack per process. On two cores the lot takes about as
 * long as the plan alone did when each test file built the estate itself.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { loadConfigDir } from "../../packages/config/load.js";
import { WORKER_EXEC_ARGV } from "../../packages/tools/plan/pool.js";
import { cli } from "../tools/plan/support.js";
import { EXAMPLE_DIR, LOCKED_RULE, SYNTHETIC_DIR, TODAY, type EstateFiles, type PlanOutcome } from "./estate.js";
import type { RecordJob } from "./record.js";

const run = promisify(execFile);
const RECORDER = path.join(__dirname, "record.ts");

async function recordUnits(dir: string, name: string, configDir: string, units: string[]): Promise<string> {
  const out = path.join(dir, `${name}.json`);
  const jobFile = path.join(dir, `${name}.job.json`);
  const job: RecordJob = { configDir, today: TODAY, units, out };
  writeFileSync(jobFile, JSON.stringify(job));
  try {
    await run(process.execPath, [...WORKER_EXEC_ARGV, RECORDER, jobFile], { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`recording ${units.join(", ")} of ${configDir} failed: ${e.stderr || e.message}`);
  }
  return out;
}

async function plan(dir: string, name: string, argv: string[]): Promise<string> {
  const json = path.join(dir, `${name}.plan.json`);
  const result = await cli([...argv, "--json", json]);
  const outcome: PlanOutcome = { ...result, json };
  const file = path.join(dir, `${name}.outcome.json`);
  writeFileSync(file, JSON.stringify(outcome));
  return file;
}

/** Two near-equal halves by municipality count (a unit's cost grows with its tenants). */
function halves(units: { id: string; size: number }[]): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  let sa = 0;
  let sb = 0;
  for (const u of [...units].sort((x, y) => y.size - x.size)) {
    if (sa <= sb) {
      a.push(u.id);
      sa += u.size;
    } else {
      b.push(u.id);
      sb += u.size;
    }
  }
  return [a, b];
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), "driftsenhed-estate-"));
  const loaded = loadConfigDir(EXAMPLE_DIR);
  const units = loaded.units.map((u) => ({ id: u.id, size: u.municipalities.length }));
  /** The unit planned alone: the one with the fewest municipalities, to keep the second run short. */
  const single = [...loaded.units].sort((a, b) => a.municipalities.length - b.municipalities.length)[0]!.id;
  const policyFile = path.join(dir, "policy-config.json");
  writeFileSync(policyFile, JSON.stringify({ [LOCKED_RULE]: { requireLocked: true } }));
  const planOut = path.join(dir, "out");
  const [first, second] = halves(units);

  try {
    const [a, b, synthetic, planned, alone] = await Promise.all([
      recordUnits(dir, "example-a", EXAMPLE_DIR, first),
      recordUnits(dir, "example-b", EXAMPLE_DIR, second),
      recordUnits(dir, "synthetic", SYNTHETIC_DIR, loadConfigDir(SYNTHETIC_DIR).units.map((u) => u.id)),
      plan(dir, "example", ["plan", "--config-dir", EXAMPLE_DIR, "--out", planOut]),
      plan(dir, "alone", ["plan", single, "--config-dir", EXAMPLE_DIR, "--policy-config", policyFile]),
    ]);
    // One file for the example, in the configuration's unit order.
    const stacks = [a, b].flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as { unit: string }[]);
    const order = units.map((u) => u.id);
    stacks.sort((x, y) => order.indexOf(x.unit) - order.indexOf(y.unit));
    const example = path.join(dir, "example.json");
    writeFileSync(example, JSON.stringify(stacks));
    const files: EstateFiles = { example, synthetic, plan: planned, planOut, alone, single };
    project.provide("estate", files);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
