import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asString, at, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

const ENGINES = ["azure", "calico", "cilium"];

export const requireNetworkPolicy = defineResourceRule({
  name: "azure-containerservice-require-network-policy",
  kind: "resource",
  description:
    "Every AKS cluster runs a network policy engine (`networkProfile.networkPolicy` azure, calico or cilium), without which Kubernetes NetworkPolicies, and so the isolation between municipalities' namespaces, are silently ignored.",
  severity: "high",
  category: "security",
  remediation: "Set `networkProfile.networkPolicy` to \"cilium\" (with the Azure CNI powered by Cilium), \"azure\" or \"calico\".",
  controls: { nis2: [9], iso27001: ["8.22"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  resourceTypes: [AZ.managedCluster],
  validate(resource, ctx) {
    const raw = at(resource.props, "networkProfile", "networkPolicy");
    const engine = asString(raw)?.toLowerCase();
    if (!engine || !ENGINES.includes(engine)) {
      ctx.report(`AKS cluster '${resource.name}': networkProfile.networkPolicy is ${show(raw)} (must be one of ${ENGINES.join(", ")}).`);
    }
  },
});
