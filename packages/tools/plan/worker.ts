/**
 * Child-process entry of the offline plan: receives one job, runs that one
 * stack's program under the mock runtime, attributes and evaluates what it
 * registered, sends the result back and exits. One stack per process, because
 * the Pulumi runtime's state is process-global.
 *
 * Started by pool.ts with tsx preloaded, so programs are plain TypeScript.
 */
import { performance } from "node:perf_hooks";
import { isUnknown } from "@pulumi/pulumi/output";
import { RunError } from "@pulumi/pulumi/errors";
import { isInputError } from "../../../components/vocabulary/errors.js";
import { runWithMocks, type RecordedResource } from "../mock-runtime/index.js";
import { attributeResources, municipalityOf } from "./attribute.js";
import type { ChildMessage, ParentMessage, ProgramRef, ReplayEntry, WorkerFailure, WorkerJob, WorkerResult } from "./protocol.js";
import type { PlanResource, PlanViolation, Severity } from "./types.js";

const debug = Boolean(process.env.DRIFTSENHED_DEBUG);
if (!debug) {
  // The SDK captures a stack trace for every output promise (leak diagnostics
  // only) and for every resource; with source maps on, formatting those traces
  // costs more than registering the resource. Stack traces of a planning
  // worker are only ever shown with DRIFTSENHED_DEBUG, so skip the work.
  process.setSourceMapsEnabled(false);
  Error.stackTraceLimit = 0;
}

type Program = (input: unknown, identity: { stack: string; unit: string; municipality?: string }) => unknown;
type Evaluator = (
  resources: readonly RecordedResource[],
  options: { now?: Date; config?: Record<string, unknown> },
) => { policy: string; enforcementLevel: "advisory" | "mandatory"; severity: Severity; urn?: string; message: string; kommunekode?: string }[];

function load<T>(ref: ProgramRef): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(ref.module) as Record<string, unknown>;
  const fn = mod[ref.export];
  if (typeof fn !== "function") {
    throw new Error(`${ref.module} has no exported function '${ref.export}'`);
  }
  return fn as T;
}

function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Marks, in the plan, a value that only the deployment will know. */
export const UNKNOWN_MARKER = "[unknown]";

/**
 * Inputs as the plan shows them: values unknown until deployment become a
 * marker, since the runtime's sentinel object would not survive the trip to
 * the parent (and would read as an empty object in JSON).
 */
function planValue(value: unknown): unknown {
  if (isUnknown(value)) return UNKNOWN_MARKER;
  if (Array.isArray(value)) return value.map(planValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = planValue(v);
    return out;
  }
  return value;
}

/** Registration order with parents as indexes: what the benchmark's floor replays. */
function replayOf(recorded: readonly RecordedResource[]): ReplayEntry[] {
  const index = new Map<string, number>();
  const out: ReplayEntry[] = [];
  for (const r of recorded) {
    // The stack resource is created by the mock runtime itself, in the replay as here.
    if (r.type === "pulumi:pulumi:Stack") continue;
    index.set(r.urn, out.length);
    out.push({
      type: r.type,
      name: r.name,
      custom: r.custom,
      parent: r.parentUrn !== undefined ? (index.get(r.parentUrn) ?? -1) : -1,
      inputs: planValue(r.inputs) as Record<string, unknown>,
    });
  }
  return out;
}

