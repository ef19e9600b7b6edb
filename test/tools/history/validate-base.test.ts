/**
 * `driftsenhed validate --base REF` against a temporary git repository: a
 * copy of a small fixture configuration is committed, changed carelessly,
 * and validated against HEAD. Runs the command line in-process.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../packages/tools/cli/run.js";

let repo: string;
let config: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "driftsenhed-history-"));
  config = path.join(repo, "config");
  cpSync("test/fixtures/config/valid", config, { recursive: true });
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "base");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const TODAY = ["--today", "2026-06-01"];

describe("validate --base", () => {
  it("without changes: valid, and the history was checked (no 'not checked' line)", async () => {
    const r = await cli("validate", "--config-dir", config, "--base", "HEAD", ...TODAY);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/history: not checked/);
  });

  it("without --base: one line says history was not checked", async () => {
    const r = await cli("validate", "--config-dir", config, ...TODAY);
    expect(r.code).toBe(0);
    expect(r.out.split("\n").filter((l) => l.startsWith("history: not checked"))).toHaveLength(1);
  });

  it("a live municipality sent back to planned, its site renamed, and a migrating municipality's file deleted: exit 2, located, with the safe way", async () => {
    const laesoe = path.join(config, "nord/municipalities/825-laesoe.yaml");
    const aalborg = path.join(config, "nord/municipalities/851-aalborg.yaml");
    writeFileSync(laesoe, readFileSync(laesoe, "utf8").replace("lifecycle: live", "lifecycle: planned").replace("- name: byraad", "- name: raadhus"));
    unlinkSync(aalborg);
    const r = await cli("validate", "--config-dir", config, "--base", "HEAD", ...TODAY);
    expect(r.err).toBe("");
    expect(r.code).toBe(2);
    const lines = r.out.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${laesoe}:4:12  lifecycle  lifecycle went back from 'live' \\(at HEAD\\) to 'planned'; .*keep 'live'`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${laesoe}:\\d+:\\d+  network\\.sites  site 'byraad' was removed or renamed .*renamedFrom: byraad`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${aalborg}:1:1  -  the file was deleted; municipality 851 `)));
    expect(lines.at(-2)).toMatch(/invalid \(3 errors/);
    cpSync("test/fixtures/config/valid", config, { recursive: true });
  });

  it("an unknown ref is a usage error (exit 2), not a stack trace", async () => {
    const r = await cli("validate", "--config-dir", config, "--base", "no-such-ref", ...TODAY);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--base no-such-ref: git knows no commit 'no-such-ref'/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("--format json says whether history was checked", async () => {
    const r = await cli("validate", "--config-dir", config, "--base", "HEAD", "--format", "json", ...TODAY);
    expect(JSON.parse(r.out).history).toEqual({ checked: true, base: "HEAD" });
  });
});
