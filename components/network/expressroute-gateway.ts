/**
 * The hub's ExpressRoute gateway, for units whose municipalities reach Azure
 * over a private circuit. It shares GatewaySubnet with the VPN gateway (the
 * hub reserves a /26 for that). Circuit connections are the tenants' own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { azureName } from "../vocabulary/naming.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { createPlatformPublicIp } from "./public-ip.js";
import type { Zone } from "./firewall.js";

export type ExpressRouteGatewaySku = "ErGw1AZ" | "ErGw2AZ" | "ErGw3AZ" | "ErGwScale";

export interface HubExpressRouteGatewayArgs {
  unitId: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  gatewaySubnetId: pulumi.Input<string>;
  sku: ExpressRouteGatewaySku;
  zones: Zone[];
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class HubExpressRouteGateway extends pulumi.ComponentResource {
  public readonly gatewayId: pulumi.Output<string>;
  public readonly gatewayName: pulumi.Output<string>;

  constructor(name: string, args: HubExpressRouteGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:network:HubExpressRouteGateway", name, {}, opts);
    const common = { resourceGroupName: args.resourceGroupName, location: args.location };
    // Azure still requires a Standard public address on an ExpressRoute
    // gateway for its own control traffic; nothing is published on it.
    const pip = createPlatformPublicIp(this, {
      key: `${name}-pip`,
      purpose: "expressRouteGateway",
      publicIpAddressName: azureName("publicIp", args.unitId, "ergw"),
      ...common,
      zones: args.zones,
      workspaceId: args.workspaceId,
      tags: args.tags,
    });
    const gateway = new network.VirtualNetworkGateway(
      `${name}-ergw`,
      {
        ...common,
        virtualNetworkGatewayName: azureName("vpnGateway", args.unitId, "er"),
        gatewayType: "ExpressRoute",
        sku: { name: args.sku, tier: args.sku },
        ipConfigurations: [
          { name: "ipconfig", privateIPAllocationMethod: "Dynamic", subnet: { id: args.gatewaySubnetId }, publicIPAddress: { id: pip.id } },
        ],
        tags: args.tags,
      },
      { parent: this },
    );
    attachDiagnostics(this, { key: `${name}-ergw`, resourceId: gateway.id }, args.workspaceId);
    this.gatewayId = gateway.id;
    this.gatewayName = gateway.name;
    this.registerOutputs({ gatewayId: this.gatewayId });
  }
}
