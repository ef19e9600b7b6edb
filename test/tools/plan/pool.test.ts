/**
 * A worker that hangs or dies becomes a failure naming its stack; the plan
 * never waits forever.
 *
 * Tier: runtime (vitest.config.mts): starts the planner's worker processes.
 * The hung stack is given a 200 ms limit (runJobInChild's timeout argument),
 * so the test does not wait out a real timeout.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runJobInChild } from "../../../packages/tools/plan/pool.js";

const MODULE = path.join(__dirname, "fixtures", "program.ts");
/** Far below a worker's start-up time: the hung stack is stopped as soon as the limit passes. */
const LIMIT_SECONDS = 0.2;
const job = (name: string, fn: string) => ({ stack: name, unit: "alpha", program: { module: MODULE, export: fn }, input: {} });

describe("runJobInChild", () => {
  it("stops a stack that does not finish, and reports one that dies or ends early", async () => {
    const [hung, crashed, unsettled] = await Promise.all([
      runJobInChild(job("alpha-hang", "fixtureHang"), [], LIMIT_SECONDS),
      runJobInChild(job("alpha-crash", "fixtureCrash")),
      runJobInChild(job("alpha-unsettled", "fixtureUnsettled")),
    ]);
    expect(hung.result.ok).toBe(false);
    expect(hung.result).toMatchObject({ stack: "alpha-hang", errorName: "Timeout" });
    expect(!hung.result.ok && hung.result.message).toMatch(/did not finish within 0\.2 s and was stopped/);
    expect(crashed.result).toMatchObject({ ok: false, stack: "alpha-crash", errorName: "WorkerExit" });
    expect(!crashed.result.ok && crashed.result.message).toMatch(/exited \(code 3\) before reporting a result\nfixture: giving up/);
    expect(unsettled.result).toMatchObject({ ok: false, stack: "alpha-unsettled", errorName: "Unsettled" });
    expect(!unsettled.result.ok && unsettled.result.message).toMatch(/ended before its program finished: something the program awaits never settles/);
  }, 60_000);

  it("reports a program module without the named export", async () => {
    const outcome = await runJobInChild(job("alpha", "noSuchProgram"));
    expect(outcome.result).toMatchObject({ ok: false, errorName: "Error" });
    expect(!outcome.result.ok && outcome.result.message).toMatch(/has no exported function 'noSuchProgram'/);
  }, 60_000);
});
