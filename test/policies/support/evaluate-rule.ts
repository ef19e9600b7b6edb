import { evaluatePack, type EvaluateOptions, type EvaluatedResource, type Violation } from "../../../policies/evaluate.js";
import { emptyExemptions } from "../../../policies/exemptions.js";
import type { AnyRule } from "../../../policies/rule.js";

/** Findings of one rule, run alone through the pack's evaluator without exemptions. */
export function findingsOf(rule: AnyRule, resources: readonly EvaluatedResource[], options: Omit<EvaluateOptions, "rules"> = {}): Violation[] {
  return evaluatePack(resources, { exemptions: emptyExemptions(), ...options, rules: [rule] });
}
