/**
 * The history comparison (packages/config/history.ts): one row per change
 * that would lose or move something that exists, each with the file, the
 * field path and the safe way its message names; and the deliberate ways
 * (renamedFrom, one lifecycle step, reordering disks that declare their lun)
 * that pass.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareHistory, locateHistoryFindings, type ConfigSide } from "../../packages/config/history.js";
import { checkLifecycle } from "../../packages/config/checks/lifecycle.js";
import { loadConfigDir, type LoadedMunicipality } from "../../packages/config/load.js";
import { joinPath } from "../../packages/config/findings.js";
import { workloadSchema, type MunicipalityConfig } from "../../packages/config/schema/municipality.js";

const DIR = "test/fixtures/config/valid";
const LAESOE = join(DIR, "nord/municipalities/825-laesoe.yaml");
const MORSOE = join(DIR, "nord/municipalities/773-morsoe.yaml");
const NORD_UNIT = join(DIR, "nord/unit.yaml");
const TODAY = new Date("2026-06-01T00:00:00Z");

const loaded = loadConfigDir(DIR, { today: TODAY });

const vm = (name: string, disks: [string, number][], extra: Record<string, unknown> = {}) =>
  workloadSchema.parse({ name, kind: "vm", os: "windows-server-2022", size: "Standard_D4s_v5", backup: { tier: "standard" }, dataDisks: disks.map(([n, lun]) => ({ name: n, lun, sizeGb: 128 })), ...extra });

/** The fixture, with Læsø (live) running two servers with disks. */
function baseSide(change: (m: (file: string) => MunicipalityConfig, side: ConfigSide) => void = () => undefined): ConfigSide {
  const side: ConfigSide = { dir: DIR, units: structuredClone(loaded.units) };
  const m = (file: string) => side.units.flatMap((u) => u.municipalities).find((x) => x.file === file)!.config;
  m(LAESOE).workloads = [vm("sql", [["sqldata", 0], ["sqllog", 1]]), vm("fil", [["shares", 0]])];
  change(m, side);
  return side;
}

type Change = (m: (file: string) => MunicipalityConfig, side: ConfigSide) => void;
const laesoe: (f: (c: MunicipalityConfig) => void) => Change = (f) => (m) => f(m(LAESOE));
const removeFile = (file: string): Change => (_m, side) => {
  for (const u of side.units) u.municipalities = u.municipalities.filter((x: LoadedMunicipality) => x.file !== file);
};

