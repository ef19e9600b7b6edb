import { PLATFORM_SCOPE } from "../../../components/vocabulary/tags.js";
import { noParams } from "../../lib/params.js";
import { taggedOwner } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { defineResourceRule } from "../../rule.js";

export const restrictGatewaysToHub = defineResourceRule({
  name: "azure-network-restrict-gateways-to-hub",
  kind: "resource",
  description:
    "VPN and ExpressRoute gateways, their connections, local network gateways and circuits exist only in the hub (kommunekode=platform). A gateway in a spoke would give a municipality a path in or out that bypasses the hub firewall.",
  severity: "high",
  category: "security",
  remediation:
    "Remove the gateway from the municipality's spoke. Hybrid connectivity is a platform service in the hub; municipalities reach it through their peering with the hub.",
  controls: { nis2: [9], iso27001: ["8.20", "8.21", "8.22"], alz: ["Deny-HybridNetworking"] },
  config: noParams(),
  resourceTypes: [
    AZ.virtualNetworkGateway,
    AZ.virtualNetworkGatewayConnection,
    AZ.localNetworkGateway,
    AZ.expressRouteCircuit,
    AZ.expressRouteGateway,
    AZ.vpnGateway,
  ],
  validate(resource, ctx) {
    const owner = taggedOwner(resource.props);
    if (owner === PLATFORM_SCOPE) return;
    ctx.report(
      `${resource.type.split(":")[2]} '${resource.name}' is not a hub resource (kommunekode is ${owner ?? "not set"}, must be '${PLATFORM_SCOPE}').`,
    );
  },
});
