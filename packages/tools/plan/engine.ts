/**
 * The planning engine: every stack of every unit through its own worker
 * process, as many at a time as the machine has cores, then one plan
 * document. Knows nothing about where the program or the configuration come
 * from; command.ts wires in the real ones.
 *
 * A stack may depend on another (a municipality's own stack reads its unit
 * stack's outputs); it starts when that one has finished, with an input built
 * from the other's result.
 */
import { performance } from "node:perf_hooks";
import { buildPlanDocument, type StackRecord, type UnitDescription } from "./document.js";
import type { PolicyPackConfig } from "../../../policies/config.js";
import { mergePolicyConfig } from "./policy-config.js";
import { defaultConcurrency, runJobInChild, type JobOutcome } from "./pool.js";
import type {
  EvaluationRequest,
  ProgramRef,
  ReplayEntry,
  StackIdentity,
  WorkerFailure,
  WorkerJob,
  WorkerMetrics,
  WorkerSuccess,
} from "./protocol.js";
import type { PlanDocument } from "./types.js";

export interface StackTarget extends StackIdentity {
  program: ProgramRef;
  /** The program's input, or how to build it from the result of the stack named in `after`. */
  input: unknown | ((dependency: WorkerSuccess) => unknown);
  /** Stack that must be planned first. */
  after?: string;
  /** Return this stack's outputs (another stack depends on them). */
  returnOutputs?: boolean;
  /** Expected size; larger stacks start first so that the slowest does not start last. */
  weight: number;
  /** Policy pack configuration of this stack, under the run's (the run's entries win). */
  policyConfig?: Record<string, unknown>;
  /** Kommunekoder of the unit's municipalities (attribution by tenant name). */
  codes?: string[];
}

export interface UnitTarget {
  unit: UnitDescription;
  stacks: StackTarget[];
}

export interface PlanRunOptions {
  concurrency?: number;
  /** Omitted: no policy evaluation. */
  evaluation?: EvaluationRequest;
  /** One line per finished stack (the command writes them to stderr). */
  onProgress?: (line: string) => void;
  includeReplay?: boolean;
  /** Extra Node options for the workers. */
  execArgv?: readonly string[];
}

export interface StackRunInfo extends StackIdentity {
  wallSeconds: number;
  resources: number;
  metrics?: WorkerMetrics;
}

export interface PlanRun {
  document: PlanDocument;
  /** Stacks that could not be planned; their resources are missing from the document. */
  failures: WorkerFailure[];
  stacks: StackRunInfo[];
  wallSeconds: number;
  /** Largest peak RSS of any one process (the workers and this one). */
  peakRssMb: number;
  concurrency: number;
  replays?: Map<string, ReplayEntry[]>;
}

const number = new Intl.NumberFormat("en-GB");

function progressLine(outcome: JobOutcome, done: number, total: number): string {
  const r = outcome.result;
  const head = `plan: [${done}/${total}] ${r.stack}`;
  if (!r.ok) return `${head}  failed: ${r.message.split("\n")[0]}`;
  const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const violations =
    r.violations.length === 0 ? "no violations" : `${number.format(r.violations.length)} violation${r.violations.length === 1 ? "" : "s"} (${mandatory} mandatory)`;
  return `${head}  ${number.format(r.resources.length)} resources, ${violations}, ${outcome.wallSeconds.toFixed(1)} s, peak ${Math.round(r.metrics.peakRssMb)} MB`;
}

function blocked(target: StackTarget, reason: string): WorkerFailure {
  return {
    ok: false,
    stack: target.stack,
    unit: target.unit,
    ...(target.municipality ? { municipality: target.municipality } : {}),
    inputError: false,
    errorName: "NotPlanned",
    message: `not planned: ${reason}`,
  };
}

function evaluationFor(target: StackTarget, run: EvaluationRequest): EvaluationRequest {
  if (!target.policyConfig) return run;
  return { ...run, config: mergePolicyConfig(target.policyConfig as PolicyPackConfig, run.config as PolicyPackConfig | undefined) };
}

/**
 * Runs the targets' stacks, at most `concurrency` workers at a time, each
 * started as soon as a worker is free and its dependency (if any) is done.
 * Outcomes come back in the order of `stacks`.
 */
