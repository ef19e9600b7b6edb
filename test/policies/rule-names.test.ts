/**
 * Rule identity: every rule's name follows from its file under
 * policies/rules/, every rule file is in the registry, and the old names of
 * renamed rules keep working where configuration and exemptions name rules.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { normalizePackConfig, PolicyConfigError } from "../../policies/config.js";
import { evaluatePack } from "../../policies/evaluate.js";
import { parseExemptions, resolveExemptions, EXEMPTION_CHECK_NAME } from "../../policies/exemptions.js";
import { RULES, ruleNamed } from "../../policies/registry.js";
import type { AnyRule } from "../../policies/rule.js";
import { currentRuleName, RENAMED_RULES, renamedRuleMessage, ruleNameForPath } from "../../policies/rule-names.js";
import { disallowPublicNetworkAccess } from "../../policies/rules/resources/disallow-public-network-access.js";
import { restrictLocations } from "../../policies/rules/resources/restrict-locations.js";
import { buildWorld, changed } from "./support/world.js";

const repo = path.resolve(__dirname, "..", "..");
const rulesDir = path.join(repo, "policies", "rules");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** Every .ts file under policies/rules/, relative to it, with `/` separators. */
function ruleFiles(): string[] {
  return walk(rulesDir)
    .map((f) => path.relative(rulesDir, f).split(path.sep).join("/"))
    .sort();
}

function isRule(value: unknown): value is AnyRule {
  const v = value as Partial<AnyRule> | null;
  return typeof v === "object" && v !== null && (v.kind === "resource" || v.kind === "stack") && typeof v.name === "string" && typeof v.validate === "function";
}

/** File (relative to policies/rules/) → the rules it exports, read from the file itself. */
const exported = new Map<string, AnyRule[]>();

beforeAll(async () => {
  for (const file of ruleFiles()) {
    const mod = (await import(path.join(rulesDir, file))) as Record<string, unknown>;
    exported.set(file, [...new Set(Object.values(mod).filter(isRule))]);
  }
});

const ruleFilesOf = (rule: AnyRule) => [...exported].filter(([, rules]) => rules.includes(rule)).map(([file]) => file);

describe("rule names follow their file paths", () => {
  it("finds the rule files", () => {
    expect(ruleFiles()).toContain("network/disallow-public-ip-on-nic.ts");
    expect([...exported.values()].flat()).toHaveLength(RULES.length);
  });

  it("every rule is named after its file: azure-<service>-<rule> for rules/<service>/, <provider>-<service>-<rule> for rules/<provider>/<service>/", () => {
    const wrong = [...exported].flatMap(([file, rules]) =>
      rules
        .filter((r) => r.name !== ruleNameForPath(file))
        .map((r) => `rule '${r.name}' in policies/rules/${file} must be named '${ruleNameForPath(file)}' (or its file moved to match its name)`),
    );
    expect(wrong).toEqual([]);
  });

  it("each file holds at most one rule", () => {
    const crowded = [...exported].filter(([, rules]) => rules.length > 1).map(([file, rules]) => `policies/rules/${file}: ${rules.map((r) => r.name).join(", ")}`);
    expect(crowded).toEqual([]);
  });

  it("every registered rule is defined in exactly one file under policies/rules/", () => {
    const misplaced = RULES.filter((r) => ruleFilesOf(r).length !== 1).map((r) => `rule '${r.name}' is exported by ${JSON.stringify(ruleFilesOf(r))}`);
    expect(misplaced).toEqual([]);
  });

  it("every rule file is in the registry", () => {
    const unregistered = [...exported].flatMap(([file, rules]) =>
      rules.filter((r) => !RULES.includes(r)).map((r) => `rule '${r.name}' in policies/rules/${file} is not in policies/registry.ts`),
    );
    expect(unregistered).toEqual([]);
  });

  it("files that are no rule are helpers of the rules beside them", () => {
    const helpers = [...exported].filter(([, rules]) => rules.length === 0).map(([file]) => file);
    expect(helpers).toEqual(["keyvault/vault-rule.ts", "kubernetes/pod/pod-rule.ts", "network/subnet-rule.ts"]);
  });
});

describe("ruleNameForPath", () => {
  it.each([
    ["network/disallow-public-ip-on-nic.ts", "azure-network-disallow-public-ip-on-nic"],
    ["resources/require-tags.ts", "azure-resources-require-tags"],
    ["kubernetes/pod/disallow-privileged.ts", "kubernetes-pod-disallow-privileged"],
    ["kubernetes/namespace/require-default-deny-network-policy.ts", "kubernetes-namespace-require-default-deny-network-policy"],
    ["policy/exemptions/disallow-invalid-entry.ts", "policy-exemptions-disallow-invalid-entry"],
  ])("%s → %s", (file, name) => {
    expect(ruleNameForPath(file)).toBe(name);
  });

  it.each([["require-tags.ts"], ["a/b/c/d.ts"], ["Network/x.ts"], ["network/x.js"]])("rejects %s", (file) => {
    expect(() => ruleNameForPath(file)).toThrow(/is not a rule path/);
  });
});

