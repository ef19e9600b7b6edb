import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const disallowLocalAccounts = defineResourceRule({
  name: "azure-containerservice-disallow-local-accounts",
  kind: "resource",
  description:
    "Every AKS cluster has local accounts disabled (`disableLocalAccounts: true`): no static admin kubeconfig exists, every user signs in with Entra ID and MFA.",
  severity: "high",
  category: "security",
  remediation: "Set `disableLocalAccounts: true` and grant access through Entra groups and Azure RBAC.",
  controls: { nis2: [9, 10], iso27001: ["5.16", "5.17"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  resourceTypes: [AZ.managedCluster],
  validate(resource, ctx) {
    if (resource.props.disableLocalAccounts !== true) {
      ctx.report(`AKS cluster '${resource.name}': disableLocalAccounts is ${show(resource.props.disableLocalAccounts)} (must be true).`);
    }
  },
});
