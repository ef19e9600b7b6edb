/**
 * The example's smallest unit, nordjylland, through the real engine: deploy,
 * preview again, compare with the URN pins, keep secrets out of the state,
 * and run the policy pack the way the deployment does.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverResult } from "./driver.js";
import { ENGINE_DIR, EngineEnv, readPins, REPO, stateUrns, type StateResource } from "./harness.js";
import { standInPassword } from "./providers/password.js";

const UNIT = "nordjylland";
const MANAGEMENT_PORTS_RULE = "azure-network-disallow-management-ports-from-internet";

let env: EngineEnv;
let project: string;
let up: DriverResult;
let policyConfig: string;

beforeAll(async () => {
  env = new EngineEnv();
  project = env.project([{ id: UNIT, from: join(REPO, "stacks", UNIT) }]);
  env.initStack(project, UNIT);
  up = await env.drive({ op: "up", project, stack: UNIT });
  policyConfig = join(env.root, "policy-config.json");
  writeFileSync(policyConfig, execFileSync(process.execPath, [join(REPO, "bin/driftsenhed.js"), "policy-config", UNIT], { cwd: REPO }));
});

afterAll(() => env?.dispose());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe(`pulumi up of ${UNIT}`, () => {
  it("creates every resource", () => {
    expect(up.error ?? "", up.stderr).toBe("");
    expect(up.ok).toBe(true);
    expect(up.changeSummary?.create).toBeGreaterThan(300);
    expect(Object.keys(up.changeSummary ?? {})).toEqual(["create"]);
  });

  it("leaves the URNs of the pins (test/stacks/__pins__), no more and no fewer", () => {
    const state = env.exportState(project, UNIT).deployment.resources ?? [];
    expect(stateUrns(state)).toEqual(readPins(join(REPO, "test/stacks/__pins__", `${UNIT}.urns.txt`)));
  });

  it("is followed by a preview without changes", async () => {
    const preview = await env.drive({ op: "preview", project, stack: UNIT });
    expect(preview.ok, preview.error).toBe(true);
    expect(preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn}`)).toEqual([]);
    expect(Object.keys(preview.changeSummary ?? {})).toEqual(["same"]);
  });

  it("writes no generated password or VPN shared key in plaintext to the backend", () => {
    const exported = env.exportState(project, UNIT);
    const passwords = (exported.deployment.resources ?? []).filter((r: StateResource) => r.type === "random:index/randomPassword:RandomPassword");
    // The VMs' administrator passwords and the sites' IPsec pre-shared keys.
    expect(passwords.some((r) => r.urn.includes("SiteConnections"))).toBe(true);
    expect(passwords.some((r) => r.urn.includes("VirtualMachineWorkload"))).toBe(true);
    const values = passwords.map((r) => standInPassword(r.urn, Number(r.inputs?.length ?? 16)));

    // The check can fail: with --show-secrets the values are there.
    const shown = env.cliSync(["stack", "export", "--stack", UNIT, "--show-secrets"], project);
    expect(shown.code).toBe(0);
    for (const v of values) expect(shown.stdout).toContain(v);

    const files = filesUnder(env.backend);
    expect(files.some((f) => f.endsWith(`${UNIT}.json`))).toBe(true);
    for (const f of [...files]) {
      const text = readFileSync(f, "utf8");
      for (const v of values) expect(text.includes(v), `${v} in ${f}`).toBe(false);
    }
    for (const v of values) expect(exported.text.includes(v)).toBe(false);
    // Where the values are used, they are secrets too.
    const text = exported.text;
    for (const r of exported.deployment.resources ?? []) {
      if (r.type === "azure-native:network:VirtualNetworkGatewayConnection") {
        expect(JSON.stringify(r.inputs?.sharedKey), r.urn).toContain("ciphertext");
      }
    }
    expect(text).toContain("ciphertext");
  });
});

describe(`pulumi preview --policy-pack of ${UNIT}`, () => {
  const pack = join(REPO, "policies");

  it("passes the example with the unit's policy configuration", async () => {
    const preview = await env.drive({ op: "preview", project, stack: UNIT, policyPacks: [pack], policyPackConfigs: [policyConfig] });
    expect(preview.ok, `${preview.error}\n${preview.stdout.slice(-4000)}`).toBe(true);
    expect(preview.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("fails a change that opens RDP to the internet, with the mandatory violation", async () => {
    const preview = await env.drive({
      op: "preview",
      project,
      stack: UNIT,
      policyPacks: [pack],
      policyPackConfigs: [policyConfig],
      extraProgram: join(ENGINE_DIR, "programs", "open-rdp-to-internet.ts"),
    });
    expect(preview.ok).toBe(false);
    const violation = preview.violations.find((v) => v.policyName === MANAGEMENT_PORTS_RULE);
    expect(violation, JSON.stringify(preview.violations, null, 1)).toBeDefined();
    expect(violation!.enforcementLevel).toBe("mandatory");
    expect(violation!.resourceUrn).toMatch(/azure-native:network:NetworkSecurityGroup::engine-test-open-rdp$/);
    expect(violation!.message).toContain("3389");
    expect(`${preview.stdout}\n${preview.error}`).toContain(`[mandatory] [severity: critical]  ${MANAGEMENT_PORTS_RULE}`);
  });
});
