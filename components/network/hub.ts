/**
 * The unit's hub network: the only place with public addresses (firewall,
 * gateways, Bastion), the firewall every spoke routes through, the gateways
 * municipalities' sites connect to, and the private DNS zones private
 * endpoints register in.
 *
 * Layout (components/network/prefixes.ts): fixed subnets carved from the
 * hub's reserved range, every slot reserved whether used or not.
 * Routing: the shared-services and private-endpoint subnets send 0.0.0.0/0 to
 * the firewall; GatewaySubnet's route table sends each spoke's range (added by
 * the spoke) and the hub's own workload subnets to the firewall, so traffic
 * from a site is inspected in both directions.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { azureName, platformResourceGroupName } from "../vocabulary/naming.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import type { PrivateDnsZoneKey } from "../platform/refs.js";
import { carveHubPrefixes, firstUsableAddress, HUB_SUBNET_NAMES, type HubSubnetKey } from "./prefixes.js";
import { bastionRules, guardRules, type NsgRuleArgs } from "./nsg-rules.js";
import { createPlatformSubnet } from "./subnet.js";
import { HubFirewall, type Zone } from "./firewall.js";
import { HubVpnGateway } from "./vpn-gateway.js";
import { HubExpressRouteGateway } from "./expressroute-gateway.js";
import { HubBastion } from "./bastion.js";
import { PrivateDnsZones } from "./dns.js";
import type { HubConnection } from "./spoke.js";
import { hubArgsProblems, type HubArgs } from "./hub-args.js";
import { resourceGroupFor } from "../resources/resource-group.js";
import { problemsFromMessages, rejectArgs } from "../errors.js";
import { resolveFirewallSettings } from "./firewall.js";

export const HUB_TYPE = "driftsenhed:network:Hub";

export * from "./hub-args.js";

export class Hub extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly vnetId: pulumi.Output<string>;
  public readonly vnetName: pulumi.Output<string>;
  public readonly addressSpace: string;
  public readonly subnetPrefixes: Record<HubSubnetKey, string>;
  public readonly sharedServicesSubnetId: pulumi.Output<string>;
  public readonly privateEndpointSubnetId: pulumi.Output<string>;
  /** Known from the address plan (first usable address of AzureFirewallSubnet). */
  public readonly firewallPrivateIp: string;
  public readonly firewallId: pulumi.Output<string>;
  public readonly firewallPolicyId: pulumi.Output<string>;
  public readonly firewallPolicyName: pulumi.Output<string>;
  public readonly vpnGatewayId?: pulumi.Output<string>;
  public readonly vpnGatewayName?: pulumi.Output<string>;
  public readonly expressRouteGatewayId?: pulumi.Output<string>;
  public readonly expressRouteGatewayName?: pulumi.Output<string>;
  /** GatewaySubnet's route table; spokes add their route to the firewall here. */
  public readonly gatewayRouteTableName?: pulumi.Output<string>;
  public readonly ddosProtectionPlanId?: pulumi.Output<string>;
  public readonly privateDnsZoneIds: Record<PrivateDnsZoneKey, pulumi.Output<string>>;
  /** What a Spoke needs to join this hub. */
  public readonly connection: HubConnection;
  /** The firewall and its base rules: what must exist before anything routes egress through it. */
  public readonly firewall: HubFirewall;
  /** The gateway components (VPN, ExpressRoute) in creation order; empty without gateways. */
  public readonly gateways: pulumi.Resource[];

  constructor(name: string, args: HubArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HUB_TYPE, name, {}, opts);
    rejectArgs(this, HUB_TYPE, name, problemsFromMessages(hubArgsProblems(args)));
    const { unitId, location, tags, workspaceId } = args;
    const prefixes = carveHubPrefixes(args.addressSpace);
    const zones: Zone[] = resolveFirewallSettings(args.firewall).zones;
    const hasGateway = args.vpnGateway.mode === "enabled" || args.expressRoute.mode === "enabled";

    const resourceGroupName = resourceGroupFor(this, name, args.resourceGroupName, {
      resourceGroupName: platformResourceGroupName(unitId, "hub"),
      location,
      tags,
    });
    const common = { resourceGroupName, location };

    let ddosPlanId: pulumi.Input<string> | undefined;
    if (args.ddosProtection.mode === "enabled") {
      ddosPlanId = new network.DdosProtectionPlan(
        `${name}-ddos`,
        { ...common, ddosProtectionPlanName: azureName("ddosPlan", unitId), tags },
        { parent: this },
      ).id;
    } else if (args.ddosProtection.mode === "existing") {
      ddosPlanId = args.ddosProtection.planId;
    }

    const vnetName = azureName("virtualNetwork", unitId, "hub");
    const vnet = new network.VirtualNetwork(
      `${name}-vnet`,
      {
        ...common,
        virtualNetworkName: vnetName,
        addressSpace: { addressPrefixes: [args.addressSpace] },
        // Subnets are separate resources so each carries its NSG in its own request.
        ...(ddosPlanId !== undefined ? { enableDdosProtection: true, ddosProtectionPlan: { id: ddosPlanId } } : {}),
        tags,
      },
      { parent: this },
    );
    attachDiagnostics(this, { key: `${name}-vnet`, resourceId: vnet.id }, workspaceId);

    const firewallPrivateIp = firstUsableAddress(prefixes.firewall);
    const egressTable = new network.RouteTable(
      `${name}-rt-egress`,
      {
        ...common,
        routeTableName: azureName("routeTable", unitId, "hub"),
        // Site routes learned by BGP must not bypass the firewall.
        disableBgpRoutePropagation: true,
        routes: [{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: firewallPrivateIp }],
        tags,
      },
      { parent: this },
    );

    let gatewayTable: network.RouteTable | undefined;
    if (hasGateway) {
      gatewayTable = new network.RouteTable(
        `${name}-rt-gateway`,
        {
          ...common,
          routeTableName: azureName("routeTable", unitId, "gateway"),
          // The gateway must keep propagating the sites' routes.
          disableBgpRoutePropagation: false,
          tags,
        },
        // No inline routes: spokes add theirs as separate Route resources, and
        // azure-native keeps sub-resources it was not given (as for subnets).
        { parent: this },
      );
      for (const key of ["sharedServices", "privateEndpoints"] as const) {
        new network.Route(
          `${name}-rt-gateway-${key}`,
          {
            resourceGroupName,
            routeTableName: gatewayTable.name,
            routeName: `to-${HUB_SUBNET_NAMES[key]}`,
            addressPrefix: prefixes[key],
            nextHopType: "VirtualAppliance",
            nextHopIpAddress: firewallPrivateIp,
          },
          { parent: this },
        );
      }
    }

    const subnetCommon = { resourceGroupName, virtualNetworkName: vnet.name, location, workspaceId, tags };
    const subnetIds: Partial<Record<HubSubnetKey, pulumi.Output<string>>> = {};
    let previous: pulumi.Resource | undefined;
    const addSubnet = (
      key: HubSubnetKey,
      extra: { nsgRules?: NsgRuleArgs[]; platformRules?: NsgRuleArgs[]; routeTableId?: pulumi.Input<string> },
    ) => {
      const { subnet } = createPlatformSubnet(this, {
        ...subnetCommon,
        key: `${name}-${key}`,
        subnetName: HUB_SUBNET_NAMES[key],
        addressPrefix: prefixes[key],
        ...(extra.platformRules
          ? { nsg: { name: azureName("networkSecurityGroup", unitId, "hub", kebab(key)), rules: extra.nsgRules ?? [], platformRules: extra.platformRules } }
          : {}),
        ...(extra.routeTableId !== undefined ? { routeTableId: extra.routeTableId } : {}),
        ...(previous ? { after: previous } : {}),
      });
      previous = subnet;
      subnetIds[key] = subnet.id;
      return subnet;
    };
    // Azure forbids an NSG on the firewall and gateway subnets; they have none.
    addSubnet("firewall", {});
    if (args.firewall.managementNic) addSubnet("firewallManagement", {});
    if (gatewayTable) addSubnet("gateway", { routeTableId: gatewayTable.id });
    if (args.bastion.mode === "enabled") addSubnet("bastion", { platformRules: bastionRules() });
    addSubnet("sharedServices", {
      nsgRules: args.sharedServicesRules ?? [],
      platformRules: guardRules(args.addressSpace),
      routeTableId: egressTable.id,
    });
    addSubnet("privateEndpoints", {
      platformRules: [
        {
          name: "allow-https-from-unit",
          priority: 100,
          direction: "Inbound",
          access: "Allow",
          protocol: "Tcp",
          sourceAddressPrefixes: [args.unitAddressSpace],
          destinationAddressPrefixes: [prefixes.privateEndpoints],
          destinationPortRanges: ["443"],
          description: "Private endpoints (Key Vault, Azure Monitor, storage) serve HTTPS to the unit's own networks.",
        },
        ...guardRules(args.addressSpace),
      ],
      routeTableId: egressTable.id,
    });

    const firewall = new HubFirewall(
      `${name}-firewall`,
      {
        unitId,
        location,
        resourceGroupName,
        settings: args.firewall,
        firewallSubnetId: subnetIds.firewall!,
        ...(subnetIds.firewallManagement ? { managementSubnetId: subnetIds.firewallManagement } : {}),
        unitAddressSpace: args.unitAddressSpace,
        ...(args.clusterAddressSpace !== undefined ? { clusterAddressSpace: args.clusterAddressSpace } : {}),
        workspaceId,
        tags,
      },
      { parent: this },
    );

    const gatewayReady: pulumi.Resource[] = [];
    if (args.vpnGateway.mode === "enabled") {
      const { mode: _mode, ...settings } = args.vpnGateway;
      const vpn = new HubVpnGateway(
        `${name}-vpn`,
        { unitId, location, resourceGroupName, gatewaySubnetId: subnetIds.gateway!, settings, zones, workspaceId, tags },
        { parent: this },
      );
      gatewayReady.push(vpn);
      this.vpnGatewayId = vpn.gatewayId;
      this.vpnGatewayName = vpn.gatewayName;
    }
    if (args.expressRoute.mode === "enabled") {
      const er = new HubExpressRouteGateway(
        `${name}-er`,
        { unitId, location, resourceGroupName, gatewaySubnetId: subnetIds.gateway!, sku: args.expressRoute.sku, zones, workspaceId, tags },
        // Azure builds one gateway at a time in a GatewaySubnet.
        { parent: this, dependsOn: gatewayReady.slice() },
      );
      gatewayReady.push(er);
      this.expressRouteGatewayId = er.gatewayId;
      this.expressRouteGatewayName = er.gatewayName;
    }
    if (args.bastion.mode === "enabled") {
      const { mode: _mode, ...settings } = args.bastion;
      new HubBastion(
        `${name}-bastion`,
        { unitId, location, resourceGroupName, bastionSubnetId: subnetIds.bastion!, settings, zones, workspaceId, tags },
        { parent: this },
      );
    }

    const dns = new PrivateDnsZones(
      `${name}-dns`,
      { location, resourceGroupName, virtualNetworkId: vnet.id, virtualNetworkName: vnetName, tags },
      { parent: this },
    );

    this.resourceGroupName = resourceGroupName;
    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.addressSpace = args.addressSpace;
    this.subnetPrefixes = prefixes;
    this.sharedServicesSubnetId = subnetIds.sharedServices!;
    this.privateEndpointSubnetId = subnetIds.privateEndpoints!;
    this.firewallPrivateIp = firewallPrivateIp;
    this.firewall = firewall;
    this.gateways = gatewayReady;
    this.firewallId = firewall.firewallId;
    this.firewallPolicyId = firewall.policyId;
    this.firewallPolicyName = firewall.policyName;
    if (gatewayTable) this.gatewayRouteTableName = gatewayTable.name;
    if (ddosPlanId !== undefined) this.ddosProtectionPlanId = pulumi.output(ddosPlanId);
    this.privateDnsZoneIds = dns.zoneIds;
    this.connection = {
      resourceGroupName,
      vnetName: vnet.name,
      vnetId: vnet.id,
      addressSpace: args.addressSpace,
      firewallPrivateIp,
      ...(gatewayTable ? { gateway: { routeTableName: gatewayTable.name, dependsOn: gatewayReady } } : {}),
      ...(ddosPlanId !== undefined ? { ddosProtectionPlanId: ddosPlanId } : {}),
    };
    this.registerOutputs({
      vnetId: this.vnetId,
      firewallPrivateIp,
      firewallPolicyId: this.firewallPolicyId,
      privateDnsZoneIds: this.privateDnsZoneIds,
    });
  }
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
