import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asString, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

const ACCEPTED = ["TLS1_2", "TLS1_3"];

export const requireMinimumTls = defineResourceRule({
  name: "azure-storage-require-minimum-tls",
  kind: "resource",
  description: "Every storage account refuses TLS versions below 1.2 (`minimumTlsVersion` TLS1_2 or later).",
  severity: "high",
  category: "security",
  remediation: "Set `minimumTlsVersion: \"TLS1_2\"`.",
  controls: { nis2: [8], iso27001: ["8.24"], alz: ["Enforce-TLS-SSL-Q225"] },
  config: noParams(),
  resourceTypes: [AZ.storageAccount],
  validate(resource, ctx) {
    const version = asString(resource.props.minimumTlsVersion);
    if (!version || !ACCEPTED.includes(version.toUpperCase())) {
      ctx.report(
        `Storage account '${resource.name}': minimumTlsVersion is ${show(resource.props.minimumTlsVersion)} (must be ${ACCEPTED.join(" or ")}).`,
      );
    }
  },
});
