/**
 * The private DNS zones that private endpoints register in. They live in the
 * hub and are linked to the hub network only: spokes use the firewall's DNS
 * proxy as their resolver, which forwards to Azure DNS in the hub, so one
 * link per zone serves every spoke and a spoke cannot register names of its
 * own in a shared zone.
 */
import * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns/index.js";
import type { PrivateDnsZoneKey } from "../platform/refs.js";

/** Zone names by key, for a unit in `location` (AKS's zone is per region). */
export function privateDnsZoneNames(location: string): Record<PrivateDnsZoneKey, string> {
  if (!/^[a-z0-9]+$/.test(location)) {
    throw new Error(`privateDnsZoneNames: '${location}' is not an Azure region name (expected e.g. denmarkeast)`);
  }
  return {
    keyVault: "privatelink.vaultcore.azure.net",
    blob: "privatelink.blob.core.windows.net",
    file: "privatelink.file.core.windows.net",
    monitor: "privatelink.monitor.azure.com",
    oms: "privatelink.oms.opinsights.azure.com",
    ods: "privatelink.ods.opinsights.azure.com",
    agentSvc: "privatelink.agentsvc.azure-automation.net",
    aks: `privatelink.${location}.azmk8s.io`,
  };
}

export const PRIVATE_DNS_ZONE_KEYS: readonly PrivateDnsZoneKey[] = ["keyVault", "blob", "file", "monitor", "oms", "ods", "agentSvc", "aks"];

export interface PrivateDnsZonesArgs {
  location: string;
  resourceGroupName: pulumi.Input<string>;
  /** The hub network every zone is linked to. */
  virtualNetworkId: pulumi.Input<string>;
  virtualNetworkName: string;
  tags: Record<string, string>;
}

export class PrivateDnsZones extends pulumi.ComponentResource {
  public readonly zoneIds: Record<PrivateDnsZoneKey, pulumi.Output<string>>;
  public readonly zoneNames: Record<PrivateDnsZoneKey, string>;

  constructor(name: string, args: PrivateDnsZonesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:network:PrivateDnsZones", name, {}, opts);
    this.zoneNames = privateDnsZoneNames(args.location);
    const ids = {} as Record<PrivateDnsZoneKey, pulumi.Output<string>>;
    for (const key of PRIVATE_DNS_ZONE_KEYS) {
      const zone = new privatedns.PrivateZone(
        `${name}-${key}`,
        {
          privateZoneName: this.zoneNames[key],
          resourceGroupName: args.resourceGroupName,
          // Private DNS zones are global resources.
          location: "global",
          tags: args.tags,
        },
        { parent: this },
      );
      new privatedns.VirtualNetworkLink(
        `${name}-${key}-hub-link`,
        {
          virtualNetworkLinkName: `link-${args.virtualNetworkName}`,
          privateZoneName: zone.name,
          resourceGroupName: args.resourceGroupName,
          location: "global",
          virtualNetwork: { id: args.virtualNetworkId },
          // Records come only from private endpoints' DNS zone groups.
          registrationEnabled: false,
          tags: args.tags,
        },
        { parent: this },
      );
      ids[key] = zone.id;
    }
    this.zoneIds = ids;
    this.registerOutputs({ zoneIds: this.zoneIds });
  }
}
