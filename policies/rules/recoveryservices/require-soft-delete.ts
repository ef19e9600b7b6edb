import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asString, at, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requireRecoveryVaultSoftDelete = defineResourceRule({
  name: "azure-recoveryservices-require-soft-delete",
  kind: "resource",
  description:
    "Every Recovery Services vault keeps deleted backup data in soft delete (Enabled or AlwaysON), so that deleting a protected item does not destroy its recovery points at once.",
  severity: "high",
  category: "security",
  remediation:
    "Set `properties.securitySettings.softDeleteSettings: { softDeleteState: \"AlwaysON\", softDeleteRetentionPeriodInDays: 14 }` (\"Enabled\" is accepted; AlwaysON cannot be switched off).",
  controls: { nis2: [3], iso27001: ["8.13"], alz: ["Enforce-ASR (Enforce-Backup)"] },
  config: noParams(),
  resourceTypes: [AZ.recoveryVault],
  validate(resource, ctx) {
    const raw = at(resource.props, "properties", "securitySettings", "softDeleteSettings", "softDeleteState");
    const state = asString(raw)?.toLowerCase();
    if (state !== "enabled" && state !== "alwayson") {
      ctx.report(
        `Recovery Services vault '${resource.name}': properties.securitySettings.softDeleteSettings.softDeleteState is ${show(raw)} (must be "AlwaysON" or "Enabled").`,
      );
    }
  },
});
