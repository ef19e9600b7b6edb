/**
 * The offline plan as data. This is the contract of `driftsenhed plan --json`
 * and of `plan.json` in `--out DIR` (documented in FORMAT.md); reviewers and
 * tools read it, so fields are only ever added, never renamed.
 */

/** Format identifier and version of the JSON document. Bump the version on a breaking change. */
export const PLAN_FORMAT = "driftsenhed-plan";
export const PLAN_FORMAT_VERSION = 1;

export type EnforcementLevel = "advisory" | "mandatory";
export type Severity = "critical" | "high" | "medium" | "low";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** `kommunekode` of the unit's shared platform in summaries (the tag contract's `platform`). */
export const PLATFORM = "platform";

export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  /** false for components, which only group other resources. */
  custom: boolean;
  /** The mock runtime's deterministic, Azure-shaped id (custom resources only); other resources' inputs refer to it. */
  id?: string;
  parentUrn?: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** 3-digit kommunekode when the resource belongs to one municipality; absent for the shared platform. */
  municipality?: string;
  /** Inputs as the program sent them; secrets appear as "[secret]". */
  inputs: Record<string, unknown>;
}

export interface PlanViolation {
  policy: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  urn?: string;
  message: string;
  /** The municipality the finding concerns, when there is one. */
  municipality?: string;
}

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

export interface ViolationTotals {
  total: number;
  mandatory: number;
  advisory: number;
  /** Mandatory violations by severity. */
  mandatoryBySeverity: SeverityCounts;
  /** Advisory violations by severity. */
  advisoryBySeverity: SeverityCounts;
}

export interface Totals {
  stacks: number;
  resources: number;
  /** Resources with `protect` or `retainOnDelete`. */
  protectedResources: number;
  violations: ViolationTotals;
}

export interface StackPlan {
  /** Stack name: the unit id, or `<unit>-<kommunekode>` for a municipality's own stack. */
  stack: string;
  unit: string;
  /** Set for a municipality's own stack. */
  municipality?: string;
  resources: PlanResource[];
  violations: PlanViolation[];
  totals: Totals;
}

export interface WorkloadCounts {
  vm: number;
  container: number;
}

export interface MunicipalityPlan {
  code: string;
  name: string;
  lifecycle: string;
  addressSpace: string;
  dataClassification: string;
  workloads: WorkloadCounts;
  /** Names of the workloads in the file, in file order. */
  workloadNames: string[];
  resources: number;
  /** Resource count by kind (`<module>:<Type>`, e.g. `compute:VirtualMachine`). */
  resourcesByKind: Record<string, number>;
  violations: ViolationTotals;
}

export interface PlatformPlan {
  resources: number;
  resourcesByKind: Record<string, number>;
  violations: ViolationTotals;
}

export interface UnitPlan {
  unit: string;
  name: string;
  layout: string;
  location: string;
  addressSpace: string;
  hubAddressSpace: string;
  clusterAddressSpace?: string;
  stacks: StackPlan[];
  platform: PlatformPlan;
  /** Every municipality of the unit's files, in kommunekode order, planned ones included. */
  municipalities: MunicipalityPlan[];
  totals: Totals;
}

/** A stack whose program failed: its resources and violations are missing from the plan. */
export interface FailedStack {
  stack: string;
  unit: string;
  municipality?: string;
  message: string;
}

export interface PlanDocument {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_FORMAT_VERSION;
  units: UnitPlan[];
  totals: Totals;
  /** Empty when every stack was planned. */
  failedStacks: FailedStack[];
}
