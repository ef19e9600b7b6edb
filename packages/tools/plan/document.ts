/**
 * Assembles the plan document from what the workers returned and what the
 * configuration says about each unit. Pure and linear in the number of
 * resources and violations.
 */
import {
  type FailedStack,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  type MunicipalityPlan,
  type PlanDocument,
  type PlanResource,
  type PlanViolation,
  type PlatformPlan,
  type SeverityCounts,
  type StackPlan,
  type Totals,
  type UnitPlan,
  type ViolationTotals,
} from "./types.js";

/** What the plan shows of a municipality's file. */
export interface MunicipalityDescription {
  code: string;
  name: string;
  lifecycle: string;
  addressSpace: string;
  dataClassification: string;
  workloads: { name: string; kind: "vm" | "container" }[];
}

/** What the plan shows of a unit's file. */
export interface UnitDescription {
  id: string;
  name: string;
  layout: string;
  location: string;
  addressSpace: string;
  hubAddressSpace: string;
  clusterAddressSpace?: string;
  municipalities: MunicipalityDescription[];
}

/** One stack's recorded resources and violations. */
export interface StackRecord {
  stack: string;
  unit: string;
  municipality?: string;
  resources: PlanResource[];
  violations: PlanViolation[];
}

/** `network:VirtualNetwork` for `azure-native:network:VirtualNetwork`; other packages keep their token. */
export function kindOf(type: string): string {
  return type.startsWith("azure-native:") ? type.slice("azure-native:".length) : type;
}

export function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

export function emptyViolationTotals(): ViolationTotals {
  return { total: 0, mandatory: 0, advisory: 0, mandatoryBySeverity: emptySeverityCounts(), advisoryBySeverity: emptySeverityCounts() };
}

export function addViolation(t: ViolationTotals, v: Pick<PlanViolation, "enforcementLevel" | "severity">): void {
  t.total++;
  if (v.enforcementLevel === "mandatory") {
    t.mandatory++;
    t.mandatoryBySeverity[v.severity]++;
  } else {
    t.advisory++;
    t.advisoryBySeverity[v.severity]++;
  }
}

function addTotals(into: Totals, from: Totals): void {
  into.stacks += from.stacks;
  into.resources += from.resources;
  into.protectedResources += from.protectedResources;
  const a = into.violations;
  const b = from.violations;
  a.total += b.total;
  a.mandatory += b.mandatory;
  a.advisory += b.advisory;
  for (const s of Object.keys(a.mandatoryBySeverity) as (keyof SeverityCounts)[]) {
    a.mandatoryBySeverity[s] += b.mandatoryBySeverity[s];
    a.advisoryBySeverity[s] += b.advisoryBySeverity[s];
  }
}

export function emptyTotals(): Totals {
  return { stacks: 0, resources: 0, protectedResources: 0, violations: emptyViolationTotals() };
}

export function stackTotals(resources: readonly PlanResource[], violations: readonly PlanViolation[]): Totals {
  const totals = emptyTotals();
  totals.stacks = 1;
  totals.resources = resources.length;
  for (const r of resources) if (r.protect || r.retainOnDelete) totals.protectedResources++;
  for (const v of violations) addViolation(totals.violations, v);
  return totals;
}

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildUnitPlan(unit: UnitDescription, stacks: readonly StackRecord[]): UnitPlan {
  const platform: PlatformPlan = { resources: 0, resourcesByKind: {}, violations: emptyViolationTotals() };
  const perMunicipality = new Map<string, { resources: number; byKind: Record<string, number>; violations: ViolationTotals }>();
  const bucket = (code: string | undefined) => {
    if (code === undefined) return undefined;
    let b = perMunicipality.get(code);
    if (!b) {
      b = { resources: 0, byKind: {}, violations: emptyViolationTotals() };
      perMunicipality.set(code, b);
    }
    return b;
  };

  const stackPlans: StackPlan[] = [];
  const totals = emptyTotals();
  for (const s of stacks) {
    for (const r of s.resources) {
      const b = bucket(r.municipality);
      if (b) {
        b.resources++;
        count(b.byKind, kindOf(r.type));
      } else {
        platform.resources++;
        count(platform.resourcesByKind, kindOf(r.type));
      }
    }
    for (const v of s.violations) addViolation(bucket(v.municipality)?.violations ?? platform.violations, v);
    const t = stackTotals(s.resources, s.violations);
    addTotals(totals, t);
    stackPlans.push({ stack: s.stack, unit: s.unit, ...(s.municipality ? { municipality: s.municipality } : {}), resources: s.resources, violations: s.violations, totals: t });
  }
  platform.resourcesByKind = sortedCounts(platform.resourcesByKind);

  const municipalities: MunicipalityPlan[] = [...unit.municipalities]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((m) => {
      const b = perMunicipality.get(m.code);
      return {
        code: m.code,
        name: m.name,
        lifecycle: m.lifecycle,
        addressSpace: m.addressSpace,
        dataClassification: m.dataClassification,
        workloads: {
          vm: m.workloads.filter((w) => w.kind === "vm").length,
          container: m.workloads.filter((w) => w.kind === "container").length,
        },
        workloadNames: m.workloads.map((w) => w.name),
        resources: b?.resources ?? 0,
        resourcesByKind: sortedCounts(b?.byKind ?? {}),
        violations: b?.violations ?? emptyViolationTotals(),
      };
    });

  return {
    unit: unit.id,
    name: unit.name,
    layout: unit.layout,
    location: unit.location,
    addressSpace: unit.addressSpace,
    hubAddressSpace: unit.hubAddressSpace,
    ...(unit.clusterAddressSpace ? { clusterAddressSpace: unit.clusterAddressSpace } : {}),
    stacks: stackPlans,
    platform,
    municipalities,
    totals,
  };
}

export function buildPlanDocument(
  units: readonly UnitDescription[],
  stacks: readonly StackRecord[],
  failedStacks: readonly FailedStack[] = [],
): PlanDocument {
  const byUnit = new Map<string, StackRecord[]>();
  for (const s of stacks) {
    const list = byUnit.get(s.unit);
    if (list) list.push(s);
    else byUnit.set(s.unit, [s]);
  }
  const unitPlans = units.map((u) => buildUnitPlan(u, byUnit.get(u.id) ?? []));
  const totals = emptyTotals();
  for (const u of unitPlans) addTotals(totals, u.totals);
  return { format: PLAN_FORMAT, version: PLAN_FORMAT_VERSION, units: unitPlans, totals, failedStacks: [...failedStacks] };
}

/** True when the plan holds a mandatory violation: the plan fails. */
export function hasMandatoryViolation(doc: PlanDocument): boolean {
  return doc.totals.violations.mandatory > 0;
}
