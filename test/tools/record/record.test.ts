/**
 * The processor's record (GDPR art. 30(2), art. 32) states only what the
 * configuration and the plan show, names its sources, and says the same in
 * Danish and English.
 *
 * Tier: estate (vitest.config.mts): reads the plan of the example that
 * test/estate/global-setup.ts built, with the example's configuration.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigDir, type LoadedUnit } from "../../../packages/config/load.js";
import { recordFacts, type RecordFacts } from "../../../packages/tools/record/facts.js";
import { renderRecord, LANGS } from "../../../packages/tools/record/render.js";
import type { UnitPlan } from "../../../packages/tools/plan/types.js";
import { RULES } from "../../../policies/registry.js";
import { run } from "../../../packages/tools/cli/run.js";
import { recordChanges } from "../../../packages/tools/record/changes.js";
import { EXAMPLE_DIR, estateFiles, planOutcome, TODAY } from "../../estate/estate.js";

const loaded = loadConfigDir(EXAMPLE_DIR, { today: new Date(`${TODAY}T00:00:00Z`) });
const { doc } = planOutcome("plan");
const unit = loaded.units.find((u) => u.id === "nordjylland")!;
const plan = doc.units.find((u) => u.unit === "nordjylland")!;
const facts = (u: LoadedUnit = unit, p: UnitPlan = plan, code = "851"): RecordFacts => recordFacts({ unit: u, code, plan: p, generatedOn: TODAY });

/** The values a record states: everything set in code, in order of appearance. */
const stated = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("the record of 851 Aalborg", () => {
  const f = facts();
  const da = renderRecord(f, "da");
  const en = renderRecord(f, "en");

  it("lists every workload of the file with its data classification, and marks art. 9 data", () => {
    const file = unit.municipalities.find((m) => m.config.code === "851")!.config;
    expect(f.activities.map((a) => a.workload)).toEqual(file.workloads.map((w) => w.name));
    for (const w of file.workloads) {
      const classification = w.dataClassification ?? file.dataClassification;
      expect(da).toMatch(new RegExp(`\\| \`${w.name}\` \\|[^\\n]*\\| \`${classification}\` \\| ${classification === "sensitive-personal" ? "ja" : "nej"} \\|`));
    }
    expect(f.activities.some((a) => a.specialCategories)).toBe(true);
  });

  it("says where the data is: regions, zones, backups, and no third-country transfer", () => {
    expect(f.location.regions).toEqual(["denmarkeast"]);
    expect(f.location.zones.length).toBe(f.activities.filter((a) => a.kind === "vm").length);
    expect(f.location.backup?.vault).toBe("platform-backup-vault");
    expect(f.location.outsideEu).toEqual([]);
    expect(da).toContain("Overførsel til tredjelande: ingen");
    expect(en).toContain("Transfers to third countries: none");
    expect(f.location.global.every((g) => g.reason !== undefined)).toBe(true);
  });

  it("states every measure, tied to planned resources of this municipality or the platform, and to rules of the pack", () => {
    expect(f.measures.map((m) => m.key)).toEqual(["encryptionAtRest", "encryptionInTransit", "networkIsolation", "accessControl", "logging", "backup", "patching", "malwareProtection", "deletion"]);
    const planned = new Map(plan.stacks.flatMap((s) => s.resources).map((r) => [r.name, r]));
    const ruleNames = new Set(RULES.map((r) => r.name));
    for (const m of f.measures) {
      for (const name of m.resources) {
        const r = planned.get(name);
        expect(r, `${m.key}: ${name} is not in the plan`).toBeDefined();
        expect([undefined, "851"], `${m.key}: ${name} belongs to another municipality`).toContain(r!.municipality);
      }
      for (const rule of m.rules) expect(ruleNames.has(rule), `${m.key}: unknown rule ${rule}`).toBe(true);
    }
    // The processor's own standing roles that reach the controller's data are stated, not only the controller's.
    const access = f.measures.find((m) => m.key === "accessControl")!;
    expect(access.values.processorGrants).toEqual(expect.arrayContaining([expect.stringMatching(/^Contributor: Group /), expect.stringMatching(/^Log Analytics Reader: Group /)]));
    expect(access.resources).toContain("platform-identity-ra-subscription-contributor");
    expect(access.resources).not.toContain("platform-cluster-ra-routes");
    const atRest = f.measures.find((m) => m.key === "encryptionAtRest")!;
    expect(atRest.values.customerManagedKey).toBe(true);
    expect(f.measures.find((m) => m.key === "logging")!.values.retentionDays).toBe(unit.config.monitoring.retentionDays);
  });

  it("names nothing of another municipality", () => {
    for (const text of [da, en]) expect(text).not.toMatch(/\bk(?!851)\d{3}-/);
  });

  it("carries the same facts in Danish and English, under the same headings", () => {
    expect(stated(da)).toEqual(stated(en));
    const headings = (t: string) => t.split("\n").filter((l) => l.startsWith("#")).map((l) => l.replace(/[^#\d.]/g, ""));
    expect(headings(da)).toEqual(headings(en));
    expect(da).toContain("Dataansvarlig");
    expect(da).toContain("Underdatabehandlere");
    expect(da).toContain("Tekniske og organisatoriske sikkerhedsforanstaltninger");
    expect(en).toContain("Sub-processors");
  });

  it("says what it cannot state", () => {
    expect(da).toContain("## 6. Hvad denne fortegnelse ikke kan oplyse");
    expect(f.cannotState).toContain("criminalOffences");
    expect(f.cannotState).toContain("organisationalMeasures");
  });
});

describe("the record follows the configuration and the plan", () => {
  it("changes when a workload is added", () => {
    const copy: LoadedUnit = structuredClone(unit);
    const m = copy.municipalities.find((x) => x.config.code === "851")!;
    m.config.workloads.push({ ...structuredClone(m.config.workloads[0]!), name: "journal-ny", dataClassification: "sensitive-personal" });
    const text = renderRecord(facts(copy), "en");
    expect(text).toContain("`journal-ny`");
    expect(text).not.toBe(renderRecord(facts(), "en"));
  });

  it("changes when the plan puts data in another region, and names a region outside the EU", () => {
    const moved: UnitPlan = structuredClone(plan);
    for (const s of moved.stacks) for (const r of s.resources) if (r.municipality === "851" && r.inputs.location === "denmarkeast") r.inputs.location = "swedencentral";
    expect(facts(unit, moved).location.regions).toEqual(["denmarkeast", "swedencentral"]);
    const abroad: UnitPlan = structuredClone(plan);
    const vm = abroad.stacks.flatMap((s) => s.resources).find((r) => r.municipality === "851" && r.type === "azure-native:compute:VirtualMachine")!;
    vm.inputs.location = "eastus";
    const f = facts(unit, abroad);
    expect(f.location.outsideEu).toEqual([{ name: vm.name, location: "eastus" }]);
    expect(renderRecord(f, "da")).toContain("Overførsel til tredjelande: følgende ressourcer ligger uden for EU-regionerne");
  });

  it("states a municipality without sensitive data as such", () => {
    const copy: LoadedUnit = structuredClone(unit);
    const m = copy.municipalities.find((x) => x.config.code === "851")!.config;
    m.dataClassification = "internal";
    for (const w of m.workloads) w.dataClassification = "internal";
    const f = facts(copy);
    expect(f.activities.every((a) => !a.specialCategories)).toBe(true);
    expect(renderRecord(f, "da")).not.toMatch(/\| ja \|/);
    expect(renderRecord(facts(), "da")).toMatch(/\| ja \|/);
  });

  it("refuses, with exit 2 and no stack trace, a planned municipality, an unknown one and an unknown language", async () => {
    for (const argv of [
      ["record", "nordjylland", "773", "--config-dir", EXAMPLE_DIR],
      ["record", "nordjylland", "999", "--config-dir", EXAMPLE_DIR],
      ["record", "nordjylland", "851", "--lang", "de", "--config-dir", EXAMPLE_DIR],
    ]) {
      const out: string[] = [];
      const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
      expect(await run(argv, io), argv.join(" ")).toBe(2);
      expect(out.join("")).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    }
  });

  it.each(LANGS)("renders in %s without a placeholder", (lang) => {
    const text = renderRecord(facts(), lang);
    expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
  });
});

describe("plan --out", () => {
  it("writes the record of every municipality beyond planned beside the unit's reports, and none for a planned one", () => {
    const out = estateFiles().planOut;
    for (const u of loaded.units) {
      for (const m of u.municipalities) {
        const file = path.join(out, u.id, `${m.config.code}.record.md`);
        expect(existsSync(file), file).toBe(m.config.lifecycle !== "planned");
      }
    }
    const text = readFileSync(path.join(out, "nordjylland", "851.record.md"), "utf8");
    expect(text.startsWith("# Fortegnelse over behandlingsaktiviteter: Aalborg (851)")).toBe(true);
  });
});

describe("what a change does to the record", () => {
  const before = facts();

  it("names a new processing activity with art. 9 data, a new region and a removed one", () => {
    const copy: LoadedUnit = structuredClone(unit);
    const m = copy.municipalities.find((x) => x.config.code === "851")!.config;
    m.workloads.push({ ...structuredClone(m.workloads[0]!), name: "journal-ny", dataClassification: "sensitive-personal" });
    const removed = m.workloads.splice(1, 1)[0]!;
    const moved: UnitPlan = structuredClone(plan);
    for (const s of moved.stacks) for (const r of s.resources) if (r.municipality === "851" && r.type === "azure-native:compute:Disk") r.inputs.location = "swedencentral";
    const changes = recordChanges(before, facts(copy, moved)).map((c) => c.change);
    expect(changes).toContain("+ processing 'journal-ny' (vm, sensitive-personal, art. 9 data)");
    expect(changes).toContain(`- processing '${removed.name}'`);
    expect(changes).toContain("+ region swedencentral");
    expect(changes.every((c) => !c.includes("cloud service"))).toBe(true);
  });

  it("says nothing when nothing that the record states changes, and marks a record that begins or ends", () => {
    expect(recordChanges(before, facts())).toEqual([]);
    expect(recordChanges(undefined, before)[0]!.change).toMatch(/^new record/);
    expect(recordChanges(before, undefined)[0]!.change).toMatch(/^record ends/);
  });

  it("names a classification that now holds art. 9 data", () => {
    const copy: LoadedUnit = structuredClone(unit);
    const m = copy.municipalities.find((x) => x.config.code === "851")!.config;
    const w = m.workloads.find((x) => (x.dataClassification ?? m.dataClassification) !== "sensitive-personal")!;
    const was = w.dataClassification ?? m.dataClassification;
    w.dataClassification = "sensitive-personal";
    expect(recordChanges(before, facts(copy)).map((c) => c.change)).toEqual([`~ processing '${w.name}': classification ${was} -> sensitive-personal (now art. 9 data)`]);
  });
});
