/**
 * The stack program (stacks/run.ts, the deployment's entry) over the example
 * configuration: every unit builds its platform and tenants without error,
 * with the provider aliases stripped; a configuration mistake stops it before
 * any resource.
 *
 * Tier: estate (vitest.config.mts). The example units are built once per run
 * by test/estate/global-setup.ts, through runStackProgram under the mock
 * runtime, and read here; only the small runs of the "configuration errors"
 * block use the Pulumi runtime in this process, hence a forked worker.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { runWithMocks } from "../support/mocks.js";
import { loadConfigDir } from "../../packages/config/load.js";
import { runStackProgram } from "../../stacks/run.js";
import { wronglyParented } from "../components/network/support.js";
import { recordedExample } from "../estate/estate.js";

const CONFIG_DIR = "stacks";
const units = loadConfigDir(CONFIG_DIR).units.map((u) => u.id);

describe("the example configuration", () => {
  it("has at least one unit to build", () => {
    expect(units.length).toBeGreaterThan(0);
  });
});

describe.each(units)("stack program for unit '%s'", (unitId) => {
  it("builds the platform without error, stripping the provider aliases", () => {
    // Recorded by the estate's global setup: runStackProgram(CONFIG_DIR, unitId) under the mocks, in preview.
    const { resources, outputs } = recordedExample().find((s) => s.stack === unitId)!;
    const refs = outputs.platformRefs as Record<string, unknown>;
    expect(outputs.unitId).toBe(unitId);
    expect(refs.unitId).toBe(unitId);
    expect(refs.firewallPrivateIp).toMatch(/^10\.\d+\.0\.4$/);
    expect(resources.filter((r) => r.type === "azure-native:network:AzureFirewall")).toHaveLength(1);
    expect(wronglyParented(resources)).toEqual([]);
    // Only azure-native's cross-type aliases on private endpoints survive the transformation.
    const aliased = resources.filter((r) => r.type.startsWith("azure-native:") && r.aliasCount > 0);
    expect(aliased.length).toBeGreaterThan(0);
    expect(aliased.every((r) => r.type === "azure-native:network:PrivateEndpoint" && r.aliasCount === 2)).toBe(true);
    // The kubernetes provider's own aliases (a handful, for API group moves) are cheap and left alone.
    const kubernetes = resources.filter((r) => r.type.startsWith("kubernetes:") && r.aliasCount > 0);
    expect(kubernetes.every((r) => r.aliasCount <= 3)).toBe(true);
  });
});

describe("configuration errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "driftsenhed-stack-"));
  const unitId = units[0]!;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stop the program with one RunError listing every located message, before any resource", async () => {
    cpSync(join(CONFIG_DIR, unitId), join(dir, unitId), { recursive: true });
    const file = join(dir, unitId, "unit.yaml");
    const text = readFileSync(file, "utf8")
      .replace(/^addressSpace: .*$/m, "addressSpace: 10.64.0.1/12")
      .replace(/^  retentionDays: .*$/m, "  retentionDays: 30");
    writeFileSync(file, text);
    let error: unknown;
    const res = await runWithMocks(
      async () => {
        try {
          return await runStackProgram(dir, unitId);
        } catch (e) {
          error = e;
          return {};
        }
      },
      { stack: unitId },
    );
    expect(error).toBeInstanceOf(pulumi.RunError);
    const message = (error as Error).message;
    expect(message).toContain(`The configuration of stack '${unitId}' has`);
    expect(message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+  addressSpace  `));
    expect(message).toMatch(/:\d+:\d+  monitoring\.retentionDays  /);
    expect(message).toContain("driftsenhed validate");
    expect(res.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("name the known units when the stack name is not one", async () => {
    await expect(runStackProgram(CONFIG_DIR, "no-such-unit")).rejects.toThrow(/no unit 'no-such-unit' in stacks; known units: /);
  });
});
