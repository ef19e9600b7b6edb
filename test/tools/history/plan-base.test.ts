/**
 * `driftsenhed plan --base REF` against a temporary git repository: both
 * sides are planned offline, and every data-bearing resource planned at REF
 * and not now is one `data loss:` line and exit 1 (the lines themselves:
 * data-loss.test.ts). The history checks run first (exit 2).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPlanCommand } from "../../../packages/tools/plan/command.js";
import { parseToday } from "../../../packages/tools/cli/commands/validate.js";

let repo: string;
let config: string;
const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: repo, stdio: "pipe" });

async function plan(): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await runPlanCommand({ units: [], configDir: config, base: "HEAD", today: parseToday("2026-06-01"), jobs: 1 }, { stdout: (s) => void (out += s), stderr: () => undefined });
  return { code, out };
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "driftsenhed-plan-base-"));
  config = path.join(repo, "config");
  cpSync("test/fixtures/config/valid", config, { recursive: true });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "base");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("plan --base", () => {
  it("nothing lost: exit 0 and says so", async () => {
    const r = await plan();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/plan: compared with HEAD: 0 data-bearing resources lost/);
  }, 60_000);

  it("names what a change does to a municipality's record of processing", async () => {
    const file = path.join(config, "nord/municipalities/851-aalborg.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("workloads:\n", "workloads:\n  - name: journal\n    kind: vm\n    os: windows-server-2022\n    size: Standard_D4s_v5\n    dataClassification: sensitive-personal\n    backup:\n      tier: standard\n"));
    const r = await plan();
    expect(r.out).toMatch(/^record nord\/851: \+ processing 'journal' \(vm, sensitive-personal, art\. 9 data\)$/m);
    writeFileSync(file, text);
  }, 60_000);

  it("a history error stops before planning (exit 2)", async () => {
    const file = path.join(config, "nord/municipalities/851-aalborg.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("lifecycle: migrating", "lifecycle: retired"));
    const r = await plan();
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/851-aalborg\.yaml:\d+:\d+ {2}lifecycle {2}lifecycle skipped from 'migrating' \(at HEAD\) to 'retired'/);
    cpSync("test/fixtures/config/valid", config, { recursive: true });
  }, 60_000);

  it("a server turned into a container under the same name is refused before its disks and secret are lost", async () => {
    const file = path.join(config, "nord/municipalities/851-aalborg.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("workloads:\n", "workloads:\n  - name: arkiv\n    kind: vm\n    os: windows-server-2022\n    size: Standard_D4s_v5\n    backup:\n      tier: standard\n"));
    git("commit", "-q", "-am", "a server");
    writeFileSync(file, text.replace("workloads:\n", "workloads:\n  - name: arkiv\n    kind: container\n    image: crnord.azurecr.io/borger/arkiv:1.0.0\n    port: 8080\n    resources:\n      requests: { cpu: 100m, memory: 128Mi }\n      limits: { cpu: 500m, memory: 512Mi }\n"));
    const changed = await plan();
    // The kind change is a history error first ...
    expect(changed.code).toBe(2);
    expect(changed.out).toMatch(/workloads\.0\.kind {2}workload 'arkiv' changed from a vm \(at HEAD\) to a container/);
  }, 120_000);
});
