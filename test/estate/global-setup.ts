/**
 * Global setup of the `estate` tier (vitest.config.mts): builds the example
 * estate once, before the tier's test files run, and tells them where it is
 * (test/estate/estate.ts). Everything here runs at once: one recording
 * child (test/estate/record.ts: the deployment's entry under the mock
 * runtime, for the example and the synthetic estate) and two
 * `driftsenhed plan` runs through the command line, whose own workers plan
 * one stack per process.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

/** Records every job in one child process (test/estate/record.ts). */
async function record(dir: string, jobs: RecordJob[]): Promise<void> {
  const jobFile = path.join(dir, "record.jobs.json");
  writeFileSync(jobFile, JSON.stringify(jobs));
  try {
    await run(process.execPath, [...WORKER_EXEC_ARGV, RECORDER, jobFile], { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`recording the estate (${jobs.map((j) => j.configDir).join(", ")}) failed: ${e.stderr || e.message}`);
  }
}

/** `driftsenhed plan ... --json FILE` in this process (./support.ts); what it printed and its exit code go to a file. */
async function plan(dir: string, name: string, argv: string[]): Promise<string> {
  const json = path.join(dir, `${name}.plan.json`);
  const result = await cli([...argv, "--json", json]);
  const outcome: PlanOutcome = { ...result, json };
  const file = path.join(dir, `${name}.outcome.json`);
  writeFileSync(file, JSON.stringify(outcome));
  return file;
}

/** Builds the estate into a new temporary folder and says where it is. */
async function build(): Promise<{ dir: string; files: EstateFiles }> {
  const dir = mkdtempSync(path.join(tmpdir(), "driftsenhed-estate-"));
  const loaded = loadConfigDir(EXAMPLE_DIR);
  /** The unit planned alone: the one with the fewest municipalities, to keep the second run short. */
  const single = [...loaded.units].sort((a, b) => a.municipalities.length - b.municipalities.length)[0]!.id;
  const policyFile = path.join(dir, "policy-config.json");
  writeFileSync(policyFile, JSON.stringify({ [LOCKED_RULE]: { requireLocked: true } }));
  const planOut = path.join(dir, "out");
  const example = path.join(dir, "example.json");
  const synthetic = path.join(dir, "synthetic.json");
  const job = (configDir: string, out: string): RecordJob => ({ configDir, today: TODAY, units: loadConfigDir(configDir).units.map((u) => u.id), out });

  try {
    // One recording process beside the two plans and their workers: the machine's cores are busy either way, and the SDK loads once.
    const [, planned, alone] = await Promise.all([
      record(dir, [job(EXAMPLE_DIR, example), job(SYNTHETIC_DIR, synthetic)]),
      plan(dir, "example", ["plan", "--config-dir", EXAMPLE_DIR, "--out", planOut]),
      plan(dir, "alone", ["plan", single, "--config-dir", EXAMPLE_DIR, "--policy-config", policyFile]),
    ]);
    return { dir, files: { example, synthetic, plan: planned, planOut, alone, single } };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  let current = await build();
  project.provide("estate", current.files);
  // In watch mode, a rerun reads an estate built from the sources as they are now.
  project.onTestsRerun(async () => {
    const next = await build();
    rmSync(current.dir, { recursive: true, force: true });
    current = next;
    project.provide("estate", current.files);
  });
  return () => rmSync(current.dir, { recursive: true, force: true });
}
