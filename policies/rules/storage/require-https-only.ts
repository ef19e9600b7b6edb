import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requireHttpsOnly = defineResourceRule({
  name: "azure-storage-require-https-only",
  kind: "resource",
  description: "Every storage account accepts HTTPS only (`enableHttpsTrafficOnly: true`), so that data never travels in clear text.",
  severity: "high",
  category: "security",
  remediation: "Set `enableHttpsTrafficOnly: true`.",
  controls: { nis2: [8], iso27001: ["8.24"], alz: ["Deny-Storage-http"] },
  config: noParams(),
  resourceTypes: [AZ.storageAccount],
  validate(resource, ctx) {
    if (resource.props.enableHttpsTrafficOnly !== true) {
      ctx.report(`Storage account '${resource.name}': enableHttpsTrafficOnly is ${show(resource.props.enableHttpsTrafficOnly)} (must be true).`);
    }
  },
});
