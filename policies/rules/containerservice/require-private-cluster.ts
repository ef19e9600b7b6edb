import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { at, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requirePrivateCluster = defineResourceRule({
  name: "azure-containerservice-require-private-cluster",
  kind: "resource",
  description: "Every AKS cluster's API server is private (`apiServerAccessProfile.enablePrivateCluster: true`), reachable only from the unit's networks.",
  severity: "critical",
  category: "security",
  remediation:
    "Set `apiServerAccessProfile: { enablePrivateCluster: true, privateDNSZone: <hub zone id> }`; operators reach the API server through the VPN or Bastion.",
  controls: { nis2: [9], iso27001: ["8.20", "8.21"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  resourceTypes: [AZ.managedCluster],
  validate(resource, ctx) {
    const value = at(resource.props, "apiServerAccessProfile", "enablePrivateCluster");
    if (value !== true) {
      ctx.report(`AKS cluster '${resource.name}': apiServerAccessProfile.enablePrivateCluster is ${show(value)} (must be true).`);
    }
  },
});
