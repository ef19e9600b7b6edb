/**
 * compliance.md: for each control (NIS2 § 6 measure, ISO/IEC 27001:2022
 * Annex A control), the rules that give evidence for it, and for each rule the
 * resources it checked, passed and failed, per municipality. An auditor starts
 * from the control; an engineer from the failing rule.
 *
 * Counting: a resource rule checks every resource of the types it declares
 * (rules on all azure-native resources count every azure-native resource,
 * though such a rule may find some not applicable). A stack rule sees the whole
 * stack, so every resource counts as checked. A resource fails a rule when the
 * rule reported at least one violation on it, advisory or mandatory; an
 * exempted finding is not a violation. Findings that name no resource are
 * counted separately as stack findings.
 */
import { formatIso, formatNis2, type IsoControl, type Nis2Measure } from "../../../../policies/controls.js";
import { appliesToType, defaultEnforcement, type AnyRule } from "../../../../policies/rule.js";
import { PLATFORM, type UnitPlan } from "../types.js";
import { cell, code, fmt, table } from "./markdown.js";

interface Tally {
  checked: number;
  failed: number;
  stackFindings: number;
}

type Owner = string; // kommunekode or PLATFORM

interface RuleResult {
  rule: AnyRule;
  byOwner: Map<Owner, Tally>;
  total: Tally;
}

function emptyTally(): Tally {
  return { checked: 0, failed: 0, stackFindings: 0 };
}

function add(into: Tally, from: Tally): void {
  into.checked += from.checked;
  into.failed += from.failed;
  into.stackFindings += from.stackFindings;
}

/** Per rule, per owner: resources checked and failed. Linear in resources and violations. */
export function tallyRules(unit: UnitPlan, rules: readonly AnyRule[]): RuleResult[] {
  const countByType = new Map<string, Map<Owner, number>>();
  const countByOwner = new Map<Owner, number>();
  for (const s of unit.stacks) {
    for (const r of s.resources) {
      const owner = r.municipality ?? PLATFORM;
      let m = countByType.get(r.type);
      if (!m) countByType.set(r.type, (m = new Map()));
      m.set(owner, (m.get(owner) ?? 0) + 1);
      countByOwner.set(owner, (countByOwner.get(owner) ?? 0) + 1);
    }
  }
  const failedUrns = new Map<string, Map<Owner, Set<string>>>();
  const stackFindings = new Map<string, Map<Owner, number>>();
  for (const s of unit.stacks) {
    for (const v of s.violations) {
      const owner = v.municipality ?? PLATFORM;
      if (v.urn) {
        let m = failedUrns.get(v.policy);
        if (!m) failedUrns.set(v.policy, (m = new Map()));
        let set = m.get(owner);
        if (!set) m.set(owner, (set = new Set()));
        set.add(v.urn);
      } else {
        let m = stackFindings.get(v.policy);
        if (!m) stackFindings.set(v.policy, (m = new Map()));
        m.set(owner, (m.get(owner) ?? 0) + 1);
      }
    }
  }

  return rules.map((rule) => {
    const byOwner = new Map<Owner, Tally>();
    const tally = (owner: Owner) => {
      let t = byOwner.get(owner);
      if (!t) byOwner.set(owner, (t = emptyTally()));
      return t;
    };
    if (rule.kind === "resource") {
      for (const [type, owners] of countByType) {
        if (!appliesToType(rule, type)) continue;
        for (const [owner, count] of owners) tally(owner).checked += count;
      }
    } else {
      for (const [owner, count] of countByOwner) tally(owner).checked += count;
    }
    for (const [owner, urns] of failedUrns.get(rule.name) ?? []) tally(owner).failed += urns.size;
    for (const [owner, count] of stackFindings.get(rule.name) ?? []) tally(owner).stackFindings += count;
    const total = emptyTally();
    for (const t of byOwner.values()) add(total, t);
    return { rule, byOwner, total };
  });
}

function passed(t: Tally): number {
  return Math.max(0, t.checked - t.failed);
}

interface Control {
  key: string;
  title: string;
  rules: RuleResult[];
}

