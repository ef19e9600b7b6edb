/**
 * The shape of a rule. A rule is a pure check plus the metadata an auditor
 * and an engineer need: what it checks, how bad a finding is, how to fix it and
 * which requirement it serves. Rules know nothing about the Pulumi policy
 * server; `adapter.ts` turns them into CrossGuard policies and `evaluate.ts`
 * runs those same policies offline.
 */
import type { z } from "zod";
import type { ControlMapping } from "./controls.js";

export type Severity = "critical" | "high" | "medium" | "low";

/**
 * `security` rules are mandatory by default. `hygiene` rules keep the estate
 * tidy without protecting anything on their own and default to advisory.
 */
export type RuleCategory = "security" | "hygiene";

/** A resource as a resource rule sees it: its inputs, after the provider's Check in a real run. */
export interface ResourceUnderTest {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
}

/**
 * A resource as a stack rule sees it. In a real run `props` are the outputs;
 * offline they are the recorded inputs plus the recorded id.
 */
export interface StackResource {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  parentUrn?: string;
}

export interface ReportTarget {
  /** Resource the finding is about; stack rules must name it when there is one. */
  urn?: string;
  /** Municipality the finding concerns when the resource itself carries no tag. */
  kommunekode?: string;
}

export interface RuleContext<C> {
  /** The rule's parameters, validated and with defaults applied. */
  config: C;
  report(message: string, target?: ReportTarget): void;
  /** Stops the rule for this resource or stack: nothing to decide here. */
  notApplicable(reason: string): never;
}

/** What the pack knows about itself; only the exemption check reads it. */
export interface PackState {
  exemptionProblems: readonly string[];
}

export interface StackRuleContext<C> extends RuleContext<C> {
  pack: PackState;
  /**
   * The rule cannot decide about this resource during preview (a value it
   * needs is unknown) and goes on checking the others. Every such resource is
   * reported as an advisory naming it, once the rule has finished.
   */
  undecided(message: string, target: ReportTarget & { urn: string }): void;
}

interface RuleBase<S extends z.ZodObject> {
  /** `<provider>-<service>-<verb>-<subject>`, given by the rule's file path (rule-names.ts). */
  name: string;
  description: string;
  severity: Severity;
  category: RuleCategory;
  remediation: string;
  controls: ControlMapping;
  /** Parameters settable with `--policy-pack-config`; every field has a default. */
  config: S;
}

export interface ResourceRule<S extends z.ZodObject = z.ZodObject> extends RuleBase<S> {
  kind: "resource";
  /**
   * Exact Pulumi types the rule inspects, or `azure-native:*` for every
   * azure-native resource (the rule then decides applicability itself).
   */
  resourceTypes: readonly string[];
  validate(resource: ResourceUnderTest, ctx: RuleContext<z.output<S>>): void;
}

export interface StackRule<S extends z.ZodObject = z.ZodObject> extends RuleBase<S> {
  kind: "stack";
  validate(resources: readonly StackResource[], ctx: StackRuleContext<z.output<S>>): void;
}

// Rules are stored heterogeneously; each one's own config type is checked where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = ResourceRule<any> | StackRule<any>;

export const ALL_AZURE_NATIVE = "azure-native:*";

export function defineResourceRule<S extends z.ZodObject>(rule: ResourceRule<S>): ResourceRule<S> {
  return rule;
}

export function defineStackRule<S extends z.ZodObject>(rule: StackRule<S>): StackRule<S> {
  return rule;
}

export function appliesToType(rule: ResourceRule, type: string): boolean {
  return rule.resourceTypes.some((t) => t === type || (t === ALL_AZURE_NATIVE && type.startsWith("azure-native:")));
}

export function defaultEnforcement(rule: AnyRule): "mandatory" | "advisory" {
  return rule.category === "security" ? "mandatory" : "advisory";
}