const rows: { change: string; base?: Change; head: Change; file: string; path: string; rule: string; safe: RegExp }[] = [
  { change: "a workload removed", head: laesoe((c) => void c.workloads.splice(1, 1)), file: LAESOE, path: "workloads", rule: "history-workload-removed", safe: /'fil' was removed or renamed.*renamedFrom: fil/ },
  { change: "a workload renamed without renamedFrom", head: laesoe((c) => void (c.workloads[1]!.name = "filer")), file: LAESOE, path: "workloads", rule: "history-workload-removed", safe: /give the new entry renamedFrom: fil/ },
  { change: "a site renamed without renamedFrom", head: laesoe((c) => void (c.network.sites[0]!.name = "raadhus")), file: LAESOE, path: "network.sites", rule: "history-site-removed", safe: /renamedFrom: byraad/ },
  { change: "the kommunekode changed", head: laesoe((c) => void (c.code = "826")), file: LAESOE, path: "code", rule: "history-code-changed", safe: /keep '825'/ },
  { change: "the address block changed", head: laesoe((c) => void (c.network.addressSpace = "10.64.64.0/20")), file: LAESOE, path: "network.addressSpace", rule: "history-address-changed", safe: /keep 10\.64\.48\.0\/20/ },
  {
    change: "the tenancy layout switched",
    head: (_m, side) => void (side.units.find((u) => u.id === "nord")!.config.tenancy = { layout: side.units.find((u) => u.id === "nord")!.config.tenancy.layout === "unit-stack" ? "stack-per-municipality" : "unit-stack" }),
    file: NORD_UNIT,
    path: "tenancy.layout",
    rule: "history-layout-switch",
    safe: /keep '(unit-stack|stack-per-municipality)'/,
  },
  { change: "live back to planned", head: laesoe((c) => void (c.lifecycle = "planned")), file: LAESOE, path: "lifecycle", rule: "history-lifecycle-step", safe: /only moves forward.*keep 'live' or go to 'offboarding'/ },
  { change: "live straight to retired", head: laesoe((c) => void (c.lifecycle = "retired")), file: LAESOE, path: "lifecycle", rule: "history-lifecycle-step", safe: /go to 'offboarding' first/ },
  { change: "planned straight to retired", head: (m) => void (m(MORSOE).lifecycle = "retired"), file: MORSOE, path: "lifecycle", rule: "history-lifecycle-step", safe: /go to 'migrating' first/ },
  {
    change: "a workload added to a retired municipality",
    base: laesoe((c) => void (c.lifecycle = "retired")),
    head: laesoe((c) => void (c.lifecycle = "retired", c.workloads.push(vm("ny", [])))),
    file: LAESOE,
    path: "workloads.2.name",
    rule: "history-workload-added-retired",
    safe: /accepts no workloads; remove it/,
  },
  { change: "the file of a live municipality deleted", head: removeFile(LAESOE), file: LAESOE, path: "", rule: "history-file-deleted", safe: /the file was deleted.*keep the file.*dataRelease/ },
  { change: "a data disk moved to another lun", head: laesoe((c) => void ((c.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>).dataDisks[0]!.lun = 5)), file: LAESOE, path: "workloads.0.dataDisks.0.lun", rule: "history-disk-lun", safe: /set lun: 0/ },
  { change: "a data disk removed", head: laesoe((c) => void (c.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>).dataDisks.pop()), file: LAESOE, path: "workloads.0.dataDisks", rule: "history-disk-removed", safe: /'sqllog'.*dataRelease/ },
  {
    change: "two workloads swap names (each takes the other's disks)",
    head: laesoe((c) => void (c.workloads[0]!.name = "fil", c.workloads[1]!.name = "sql")),
    file: LAESOE,
    path: "workloads.0.dataDisks.0.name",
    rule: "history-disk-owner",
    safe: /'sqldata' belonged to workload 'sql'.*never changes owner/,
  },
  {
    change: "a workload renamed onto another's old name",
    head: laesoe((c) => void (c.workloads = [vm("fil", [["sqldata", 0], ["sqllog", 1]], { renamedFrom: "sql" })])),
    file: LAESOE,
    path: "workloads.0.renamedFrom",
    rule: "history-rename-onto-existing",
    safe: /rename to a name never used/,
  },
  {
    change: "a municipality moved to another unit",
    head: (_m, side) => {
      const nord = side.units.find((u) => u.id === "nord")!;
      const moved = nord.municipalities.find((x) => x.file === LAESOE)!;
      nord.municipalities = nord.municipalities.filter((x) => x !== moved);
      side.units.find((u) => u.id === "sjaelland")!.municipalities.push({ ...moved, file: join(DIR, "sjaelland/municipalities/825-laesoe.yaml") });
    },
    file: join(DIR, "sjaelland/municipalities/825-laesoe.yaml"),
    path: "code",
    rule: "history-municipality-moved",
    safe: /stays in its unit.*move it back/,
  },
];

describe("compareHistory: every destructive change is an error on today's file, with the safe way", () => {
  it.each(rows)("$change", (row) => {
    const base = baseSide(row.base);
    const head = baseSide((m, side) => {
      row.base?.(m, side);
      row.head(m, side);
    });
    const findings = compareHistory(base, head, { baseName: "main" });
    const hit = findings.filter((f) => f.rule === row.rule);
    expect(hit.length, JSON.stringify(findings, null, 1)).toBeGreaterThanOrEqual(1);
    expect({ file: hit[0]!.file, path: joinPath(hit[0]!.path), severity: hit[0]!.severity }).toEqual({ file: row.file, path: row.path, severity: "error" });
    expect(hit[0]!.message).toMatch(row.safe);
    expect(hit[0]!.message).toMatch(/main/);
  });
});

