/**
 * The one way this project creates a subnet: its NSG and route table are part
 * of the subnet's own create request, and the subnet has no default outbound
 * access.
 *
 * Why in the same request: Azure Policy "subnets should have an NSG" (deny
 * effect, landing-zone baseline) evaluates the subnet PUT; a subnet created
 * first and associated later is refused, and for the seconds in between it
 * would be open. Why no default outbound access: egress goes through the
 * firewall only, never through Azure's implicit outbound address.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { nsgRuleProblems, toSecurityRule, type NsgRuleArgs } from "./nsg-rules.js";

export interface PlatformSubnetArgs {
  /** Logical-name prefix, unique in the stack (e.g. `hub-shared-services`). */
  key: string;
  subnetName: string;
  resourceGroupName: pulumi.Input<string>;
  virtualNetworkName: pulumi.Input<string>;
  location: string;
  addressPrefix: string;
  /**
   * Omitted only for the subnets where Azure forbids an NSG (firewall,
   * gateway). `rules` come from configuration and are checked;
   * `platformRules` are the platform's own (guard, Bastion) and are appended.
   */
  nsg?: { name: string; rules: NsgRuleArgs[]; platformRules: NsgRuleArgs[] };
  routeTableId?: pulumi.Input<string>;
  /** Service the subnet is delegated to, e.g. `Microsoft.ContainerService/managedClusters`. */
  delegation?: string;
  /**
   * "Enabled": NSG and route table apply to private endpoints too, so a
   * municipality cannot reach another's endpoint by address.
   * @default "Enabled"
   */
  privateEndpointNetworkPolicies?: "Enabled" | "Disabled" | "NetworkSecurityGroupEnabled" | "RouteTableEnabled";
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
  /** The previous subnet of the same network: Azure serialises subnet writes per network. */
  after?: pulumi.Resource;
}

export interface PlatformSubnet {
  subnet: network.Subnet;
  nsg?: network.NetworkSecurityGroup;
}

export function createPlatformSubnet(parent: pulumi.Resource, args: PlatformSubnetArgs): PlatformSubnet {
  let nsg: network.NetworkSecurityGroup | undefined;
  if (args.nsg) {
    const problems = nsgRuleProblems(args.nsg.rules);
    if (problems.length > 0) {
      throw new Error(`NSG '${args.nsg.name}' of subnet '${args.subnetName}':\n  - ${problems.join("\n  - ")}`);
    }
    nsg = new network.NetworkSecurityGroup(
      `${args.key}-nsg`,
      {
        networkSecurityGroupName: args.nsg.name,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        securityRules: [...args.nsg.rules, ...args.nsg.platformRules].map(toSecurityRule),
        tags: args.tags,
      },
      { parent },
    );
    // NSG event and rule-counter logs; NSGs publish no metrics.
    attachDiagnostics(parent, { key: `${args.key}-nsg`, resourceId: nsg.id, metrics: false }, args.workspaceId);
  }
  const subnet = new network.Subnet(
    `${args.key}-snet`,
    {
      subnetName: args.subnetName,
      resourceGroupName: args.resourceGroupName,
      virtualNetworkName: args.virtualNetworkName,
      addressPrefix: args.addressPrefix,
      defaultOutboundAccess: false,
      ...(nsg ? { networkSecurityGroup: { id: nsg.id } } : {}),
      ...(args.routeTableId !== undefined ? { routeTable: { id: args.routeTableId } } : {}),
      ...(args.delegation !== undefined
        ? { delegations: [{ name: delegationName(args.delegation), serviceName: args.delegation }] }
        : {}),
      privateEndpointNetworkPolicies: args.privateEndpointNetworkPolicies ?? "Enabled",
    },
    { parent, ...(args.after ? { dependsOn: [args.after] } : {}) },
  );
  return { subnet, ...(nsg ? { nsg } : {}) };
}

/** Azure's own naming for a delegation: the service name with '/' and '.' flattened. */
export function delegationName(serviceName: string): string {
  return serviceName.replace(/[/.]/g, "-").toLowerCase();
}
