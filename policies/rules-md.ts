/**
 * RULES.md is generated from the registry so that the document an auditor
 * reads cannot drift from the checks that run. Regenerate with
 * `npx tsx policies/scripts/generate-rules-md.ts`; a test fails when the
 * committed file is stale.
 */
import { configSchemaOf } from "./config.js";
import { formatIso, formatNis2 } from "./controls.js";
import type { RuleArea } from "./registry.js";
import { ALL_AZURE_NATIVE, defaultEnforcement, type AnyRule } from "./rule.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function anchor(name: string): string {
  return name.toLowerCase();
}

function appliesTo(rule: AnyRule): string {
  if (rule.kind === "stack") return "the whole stack (stack rule)";
  return rule.resourceTypes.map((t) => (t === ALL_AZURE_NATIVE ? "every azure-native resource" : `\`${t}\``)).join(", ");
}

function parameters(rule: AnyRule): string[] {
  const schema = configSchemaOf(rule);
  if (!schema) return ["- Parameters: none."];
  const lines = ["- Parameters:"];
  for (const [key, raw] of Object.entries(schema.properties)) {
    const prop = raw as { description?: string; default?: unknown };
    lines.push(`  - \`${key}\` (default \`${JSON.stringify(prop.default)}\`): ${prop.description ?? ""}`.trimEnd());
  }
  return lines;
}

function section(rule: AnyRule): string[] {
  const c = rule.controls;
  return [
    `### ${rule.name}`,
    "",
    `- Severity: ${rule.severity}; enforcement default: ${defaultEnforcement(rule)} (${rule.category} rule)`,
    `- Checks: ${rule.description}`,
    `- Applies to: ${appliesTo(rule)}`,
    `- Remediation: ${rule.remediation}`,
    `- NIS2: ${c.nis2.map(formatNis2).join("; ")}`,
    `- ISO/IEC 27001:2022 Annex A: ${c.iso27001.map(formatIso).join("; ")}`,
    `- Azure landing zones: ${c.alz.length > 0 ? c.alz.join(", ") : "none"}${c.alzNote ? ` (${c.alzNote})` : ""}`,
    ...parameters(rule),
    "",
  ];
}

export function renderRulesMarkdown(areas: readonly RuleArea[]): string {
  const rules = areas.flatMap((a) => a.rules);
  const lines: string[] = [
    "# driftsenhed policy pack: rules",
    "",
    "<!-- Generated from policies/registry.ts by `npx tsx policies/scripts/generate-rules-md.ts`. Do not edit by hand. -->",
    "",
    `${rules.length} rules. Security rules are mandatory by default; hygiene rules are advisory. ` +
      "Enforcement levels and parameters are set per rule with `--policy-pack-config` (see policies/README.md); " +
      "exemptions live in policies/exemptions.yaml.",
    "",
    "| Rule | Kind | Severity | Default | NIS2 § 6, stk. 1 | ISO 27001 Annex A | ALZ |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const rule of rules) {
    const c = rule.controls;
    lines.push(
      `| [${rule.name}](#${anchor(rule.name)}) | ${rule.kind} | ${rule.severity} | ${defaultEnforcement(rule)} | ` +
        `${c.nis2.map((n) => `nr. ${n}`).join(", ")} | ${c.iso27001.join(", ")} | ${cell(c.alz.join(", ") || "-")} |`,
    );
  }
  lines.push("");
  for (const area of areas) {
    lines.push(`## ${area.title}`, "");
    for (const rule of area.rules) lines.push(...section(rule));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
