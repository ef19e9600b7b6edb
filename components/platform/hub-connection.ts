/**
 * The one translation from the platform's references to what a Spoke needs,
 * so the platform's cluster spoke and every municipality's spoke join the
 * hub the same way.
 */
import type { HubConnection } from "../network/spoke.js";
import type { PlatformRefs } from "./refs.js";

export function hubConnectionFromRefs(refs: PlatformRefs): HubConnection {
  return {
    resourceGroupName: refs.hubResourceGroupName,
    vnetName: refs.hubVnetName,
    vnetId: refs.hubVnetId,
    addressSpace: refs.hubAddressSpace,
    firewallPrivateIp: refs.firewallPrivateIp,
    ...(refs.gatewayRouteTableName !== undefined
      ? { gateway: { routeTableName: refs.gatewayRouteTableName, dependsOn: refs.hubGateways ?? [] } }
      : {}),
    ...(refs.ddosProtectionPlanId !== undefined ? { ddosProtectionPlanId: refs.ddosProtectionPlanId } : {}),
  };
}