describe("renamed rules", () => {
  const OLD = "azure-paas-disallow-public-network-access";

  it("map old names that are no rule any more to current rules", () => {
    const names = new Set(RULES.map((r) => r.name));
    for (const [old, current] of Object.entries(RENAMED_RULES)) {
      expect(names.has(old), `${old} is still a rule's name`).toBe(false);
      expect(names.has(current), `${old} is renamed to ${current}, which is no rule`).toBe(true);
    }
    expect(currentRuleName(OLD)).toBe(disallowPublicNetworkAccess.name);
    expect(currentRuleName(restrictLocations.name)).toBe(restrictLocations.name);
    expect(currentRuleName("constructor")).toBe("constructor");
  });

  it("are accepted in the pack configuration under the current name, with a deprecation warning", () => {
    const warnings: string[] = [];
    const config = normalizePackConfig({ [OLD]: "advisory" }, RULES, "policy-config.json", (m) => warnings.push(m));
    expect(config.get(disallowPublicNetworkAccess.name)?.enforcementLevel).toBe("advisory");
    expect(config.has(OLD)).toBe(false);
    expect(warnings).toEqual([renamedRuleMessage(OLD, "policy-config.json")]);
    expect(warnings[0]).toMatch(new RegExp(`policy-config\\.json: rule '${OLD}' has been renamed to '${disallowPublicNetworkAccess.name}'.*deprecated`));
  });

  it("take effect in an evaluation", () => {
    const world = changed(buildWorld(), "kv-101", (i) => (i.properties.publicNetworkAccess = "Enabled"));
    const warnings: string[] = [];
    const found = evaluatePack(world, { config: { [OLD]: "disabled" }, rules: [disallowPublicNetworkAccess], warn: (m) => warnings.push(m) });
    expect(found).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it("cannot be configured under both names", () => {
    expect(() => normalizePackConfig({ [OLD]: "advisory", [disallowPublicNetworkAccess.name]: "mandatory" }, RULES, "cfg", () => undefined)).toThrow(PolicyConfigError);
    expect(() => normalizePackConfig({ [OLD]: "advisory", [disallowPublicNetworkAccess.name]: "mandatory" }, RULES, "cfg", () => undefined)).toThrow(
      new RegExp(`'${OLD}' is the old name of '${disallowPublicNetworkAccess.name}', which is configured too`),
    );
  });

  it("are accepted in exemptions for the current rule, with a deprecation warning and no finding", () => {
    const set = parseExemptions(
      `exemptions:\n  - rule: ${OLD}\n    kommunekode: "101"\n    reason: Vendor appliance reachable for the migration window only\n    approver: Unit CISO\n    expires: 2099-12-31\n`,
      "policies/exemptions.yaml",
    );
    const resolved = resolveExemptions(set, new Set(RULES.map((r) => r.name)), EXEMPTION_CHECK_NAME, new Date("2026-12-03T00:00:00Z"));
    expect(resolved.problems).toEqual([]);
    expect(resolved.active.map((e) => e.rule)).toEqual([disallowPublicNetworkAccess.name]);
    expect(resolved.deprecations).toEqual([renamedRuleMessage(OLD, "policies/exemptions.yaml:2 (exemptions[0])")]);

    const world = changed(buildWorld(), "kv-101", (i) => (i.properties.publicNetworkAccess = "Enabled"));
    const warnings: string[] = [];
    const found = evaluatePack(world, { exemptions: set, now: new Date("2026-12-03T00:00:00Z"), warn: (m) => warnings.push(m) });
    expect(found).toEqual([]);
    expect(warnings).toEqual(resolved.deprecations);
  });

  it("default to a Node DeprecationWarning", () => {
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      normalizePackConfig({ [OLD]: "advisory" }, RULES, "default-warning.json");
      expect(emit).toHaveBeenCalledWith(renamedRuleMessage(OLD, "default-warning.json"), { type: "DeprecationWarning", code: "DRIFTSENHED_RULE_RENAMED" });
    } finally {
      emit.mockRestore();
    }
  });

  it("are found by ruleNamed", () => {
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      expect(ruleNamed(OLD)).toBe(disallowPublicNetworkAccess);
    } finally {
      emit.mockRestore();
    }
  });
});
