/**
 * Rule metadata, RULES.md freshness and the type tokens the rules filter on.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { configSchemaOf } from "../../policies/config.js";
import { ISO27001_CONTROLS, NIS2_MEASURES } from "../../policies/controls.js";
import { AZ, K8S, TAGGABLE_AZURE_TYPES, UNTAGGABLE_AZURE_TYPES } from "../../policies/lib/types.js";
import { RULE_AREAS, RULES } from "../../policies/registry.js";
import { defaultEnforcement } from "../../policies/rule.js";
import { renderRulesMarkdown } from "../../policies/rules-md.js";
import { GLOBAL_ONLY_TYPES } from "../../policies/rules/resources/restrict-locations.js";
import { requireResourceGroupLocation } from "../../policies/rules/resources/require-resource-group-location.js";

const NAME = /^(azure|kubernetes|policy)-[a-z0-9]+-(require|disallow|restrict)-[a-z0-9]+(-[a-z0-9]+)*$/;
const repo = path.resolve(__dirname, "..", "..");

describe.each(RULES.map((r) => [r.name, r] as const))("%s", (name, rule) => {
  it("is named <provider>-<service>-<verb>-<subject>", () => {
    expect(name).toMatch(NAME);
  });

  it("describes itself, its severity and its remediation", () => {
    expect(rule.description.length).toBeGreaterThan(40);
    expect(["critical", "high", "medium", "low"]).toContain(rule.severity);
    expect(rule.remediation.length).toBeGreaterThan(20);
  });

  it("maps to NIS2 § 6, ISO/IEC 27001 Annex A and the landing zones (or says why not)", () => {
    expect(rule.controls.nis2.length).toBeGreaterThan(0);
    for (const m of rule.controls.nis2) expect(Object.keys(NIS2_MEASURES)).toContain(String(m));
    expect(rule.controls.iso27001.length).toBeGreaterThan(0);
    for (const c of rule.controls.iso27001) expect(Object.keys(ISO27001_CONTROLS)).toContain(c);
    expect(rule.controls.alz.length > 0 || (rule.controls.alzNote ?? "").length > 0).toBe(true);
  });

  it("has a default for every parameter, so it works without the CLI filling defaults", () => {
    expect(() => rule.config.parse({})).not.toThrow();
  });

  it("publishes a config schema the policy server accepts", () => {
    const schema = configSchemaOf(rule);
    expect(schema?.properties ?? {}).not.toHaveProperty("enforcementLevel");
    expect(schema?.required ?? []).toEqual([]);
  });
});

describe("the registry", () => {
  it("has unique rule names", () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("makes every security rule mandatory and only the named hygiene rule advisory", () => {
    const advisory = RULES.filter((r) => defaultEnforcement(r) === "advisory").map((r) => r.name);
    expect(advisory).toEqual([requireResourceGroupLocation.name]);
    for (const r of RULES.filter((x) => x.category === "security")) expect(defaultEnforcement(r)).toBe("mandatory");
  });
});

describe("RULES.md", () => {
  it("is the one generated from the registry (regenerate: npx tsx policies/scripts/generate-rules-md.ts)", () => {
    const committed = readFileSync(path.join(repo, "policies", "RULES.md"), "utf8");
    expect(committed).toBe(renderRulesMarkdown(RULE_AREAS));
  });

  it("lists every rule with its severity and default enforcement", () => {
    const md = renderRulesMarkdown(RULE_AREAS);
    for (const r of RULES) {
      expect(md).toContain(`### ${r.name}`);
      expect(md).toContain(`| [${r.name}](#${r.name}) | ${r.kind} | ${r.severity} | ${defaultEnforcement(r)} |`);
    }
  });
});

/** The SDK module file that declares a type token, e.g. azure-native:network:Subnet → network/subnet. */
function sdkModule(token: string): string {
  const [provider, mod, kind] = token.split(":") as [string, string, string];
  const file = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
  if (provider === "azure-native") return `@pulumi/azure-native/${mod}/${file}.js`;
  const [group, version] = mod.split("/") as [string, string];
  const dir = group === "core" ? "core" : group.split(".")[0]!;
  return `@pulumi/kubernetes/${dir}/${version}/${kind.charAt(0).toLowerCase()}${kind.slice(1)}.js`;
}

describe("type tokens", () => {
  it.each([...new Set([...Object.values(AZ), ...Object.values(K8S), ...GLOBAL_ONLY_TYPES.keys()])].map((t) => [t] as const))("%s is the SDK class's own type", (token) => {
    const mod = require(sdkModule(token)) as Record<string, { __pulumiType?: string }>;
    const kind = token.split(":")[2]!;
    expect(mod[kind]?.__pulumiType).toBe(token);
  });

  it.each(Object.values(AZ).map((t) => [t] as const))("%s is taggable exactly when its args take tags", (token) => {
    const dts = readFileSync(require.resolve(sdkModule(token)).replace(/\.js$/, ".d.ts"), "utf8");
    const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(dts)?.[1] ?? "";
    const hasTags = /\n\s+tags\?:/.test(args);
    expect(TAGGABLE_AZURE_TYPES.has(token)).toBe(hasTags);
    expect(UNTAGGABLE_AZURE_TYPES.has(token)).toBe(!hasTags);
  });
});
