/**
 * `protect` through the real engine: removing a live municipality's server
 * that has a data disk must fail, and no data-bearing resource may be
 * deleted. The synthetic estate's live municipality (851) is given a data
 * disk in the temp copy.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_BEARING_TYPES } from "../../components/vocabulary/data-bearing.js";
import { EngineEnv, REPO } from "./harness.js";

const UNIT = "synthetic";
const WORKLOAD = "k851-sagsbehandling";

let env: EngineEnv;
let project: string;
let file: string;
let withDisk: string;

beforeAll(async () => {
  env = new EngineEnv();
  project = env.project([{ id: UNIT, from: join(REPO, "test/fixtures/config/synthetic", UNIT) }]);
  file = join(project, "stacks", UNIT, "municipalities", "851-aalborg.yaml");
  const original = readFileSync(file, "utf8");
  withDisk = original.replace(
    "    backup:\n      tier: standard\n",
    "    backup:\n      tier: standard\n    dataDisks:\n      - name: data\n        sizeGb: 256\n        lun: 0\n",
  );
  expect(withDisk).not.toBe(original);
  writeFileSync(file, withDisk);
  env.initStack(project, UNIT);
  const up = await env.drive({ op: "up", project, stack: UNIT });
  expect(up.ok, up.error).toBe(true);
  // The server is removed from the live municipality's file.
  const removed = withDisk.replace(/ {2}- name: sagsbehandling\n {4}kind: vm\n[\s\S]*?(?= {2}- name: borgerportal)/, "");
  expect(removed).not.toContain("kind: vm");
  writeFileSync(file, removed);
});

afterAll(() => env?.dispose());

const dataBearing = new Set<string>(DATA_BEARING_TYPES);

describe("removing a live municipality's server with a data disk", () => {
  it("deployed the disk protected and retained", () => {
    const disk = (env.exportState(project, UNIT).deployment.resources ?? []).find((r) => r.urn.endsWith(`::${WORKLOAD}-data-disk`));
    expect(disk?.type).toBe("azure-native:compute:Disk");
    expect(disk?.protect).toBe(true);
    expect(disk?.retainOnDelete).toBe(true);
  });

  it("fails the preview, naming the protected resources", async () => {
    env.resetCalls();
    const preview = await env.drive({ op: "preview", project, stack: UNIT });
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(new RegExp(`${WORKLOAD}-admin-secret" cannot be deleted\\s+because it is protected`));
    expect(env.calls().filter((c) => c.op !== "invoke" && c.op !== "read")).toEqual([]);
  });

  it("fails the update, and no data-bearing resource is deleted", async () => {
    env.resetCalls();
    const up = await env.drive({ op: "up", project, stack: UNIT });
    expect(up.ok).toBe(false);
    expect(up.error).toMatch(/cannot be deleted\s+because it is protected/);
    const deletes = env.calls().filter((c) => c.op === "delete");
    expect(deletes.filter((c) => dataBearing.has(c.type ?? ""))).toEqual([]);
    const state = env.exportState(project, UNIT).deployment.resources ?? [];
    for (const suffix of ["data-disk", "admin-secret", "admin-password", "backup", "vm"]) {
      expect(state.some((r) => r.urn.endsWith(`::${WORKLOAD}-${suffix}`)), suffix).toBe(true);
    }
  });
});
