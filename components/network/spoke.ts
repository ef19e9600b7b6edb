/**
 * A spoke network: a municipality's (or the platform cluster's) own VNet,
 * peered only with the hub.
 *
 * Why a spoke has no path to another spoke, in three independent layers:
 * 1. Peering is not transitive: spoke A is peered with the hub only, so Azure
 *    has no route from A to B at all.
 * 2. Every subnet's route table sends 0.0.0.0/0 to the hub firewall, and the
 *    firewall denies every flow no rule allows (components/network/firewall.ts);
 *    there is no platform rule between spokes.
 * 3. Every subnet's NSG ends with the guard rules (nsg-rules.ts): inbound only
 *    from the spoke's own range, Azure's load balancer, and named rules.
 *
 * GDPR art. 32 / NIS2 § 6: each municipality, as its own data controller,
 * is isolated from the others at the network layer.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { azureName } from "../vocabulary/naming.js";
import { parseCidr } from "../vocabulary/cidr.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { subnetPrefixProblems } from "./prefixes.js";
import { guardRules, nsgRuleProblems, type NsgRuleArgs } from "./nsg-rules.js";
import { createPlatformSubnet } from "./subnet.js";
import { resourceGroupFor } from "../resources/resource-group.js";
import { problemsFromMessages, rejectArgs } from "../errors.js";

export const SPOKE_TYPE = "driftsenhed:network:Spoke";

/** What a spoke needs from the hub; `Hub.connection` provides it, or a StackReference does. */
export interface HubConnection {
  resourceGroupName: pulumi.Input<string>;
  vnetName: pulumi.Input<string>;
  vnetId: pulumi.Input<string>;
  /** The hub's range; spokes must not overlap it. */
  addressSpace?: string;
  /** Next hop of every default route, and the spokes' DNS server (the firewall's DNS proxy). */
  firewallPrivateIp: pulumi.Input<string>;
  /** Present when the hub has a VPN or ExpressRoute gateway. */
  gateway?: {
    /** GatewaySubnet's route table: the spoke adds "my range via the firewall" to it. */
    routeTableName: pulumi.Input<string>;
    /** The gateways: a peering that uses remote gateways can only be made once they exist. */
    dependsOn?: pulumi.Resource[];
  };
  ddosProtectionPlanId?: pulumi.Input<string>;
}

export interface SpokeSubnetArgs {
  /** Inside the spoke's address space; never changes once workloads use it. */
  addressPrefix: string;
  /** Rules above the guard rules (priorities 100-3999). */
  nsgRules?: NsgRuleArgs[];
  /** Delegate the subnet to one service, e.g. `Microsoft.ContainerService/managedClusters`. */
  delegation?: string;
  /**
   * NSG and routes apply to private endpoints in this subnet.
   * @default "Enabled"
   */
  privateEndpointNetworkPolicies?: "Enabled" | "Disabled" | "NetworkSecurityGroupEnabled" | "RouteTableEnabled";
}

export interface SpokeArgs {
  unitId: string;
  /**
   * Stable key in Azure names (`vnet-<unit>-<key>`): `k101` for a
   * municipality, `cluster` for the platform cluster. Never an index.
   */
  key: string;
  location: string;
  /** @default a new `rg-<unit>-<key>-network` */
  resourceGroupName?: pulumi.Input<string>;
  addressSpace: string;
  /** Keyed by subnet name (a stable key, not a position). At least one. */
  subnets: Record<string, SpokeSubnetArgs>;
  hub: HubConnection;
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class Spoke extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly vnetId: pulumi.Output<string>;
  public readonly vnetName: pulumi.Output<string>;
  public readonly addressSpace: string;
  public readonly subnetIds: Record<string, pulumi.Output<string>>;
  public readonly routeTableId: pulumi.Output<string>;

  constructor(name: string, args: SpokeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SPOKE_TYPE, name, {}, opts);
    rejectArgs(this, SPOKE_TYPE, name, problemsFromMessages(spokeArgsProblems(args)));
    const { unitId, location, tags, workspaceId, hub } = args;

    const resourceGroupName = resourceGroupFor(this, name, args.resourceGroupName, {
      resourceGroupName: azureName("resourceGroup", unitId, args.key, "network"),
      location,
      tags,
    });
    const common = { resourceGroupName, location };

    const vnetName = azureName("virtualNetwork", unitId, args.key);
    const vnet = new network.VirtualNetwork(
      `${name}-vnet`,
      {
        ...common,
        virtualNetworkName: vnetName,
        addressSpace: { addressPrefixes: [args.addressSpace] },
        // The firewall's DNS proxy: FQDN rules see the clients' own answers,
        // and private endpoints resolve through the hub's private zones.
        dhcpOptions: { dnsServers: [hub.firewallPrivateIp] },
        ...(hub.ddosProtectionPlanId !== undefined
          ? { enableDdosProtection: true, ddosProtectionPlan: { id: hub.ddosProtectionPlanId } }
          : {}),
        tags,
      },
      { parent: this },
    );
    attachDiagnostics(this, { key: `${name}-vnet`, resourceId: vnet.id }, workspaceId);

    const routeTable = new network.RouteTable(
      `${name}-rt`,
      {
        ...common,
        routeTableName: azureName("routeTable", unitId, args.key),
        // Site routes learned by the hub's gateway must not bypass the firewall.
        disableBgpRoutePropagation: true,
        routes: [{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: hub.firewallPrivateIp }],
        tags,
      },
      { parent: this },
    );

