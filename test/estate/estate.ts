/**
 * The example estate, built once per `vitest run` by test/estate/global-setup.ts
 * and read by the tests that need it (test/stacks/urn-pin.test.ts,
 * test/stacks/program.test.ts, test/tools/plan/example-plan.test.ts):
 *
 * - the deployment's entry (runStackProgram) over every unit of stacks/ and
 *   over the synthetic estate in test/fixtures/config/synthetic, recorded by
 *   test/estate/record.ts under the mock runtime;
 * - `driftsenhed plan` of stacks/ through the command line, and one unit
 *   planned alone with a stricter policy pack configuration.
 *
 * Building it once instead of once per test file is what keeps `npm test`
 * short; every assertion still reads what the real stack program registered.
 */
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import type { RecordedResource } from "../../packages/tools/mock-runtime/index.js";
import type { PlanDocument } from "../../packages/tools/plan/types.js";
import type { CliResult } from "../tools/plan/support.js";

export const EXAMPLE_DIR = "stacks";
export const SYNTHETIC_DIR = "test/fixtures/config/synthetic";
/** Fixed "now": the configuration's date checks must not make the estate depend on the day. */
export const TODAY = "2026-06-01";
/** The rule the stricter pack configuration of the unit planned alone locks. */
export const LOCKED_RULE = "azure-recoveryservices-require-immutability";

export interface RecordedStack {
  stack: string;
  unit: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
}

export interface PlanOutcome extends CliResult {
  /** The --json file the run wrote. */
  json: string;
}

/** Where the global setup left the estate (files in a temporary folder it removes afterwards). */
export interface EstateFiles {
  /** RecordedStack[] of every stack of stacks/. */
  example: string;
  /** RecordedStack[] of the synthetic estate. */
  synthetic: string;
  /** PlanOutcome of `plan --config-dir stacks --json ... --out ...`. */
  plan: string;
  /** The --out folder of that run. */
  planOut: string;
  /** PlanOutcome of the unit planned alone with the stricter configuration. */
  alone: string;
  /** The unit planned alone. */
  single: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    estate: EstateFiles;
  }
}

export function estateFiles(): EstateFiles {
  const files = inject("estate");
  if (!files) throw new Error("the example estate was not built: run this file through the 'estate' project of vitest.config.mts");
  return files;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

export function recordedExample(): RecordedStack[] {
  return readJson(estateFiles().example);
}

export function recordedSynthetic(): RecordedStack[] {
  return readJson(estateFiles().synthetic);
}

export function planOutcome(which: "plan" | "alone"): { result: CliResult; doc: PlanDocument } {
  const outcome = readJson<PlanOutcome>(estateFiles()[which]);
  const { json, ...result } = outcome;
  return { result, doc: readJson<PlanDocument>(json) };
}
