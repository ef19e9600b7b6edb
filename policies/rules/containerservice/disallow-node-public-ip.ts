import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, asString } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const disallowNodePublicIp = defineResourceRule({
  name: "azure-containerservice-disallow-node-public-ip",
  kind: "resource",
  description: "No AKS node pool (in the cluster's agentPoolProfiles or an AgentPool resource) gives its nodes public IP addresses.",
  severity: "high",
  category: "security",
  remediation: "Set `enableNodePublicIP: false` (or leave it unset); nodes egress through the hub firewall.",
  controls: { nis2: [9], iso27001: ["8.20"], alz: [], alzNote: "Mirrors Deny-Public-IP-On-NIC for the NICs AKS creates itself." },
  config: noParams(),
  resourceTypes: [AZ.managedCluster, AZ.agentPool],
  validate(resource, ctx) {
    if (resource.type === AZ.agentPool) {
      if (resource.props.enableNodePublicIP === true) ctx.report(`AKS node pool '${resource.name}': enableNodePublicIP is true.`);
      return;
    }
    asArray(resource.props.agentPoolProfiles).forEach((raw, i) => {
      const pool = asRecord(raw) ?? {};
      if (pool.enableNodePublicIP === true) {
        ctx.report(
          `AKS cluster '${resource.name}': agentPoolProfiles[${i}] ('${asString(pool.name) ?? "?"}') has enableNodePublicIP true.`,
        );
      }
    });
  },
});