    const subnetIds: Record<string, pulumi.Output<string>> = {};
    let previous: pulumi.Resource | undefined;
    // Sorted so that the chain of writes does not depend on how the record was written.
    for (const subnetKey of Object.keys(args.subnets).sort()) {
      const s = args.subnets[subnetKey]!;
      const { subnet } = createPlatformSubnet(this, {
        key: `${name}-${subnetKey}`,
        subnetName: azureName("subnet", subnetKey),
        resourceGroupName,
        virtualNetworkName: vnet.name,
        location,
        addressPrefix: s.addressPrefix,
        nsg: {
          name: azureName("networkSecurityGroup", unitId, args.key, subnetKey),
          rules: s.nsgRules ?? [],
          platformRules: guardRules(args.addressSpace),
        },
        routeTableId: routeTable.id,
        ...(s.delegation !== undefined ? { delegation: s.delegation } : {}),
        ...(s.privateEndpointNetworkPolicies !== undefined ? { privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies } : {}),
        workspaceId,
        tags,
        ...(previous ? { after: previous } : {}),
      });
      previous = subnet;
      subnetIds[subnetKey] = subnet.id;
    }

    const useHubGateway = hub.gateway !== undefined;
    new network.VirtualNetworkPeering(
      `${name}-to-hub`,
      {
        resourceGroupName,
        virtualNetworkName: vnet.name,
        virtualNetworkPeeringName: "peer-to-hub",
        remoteVirtualNetwork: { id: hub.vnetId },
        allowVirtualNetworkAccess: true,
        // Traffic the firewall forwards (from sites, from the internet via DNAT) has foreign sources.
        allowForwardedTraffic: true,
        allowGatewayTransit: false,
        useRemoteGateways: useHubGateway,
      },
      // After the last subnet: Azure refuses a peering while the network is being written.
      { parent: this, dependsOn: [...(hub.gateway?.dependsOn ?? []), ...(previous ? [previous] : [])] },
    );
    new network.VirtualNetworkPeering(
      `${name}-from-hub`,
      {
        resourceGroupName: hub.resourceGroupName,
        virtualNetworkName: hub.vnetName,
        virtualNetworkPeeringName: `peer-${vnetName}`,
        remoteVirtualNetwork: { id: vnet.id },
        allowVirtualNetworkAccess: true,
        // Nothing in a spoke forwards traffic on another network's behalf.
        allowForwardedTraffic: false,
        allowGatewayTransit: useHubGateway,
        useRemoteGateways: false,
      },
      { parent: this, dependsOn: hub.gateway?.dependsOn ?? [] },
    );

    if (hub.gateway) {
      // Return path from sites: without it, site-to-spoke traffic would take
      // the peering route and skip the firewall.
      new network.Route(
        `${name}-gateway-route`,
        {
          resourceGroupName: hub.resourceGroupName,
          routeTableName: hub.gateway.routeTableName,
          routeName: `to-${vnetName}`,
          addressPrefix: args.addressSpace,
          nextHopType: "VirtualAppliance",
          nextHopIpAddress: hub.firewallPrivateIp,
        },
        { parent: this },
      );
    }

    this.resourceGroupName = resourceGroupName;
    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.addressSpace = args.addressSpace;
    this.subnetIds = subnetIds;
    this.routeTableId = routeTable.id;
    this.registerOutputs({ vnetId: this.vnetId, subnetIds: this.subnetIds });
  }
}

const KEY = /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/;

/** Every problem with a spoke's arguments at once, each naming the field. */
export function spokeArgsProblems(args: SpokeArgs): string[] {
  const problems: string[] = [];
  if (!KEY.test(args.key)) problems.push(`key '${args.key}': use 2-24 lower-case letters, digits and hyphens (it is part of Azure names)`);
  const range = parseCidr(args.addressSpace);
  if (!range || range.canonical !== args.addressSpace) {
    problems.push(`addressSpace '${args.addressSpace}' is not a canonical IPv4 CIDR (e.g. 10.64.16.0/24)`);
    return problems;
  }
  if (args.hub.addressSpace !== undefined) {
    const hubRange = parseCidr(args.hub.addressSpace);
    if (hubRange && (range.address.isInSubnet(hubRange.address) || hubRange.address.isInSubnet(range.address))) {
      problems.push(`addressSpace ${args.addressSpace} overlaps the hub's ${args.hub.addressSpace}`);
    }
  }
  const keys = Object.keys(args.subnets);
  if (keys.length === 0) problems.push("subnets is empty: a spoke needs at least one subnet");
  for (const k of keys) {
    if (!KEY.test(k)) problems.push(`subnets.${k}: the key must be 2-24 lower-case letters, digits and hyphens`);
  }
  const prefixes = Object.fromEntries(keys.map((k) => [k, args.subnets[k]!.addressPrefix]));
  for (const p of subnetPrefixProblems(args.addressSpace, prefixes)) problems.push(`subnets.${p.key}.addressPrefix: ${p.message}`);
  for (const k of keys) {
    for (const p of nsgRuleProblems(args.subnets[k]!.nsgRules ?? [])) problems.push(`subnets.${k}.nsgRules: ${p}`);
    const d = args.subnets[k]!.delegation;
    if (d !== undefined && !/^Microsoft\.[A-Za-z]+\/[A-Za-z]+$/.test(d)) {
      problems.push(`subnets.${k}.delegation '${d}' is not a service name such as Microsoft.ContainerService/managedClusters`);
    }
  }
  return problems;
}
