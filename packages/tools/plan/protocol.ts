/**
 * What the planner and its workers say to each other. Each stack runs in its
 * own child process because the Pulumi runtime keeps process-global state
 * (stack, mocks, transformations, leak detection): two stacks in one process
 * could leak resources or settings into each other.
 *
 * Messages travel over the child's IPC channel with `serialization:
 * "advanced"` (structured clone), so jobs and results are plain data.
 */
import type { InputFinding } from "../../../components/vocabulary/errors.js";
import type { PlanResource, PlanViolation } from "./types.js";

/** A module export that builds one stack: `(input, stack) => outputs`. */
export interface ProgramRef {
  /** Absolute path of the module (TypeScript is fine: workers load tsx). */
  module: string;
  export: string;
}

export interface StackIdentity {
  /** The stack name the program runs as. */
  stack: string;
  unit: string;
  /** Set for a municipality's own stack. */
  municipality?: string;
}

/** Kommunekoder of the unit's municipalities, for attributing resources by their tenant names. */
export type MunicipalityCodes = string[];

export interface EvaluationRequest {
  /** The evaluator: `(resources, options) => Violation[]` (policies/evaluate.ts `evaluatePack`). */
  evaluator: ProgramRef;
  /** Passed to the evaluator as `now` (exemption expiry). */
  now?: string;
  /** Passed as `config` (the policy pack configuration). */
  config?: Record<string, unknown>;
}

export interface WorkerJob extends StackIdentity {
  program: ProgramRef;
  codes?: MunicipalityCodes;
  /** The program's input; structured-clonable. */
  input: unknown;
  /**
   * Run as a preview (default): outputs the mocks do not invent stay unknown,
   * as in `pulumi preview`, instead of reaching the program as `undefined`.
   */
  preview?: boolean;
  /** Omitted: register only (the floor of the benchmark). */
  evaluation?: EvaluationRequest;
  /** Also return what the benchmark's floor needs to replay this stack's registrations. */
  includeReplay?: boolean;
  /** Return the stack outputs (resolved to plain data): a municipality stack reads its unit stack's. */
  returnOutputs?: boolean;
}

/** One registration, as the floor replays it. */
export interface ReplayEntry {
  type: string;
  name: string;
  custom: boolean;
  /** Index of the parent in the replay list; -1 for none (the stack). */
  parent: number;
  inputs: Record<string, unknown>;
}

export interface WorkerMetrics {
  /** Time spent loading modules before the program starts. */
  loadSeconds: number;
  programSeconds: number;
  evaluateSeconds: number;
  /** Peak resident set size of the worker process. */
  peakRssMb: number;
  /** Aliases that reached the engine, over all resources (0 when provider aliases are stripped). */
  aliasCount: number;
}

export interface WorkerSuccess extends StackIdentity {
  ok: true;
  resources: PlanResource[];
  violations: PlanViolation[];
  metrics: WorkerMetrics;
  replay?: ReplayEntry[];
  outputs?: Record<string, unknown>;
}

export interface WorkerFailure extends StackIdentity {
  ok: false;
  /**
   * True when the program rejected its input (`isInputError` in the worker:
   * configuration, platform or component args): the user's to fix, exit 2.
   * Absent or false: a fault (exit 70). Decided where the error object still
   * exists, since its class does not survive the process boundary.
   */
  inputError?: boolean;
  /** What failed, for people reading a report (a class name, `Timeout`, `WorkerExit`...); nothing decides on it. */
  errorName: string;
  message: string;
  /** The findings of wrong input, as the error carried them. */
  findings?: InputFinding[];
  trace?: string;
  /** Peak RSS, when the worker got as far as reporting it. */
  peakRssMb?: number;
}

export type WorkerResult = WorkerSuccess | WorkerFailure;

export type ParentMessage = { kind: "job"; job: WorkerJob };
export type ChildMessage = { kind: "result"; result: WorkerResult };
