/**
 * The plan as a reviewer reads it in a terminal or a pull request: per unit
 * and per municipality the lifecycle, address space, workloads, resources by
 * kind and violations by severity; then every mandatory violation, grouped by
 * rule, because those are what fail the plan.
 */
import { kindOf } from "./document.js";
import type { WorkerFailure } from "./protocol.js";
import { SEVERITIES, type MunicipalityPlan, type PlanDocument, type PlanViolation, type SeverityCounts, type UnitPlan, type ViolationTotals } from "./types.js";

const number = new Intl.NumberFormat("en-GB");
const n = (value: number) => number.format(value);
const plural = (count: number, word: string, many = `${word}s`) => `${n(count)} ${count === 1 ? word : many}`;

/** Examples shown per rule before "... and N more". */
const EXAMPLES_PER_RULE = 3;
/** Kinds listed on one line before the rest are summed up. */
const KINDS_PER_LINE = 12;

function bySeverity(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");
}

export function violationSummary(v: ViolationTotals): string {
  if (v.total === 0) return "no violations";
  const parts: string[] = [];
  if (v.mandatory > 0) parts.push(`${n(v.mandatory)} mandatory (${bySeverity(v.mandatoryBySeverity)})`);
  if (v.advisory > 0) parts.push(`${n(v.advisory)} advisory (${bySeverity(v.advisoryBySeverity)})`);
  return parts.join(", ");
}

/** Custom resource kinds by count, largest first; components summed up at the end. */
export function kindsLine(byKind: Record<string, number>, componentKinds: ReadonlySet<string>): string {
  const entries = Object.entries(byKind).filter(([k]) => !componentKinds.has(k));
  entries.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const components = Object.entries(byKind)
    .filter(([k]) => componentKinds.has(k))
    .reduce((sum, [, c]) => sum + c, 0);
  const shown = entries.slice(0, KINDS_PER_LINE).map(([k, c]) => `${k} ${n(c)}`);
  const rest = entries.slice(KINDS_PER_LINE).reduce((sum, [, c]) => sum + c, 0);
  if (rest > 0) shown.push(`${entries.length - KINDS_PER_LINE} other kinds ${n(rest)}`);
  if (components > 0) shown.push(`+ ${plural(components, "component")}`);
  return shown.join(", ");
}

function workloadText(m: MunicipalityPlan): string {
  const parts: string[] = [];
  if (m.workloads.vm > 0) parts.push(plural(m.workloads.vm, "server"));
  if (m.workloads.container > 0) parts.push(plural(m.workloads.container, "container workload"));
  return parts.length > 0 ? parts.join(", ") : "no workloads";
}

