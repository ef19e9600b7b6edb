/**
 * The three subnet guardrails share their shape: look at every subnet a
 * resource declares (inline or separate), skip the subnets whose settings
 * Azure dictates, check one property.
 */
import { subnetsOf, type SubnetView } from "../../lib/network.js";
import { AZ, FIXED_AZURE_SUBNETS } from "../../lib/types.js";
import type { ResourceUnderTest, RuleContext } from "../../rule.js";

export const SUBNET_TYPES = [AZ.virtualNetwork, AZ.subnet] as const;

export function checkSubnets(
  resource: ResourceUnderTest,
  ctx: RuleContext<unknown>,
  problem: (subnet: SubnetView) => string | undefined,
  exempt: readonly string[] = FIXED_AZURE_SUBNETS,
): void {
  for (const subnet of subnetsOf(resource.type, resource.props, resource.name)) {
    if (exempt.some((fixed) => fixed.toLowerCase() === subnet.name.toLowerCase())) continue;
    const message = problem(subnet);
    if (message === undefined) continue;
    const at = subnet.path ? ` (${subnet.path} of virtual network '${resource.name}')` : "";
    ctx.report(`Subnet '${subnet.name}'${at} ${message}`);
  }
}
