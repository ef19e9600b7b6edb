/**
 * `driftsenhed plan` of the example configuration in stacks/, through the
 * command line: the real stack programs in worker processes, the policy pack,
 * the JSON and the reports. Planned twice: the whole configuration, and one
 * unit alone with a stricter pack configuration; every assertion reads these
 * two runs.
 *
 * Tier: estate (vitest.config.mts). Both runs are made once per `vitest run`
 * by test/estate/global-setup.ts (with the same in-process command line as
 * ./support.ts), alongside the estate the URN pins and the stack program
 * tests read, so that the example is not planned again for each file.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigDir } from "../../../packages/config/load.js";
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type PlanDocument, type PlanResource, type Totals } from "../../../packages/tools/plan/types.js";
import { REPORT_FILES } from "../../../packages/tools/plan/reports/index.js";
import { EXAMPLE_DIR, estateFiles, LOCKED_RULE, planOutcome } from "../../estate/estate.js";
import { STACK_TRACE } from "./support.js";

const CONFIG_DIR = EXAMPLE_DIR;
const loaded = loadConfigDir(CONFIG_DIR);
const unitIds = loaded.units.map((u) => u.id);
const codesOf = new Map(loaded.units.map((u) => [u.id, new Set(u.municipalities.map((m) => m.config.code))]));

const estate = estateFiles();
const outDir = estate.planOut;
/** The unit planned alone: the one with the fewest municipalities, to keep the second run short. */
const single = estate.single;
const { result: full, doc } = planOutcome("plan");
const { result: alone, doc: aloneDoc } = planOutcome("alone");

const resourcesOf = (d: PlanDocument) => d.units.flatMap((u) => u.stacks.flatMap((s) => s.resources.map((r) => ({ unit: u.unit, stack: s.stack, r }))));

function sumTotals(list: readonly Totals[]): Pick<Totals, "stacks" | "resources" | "protectedResources"> & { violations: number; mandatory: number } {
  return {
    stacks: list.reduce((n, t) => n + t.stacks, 0),
    resources: list.reduce((n, t) => n + t.resources, 0),
    protectedResources: list.reduce((n, t) => n + t.protectedResources, 0),
    violations: list.reduce((n, t) => n + t.violations.total, 0),
    mandatory: list.reduce((n, t) => n + t.violations.mandatory, 0),
  };
}