function controlsOf(results: readonly RuleResult[]): Control[] {
  const nis2 = new Map<Nis2Measure, RuleResult[]>();
  const iso = new Map<IsoControl, RuleResult[]>();
  for (const r of results) {
    for (const m of r.rule.controls.nis2) nis2.set(m, [...(nis2.get(m) ?? []), r]);
    for (const c of r.rule.controls.iso27001) iso.set(c, [...(iso.get(c) ?? []), r]);
  }
  const isoOrder = (a: string, b: string) => {
    const [a1, a2] = a.split(".").map(Number);
    const [b1, b2] = b.split(".").map(Number);
    return a1! - b1! || a2! - b2!;
  };
  return [
    ...[...nis2.entries()].sort(([a], [b]) => a - b).map(([m, rules]) => ({ key: `nis2-${m}`, title: `NIS2 ${formatNis2(m)}`, rules })),
    ...[...iso.entries()].sort(([a], [b]) => isoOrder(a, b)).map(([c, rules]) => ({ key: `iso-${c}`, title: `ISO/IEC 27001:2022 ${formatIso(c)}`, rules })),
  ];
}

function ownerLabel(owner: Owner, names: ReadonlyMap<string, string>): string {
  return owner === PLATFORM ? "platform" : `${owner} ${names.get(owner) ?? ""}`.trim();
}

function ownerOrder(a: Owner, b: Owner): number {
  if (a === b) return 0;
  if (a === PLATFORM) return -1;
  if (b === PLATFORM) return 1;
  return a < b ? -1 : 1;
}

export function renderCompliance(unit: UnitPlan, rules: readonly AnyRule[]): string {
  const results = tallyRules(unit, rules);
  const controls = controlsOf(results);
  const names = new Map(unit.municipalities.map((m) => [m.code, m.name]));
  const lines: string[] = [
    `# Compliance: ${unit.unit}`,
    "",
    `${cell(unit.name)}: every control the policy pack gives evidence for, the rules behind it, and what they found in this plan. ` +
      "Generated by `driftsenhed plan`; do not edit.",
    "",
    "A resource rule checks the resources of its types; a stack rule sees the whole stack, so every resource counts as checked. " +
      "A resource fails when the rule reported a violation on it (advisory or mandatory); exempted findings are not violations. " +
      "Findings that name no resource count as failed without a resource, so passed and failed need not add up to checked.",
    "",
    "## Summary",
    "",
    ...table(
      ["control", "rules", "checked", "passed", "failed"],
      controls.map((c) => {
        const t = emptyTally();
        for (const r of c.rules) add(t, r.total);
        return [`[${c.title}](#${c.key})`, fmt(c.rules.length), fmt(t.checked), fmt(passed(t)), fmt(t.failed + t.stackFindings)];
      }),
    ),
    "",
  ];

  for (const c of controls) {
    lines.push(`<a id="${c.key}"></a>`, "", `## ${c.title}`, "");
    lines.push(
      ...table(
        ["rule", "severity", "enforcement", "checked", "passed", "failed", "failed in"],
        c.rules.map((r) => {
          const failing = [...r.byOwner.entries()]
            .filter(([, t]) => t.failed + t.stackFindings > 0)
            .sort(([a], [b]) => ownerOrder(a, b))
            .map(([o, t]) => `${ownerLabel(o, names)} (${fmt(t.failed + t.stackFindings)})`);
          return [
            code(r.rule.name),
            r.rule.severity,
            defaultEnforcement(r.rule),
            r.total.checked === 0 && r.total.stackFindings === 0 ? "none in this unit" : fmt(r.total.checked),
            fmt(passed(r.total)),
            fmt(r.total.failed + r.total.stackFindings),
            failing.join(", "),
          ];
        }),
      ),
      "",
    );
    const owners = new Map<Owner, Tally>();
    for (const r of c.rules) {
      for (const [o, t] of r.byOwner) {
        let acc = owners.get(o);
        if (!acc) owners.set(o, (acc = emptyTally()));
        add(acc, t);
      }
    }
    if (owners.size > 0) {
      lines.push(
        "By municipality (resource checks summed over the rules above):",
        "",
        ...table(
          ["municipality", "checked", "passed", "failed"],
          [...owners.entries()].sort(([a], [b]) => ownerOrder(a, b)).map(([o, t]) => [ownerLabel(o, names), fmt(t.checked), fmt(passed(t)), fmt(t.failed + t.stackFindings)]),
        ),
        "",
      );
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
