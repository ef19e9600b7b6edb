import { z } from "zod";
import { AZ } from "../../lib/types.js";
import { asString, at, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requireImmutability = defineResourceRule({
  name: "azure-recoveryservices-require-immutability",
  kind: "resource",
  description:
    "Every Recovery Services vault has immutability enabled, so that recovery points cannot be deleted or shortened before they expire, not even by someone holding the vault's admin rights (CFCS: offline or immutable backups).",
  severity: "high",
  category: "security",
  remediation:
    "Set `properties.securitySettings.immutabilitySettings.state` to \"Unlocked\" and, once retention settings are final, to \"Locked\" (irreversible). Set `requireLocked: true` in the pack configuration to demand the locked state.",
  controls: { nis2: [3], iso27001: ["8.13"], alz: ["Enforce-ASR (Enforce-Backup)"] },
  config: z.strictObject({
    requireLocked: z.boolean().default(false).describe("Demand the irreversible Locked state rather than Unlocked or Locked."),
  }),
  resourceTypes: [AZ.recoveryVault],
  validate(resource, ctx) {
    const raw = at(resource.props, "properties", "securitySettings", "immutabilitySettings", "state");
    const state = asString(raw)?.toLowerCase();
    const allowed = ctx.config.requireLocked ? ["locked"] : ["locked", "unlocked"];
    if (!state || !allowed.includes(state)) {
      ctx.report(
        `Recovery Services vault '${resource.name}': properties.securitySettings.immutabilitySettings.state is ${show(raw)} (must be ${ctx.config.requireLocked ? '"Locked"' : '"Unlocked" or "Locked"'}).`,
      );
    }
  },
});