async function schedule(stacks: readonly StackTarget[], options: PlanRunOptions, concurrency: number): Promise<JobOutcome[]> {
  const outcomes: (JobOutcome | undefined)[] = new Array(stacks.length);
  const byName = new Map(stacks.map((s, i) => [s.stack, i]));
  const waiting = new Set(stacks.map((_, i) => i));
  let running = 0;
  let done = 0;

  const finish = (i: number, outcome: JobOutcome) => {
    outcomes[i] = outcome;
    done++;
    options.onProgress?.(progressLine(outcome, done, stacks.length));
  };

  return new Promise((resolve) => {
    const pump = () => {
      // Dependants of failed stacks can never run: report them instead of waiting forever.
      let changed = true;
      while (changed) {
        changed = false;
        for (const i of [...waiting]) {
          const after = stacks[i]!.after;
          if (after === undefined) continue;
          const dep = byName.get(after);
          let reason: string | undefined;
          if (dep === undefined) reason = `it depends on stack '${after}', which is not part of this plan`;
          else if (outcomes[dep] && !outcomes[dep]!.result.ok) reason = `stack '${after}', whose outputs it reads, could not be planned`;
          if (reason === undefined) continue;
          waiting.delete(i);
          finish(i, { result: blocked(stacks[i]!, reason), wallSeconds: 0 });
          changed = true;
        }
      }
      while (running < concurrency) {
        let pick: number | undefined;
        for (const i of waiting) {
          const after = stacks[i]!.after;
          if (after !== undefined && !outcomes[byName.get(after)!]) continue;
          if (pick === undefined || stacks[i]!.weight > stacks[pick]!.weight) pick = i;
        }
        if (pick === undefined) break;
        waiting.delete(pick);
        start(pick);
      }
      if (running === 0 && waiting.size > 0) {
        // Nothing runs and nothing can start: the rest wait on each other.
        for (const i of [...waiting]) {
          waiting.delete(i);
          finish(i, { result: blocked(stacks[i]!, `its dependency '${stacks[i]!.after}' waits on it in turn`), wallSeconds: 0 });
        }
      }
      if (running === 0 && waiting.size === 0) resolve(outcomes as JobOutcome[]);
    };

    const start = (i: number) => {
      const target = stacks[i]!;
      let input = target.input;
      if (typeof input === "function") {
        const dep = outcomes[byName.get(target.after!)!]!.result as WorkerSuccess;
        try {
          input = (input as (d: WorkerSuccess) => unknown)(dep);
        } catch (err) {
          finish(i, { result: blocked(target, `its input could not be built from stack '${target.after}': ${(err as Error).message}`), wallSeconds: 0 });
          return;
        }
      }
      const job: WorkerJob = {
        stack: target.stack,
        unit: target.unit,
        ...(target.municipality ? { municipality: target.municipality } : {}),
        program: target.program,
        ...(target.codes ? { codes: target.codes } : {}),
        input,
        ...(options.evaluation ? { evaluation: evaluationFor(target, options.evaluation) } : {}),
        ...(options.includeReplay ? { includeReplay: true } : {}),
        ...(target.returnOutputs ? { returnOutputs: true } : {}),
      };
      running++;
      void runJobInChild(job, options.execArgv).then((outcome) => {
        running--;
        finish(i, outcome);
        pump();
      });
    };

    pump();
  });
}

export async function runPlan(targets: readonly UnitTarget[], options: PlanRunOptions = {}): Promise<PlanRun> {
  const started = performance.now();
  const flat = targets.flatMap((t) => t.stacks);
  const names = new Set<string>();
  for (const s of flat) {
    if (names.has(s.stack)) throw new Error(`stack '${s.stack}' is planned twice; stack names must be unique`);
    names.add(s.stack);
  }
  const concurrency = Math.max(1, Math.min(options.concurrency ?? defaultConcurrency(), Math.max(1, flat.length)));
  const outcomes = await schedule(flat, options, concurrency);

  const records: StackRecord[] = [];
  const failures: WorkerFailure[] = [];
  const stacks: StackRunInfo[] = [];
  const replays = options.includeReplay ? new Map<string, ReplayEntry[]>() : undefined;
  let peak = 0;
  for (const o of outcomes) {
    const r = o.result;
    const identity = { stack: r.stack, unit: r.unit, ...(r.municipality ? { municipality: r.municipality } : {}) };
    if (r.ok) {
      records.push({ ...identity, resources: r.resources, violations: r.violations });
      stacks.push({ ...identity, wallSeconds: o.wallSeconds, resources: r.resources.length, metrics: r.metrics });
      peak = Math.max(peak, r.metrics.peakRssMb);
      if (replays && r.replay) replays.set(r.stack, r.replay);
    } else {
      failures.push(r);
      stacks.push({ ...identity, wallSeconds: o.wallSeconds, resources: 0 });
      peak = Math.max(peak, r.peakRssMb ?? 0);
    }
  }
  const document = buildPlanDocument(
    targets.map((t) => t.unit),
    records,
    failures.map((f) => ({ stack: f.stack, unit: f.unit, ...(f.municipality ? { municipality: f.municipality } : {}), message: f.message })),
  );
  peak = Math.max(peak, process.resourceUsage().maxRSS / 1024);
  return {
    document,
    failures,
    stacks,
    wallSeconds: (performance.now() - started) / 1000,
    peakRssMb: Math.round(peak * 10) / 10,
    concurrency,
    ...(replays ? { replays } : {}),
  };
}
