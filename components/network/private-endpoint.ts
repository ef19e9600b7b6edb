/**
 * A private endpoint registered in the hub's private DNS zones: how every
 * PaaS resource of the platform and its tenants is reached (public network
 * access stays disabled). One helper, so every endpoint gets the same NIC
 * naming and DNS registration, and the same logical names (`<name>-pep`,
 * `<name>-pep-dns`).
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";

export interface PrivateEndpointArgs {
  /** Azure name of the endpoint; its NIC is `<endpointName>-nic`. */
  endpointName: string;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  subnetId: pulumi.Input<string>;
  /** The resource the endpoint connects to. */
  targetId: pulumi.Input<string>;
  /** Sub-resources of the target, e.g. `vault`, `azuremonitor`, `blob`. */
  groupIds: string[];
  /** Private DNS zones the endpoint registers its addresses in. */
  dnsZones: { name: string; privateDnsZoneId: pulumi.Input<string> }[];
  tags: Record<string, string>;
}

export function privateEndpoint(parent: pulumi.ComponentResource, name: string, args: PrivateEndpointArgs): network.PrivateEndpoint {
  const endpoint = new network.PrivateEndpoint(
    `${name}-pep`,
    {
      privateEndpointName: args.endpointName,
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      subnet: { id: args.subnetId },
      customNetworkInterfaceName: `${args.endpointName}-nic`,
      privateLinkServiceConnections: [{ name: args.endpointName, privateLinkServiceId: args.targetId, groupIds: args.groupIds }],
      tags: args.tags,
    },
    { parent },
  );
  new network.PrivateDnsZoneGroup(
    `${name}-pep-dns`,
    {
      privateDnsZoneGroupName: "default",
      privateEndpointName: endpoint.name,
      resourceGroupName: args.resourceGroupName,
      privateDnsZoneConfigs: args.dnsZones,
    },
    { parent },
  );
  return endpoint;
}