describe("plan of the example configuration", () => {
  it("plans every unit, reporting each stack on stderr as it finishes", () => {
    expect(doc.units.map((u) => u.unit)).toEqual(unitIds);
    for (const id of unitIds) expect(full.stderr).toMatch(new RegExp(`^plan: \\[\\d+/\\d+\\] ${id}  \\d[\\d,]* resources`, "m"));
    expect(full.stderr).not.toMatch(STACK_TRACE);
    expect(full.stdout).toMatch(/^Plan (passed|FAILED: mandatory violations): 5 units, 98 municipalities, 5 stacks, [\d,]+ resources/m);
  });

  it("exits 1 exactly when there is a mandatory violation", () => {
    expect(full.code).toBe(doc.totals.violations.mandatory > 0 ? 1 : 0);
  });

  it("passes the policy pack (the examples must be deployable as they are)", () => {
    const mandatory = doc.units.flatMap((u) => u.stacks.flatMap((s) => s.violations.filter((v) => v.enforcementLevel === "mandatory")));
    expect(mandatory.map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    expect(full.code).toBe(0);
  });

  it("writes the documented JSON shape", () => {
    expect(doc.format).toBe(PLAN_FORMAT);
    expect(doc.version).toBe(PLAN_FORMAT_VERSION);
    const format = readFileSync(path.join("packages", "tools", "plan", "FORMAT.md"), "utf8");
    const keys = new Set<string>();
    for (const { r } of resourcesOf(doc)) {
      expect(typeof r.urn).toBe("string");
      expect(typeof r.type).toBe("string");
      expect(typeof r.name).toBe("string");
      expect(typeof r.protect).toBe("boolean");
      expect(typeof r.retainOnDelete).toBe("boolean");
      expect(typeof r.inputs).toBe("object");
      for (const k of Object.keys(r)) keys.add(k);
    }
    for (const u of doc.units) for (const s of u.stacks) for (const v of s.violations) {
      expect(["mandatory", "advisory"]).toContain(v.enforcementLevel);
      expect(["critical", "high", "medium", "low"]).toContain(v.severity);
      expect(v.policy).toMatch(/^[a-z0-9-]+$/);
      for (const k of Object.keys(v)) keys.add(k);
    }
    // Every field that occurs is documented.
    for (const k of keys) expect(format).toContain(`\`${k}`);
  });

  it("adds up: stacks to units to the whole plan, platform and municipalities to their unit", () => {
    for (const u of doc.units) {
      const fromStacks = sumTotals(u.stacks.map((s) => s.totals));
      expect(fromStacks).toEqual(sumTotals([u.totals]));
      for (const s of u.stacks) expect(s.totals.resources).toBe(s.resources.length);
      const shares = u.platform.resources + u.municipalities.reduce((n, m) => n + m.resources, 0);
      expect(shares).toBe(u.totals.resources);
      const violations = u.platform.violations.total + u.municipalities.reduce((n, m) => n + m.violations.total, 0);
      expect(violations).toBe(u.totals.violations.total);
    }
    expect(sumTotals([doc.totals])).toEqual(sumTotals(doc.units.map((u) => u.totals)));
    expect(doc.units.reduce((n, u) => n + u.municipalities.length, 0)).toBe(98);
  });

  it("attributes every resource to the right municipality", () => {
    let tenants = 0;
    for (const { unit, stack, r } of resourcesOf(doc)) {
      // Every resource of a stack is that stack's: nothing leaked from a stack planned beside it.
      expect(r.urn.startsWith(`urn:pulumi:${stack}::driftsenhed::`)).toBe(true);
      if (r.municipality !== undefined) expect(codesOf.get(unit)!.has(r.municipality)).toBe(true);
      const tag = (r.inputs.tags as Record<string, unknown> | undefined)?.kommunekode;
      // A tenant's site gateways live on the shared hub with the platform's tag but count as the municipality's.
      if (typeof tag === "string" && !(tag === "platform" && /^k\d{3}-sites-/.test(r.name))) expect(r.municipality ?? "platform").toBe(tag);
      // Tenant names derive from the kommunekode (stacks/tenants.ts): k<code> and k<code>-...
      const named = /^k(\d{3})(?:-|$)/.exec(r.name)?.[1];
      expect(r.municipality).toBe(named);
      if (r.type === "driftsenhed:tenant:MunicipalityTenant") tenants++;
    }
    expect(tenants).toBe(98);
    for (const u of doc.units) {
      for (const m of u.municipalities) {
        if (m.lifecycle === "planned") expect(m.resources).toBe(1); // the empty tenant component
        else expect(m.resources).toBeGreaterThan(20);
      }
    }
  });

  it("protects the data-bearing resources of municipalities that are not planned", () => {
    const guarded = (r: PlanResource) => r.protect && r.retainOnDelete;
    for (const u of doc.units) {
      for (const m of u.municipalities.filter((x) => x.lifecycle === "migrating" || x.lifecycle === "live")) {
        const own = u.stacks.flatMap((s) => s.resources).filter((r) => r.municipality === m.code);
        const kinds = new Set(own.filter(guarded).map((r) => r.type));
        expect(kinds).toContain("azure-native:resources:ResourceGroup");
        expect(kinds).toContain("azure-native:keyvault:Vault");
      }
    }
  });

  it("writes inventory, topology, compliance and plan.json for each unit", () => {
    for (const u of doc.units) {
      for (const f of REPORT_FILES) expect(existsSync(path.join(outDir, u.unit, f))).toBe(true);
      const inventory = readFileSync(path.join(outDir, u.unit, "inventory.md"), "utf8");
      for (const m of u.municipalities) expect(inventory).toContain(`## ${m.code} ${m.name}`);
      const planned = u.municipalities.filter((m) => m.lifecycle === "planned").length;
      expect(inventory.split("Nothing is deployed while the municipality is planned").length - 1).toBe(planned);
      const topology = readFileSync(path.join(outDir, u.unit, "topology.md"), "utf8");
      expect(topology).toContain("```mermaid\nflowchart LR");
      expect(topology).toMatch(/Azure Firewall/);
      for (const m of u.municipalities.filter((x) => x.lifecycle !== "planned")) {
        expect(topology).toContain(`subgraph m${m.code}[`);
        expect(topology).toContain(`namespace k${m.code}`);
      }
      const compliance = readFileSync(path.join(outDir, u.unit, "compliance.md"), "utf8");
      expect(compliance).toContain("## NIS2 § 6, stk. 1, nr. 9");
      expect(compliance).toContain("## ISO/IEC 27001:2022 A.8.22 Segregation of networks");
      const unitJson = JSON.parse(readFileSync(path.join(outDir, u.unit, "plan.json"), "utf8")) as PlanDocument;
      expect(unitJson.units).toHaveLength(1);
      expect(unitJson.totals).toEqual(u.totals);
      expect(unitJson.units[0]!.stacks.map((s) => s.resources.length)).toEqual(u.stacks.map((s) => s.resources.length));
    }
  });
});

describe("one unit planned alone", () => {
  it("registers exactly what it registered beside the other units", () => {
    const together = doc.units.find((u) => u.unit === single)!.stacks;
    const apart = aloneDoc.units[0]!.stacks;
    expect(aloneDoc.units.map((u) => u.unit)).toEqual([single]);
    expect(apart.map((s) => s.stack)).toEqual(together.map((s) => s.stack));
    apart.forEach((s, i) => expect(s.resources).toEqual(together[i]!.resources));
  });

  it("fails with exit 1 on a stricter pack configuration, naming the rule", () => {
    expect(alone.code).toBe(1);
    expect(alone.stdout).toMatch(new RegExp(`^  high +${LOCKED_RULE}: \\d+ findings?`, "m"));
    const violations = aloneDoc.units[0]!.stacks.flatMap((s) => s.violations).filter((v) => v.policy === LOCKED_RULE);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.enforcementLevel === "mandatory" && v.urn !== undefined)).toBe(true);
  });
});
