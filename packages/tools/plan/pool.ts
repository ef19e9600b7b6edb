/**
 * Runs one worker job in its own child process. Results come back over IPC;
 * a worker that dies without answering (out of memory, killed) becomes a
 * failure naming its stack, never a hang.
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { ChildMessage, ParentMessage, WorkerJob, WorkerResult } from "./protocol.js";

export const WORKER_PATH = path.join(__dirname, "worker.ts");

const resolveHere = createRequire(__filename).resolve;

/**
 * Node options of every worker: the Pulumi SDK is loaded first, then tsx's
 * CommonJS hook so that programs can be TypeScript. The order matters: tsx
 * inspects every JavaScript file loaded after it, which doubles the time it
 * takes to load the SDK (about a second of CPU per worker).
 */
export const WORKER_EXEC_ARGV: readonly string[] = [
  "--require",
  resolveHere("@pulumi/pulumi"),
  "--require",
  resolveHere("@pulumi/pulumi/runtime/mocks"),
  "--require",
  resolveHere("tsx/cjs"),
];

const TAIL_BYTES = 8 * 1024;

export interface JobOutcome {
  result: WorkerResult;
  /** Fork to result, as the parent saw it. */
  wallSeconds: number;
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

function tail(buffer: string, chunk: string): string {
  const next = buffer + chunk;
  return next.length > TAIL_BYTES ? next.slice(next.length - TAIL_BYTES) : next;
}

function describeExit(job: WorkerJob, code: number | null, signal: NodeJS.Signals | null, output: string): WorkerResult {
  const oom = /heap out of memory|Allocation failed/i.test(output);
  let how = `exited (${signal ? `signal ${signal}` : `code ${code}`}) before reporting a result`;
  if (oom) how = "ran out of memory; the stack holds more resources than one process can plan (split the unit with tenancy.layout: stack-per-municipality)";
  // Node ends a process whose only remaining work is a promise nothing will ever settle.
  else if (code === 0 && !signal) how = "ended before its program finished: something the program awaits never settles (an output or a promise left pending)";
  const lastLines = output.trim().split("\n").slice(-12).join("\n");
  return {
    ok: false,
    stack: job.stack,
    unit: job.unit,
    ...(job.municipality ? { municipality: job.municipality } : {}),
    inputError: false,
    errorName: oom ? "OutOfMemory" : code === 0 && !signal ? "Unsettled" : "WorkerExit",
    message: `the planning worker for stack '${job.stack}' ${how}${lastLines ? `\n${lastLines}` : ""}`,
  };
}

/**
 * A stack that has not finished by then is stuck (typically an output that
 * never resolves); the worker is stopped and the stack reported, rather than
 * the plan waiting forever.
 */
export const STACK_TIMEOUT_SECONDS = 900;

export function runJobInChild(job: WorkerJob, execArgv: readonly string[] = [], timeoutSeconds = STACK_TIMEOUT_SECONDS): Promise<JobOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(WORKER_PATH, [], {
      execArgv: [...WORKER_EXEC_ARGV, ...execArgv],
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let output = "";
    let result: WorkerResult | undefined;
    const forward = Boolean(process.env.DRIFTSENHED_DEBUG);
    const capture = (chunk: Buffer) => {
      output = tail(output, chunk.toString("utf8"));
      if (forward) process.stderr.write(chunk);
    };
    child.stdout?.on("data", capture);
    child.stderr?.on("data", capture);
    child.on("message", (message: ChildMessage) => {
      if (message?.kind === "result") result = message.result;
    });
    child.on("error", (err) => {
      result ??= { ok: false, stack: job.stack, unit: job.unit, inputError: false, errorName: "WorkerStart", message: `could not start the planning worker for stack '${job.stack}': ${err.message}` };
    });
    const timer = setTimeout(() => {
      result ??= {
        ok: false,
        stack: job.stack,
        unit: job.unit,
        ...(job.municipality ? { municipality: job.municipality } : {}),
        inputError: false,
        errorName: "Timeout",
        message: `the planning worker for stack '${job.stack}' did not finish within ${timeoutSeconds} s and was stopped; rerun with DRIFTSENHED_DEBUG=1 to see its output`,
      };
      child.kill("SIGKILL");
    }, timeoutSeconds * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ result: result ?? describeExit(job, code, signal, output), wallSeconds: (performance.now() - started) / 1000 });
    });
    const message: ParentMessage = { kind: "job", job };
    child.send(message);
  });
}
