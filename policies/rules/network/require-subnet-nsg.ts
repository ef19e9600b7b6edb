import { noParams } from "../../lib/params.js";
import { asRecord, asString } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";
import { checkSubnets, SUBNET_TYPES } from "./subnet-rule.js";

/**
 * Subnets on which Azure rejects a network security group. AzureBastionSubnet
 * is deliberately not here: Azure accepts an NSG on it when it carries the
 * rules Bastion needs, and the platform always gives it one, so a Bastion
 * subnet without its NSG is a regression, not an Azure constraint.
 */
export const NSG_FORBIDDEN_SUBNETS: readonly string[] = ["AzureFirewallSubnet", "AzureFirewallManagementSubnet", "GatewaySubnet"];

export const requireSubnetNsg = defineResourceRule({
  name: "azure-network-require-subnet-nsg",
  kind: "resource",
  description:
    "Every subnet (inline in a virtual network or a Subnet resource) names its network security group in the same request that creates it, so that it is never open, not even for the moments before a later association. AzureFirewallSubnet, AzureFirewallManagementSubnet and GatewaySubnet are exempt because Azure forbids an NSG there; AzureBastionSubnet needs one with the rules Bastion requires.",
  severity: "high",
  category: "security",
  remediation: "Set `networkSecurityGroup: { id: nsg.id }` on the subnet itself, not through a separate association.",
  controls: { nis2: [9], iso27001: ["8.20", "8.22"], alz: ["Deny-Subnet-Without-Nsg"] },
  config: noParams(),
  resourceTypes: [...SUBNET_TYPES],
  validate(resource, ctx) {
    checkSubnets(resource, ctx, (subnet) =>
      asString(asRecord(subnet.props.networkSecurityGroup)?.id) === undefined
        ? "has no network security group (networkSecurityGroup.id is not set)."
        : undefined,
      NSG_FORBIDDEN_SUBNETS,
    );
  },
});
