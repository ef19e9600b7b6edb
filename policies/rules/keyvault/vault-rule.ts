/**
 * Key Vault guardrails read `properties` of a vault; they share this shape.
 */
import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asRecord } from "../../lib/values.js";
import { defineResourceRule, type ResourceRule } from "../../rule.js";
import type { ControlMapping } from "../../controls.js";
import type { Severity } from "../../rule.js";

export interface VaultCheck {
  name: string;
  description: string;
  severity: Severity;
  remediation: string;
  controls: ControlMapping;
  /** Problem with the vault's `properties`, or undefined when compliant. */
  problem(properties: Record<string, unknown>): string | undefined;
}

export function vaultRule(check: VaultCheck): ResourceRule<ReturnType<typeof noParams>> {
  return defineResourceRule({
    name: check.name,
    kind: "resource",
    description: check.description,
    severity: check.severity,
    category: "security",
    remediation: check.remediation,
    controls: check.controls,
    config: noParams(),
    resourceTypes: [AZ.keyVault],
    validate(resource, ctx) {
      const problem = check.problem(asRecord(resource.props.properties) ?? {});
      if (problem) ctx.report(`Key Vault '${resource.name}': ${problem}`);
    },
  });
}
