/**
 * The Hub's arguments and their checks. The optional parts are discriminated
 * unions on `mode`, the same shape as unit.yaml, so a half-configured gateway
 * cannot be expressed.
 */
import type * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../vocabulary/cidr.js";
import type { FirewallSettings } from "./firewall.js";
import type { VpnGatewaySettings } from "./vpn-gateway.js";
import type { ExpressRouteGatewaySku } from "./expressroute-gateway.js";
import type { BastionSettings } from "./bastion.js";
import { nsgRuleProblems, type NsgRuleArgs } from "./nsg-rules.js";

export type Disabled = { mode: "disabled" };
export type VpnGatewayChoice = Disabled | ({ mode: "enabled" } & VpnGatewaySettings);
export type ExpressRouteChoice = Disabled | { mode: "enabled"; sku: ExpressRouteGatewaySku };
export type BastionChoice = Disabled | ({ mode: "enabled" } & BastionSettings);
/** `existing`: a plan shared by several units (one plan covers up to 100 networks). */
export type DdosProtectionChoice = Disabled | { mode: "enabled" } | { mode: "existing"; planId: pulumi.Input<string> };

export interface HubArgs {
  unitId: string;
  location: string;
  /** @default a new `rg-<unit>-hub` */
  resourceGroupName?: pulumi.Input<string>;
  /** The hub's reserved range, /22 or larger. */
  addressSpace: string;
  /** The unit's supernet: source of the platform firewall essentials, and who may reach the private endpoints. */
  unitAddressSpace: string;
  /** The cluster spoke's range when the unit has a cluster (AKS egress rule). */
  clusterAddressSpace?: string;
  firewall: FirewallSettings;
  vpnGateway: VpnGatewayChoice;
  expressRoute: ExpressRouteChoice;
  bastion: BastionChoice;
  ddosProtection: DdosProtectionChoice;
  /** Extra inbound/outbound rules for the shared-services subnet (priorities 100-3999). */
  sharedServicesRules?: NsgRuleArgs[];
  /** Log Analytics workspace every diagnostic setting sends to. */
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** Every problem with the hub's arguments at once. */
export function hubArgsProblems(args: HubArgs): string[] {
  const problems: string[] = [];
  const hub = parseCidr(args.addressSpace);
  if (!hub || hub.canonical !== args.addressSpace) problems.push(`addressSpace '${args.addressSpace}' is not a canonical IPv4 CIDR`);
  else if (hub.prefixLength > 22) problems.push(`addressSpace ${args.addressSpace} is smaller than the /22 the hub's fixed subnets need`);
  const unit = parseCidr(args.unitAddressSpace);
  if (!unit || unit.canonical !== args.unitAddressSpace) problems.push(`unitAddressSpace '${args.unitAddressSpace}' is not a canonical IPv4 CIDR`);
  else if (hub && !hub.address.isInSubnet(unit.address)) problems.push(`addressSpace ${args.addressSpace} lies outside unitAddressSpace ${args.unitAddressSpace}`);
  if (args.ddosProtection.mode === "existing" && typeof args.ddosProtection.planId === "string" && !/\/providers\/Microsoft\.Network\/ddosProtectionPlans\/[^/]+$/i.test(args.ddosProtection.planId)) {
    problems.push(`ddosProtection.planId '${args.ddosProtection.planId}' is not a DDoS protection plan ARM id`);
  }
  for (const p of nsgRuleProblems(args.sharedServicesRules ?? [])) problems.push(`sharedServicesRules: ${p}`);
  return problems;
}
