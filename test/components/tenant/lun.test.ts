/**
 * A data disk's LUN is a declared field (0-63, unique per server), never its
 * position: the schema requires it and reports a duplicate where it is, and
 * the server attaches each disk at its declared lun.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfigDir } from "../../../packages/config/load.js";
import { runWithMocks } from "../../support/mocks.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { byName, fakeRefs, fullMunicipality, unitConfig } from "./fixture.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The valid fixture with Slagelse's data disks replaced by `disks` (YAML lines under dataDisks). */
function loadWithDisks(disks: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "driftsenhed-lun-"));
  dirs.push(dir);
  cpSync("test/fixtures/config/valid", dir, { recursive: true });
  const file = path.join(dir, "sjaelland/municipalities/330-slagelse.yaml");
  const text = readFileSync(file, "utf8").replace(/    dataDisks:\n(      .*\n|        .*\n)+/, `    dataDisks:\n${disks}`);
  writeFileSync(file, text);
  const errors = loadConfigDir(dir, { today: new Date("2026-06-01T00:00:00Z") }).findings.filter((f) => f.severity === "error");
  return { file, text, errors };
}

describe("the lun of a data disk", () => {
  it.each([
    ["missing", "      - name: data\n        sizeGb: 512\n", "workloads.0.dataDisks.0.lun", /lun is the disk's logical unit/],
    ["out of range", "      - name: data\n        lun: 64\n        sizeGb: 512\n", "workloads.0.dataDisks.0.lun", /lun is 0 to 63/],
    ["used twice on one server", "      - name: data\n        lun: 1\n        sizeGb: 512\n      - name: logs\n        lun: 1\n        sizeGb: 64\n", "workloads.0.dataDisks.1.lun", /lun 1 is already used by dataDisks\[0\] \('data'\) of 'filserver'/],
  ])("%s: a located error", (_case, disks, field, message) => {
    const { file, text, errors } = loadWithDisks(disks);
    expect(errors.map((e) => [e.file, e.path])).toEqual([[file, field]]);
    expect(errors[0]!.message).toMatch(message);
    const line = text.split("\n")[errors[0]!.line - 1]!;
    expect(line).toMatch(_case === "missing" ? /name: data|sizeGb/ : /lun: /);
  });

  it("declared and distinct: valid", () => {
    expect(loadWithDisks("      - name: logs\n        lun: 3\n        sizeGb: 64\n      - name: data\n        lun: 0\n        sizeGb: 512\n").errors).toEqual([]);
  });

  it("the server attaches each disk at its declared lun, whatever the list order", async () => {
    const m = fullMunicipality();
    const sql = m.workloads.find((w) => w.name === "esdh-sql")!;
    if (sql.kind !== "vm") throw new Error("fixture");
    sql.dataDisks = [
      { ...sql.dataDisks[1]!, lun: 4 },
      { ...sql.dataDisks[0]!, lun: 2 },
    ];
    const run = await runWithMocks(() => void new MunicipalityTenant("k147", toTenantArgs(unitConfig(), m, fakeRefs())), { stack: "testenhed" });
    const vm = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm").inputs as { storageProfile: { dataDisks: { lun: number; name: string }[] } };
    expect(vm.storageProfile.dataDisks.map((d) => [d.name, d.lun])).toEqual([
      ["disk-k147-esdh-sql-sqllog", 4],
      ["disk-k147-esdh-sql-sqldata", 2],
    ]);
  });
});
