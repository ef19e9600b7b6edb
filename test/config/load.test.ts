/**
 * The loader: layout of a config dir, ordering, the LoadResult shape, and the
 * API the stack program uses (loadUnitOrThrow, ConfigError).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, formatFinding, hasErrors, loadConfigDir, loadUnitOrThrow, type Finding } from "../../packages/config/load.js";
import { applyEdits, cleanup, freshCopy, TODAY, VALID_FIXTURE } from "./fixture.js";

afterAll(cleanup);

const finding = (over: Partial<Finding>): Finding => ({
  severity: "error",
  file: "stacks/nord/unit.yaml",
  line: 3,
  column: 7,
  path: "hub.addressSpace",
  message: "bad",
  rule: "schema",
  ...over,
});

describe("loadConfigDir", () => {
  it("loads every unit sorted by folder and every municipality sorted by file name, with defaults applied", () => {
    const result = loadConfigDir(VALID_FIXTURE, { today: TODAY });
    expect(result.findings).toEqual([]);
    expect(result.units.map((u) => u.id)).toEqual(["nord", "sjaelland"]);
    const nord = result.units[0]!;
    expect(nord.dir).toBe(join(VALID_FIXTURE, "nord"));
    expect(nord.file).toBe(join(VALID_FIXTURE, "nord", "unit.yaml"));
    expect(nord.municipalities.map((m) => m.file)).toEqual(
      ["773-morsoe.yaml", "825-laesoe.yaml", "851-aalborg.yaml"].map((f) => join(VALID_FIXTURE, "nord", "municipalities", f)),
    );
    expect(nord.config.location).toBe("denmarkeast");
    expect(nord.config.hub.firewall).toEqual({ sku: "Premium", zones: ["1", "2", "3"], threatIntelMode: "Deny", idpsMode: "Deny" });
    expect(nord.config.monitoring.retentionDays).toBe(395);
    expect(nord.municipalities[2]!.config.workloads[1]).toMatchObject({ kind: "container", replicas: 2, healthPath: "/healthz" });
    expect(nord.rejected).toEqual([]);
    expect(nord.findings).toEqual([]);
  });

  it("is deterministic: two loads give identical results", () => {
    const dir = freshCopy();
    applyEdits(dir, [{ file: "sjaelland/municipalities/340-soroe.yaml", set: [[["name"], "Soro"], [["network", "addressSpace"], "10.72.16.0/21"]] }]);
    expect(loadConfigDir(dir, { today: TODAY })).toEqual(loadConfigDir(dir, { today: TODAY }));
  });

  it("reports a missing config dir as a finding instead of throwing", () => {
    const result = loadConfigDir("/nonexistent/stacks");
    expect(result.units).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: "error", file: "/nonexistent/stacks", rule: "config-dir", message: expect.stringContaining("does not exist") }),
    ]);
  });

  it("reports a config dir that is a file", () => {
    const result = loadConfigDir(join(VALID_FIXTURE, "nord", "unit.yaml"));
    expect(result.findings[0]).toMatchObject({ rule: "config-dir", message: expect.stringContaining("is not a directory") });
  });

  it("knows what is a unit folder and what is not", () => {
    const dir = freshCopy();
    mkdirSync(join(dir, ".schema"));
    writeFileSync(join(dir, ".schema", "unit.yaml"), "not: a unit\n");
    mkdirSync(join(dir, "docs"));
    mkdirSync(join(dir, "orphan", "municipalities"), { recursive: true });
    mkdirSync(join(dir, "typo", "municipalities"), { recursive: true });
    writeFileSync(join(dir, "typo", "unit.yml"), "id: typo\n");
    writeFileSync(join(dir, "nord", "municipalities", "README.md"), "notes\n");
    writeFileSync(join(dir, "nord", "municipalities", "860-hjoerring.yml"), "code: '860'\n");
    const result = loadConfigDir(dir, { today: TODAY });
    expect(result.units.map((u) => u.id)).toEqual(["nord", "sjaelland"]);
    expect(result.findings.map((f) => [f.file, f.rule])).toEqual([
      [join(dir, "nord", "municipalities", "860-hjoerring.yml"), "file-name"],
      [join(dir, "orphan"), "unit-layout"],
      [join(dir, "typo", "unit.yml"), "unit-layout"],
    ]);
    expect(result.findings[0]!.message).toContain("rename to 860-hjoerring.yaml");
  });

  it("keeps a municipality file that fails its schema out of the unit, but hands its data to tools", () => {
    const dir = freshCopy();
    applyEdits(dir, [{ file: "nord/municipalities/825-laesoe.yaml", set: [[["lifecycle"], "paused"]] }]);
    const nord = loadConfigDir(dir, { today: TODAY }).units[0]!;
    expect(nord.municipalities.map((m) => m.config.code)).toEqual(["773", "851"]);
    expect(nord.rejected).toEqual([{ file: join(dir, "nord", "municipalities", "825-laesoe.yaml"), raw: expect.objectContaining({ code: "825", lifecycle: "paused" }) }]);
    expect(nord.findings.map((f) => f.path)).toEqual(["lifecycle"]);
  });

  it("leaves a unit whose unit.yaml fails out of the units, but still checks its municipalities' registry entries", () => {
    const dir = freshCopy();
    applyEdits(dir, [
      { file: "sjaelland/unit.yaml", set: [[["monitoring", "retentionDays"], 30]] },
      { file: "sjaelland/municipalities/340-soroe.yaml", set: [[["name"], "Soro"]] },
    ]);
    const result = loadConfigDir(dir, { today: TODAY });
    expect(result.units.map((u) => u.id)).toEqual(["nord"]);
    expect(result.findings.map((f) => f.rule).sort()).toEqual(["registry-name", "schema"]);
    expect(result.findings.find((f) => f.rule === "schema")!.message).toContain("395");
  });

  it("sorts findings by file, line and column", () => {
    const dir = freshCopy();
    applyEdits(dir, [
      { file: "sjaelland/municipalities/340-soroe.yaml", set: [[["network", "addressSpace"], "10.80.0.0/20"], [["name"], "Soro"]] },
      { file: "nord/unit.yaml", set: [[["location"], "eastus"]] },
    ]);
    const { findings } = loadConfigDir(dir, { today: TODAY });
    const keys = findings.map((f) => [f.file, f.line, f.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(findings.length).toBe(3);
  });

  it("takes today from the options for date checks", () => {
    const late = loadConfigDir(VALID_FIXTURE, { today: new Date("2026-10-01T00:00:00Z") });
    expect(late.findings.map((f) => [f.rule, f.severity])).toEqual([["cutover-past", "warning"]]);
    expect(hasErrors(late.findings)).toBe(false);
  });
});

describe("loadUnitOrThrow", () => {
  it("returns the unit when the whole dir is valid", () => {
    const unit = loadUnitOrThrow(VALID_FIXTURE, "sjaelland", { today: TODAY });
    expect(unit.id).toBe("sjaelland");
    expect(unit.municipalities.map((m) => m.config.code)).toEqual(["330", "340"]);
  });

  it("does not throw for warnings, and hands them to the caller", () => {
    const unit = loadUnitOrThrow(VALID_FIXTURE, "nord", { today: new Date("2026-10-01T00:00:00Z") });
    expect(unit.findings.map((f) => f.rule)).toEqual(["cutover-past"]);
  });

  it("throws a ConfigError with every error of the dir, including other units'", () => {
    const dir = freshCopy();
    applyEdits(dir, [
      { file: "nord/unit.yaml", set: [[["location"], "eastus"]] },
      { file: "sjaelland/municipalities/340-soroe.yaml", set: [[["name"], "Soro"]] },
    ]);
    let error: unknown;
    try {
      loadUnitOrThrow(dir, "sjaelland", { today: TODAY });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.findings.map((f) => f.rule).sort()).toEqual(["registry-name", "schema"]);
    expect(configError.message.split("\n")).toEqual(configError.findings.map(formatFinding));
  });

  it("throws a ConfigError naming the known units when the unit does not exist", () => {
    expect(() => loadUnitOrThrow(VALID_FIXTURE, "fyn", { today: TODAY })).toThrowError(/no unit 'fyn'.*known units: nord, sjaelland/);
  });
});

describe("formatFinding and hasErrors", () => {
  it.each([
    [finding({}), "stacks/nord/unit.yaml:3:7  hub.addressSpace  bad"],
    [finding({ path: "" }), "stacks/nord/unit.yaml:3:7  -  bad"],
    [finding({ severity: "warning", line: 12, column: 1 }), "stacks/nord/unit.yaml:12:1  hub.addressSpace  warning: bad"],
  ])("%#: %s", (f, text) => {
    expect(formatFinding(f)).toBe(text);
  });

  it("counts only errors", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([finding({ severity: "warning" })])).toBe(false);
    expect(hasErrors([finding({ severity: "warning" }), finding({})])).toBe(true);
  });
});

describe("unreadable input never throws", () => {
  const dir = mkdtempSync(join(tmpdir(), "driftsenhed-odd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["a list instead of a mapping", "- id: x\n"],
    ["a scalar", "just text\n"],
    ["an unresolved alias", "id: *nothing\n"],
    ["several documents", "id: a\n---\nid: b\n"],
    ["a tab-indented block", "id: x\nhub:\n\taddressSpace: 10.0.0.0/22\n"],
    ["binary noise", "\u0000\u0001\u0002: [}\n"],
  ])("%s", (_name, text) => {
    const unitDir = join(dir, `u${Math.random().toString(36).slice(2, 8)}`);
    mkdirSync(unitDir);
    writeFileSync(join(unitDir, "unit.yaml"), text);
    const result = loadConfigDir(dir, { today: TODAY });
    const own = result.findings.filter((f) => f.file.startsWith(unitDir));
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) {
      expect(f.severity).toBe("error");
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
  });
});