export async function runJob(job: WorkerJob): Promise<WorkerResult> {
  const identity = { stack: job.stack, unit: job.unit, ...(job.municipality ? { municipality: job.municipality } : {}) };
  const t0 = performance.now();
  const program = load<Program>(job.program);
  const evaluate = job.evaluation ? load<Evaluator>(job.evaluation.evaluator) : undefined;
  const loadSeconds = seconds(t0);

  const t1 = performance.now();
  const run = await runWithMocks(async () => {
    const outputs = await program(job.input, identity);
    return (outputs ?? {}) as Record<string, unknown>;
  }, { stack: job.stack, preview: job.preview ?? true });
  const programSeconds = seconds(t1);

  const owners = attributeResources(run.resources, {
    ...(job.municipality ? { fallback: job.municipality } : {}),
    ...(job.codes ? { codes: job.codes } : {}),
  });
  const resources: PlanResource[] = run.resources.map((r) => {
    const municipality = municipalityOf(owners.get(r.urn));
    // Key order is the order FORMAT.md documents; JSON readers see it as written.
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      custom: r.custom,
      ...(r.id ? { id: r.id } : {}),
      ...(r.parentUrn !== undefined ? { parentUrn: r.parentUrn } : {}),
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      ...(municipality !== undefined ? { municipality } : {}),
      inputs: planValue(r.inputs) as Record<string, unknown>,
    };
  });

  const t2 = performance.now();
  const violations: PlanViolation[] = [];
  if (evaluate) {
    const found = evaluate(run.resources, {
      ...(job.evaluation?.now ? { now: new Date(job.evaluation.now) } : {}),
      ...(job.evaluation?.config ? { config: job.evaluation.config } : {}),
    });
    for (const v of found) {
      // The rule's own attribution wins: a stack rule may name the municipality a finding concerns.
      // A finding about no resource in particular concerns whom the stack is for.
      const fallback = v.urn ? municipalityOf(owners.get(v.urn)) : job.municipality;
      const municipality = municipalityOf(v.kommunekode) ?? (v.kommunekode === undefined ? fallback : undefined);
      violations.push({
        policy: v.policy,
        enforcementLevel: v.enforcementLevel,
        severity: v.severity,
        ...(v.urn !== undefined ? { urn: v.urn } : {}),
        message: v.message,
        ...(municipality !== undefined ? { municipality } : {}),
      });
    }
  }
  const evaluateSeconds = seconds(t2);

  const aliasCount = run.resources.reduce((n, r) => n + r.aliasCount, 0);
  return {
    ok: true,
    ...identity,
    resources,
    violations,
    metrics: { loadSeconds, programSeconds, evaluateSeconds, peakRssMb: peakRssMb(), aliasCount },
    ...(job.includeReplay ? { replay: replayOf(run.resources) } : {}),
    ...(job.returnOutputs ? { outputs: run.outputs } : {}),
  };
}

function failure(job: WorkerJob, err: unknown): WorkerFailure {
  const error = err instanceof Error ? err : new Error(String(err));
  // Every kind of wrong input carries the brand (configuration, component args, stack layout).
  const inputError = isInputError(error);
  const runError = RunError.isInstance(error);
  return {
    ok: false,
    stack: job.stack,
    unit: job.unit,
    ...(job.municipality ? { municipality: job.municipality } : {}),
    inputError,
    errorName: runError ? "RunError" : (error as Error).name,
    message: error.message,
    // Plain data: the findings cross the process boundary by structured clone.
    ...(isInputError(error) ? { findings: error.findings.map((f) => ({ ...f })) } : {}),
    ...(debug && error.stack ? { trace: error.stack } : {}),
    peakRssMb: peakRssMb(),
  };
}

function reply(result: WorkerResult): void {
  const message: ChildMessage = { kind: "result", result };
  // Exit only once the message has left: a large result can take several writes.
  process.send!(message, undefined, {}, () => process.exit(0));
}

if (require.main === module) {
  if (!process.send) {
    process.stderr.write("packages/tools/plan/worker.ts is started by the planner (pool.ts), not directly.\n");
    process.exit(2);
  }
  process.once("message", (message: ParentMessage) => {
    if (message?.kind !== "job") return;
    let replied = false;
    const once = (result: WorkerResult) => {
      if (replied) return;
      replied = true;
      reply(result);
    };
    // A program may fail inside an apply callback, outside the promise chain awaited here.
    process.on("uncaughtException", (err) => once(failure(message.job, err)));
    process.on("unhandledRejection", (err) => once(failure(message.job, err)));
    runJob(message.job).then(once, (err: unknown) => once(failure(message.job, err)));
  });
}
