import { noParams } from "../../lib/params.js";
import { asRecord, asString } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";
import { checkSubnets, SUBNET_TYPES } from "./subnet-rule.js";

export const requireSubnetRouteTable = defineResourceRule({
  name: "azure-network-require-subnet-route-table",
  kind: "resource",
  description:
    "Every subnet has a route table, which sends its egress through the hub firewall. The fixed Azure subnets are exempt.",
  severity: "high",
  category: "security",
  remediation: "Set `routeTable: { id: routeTable.id }` on the subnet, with a default route to the hub firewall's private IP.",
  controls: { nis2: [9], iso27001: ["8.20", "8.22"], alz: ["Deny-Subnet-Without-Udr (definition)"] },
  config: noParams(),
  resourceTypes: [...SUBNET_TYPES],
  validate(resource, ctx) {
    checkSubnets(resource, ctx, (subnet) =>
      asString(asRecord(subnet.props.routeTable)?.id) === undefined
        ? "has no route table (routeTable.id is not set), so its egress bypasses the hub firewall."
        : undefined,
    );
  },
});
