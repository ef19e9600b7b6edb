/**
 * Public addresses exist in this platform only for the hub's firewall,
 * gateways and Bastion; this is the only function that creates one, which is
 * what lets the tests and the policy pack say "no public IP anywhere else".
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";

/** What a platform public address may front. */
export type PublicIpPurpose = "firewall" | "firewallManagement" | "vpnGateway" | "expressRouteGateway" | "bastion";

export interface PlatformPublicIpArgs {
  /** Logical name, unique in the stack. */
  key: string;
  purpose: PublicIpPurpose;
  publicIpAddressName: string;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** Zones the address is redundant across; must match its consumer's. */
  zones: readonly string[];
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export function createPlatformPublicIp(parent: pulumi.Resource, args: PlatformPublicIpArgs): network.PublicIPAddress {
  const ip = new network.PublicIPAddress(
    args.key,
    {
      publicIpAddressName: args.publicIpAddressName,
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      // Standard: static, zone-redundant, closed to inbound unless a consumer opens it.
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
      zones: [...args.zones],
      tags: { ...args.tags, publicIpPurpose: args.purpose },
    },
    { parent },
  );
  // DDoS mitigation logs and metrics, the evidence after an attack.
  attachDiagnostics(parent, { key: args.key, resourceId: ip.id }, args.workspaceId);
  return ip;
}
