import { z } from "zod";
import { idOf, normId } from "../../lib/azure.js";
import { indexOf } from "../../lib/graph.js";
import { AZ } from "../../lib/types.js";
import { asRecord, asString, show } from "../../lib/values.js";
import { defineStackRule } from "../../rule.js";

export const requireDdosProtection = defineStackRule({
  name: "azure-network-require-ddos-protection",
  kind: "stack",
  description:
    "Where the unit has a DDoS protection plan (in the stack or named in the configuration), every virtual network is attached to it with DDoS protection enabled.",
  severity: "medium",
  category: "security",
  remediation: "Set `enableDdosProtection: true` and `ddosProtectionPlan: { id: plan.id }` on the virtual network.",
  controls: { nis2: [3], iso27001: ["8.20"], alz: ["Enable-DDoS-VNET"] },
  config: z.strictObject({
    ddosProtectionPlanIds: z
      .array(z.string().min(1))
      .default([])
      .describe("ARM ids of the unit's DDoS protection plans when they are not in this stack."),
  }),
  validate(resources, ctx) {
    const index = indexOf(resources);
    const plans = new Set(
      [...index.ofType(AZ.ddosProtectionPlan).map(idOf), ...ctx.config.ddosProtectionPlanIds]
        .filter((id): id is string => id !== undefined)
        .map(normId),
    );
    const planCount = index.ofType(AZ.ddosProtectionPlan).length + ctx.config.ddosProtectionPlanIds.length;
    if (planCount === 0) return ctx.notApplicable("The unit has no DDoS protection plan");
    for (const vnet of index.ofType(AZ.virtualNetwork)) {
      const plan = asString(asRecord(vnet.props.ddosProtectionPlan)?.id);
      if (vnet.props.enableDdosProtection !== true || plan === undefined) {
        ctx.report(
          `Virtual network '${vnet.name}' is not protected by the unit's DDoS plan (enableDdosProtection is ${show(vnet.props.enableDdosProtection)}, ddosProtectionPlan.id is ${show(plan)}).`,
          { urn: vnet.urn },
        );
      } else if (plans.size > 0 && !plans.has(normId(plan))) {
        ctx.report(`Virtual network '${vnet.name}' uses DDoS plan ${plan}, which is not one of the unit's plans.`, { urn: vnet.urn });
      }
    }
  },
});
