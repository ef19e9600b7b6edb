/**
 * User mistakes end with exit 2, a message that says what and where, and no
 * stack trace; none of them plans anything.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, STACK_TRACE } from "./support.js";

const dir = mkdtempSync(path.join(tmpdir(), "driftsenhed-plan-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function brokenCopy(): string {
  const configDir = path.join(dir, "broken");
  cpSync("stacks", configDir, { recursive: true });
  const file = path.join(configDir, "sjaelland", "municipalities", "265-roskilde.yaml");
  const text = readFileSync(file, "utf8");
  const broken = text.replace(/^  addressSpace: (\S+)$/m, "  addressSpace: 10.80.192.1/18");
  expect(broken).not.toBe(text);
  writeFileSync(file, broken);
  return configDir;
}

describe("plan of an invalid configuration", () => {
  it("exits 2 with the same located findings as validate, and plans nothing", async () => {
    const configDir = brokenCopy();
    const plan = await cli(["plan", "--config-dir", configDir]);
    const validate = await cli(["validate", "--config-dir", configDir]);
    expect(plan.code).toBe(2);
    expect(validate.code).toBe(2);
    const findings = (text: string) => text.split("\n").filter((l) => /^\S+\.yaml:\d+:\d+  /.test(l));
    expect(findings(plan.stdout).length).toBeGreaterThan(0);
    expect(findings(plan.stdout)).toEqual(findings(validate.stdout));
    expect(plan.stdout).toMatch(/265-roskilde\.yaml:\d+:\d+  network\.addressSpace  .*10\.80\.192\.1\/18/);
    expect(plan.stdout).toMatch(/invalid \(\d+ errors?, \d+ warnings?\); nothing was planned/);
    expect(plan.stderr).not.toMatch(/plan: \[/);
    expect(plan.stderr + plan.stdout).not.toMatch(STACK_TRACE);
  });

  it("exits 2 for a config dir that does not exist", async () => {
    const r = await cli(["plan", "--config-dir", path.join(dir, "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/configuration directory '.*nowhere' does not exist/);
  });
});

describe("plan with a mistaken command line", () => {
  it.each([
    ["an unknown unit", ["plan", "atlantis"], /no unit 'atlantis' in stacks; known units: hovedstaden, /],
    ["a --jobs that is not a positive number", ["plan", "--jobs", "0"], /--jobs must be a whole number from 1 to 256/],
    ["a --json file in a missing folder", ["plan", "--json", path.join(dir, "missing", "plan.json")], /--json .*: the folder .*missing does not exist/],
    ["an --out that is a file", ["plan", "--out", "package.json"], /--out package\.json is a file/],
    ["an unknown option", ["plan", "--colour"], /unknown option '--colour'/],
    ["a date that does not exist", ["plan", "--today", "2027-02-30"], /expected a real date as YYYY-MM-DD/],
  ])("exits 2 for %s", async (_, argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/plan: \[/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 for a policy pack configuration naming no rule of the pack, or not JSON", async () => {
    const unknownRule = path.join(dir, "unknown-rule.json");
    writeFileSync(unknownRule, JSON.stringify({ "azure-everything-require-magic": "mandatory" }));
    const r = await cli(["plan", "--policy-config", unknownRule]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'azure-everything-require-magic' is not a rule of this pack/);

    const notJson = path.join(dir, "not-json.json");
    writeFileSync(notJson, "{ requireLocked: yes");
    const s = await cli(["plan", "--policy-config", notJson]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/not-json\.json is not valid JSON/);

    const badParam = path.join(dir, "bad-param.json");
    writeFileSync(badParam, JSON.stringify({ "azure-recoveryservices-require-immutability": { requireLocked: "yes" } }));
    const t = await cli(["plan", "--policy-config", badParam]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/azure-recoveryservices-require-immutability\.requireLocked/);
    for (const x of [r, s, t]) expect(x.stderr).not.toMatch(STACK_TRACE);
  });
});
