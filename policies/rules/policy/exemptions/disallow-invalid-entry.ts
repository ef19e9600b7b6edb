import { EXEMPTION_CHECK_NAME } from "../../../exemptions.js";
import { noParams } from "../../../lib/params.js";
import { defineStackRule } from "../../../rule.js";

export const disallowInvalidExemption = defineStackRule({
  name: EXEMPTION_CHECK_NAME,
  kind: "stack",
  description:
    "Every entry in policies/exemptions.yaml is valid, names a rule of this pack and has not expired. An entry that fails any of these exempts nothing and is reported here with its file and line.",
  severity: "high",
  category: "security",
  remediation:
    "Fix the entry at the reported line: renew an expired exemption only after a new review (new approver and expiry), rename a rule reference after a rule was renamed, or delete the entry.",
  controls: { nis2: [6], iso27001: ["8.32"], alz: [], alzNote: "ALZ users report the lack of exemptions as code (controls.md)." },
  config: noParams(),
  validate(_resources, ctx) {
    for (const problem of ctx.pack.exemptionProblems) ctx.report(problem);
  },
});
