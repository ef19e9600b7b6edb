import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asRecord, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requireEntraRbac = defineResourceRule({
  name: "azure-containerservice-require-entra-rbac",
  kind: "resource",
  description:
    "Every AKS cluster authenticates with Entra ID and authorises with Azure RBAC (`aadProfile.managed` and `aadProfile.enableAzureRBAC` true, Kubernetes RBAC not disabled), so that access to a municipality's namespaces is granted to its Entra groups and reviewed with all other access.",
  severity: "high",
  category: "security",
  remediation:
    "Set `aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [<platform operators>] }` and leave `enableRBAC` true.",
  controls: { nis2: [9, 10], iso27001: ["5.15", "5.16", "5.18"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  resourceTypes: [AZ.managedCluster],
  validate(resource, ctx) {
    const aad = asRecord(resource.props.aadProfile) ?? {};
    const problems: string[] = [];
    if (aad.managed !== true) problems.push(`aadProfile.managed is ${show(aad.managed)} (must be true)`);
    if (aad.enableAzureRBAC !== true) problems.push(`aadProfile.enableAzureRBAC is ${show(aad.enableAzureRBAC)} (must be true)`);
    if (resource.props.enableRBAC === false) problems.push("enableRBAC is false (must be true or unset)");
    if (problems.length > 0) ctx.report(`AKS cluster '${resource.name}' does not use Entra ID with Azure RBAC: ${problems.join("; ")}.`);
  },
});
