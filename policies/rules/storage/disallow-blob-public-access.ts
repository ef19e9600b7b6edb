import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const disallowBlobPublicAccess = defineResourceRule({
  name: "azure-storage-disallow-blob-public-access",
  kind: "resource",
  description: "No storage account allows anonymous public read access to blobs (`allowBlobPublicAccess: false`).",
  severity: "critical",
  category: "security",
  remediation: "Set `allowBlobPublicAccess: false`; share data through private endpoints and Entra-authorised access.",
  controls: { nis2: [9], iso27001: ["5.15", "8.20"], alz: ["Enforce-GR-Storage0"] },
  config: noParams(),
  resourceTypes: [AZ.storageAccount],
  validate(resource, ctx) {
    if (resource.props.allowBlobPublicAccess !== false) {
      ctx.report(`Storage account '${resource.name}': allowBlobPublicAccess is ${show(resource.props.allowBlobPublicAccess)} (must be false).`);
    }
  },
});