describe("compareHistory: deliberate changes pass", () => {
  it.each<[string, Change, Change?]>([
    ["nothing changed", () => undefined],
    ["a workload renamed with renamedFrom", laesoe((c) => void (c.workloads[1] = { ...c.workloads[1]!, name: "filer", renamedFrom: "fil" }))],
    ["a site renamed with renamedFrom", laesoe((c) => void (c.network.sites[0] = { ...c.network.sites[0]!, name: "raadhus", renamedFrom: "byraad" }))],
    ["one lifecycle step forward", laesoe((c) => void (c.lifecycle = "offboarding"))],
    ["data disks reordered, each keeping its lun", laesoe((c) => void (c.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>).dataDisks.reverse())],
    ["a workload and a disk added to a live municipality", laesoe((c) => void (c.workloads.push(vm("ny", [["data", 0]])), (c.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>).dataDisks.push({ name: "extra", lun: 2, sizeGb: 64, sku: "Premium_ZRS" })))],
    ["a planned municipality's file deleted", removeFile(MORSOE)],
    ["a planned municipality re-addressed", (m) => void ((m(MORSOE).network.addressSpace = "10.64.96.0/20"), (m(MORSOE).workloads = []))],
    [
      "a retired municipality with a dataRelease deleted",
      removeFile(LAESOE),
      laesoe((c) => void (c.lifecycle = "retired", c.dataRelease = { approvedBy: "Byrådet", date: "2026-05-01", reference: "SAG-1" })),
    ],
  ])("%s", (_name, head, base) => {
    const findings = compareHistory(baseSide(base), baseSide((m, side) => (base?.(m, side), head(m, side))));
    expect(findings).toEqual([]);
  });

  it("a renamed workload keeps renamedFrom afterwards: dropping it is an error (its Azure names derive from it)", () => {
    const renamed = laesoe((c) => void (c.workloads[1] = { ...c.workloads[1]!, name: "filer", renamedFrom: "fil" }));
    const findings = compareHistory(baseSide(renamed), baseSide(laesoe((c) => void (c.workloads[1] = { ...c.workloads[1]!, name: "filer" }))));
    expect(findings.map((f) => [f.rule, joinPath(f.path)])).toContainEqual(["history-rename-dropped", "workloads.1.name"]);
  });
});

describe("locateHistoryFindings", () => {
  it("places a finding on the field in today's file, and a deleted file on line 1", () => {
    const located = locateHistoryFindings([
      { severity: "error", file: LAESOE, path: ["lifecycle"], rule: "history-lifecycle-step", message: "m" },
      { severity: "error", file: join(DIR, "nord/municipalities/999-gone.yaml"), path: [], rule: "history-file-deleted", message: "the file was deleted" },
    ]);
    expect(located.map((f) => [f.file, f.line, f.path])).toEqual([
      [LAESOE, 4, "lifecycle"],
      [join(DIR, "nord/municipalities/999-gone.yaml"), 1, ""],
    ]);
  });
});

describe("a dataRelease dated in the future", () => {
  it("is an error without any base, on dataRelease.date", () => {
    const units = structuredClone(loaded.units);
    const nord = units.find((u) => u.id === "nord")!;
    const entries = [
      {
        folder: "nord",
        file: nord.file,
        config: nord.config,
        raw: undefined,
        municipalities: nord.municipalities.map((x) => ({
          file: x.file,
          fileName: x.file.split("/").pop()!,
          raw: undefined,
          config: x.file === LAESOE ? { ...x.config, lifecycle: "retired" as const, dataRelease: { approvedBy: "Byrådet", date: "2026-06-02", reference: "SAG-1" } } : x.config,
        })),
      },
    ];
    const findings = checkLifecycle(entries, { today: TODAY }).filter((f) => f.rule === "data-release-future");
    expect(findings.map((f) => [f.file, joinPath(f.path), f.severity])).toEqual([[LAESOE, "dataRelease.date", "error"]]);
    expect(findings[0]!.message).toMatch(/2026-06-02 is after today \(2026-06-01\)/);
    entries[0]!.municipalities.forEach((x) => x.config.dataRelease && (x.config.dataRelease.date = "2026-06-01"));
    expect(checkLifecycle(entries, { today: TODAY }).filter((f) => f.rule === "data-release-future")).toEqual([]);
  });
});
