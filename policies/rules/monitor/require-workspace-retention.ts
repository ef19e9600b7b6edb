import { z } from "zod";
import { AZ } from "../../lib/types.js";
import { show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

/** CFCS: central logs are kept at least 13 months. */
export const MINIMUM_RETENTION_DAYS = 395;

export const requireWorkspaceRetention = defineResourceRule({
  name: "azure-monitor-require-workspace-retention",
  kind: "resource",
  description: `Every Log Analytics workspace keeps data at least ${MINIMUM_RETENTION_DAYS} days (13 months, the CFCS logging recommendation), so that an incident can be investigated back to its start.`,
  severity: "high",
  category: "security",
  remediation: `Set \`retentionInDays\` to ${MINIMUM_RETENTION_DAYS} or more (the workspace default is 30).`,
  controls: { nis2: [2], iso27001: ["8.15"], alz: [], alzNote: "ALZ leaves workspace retention to the deployer; CFCS sets the 13-month floor." },
  config: z.strictObject({
    minimumRetentionDays: z
      .number()
      .int()
      .min(MINIMUM_RETENTION_DAYS, `cannot be lowered below the CFCS floor of ${MINIMUM_RETENTION_DAYS} days`)
      .max(4383)
      .default(MINIMUM_RETENTION_DAYS)
      .describe("Shortest retention accepted, in days; can only be raised."),
  }),
  resourceTypes: [AZ.workspace],
  validate(resource, ctx) {
    const days = resource.props.retentionInDays;
    if (typeof days !== "number" || days < ctx.config.minimumRetentionDays) {
      ctx.report(
        `Log Analytics workspace '${resource.name}': retentionInDays is ${show(days)}${days === undefined ? " (Azure's default is 30)" : ""}; at least ${ctx.config.minimumRetentionDays} days are required.`,
      );
    }
  },
});
