/**
 * The hub's site-to-site VPN gateway: zone-redundant and active-active, so a
 * zone failure or a gateway instance's maintenance keeps every municipality's
 * tunnels up (NIS2 § 6 continuity). BGP lets sites announce their own
 * prefixes instead of the platform hard-coding them.
 *
 * Connections to municipalities' sites are the tenants' own resources; this
 * component only owns the gateway.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { azureName } from "../vocabulary/naming.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { createPlatformPublicIp } from "./public-ip.js";
import type { Zone } from "./firewall.js";
import { DEFAULTS } from "../vocabulary/defaults.js";
import { problemsFromMessages, rejectArgs } from "../errors.js";

export const HUB_VPN_GATEWAY_TYPE = "driftsenhed:network:HubVpnGateway";

export type VpnGatewaySku = "VpnGw1AZ" | "VpnGw2AZ" | "VpnGw3AZ" | "VpnGw4AZ" | "VpnGw5AZ";

export interface VpnGatewaySettings {
  /**
   * Only the zone-redundant (AZ) SKUs are offered.
   * @default DEFAULTS.vpnGateway.sku ("VpnGw2AZ")
   */
  sku?: VpnGatewaySku;
  /**
   * The gateway's private ASN (64512-65534).
   * @default DEFAULTS.vpnGateway.bgpAsn (65515, Azure's own default)
   */
  bgpAsn?: number;
  /**
   * Two gateway instances, each with its own public address, both carrying
   * tunnels: a zone failure or an instance's maintenance keeps every tunnel up.
   * @default DEFAULTS.vpnGateway.activeActive (true)
   */
  activeActive?: boolean;
}

/** The settings with every default applied. */
export function resolveVpnGatewaySettings(s: VpnGatewaySettings): Required<VpnGatewaySettings> {
  return {
    sku: s.sku ?? DEFAULTS.vpnGateway.sku,
    bgpAsn: s.bgpAsn ?? DEFAULTS.vpnGateway.bgpAsn,
    activeActive: s.activeActive ?? DEFAULTS.vpnGateway.activeActive,
  };
}

export interface HubVpnGatewayArgs {
  unitId: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  gatewaySubnetId: pulumi.Input<string>;
  settings: VpnGatewaySettings;
  /** Zones the gateway's public addresses span. */
  zones: Zone[];
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** ASNs Azure reserves for itself or forbids on a VPN gateway. */
const RESERVED_ASNS = new Set([8074, 8075, 12076, 65517, 65518, 65519, 65520]);

export function vpnGatewaySettingsProblems(settings: VpnGatewaySettings): string[] {
  const s = resolveVpnGatewaySettings(settings);
  const problems: string[] = [];
  if (!Number.isInteger(s.bgpAsn) || s.bgpAsn < 64512 || s.bgpAsn > 65534 || RESERVED_ASNS.has(s.bgpAsn)) {
    problems.push(`bgpAsn ${s.bgpAsn} is not a private ASN Azure accepts (64512-65534, except 65517-65520)`);
  }
  if (!/^VpnGw[1-5]AZ$/.test(s.sku)) problems.push(`sku '${s.sku}' is not a zone-redundant VPN gateway SKU (VpnGw1AZ-VpnGw5AZ)`);
  return problems;
}

export class HubVpnGateway extends pulumi.ComponentResource {
  public readonly gatewayId: pulumi.Output<string>;
  public readonly gatewayName: pulumi.Output<string>;

  constructor(name: string, args: HubVpnGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HUB_VPN_GATEWAY_TYPE, name, {}, opts);
    rejectArgs(this, HUB_VPN_GATEWAY_TYPE, name, problemsFromMessages(vpnGatewaySettingsProblems(args.settings), "settings"));
    const settings = resolveVpnGatewaySettings(args.settings);
    const common = { resourceGroupName: args.resourceGroupName, location: args.location };

    // Active-active needs one address per instance. Each address is itself
    // zone-redundant: pinning one to a zone would tie that instance to it.
    const instances = settings.activeActive ? (["1", "2"] as const) : (["1"] as const);
    const pips = instances.map((i) =>
      createPlatformPublicIp(this, {
        key: `${name}-pip-${i}`,
        purpose: "vpnGateway",
        publicIpAddressName: azureName("publicIp", args.unitId, "vgw", i),
        ...common,
        zones: args.zones,
        workspaceId: args.workspaceId,
        tags: args.tags,
      }),
    );

    const gateway = new network.VirtualNetworkGateway(
      `${name}-vgw`,
      {
        ...common,
        virtualNetworkGatewayName: azureName("vpnGateway", args.unitId),
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        vpnGatewayGeneration: "Generation2",
        sku: { name: settings.sku, tier: settings.sku },
        activeActive: settings.activeActive,
        enableBgp: true,
        bgpSettings: { asn: settings.bgpAsn },
        ipConfigurations: instances.map((i, n) => ({
          name: `ipconfig-${i}`,
          privateIPAllocationMethod: "Dynamic",
          subnet: { id: args.gatewaySubnetId },
          publicIPAddress: { id: pips[n]!.id },
        })),
        tags: args.tags,
      },
      { parent: this },
    );
    // Tunnel, route and IKE diagnostics: what an incident report needs.
    attachDiagnostics(this, { key: `${name}-vgw`, resourceId: gateway.id }, args.workspaceId);

    this.gatewayId = gateway.id;
    this.gatewayName = gateway.name;
    this.registerOutputs({ gatewayId: this.gatewayId });
  }
}
