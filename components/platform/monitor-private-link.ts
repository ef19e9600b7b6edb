/**
 * Azure Monitor Private Link Scope (AMPLS) for the unit's workspace.
 *
 * The workspace refuses public ingestion and queries (Monitoring's
 * defaults), so the Azure Monitor agent on servers and the SOC's queries
 * reach it through this scope's private endpoint in the hub. Its records land
 * in the hub's monitor, oms, ods, agentsvc and blob zones, which every spoke
 * resolves through the firewall's DNS proxy.
 *
 * Access modes are PrivateOnly: from the unit's networks, only Azure Monitor
 * resources in this scope resolve and answer, so a server cannot ship logs to
 * a workspace outside the unit (exfiltration through the logging path).
 * Diagnostic settings are unaffected: Azure delivers them on its backbone.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import { privateEndpoint } from "../network/private-endpoint.js";
import { azureName } from "../vocabulary/naming.js";
import type { PrivateDnsZoneKey } from "./refs.js";

/** The zones an AMPLS private endpoint registers in, in Azure's documented order. */
export const AMPLS_DNS_ZONES: readonly PrivateDnsZoneKey[] = ["monitor", "oms", "ods", "agentSvc", "blob"];

export interface MonitorPrivateLinkArgs {
  unitId: string;
  location: string;
  /** Resource group of the scope and its endpoint (the hub's, next to the zones). */
  resourceGroupName: pulumi.Input<string>;
  workspaceId: pulumi.Input<string>;
  /** The hub's private-endpoint subnet. */
  subnetId: pulumi.Input<string>;
  privateDnsZoneIds: Record<PrivateDnsZoneKey, pulumi.Input<string>>;
  tags: Record<string, string>;
}

export class MonitorPrivateLink extends pulumi.ComponentResource {
  public readonly scopeId: pulumi.Output<string>;
  public readonly privateEndpointId: pulumi.Output<string>;

  constructor(name: string, args: MonitorPrivateLinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:platform:MonitorPrivateLink", name, {}, opts);
    const scopeName = `ampls-${args.unitId}`;
    const scope = new monitor.PrivateLinkScope(
      `${name}-scope`,
      {
        scopeName,
        resourceGroupName: args.resourceGroupName,
        // AMPLS is a global resource.
        location: "global",
        accessModeSettings: { ingestionAccessMode: "PrivateOnly", queryAccessMode: "PrivateOnly" },
        tags: args.tags,
      },
      { parent: this },
    );
    new monitor.PrivateLinkScopedResource(
      `${name}-workspace`,
      {
        name: "workspace",
        scopeName: scope.name,
        resourceGroupName: args.resourceGroupName,
        linkedResourceId: args.workspaceId,
      },
      { parent: this },
    );
    const endpointName = azureName("privateEndpoint", args.unitId, "platform", "ampls");
    const endpoint = privateEndpoint(this, name, {
      endpointName,
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      subnetId: args.subnetId,
      targetId: scope.id,
      groupIds: ["azuremonitor"],
      dnsZones: AMPLS_DNS_ZONES.map((key) => ({ name: key, privateDnsZoneId: args.privateDnsZoneIds[key] })),
      tags: args.tags,
    });
    this.scopeId = scope.id;
    this.privateEndpointId = endpoint.id;
    this.registerOutputs({ scopeId: this.scopeId, privateEndpointId: this.privateEndpointId });
  }
}
