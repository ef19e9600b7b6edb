import { noParams } from "../../lib/params.js";
import { show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";
import { checkSubnets, SUBNET_TYPES } from "./subnet-rule.js";

export const disallowDefaultOutboundAccess = defineResourceRule({
  name: "azure-network-disallow-default-outbound-access",
  kind: "resource",
  description:
    "Every subnet sets `defaultOutboundAccess: false` (a private subnet), so that no VM gets Azure's implicit outbound internet address; egress goes through the hub firewall. The fixed Azure subnets are exempt.",
  severity: "high",
  category: "security",
  remediation: "Set `defaultOutboundAccess: false` on the subnet.",
  controls: { nis2: [9], iso27001: ["8.20", "8.21"], alz: ["Enforce-Subnet-Private"] },
  config: noParams(),
  resourceTypes: [...SUBNET_TYPES],
  validate(resource, ctx) {
    checkSubnets(resource, ctx, (subnet) =>
      subnet.props.defaultOutboundAccess === false
        ? undefined
        : `allows default outbound access (defaultOutboundAccess is ${show(subnet.props.defaultOutboundAccess)}, must be false).`,
    );
  },
});
