/**
 * The policy pack configuration a unit's deployment runs with. The pack's
 * defaults are national (every EU region, Microsoft's registry only); a unit
 * narrows the regions and names its own registry in unit.yaml, and its
 * `pulumi preview --policy-pack-config` carries those lists. The plan passes
 * the same, so that a unit's own registry is not a violation offline while
 * it is allowed in the deployment.
 */
import type { PolicyPackConfig, RuleConfigEntry } from "../../../policies/config.js";
import type { UnitConfig } from "../../config/schema/unit.js";

export const RESTRICT_LOCATIONS = "azure-resources-restrict-locations";
export const RESTRICT_IMAGE_REGISTRIES = "kubernetes-pod-restrict-image-registries";

export function unitPolicyConfig(unit: UnitConfig): PolicyPackConfig {
  const config: PolicyPackConfig = { [RESTRICT_LOCATIONS]: { allowedLocations: [...unit.allowedLocations] } };
  if (unit.cluster.mode === "enabled") config[RESTRICT_IMAGE_REGISTRIES] = { allowedRegistries: [...unit.cluster.allowedRegistries] };
  return config;
}

function asObject(entry: RuleConfigEntry): Record<string, unknown> {
  return typeof entry === "string" ? { enforcementLevel: entry } : entry;
}

/** `override` wins per rule and, within a rule, per parameter; an enforcement level alone keeps the base's parameters. */
export function mergePolicyConfig(base: PolicyPackConfig, override: PolicyPackConfig | undefined): PolicyPackConfig {
  if (!override) return base;
  const out: PolicyPackConfig = { ...base };
  for (const [rule, entry] of Object.entries(override)) {
    const before = out[rule];
    out[rule] = before === undefined || rule === "all" ? entry : ({ ...asObject(before), ...asObject(entry) } as RuleConfigEntry);
  }
  return out;
}
