/**
 * The `driftsenhed` command as users run it, against small fixture dirs.
 * Exit codes: 0 valid, 1 nothing to propose, 2 invalid configuration or
 * usage, 70 internal error; never a stack trace for a user's mistake.
 *
 * Tier: runtime (vitest.config.mts), as it starts child processes. Two runs
 * are real `node bin/driftsenhed.js ...` processes (about a second each to
 * load the TypeScript sources): they prove that the exit code reaches the
 * shell and that a user's mistake prints no stack trace. The other cases go
 * through `run` (packages/tools/cli/run.ts), the function bin/driftsenhed.js
 * calls with the process's arguments and whose result becomes its exit code.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { run as runInProcess } from "../../../packages/tools/cli/run.js";

const ROOT = join(__dirname, "..", "..", "..");
const VALID = "test/fixtures/config/valid";
const INVALID = "test/fixtures/config/invalid";
const execFileAsync = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A real process: `node bin/driftsenhed.js ...args`. */
async function spawnCli(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ["bin/driftsenhed.js", ...args], { cwd: ROOT, env: { ...process.env, DRIFTSENHED_DEBUG: "" } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** The same command in this process: what bin/driftsenhed.js runs, with the exit code returned. */
async function cli(...args: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await runInProcess(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const FINDING_LINE = /^(\S+\.yaml):(\d+):(\d+) {2}(\S+) {2}(.+)$/;

const outDir = mkdtempSync(join(tmpdir(), "driftsenhed-schema-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.concurrent("driftsenhed validate", () => {
  it("exits 0 on a valid config dir and says so", async () => {
    const r = await spawnCli("validate", "--config-dir", VALID, "--today", "2026-06-01");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^history: not checked \(no --base REF\)/);
    expect(r.stdout.split("\n").at(-2)).toBe(`${VALID}: valid (2 units, 5 municipalities; 0 errors, 0 warnings)`);
    expect(r.stderr).toBe("");
  });

  it("exits 2 and prints every problem as file:line:col  field  message", async () => {
    const r = await spawnCli("validate", "--config-dir", INVALID, "--today", "2026-06-01");
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(`${INVALID}: invalid (4 errors, 0 warnings)`);
    expect(lines.at(-2)).toMatch(/^history: not checked/);
    const findings = lines.slice(0, -2);
    expect(findings).toHaveLength(4);
    for (const line of findings) expect(line).toMatch(FINDING_LINE);
    expect(findings).toEqual([
      expect.stringMatching(/^test\/fixtures\/config\/invalid\/nord\/municipalities\/851-aalborg\.yaml:23:11 {2}network\.sites\.0\.prefixes\.0 {2}prefix 10\.0\.0\.0\/16 of site 'raadhus' \(851 Aalborg\) collides with prefix 10\.0\.0\.0\/16 of site 'byraad' \(825 Læsø\)/),
      `${INVALID}/nord/unit.yaml:2:5  id  unit id 'nordjylland' does not match its folder 'nord'; the id is the folder name and the stack name, so set id: nord or rename the folder`,
      expect.stringMatching(/^test\/fixtures\/config\/invalid\/sjaelland\/municipalities\/330-slagelse\.yaml:\d+:\d+ {2}- {2}YAML syntax error: /),
      `${INVALID}/sjaelland/municipalities/340-soroe.yaml:3:7  name  name 'Soro' does not match kommunekode 340, which is 'Sorø' (spelling differs); write name: Sorø`,
    ]);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it.each([[["validate", "--bogus"], "unknown option '--bogus'"]])("rejects bad usage %j with exit 2", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("--help");
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe.concurrent("driftsenhed ipam", () => {
  it("prints the allocation table and proposes the next block of the unit's usual size", async () => {
    const r = await cli("ipam", "nord", "--config-dir", VALID);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("unit nord (Driftsenhed Nord): supernet 10.64.0.0/14");
    expect(r.stdout).toMatch(/^10\.64\.0\.0\/22 +1024 {2}hub$/m);
    expect(r.stdout).toMatch(/^10\.64\.16\.0\/20 +4096 {2}cluster$/m);
    expect(r.stdout).toMatch(/^10\.64\.64\.0\/18 +16384 {2}851 Aalborg$/m);
    expect(r.stdout).toMatch(/^10\.64\.4\.0\/22 +1024 {2}free$/m);
    expect(r.stdout).toContain("next free /20: 10.64.128.0/20");
    expect(r.stdout).toContain("addressSpace: 10.64.128.0/20");
  });
});

describe.concurrent("driftsenhed schema, plan and help", () => {
  it("writes the JSON Schemas, identical to the committed ones", async () => {
    const r = await cli("schema", "--out", outDir);
    expect(r.code).toBe(0);
    for (const name of ["unit.schema.json", "municipality.schema.json"]) {
      expect(r.stdout).toContain(join(outDir, name));
      expect(readFileSync(join(outDir, name), "utf8")).toBe(readFileSync(join(ROOT, "stacks", ".schema", name), "utf8"));
    }
  });

  it("rejects an unknown plan option as a usage error", async () => {
    const r = await cli("plan", "--stack", "nord");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--stack");
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });
});