/** Kinds that are components in this unit (from the resources' `custom` flag). */
export function componentKindsOf(unit: UnitPlan): Set<string> {
  const kinds = new Set<string>();
  for (const s of unit.stacks) for (const r of s.resources) if (!r.custom) kinds.add(kindOf(r.type));
  return kinds;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

export function renderUnit(unit: UnitPlan): string[] {
  const lines: string[] = [];
  const components = componentKindsOf(unit);
  const ranges = [`hub ${unit.hubAddressSpace}`, ...(unit.clusterAddressSpace ? [`cluster ${unit.clusterAddressSpace}`] : [])].join(", ");
  lines.push(`${unit.unit} — ${unit.name}`);
  lines.push(`  ${unit.layout}, ${unit.location}, ${unit.addressSpace} (${ranges}); ${plural(unit.stacks.length, "stack")}: ${unit.stacks.map((s) => s.stack).join(", ") || "none"}`);
  const nameWidth = Math.max(8, ...unit.municipalities.map((m) => m.name.length));
  lines.push(`  ${pad("platform", 4 + nameWidth + 1)} ${pad("shared", 11)} ${pad(unit.hubAddressSpace, 18)} ${pad("", 36)} ${pad(plural(unit.platform.resources, "resource"), 15)} ${violationSummary(unit.platform.violations)}`);
  const kinds = (byKind: Record<string, number>) => {
    // A line of nothing but components (a planned municipality's empty tenant) says nothing.
    if (Object.keys(byKind).some((k) => !components.has(k))) lines.push(`      ${kindsLine(byKind, components)}`);
  };
  kinds(unit.platform.resourcesByKind);
  for (const m of unit.municipalities) {
    lines.push(
      `  ${m.code} ${pad(m.name, nameWidth)} ${pad(m.lifecycle, 11)} ${pad(m.addressSpace, 18)} ${pad(workloadText(m), 36)} ${pad(plural(m.resources, "resource"), 15)} ${violationSummary(m.violations)}`,
    );
    kinds(m.resourcesByKind);
  }
  lines.push(`  total: ${plural(unit.totals.resources, "resource")} (${n(unit.totals.protectedResources)} protected or retained on delete); ${violationSummary(unit.totals.violations)}`);
  return lines;
}

interface Located extends PlanViolation {
  stack: string;
}

function resourceName(urn: string | undefined): string {
  if (!urn) return "stack";
  const i = urn.lastIndexOf("::");
  return i >= 0 ? urn.slice(i + 2) : urn;
}

/** Violations of one enforcement level, grouped by rule, worst severity first. */
export function renderViolations(doc: PlanDocument, level: "mandatory" | "advisory", examples = EXAMPLES_PER_RULE): string[] {
  const byPolicy = new Map<string, Located[]>();
  for (const u of doc.units) {
    for (const s of u.stacks) {
      for (const v of s.violations) {
        if (v.enforcementLevel !== level) continue;
        const list = byPolicy.get(v.policy);
        if (list) list.push({ ...v, stack: s.stack });
        else byPolicy.set(v.policy, [{ ...v, stack: s.stack }]);
      }
    }
  }
  const rank = (list: Located[]) => SEVERITIES.indexOf(list[0]!.severity);
  const groups = [...byPolicy.entries()].sort(([a, x], [b, y]) => rank(x) - rank(y) || (a < b ? -1 : 1));
  const lines: string[] = [];
  for (const [policy, list] of groups) {
    const where = new Map<string, number>();
    for (const v of list) {
      const key = `${v.stack}${v.municipality ? ` ${v.municipality}` : " platform"}`;
      where.set(key, (where.get(key) ?? 0) + 1);
    }
    const whereText = [...where.entries()].map(([k, c]) => (c > 1 ? `${k} ×${c}` : k)).join(", ");
    lines.push(`  ${pad(list[0]!.severity, 8)} ${policy}: ${plural(list.length, "finding")} (${whereText})`);
    for (const v of list.slice(0, examples)) lines.push(`           ${resourceName(v.urn)}: ${v.message.split("\n")[0]}`);
    if (list.length > examples) lines.push(`           ... and ${n(list.length - examples)} more (all in --json FILE or --out DIR)`);
  }
  return lines;
}

export interface SummaryInput {
  doc: PlanDocument;
  failures: readonly WorkerFailure[];
  wallSeconds: number;
}

export function renderSummary({ doc, failures, wallSeconds }: SummaryInput): string {
  const lines: string[] = [];
  for (const unit of doc.units) {
    lines.push(...renderUnit(unit), "");
  }
  const mandatory = renderViolations(doc, "mandatory");
  if (mandatory.length > 0) lines.push("Mandatory violations (these fail the plan):", ...mandatory, "");
  const advisory = renderViolations(doc, "advisory", 1);
  if (advisory.length > 0) lines.push("Advisory violations:", ...advisory, "");
  if (failures.length > 0) {
    lines.push("Stacks that could not be planned:");
    for (const f of failures) lines.push(`  ${f.stack}: ${f.message.split("\n").join("\n    ")}`);
    lines.push("");
  }
  const t = doc.totals;
  const verdict = failures.length > 0 ? "FAILED: stacks could not be planned" : t.violations.mandatory > 0 ? "FAILED: mandatory violations" : "passed";
  const municipalities = doc.units.reduce((sum, u) => sum + u.municipalities.length, 0);
  lines.push(
    `Plan ${verdict}: ${plural(doc.units.length, "unit")}, ${plural(municipalities, "municipality", "municipalities")}, ${plural(t.stacks, "stack")}, ${plural(t.resources, "resource")}; ${violationSummary(t.violations)} (${wallSeconds.toFixed(1)} s)`,
  );
  return `${lines.join("\n")}\n`;
}
