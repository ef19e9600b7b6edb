/**
 * The library entry of @driftsenhed/policies: the rules and the one
 * evaluation path, without starting a policy server. `index.ts` is the pack
 * the engine runs (`pulumi preview --policy-pack`); importing it starts the
 * server, so programs and tools import this module instead.
 */
export { RULES, RULE_AREAS, ruleNamed, type RuleArea } from "./registry.js";
export { RENAMED_RULES, currentRuleName, ruleNameForPath } from "./rule-names.js";
export { evaluatePack, type EvaluatedResource, type EvaluateOptions, type Violation } from "./evaluate.js";
export { buildPolicies, packArgs, PACK_NAME, type PackRuntime } from "./adapter.js";
export { emptyExemptions, loadExemptions, parseExemptions, type Exemption, type ExemptionSet } from "./exemptions.js";
export { defineResourceRule, defineStackRule, defaultEnforcement, type AnyRule, type ResourceRule, type StackRule, type Severity } from "./rule.js";
export { ISO27001_CONTROLS, NIS2_MEASURES, type IsoControl, type Nis2Measure } from "./controls.js";
