/**
 * The pack's configuration, as `pulumi preview --policy-pack-config FILE`
 * takes it: per rule either an enforcement level or an object with
 * `enforcementLevel` and the rule's parameters; the key `all` sets the level of
 * every rule. Rule parameters are validated by each rule's zod schema, which
 * also supplies the defaults: the CLI fills defaults from the JSON schema, but
 * nothing else does, so the rules never rely on it.
 */
import { z } from "zod";
import { brandInputError } from "../components/vocabulary/errors.js";
import type { AnyRule } from "./rule.js";
import { currentRuleName, isRenamedRule, renamedRuleMessage, warnRenamedRule } from "./rule-names.js";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export type RuleConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

/** What `--policy-pack-config` holds. */
export type PolicyPackConfig = Record<string, RuleConfigEntry>;

/** One rule's configuration after normalisation, as the policy server keeps it. */
export interface NormalizedRuleConfig {
  enforcementLevel?: EnforcementLevel;
  params: Record<string, unknown>;
}

/** A policy pack configuration the pack cannot run with: wrong input, recognised with `isInputError`. */
export class PolicyConfigError extends Error {
  override readonly name = "PolicyConfigError";

  constructor(message: string) {
    super(message);
    brandInputError(this, [{ source: "policy pack configuration", path: "", message }]);
  }
}

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

export function formatIssues(where: string, issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const lines = issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    let value: unknown = input;
    for (const key of issue.path) {
      value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    }
    const field = path ? `${where}.${path}` : where;
    return `  ${field}: ${issue.message} (got ${describe(value)})`;
  });
  return lines.join("\n");
}

/**
 * Parameters of one rule with defaults applied. Throws a `PolicyConfigError`
 * naming the rule, the field and the bad value.
 */
export function parseRuleParams<C>(rule: AnyRule, params: Record<string, unknown>, source = "policy pack config"): C {
  const result = rule.config.safeParse(params);
  if (!result.success) {
    throw new PolicyConfigError(
      `Invalid configuration for rule '${rule.name}' in ${source}:\n${formatIssues(rule.name, result.error.issues, params)}\n` +
        `See policies/RULES.md for the rule's parameters and their defaults.`,
    );
  }
  return result.data as C;
}

/**
 * The configuration with old names of renamed rules (RENAMED_RULES) replaced
 * by the current ones, each replacement reported through `warn`. Naming a rule
 * by both its old and its new name is an error: which entry wins would be a
 * guess.
 */
export function renameConfigKeys(
  config: PolicyPackConfig | undefined,
  source = "policy pack config",
  warn: (message: string) => void = warnRenamedRule,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = Object.entries(config ?? {});
  for (const [key, value] of entries) {
    if (!isRenamedRule(key)) {
      out[key] = value;
      continue;
    }
    const current = currentRuleName(key);
    if (entries.some(([k]) => k === current)) {
      throw new PolicyConfigError(
        `${source}: '${key}' is the old name of '${current}', which is configured too; keep only '${current}'.`,
      );
    }
    warn(renamedRuleMessage(key, source));
    out[current] = value;
  }
  return out;
}

/**
 * Validates a pack configuration against the rules and returns each rule's
 * level and parameters. Unknown rule names are errors: a misspelt name would
 * otherwise silently leave the rule at its default. An old name of a renamed
 * rule is accepted for the rule's current name, with a deprecation warning
 * through `warn`.
 */
export function normalizePackConfig(
  config: PolicyPackConfig | undefined,
  rules: readonly AnyRule[],
  source = "policy pack config",
  warn: (message: string) => void = warnRenamedRule,
): Map<string, NormalizedRuleConfig> {
  const out = new Map<string, NormalizedRuleConfig>();
  const raw = renameConfigKeys(config, source, warn);
  const byName = new Map(rules.map((r) => [r.name, r] as const));
  let allLevel: EnforcementLevel | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (key === "all") {
      const level = isLevel(value) ? value : (value as { enforcementLevel?: unknown } | null)?.enforcementLevel;
      if (!isLevel(level)) {
        throw new PolicyConfigError(
          `${source}: 'all' must be an enforcement level (${ENFORCEMENT_LEVELS.join(", ")}), got ${describe(value)}.`,
        );
      }
      allLevel = level;
      continue;
    }
    if (!byName.has(key)) {
      throw new PolicyConfigError(
        `${source}: '${key}' is not a rule of this pack. Rule names are listed in policies/RULES.md.`,
      );
    }
  }
  for (const rule of rules) {
    const value = raw[rule.name];
    let entry: NormalizedRuleConfig;
    if (value === undefined) {
      entry = { params: {} };
    } else if (isLevel(value)) {
      entry = { enforcementLevel: value, params: {} };
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel, ...params } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
        throw new PolicyConfigError(
          `${source}: ${rule.name}.enforcementLevel must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${describe(enforcementLevel)}.`,
        );
      }
      parseRuleParams(rule, params, source);
      entry = { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, params };
    } else {
      throw new PolicyConfigError(
        `${source}: ${rule.name} must be an enforcement level or an object with enforcementLevel and parameters, got ${describe(value)}.`,
      );
    }
    if (entry.enforcementLevel === undefined && allLevel !== undefined) entry.enforcementLevel = allLevel;
    out.set(rule.name, entry);
  }
  return out;
}

/**
 * JSON schema of a rule's parameters for the policy server, which hands it to
 * the CLI for validation and defaults.
 */
export function configSchemaOf(rule: AnyRule): { properties: Record<string, object>; required?: string[] } | undefined {
  const json = z.toJSONSchema(rule.config, { io: "input" }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  const properties = json.properties ?? {};
  if (Object.keys(properties).length === 0) return undefined;
  return json.required && json.required.length > 0 ? { properties, required: json.required } : { properties };
}
