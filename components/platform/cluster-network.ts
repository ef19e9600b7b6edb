/**
 * The address plan and NSG rules of the platform cluster's spoke. Pure.
 */
import { Address4 } from "ip-address";
import { parseCidr } from "../vocabulary/cidr.js";
import { allocatePrefixes } from "../network/prefixes.js";
import type { NsgRuleArgs } from "../network/nsg-rules.js";
import type { SpokeSubnetArgs } from "../network/spoke.js";

export type ClusterSubnetKey = "nodes" | "ingress";

/**
 * Half of the cluster range for nodes (pods use the overlay range, so nodes
 * need one address each plus the API server's private endpoint), then a
 * small subnet for the internal load balancers of the ingress controllers.
 * The order is fixed, so the plan never moves.
 */
export function clusterSubnetPrefixes(range: string): Record<ClusterSubnetKey, string> {
  const parsed = parseCidr(range);
  if (!parsed || parsed.canonical !== range) {
    throw new Error(`cluster addressSpace '${range}' is not a canonical IPv4 CIDR (e.g. 10.64.16.0/20)`);
  }
  if (parsed.prefixLength > 24) {
    throw new Error(`cluster addressSpace ${range} is smaller than the /24 the cluster spoke needs (nodes and ingress subnets)`);
  }
  return allocatePrefixes(range, [
    { key: "nodes", prefixLength: parsed.prefixLength + 1 },
    { key: "ingress", prefixLength: Math.max(parsed.prefixLength + 2, 26) },
  ]);
}

/**
 * The fixed private address of the internal ingress controller's load
 * balancer: the last address Azure lets a subnet hand out (it reserves the
 * broadcast address). Azure gives nodes and the API server's endpoint the
 * lowest free addresses, so the top of the node subnet stays free for the
 * controller, and the tenants' firewall rules can name it before the
 * cluster exists.
 */
export function internalIngressAddress(nodeSubnetPrefix: string): string {
  const parsed = parseCidr(nodeSubnetPrefix);
  if (!parsed || parsed.canonical !== nodeSubnetPrefix) {
    throw new Error(`internalIngressAddress: node subnet '${nodeSubnetPrefix}' is not a canonical IPv4 CIDR (e.g. 10.64.16.0/21)`);
  }
  if (parsed.prefixLength > 29) {
    throw new Error(`internalIngressAddress: node subnet ${nodeSubnetPrefix} is smaller than Azure's /29 minimum`);
  }
  return Address4.fromBigInt(parsed.address.endAddress().bigInt() - 1n).correctForm();
}

/**
 * Who may open HTTP(S) to the cluster's ingress. The firewall subnet: the
 * firewall translates internet (DNAT) traffic to its own address. The
 * municipalities' site ranges: the firewall passes site traffic with its
 * original source after their own rules allowed it. With an internal load
 * balancer the NSG is evaluated on the nodes, so both subnets carry the rule.
 */
export function clusterIngressRules(firewallSubnetPrefix: string, sitePrefixes: readonly string[]): NsgRuleArgs[] {
  const rule = (name: string, priority: number, sources: string[]): NsgRuleArgs => ({
    name,
    priority,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefixes: sources,
    destinationAddressPrefixes: ["*"],
    destinationPortRanges: ["80", "443"],
    description: "HTTP(S) to the ingress controllers; only through the hub firewall.",
  });
  const rules = [rule("allow-ingress-from-firewall", 100, [firewallSubnetPrefix])];
  const sites = [...new Set(sitePrefixes)].sort();
  if (sites.length > 0) rules.push(rule("allow-ingress-from-sites", 110, sites));
  return rules;
}

/**
 * With CNI overlay, pod-to-pod traffic between nodes (CoreDNS, services,
 * ingress backends) crosses the node subnet with pod addresses. The spoke's
 * guard rules deny everything not from the spoke's own range, so the overlay
 * range is allowed explicitly, on all ports, between nodes and pods only.
 */
export function clusterOverlayRule(range: string, podCidr: string): NsgRuleArgs {
  return {
    name: "allow-pod-overlay",
    priority: 200,
    direction: "Inbound",
    access: "Allow",
    protocol: "*",
    sourceAddressPrefixes: [range, podCidr],
    destinationAddressPrefixes: [range, podCidr],
    destinationPortRanges: ["*"],
    description: "Pod-to-pod and node-to-pod traffic of the CNI overlay.",
  };
}

export function clusterSpokeSubnets(
  range: string,
  firewallSubnetPrefix: string,
  sitePrefixes: readonly string[],
  podCidr: string,
): Record<ClusterSubnetKey, SpokeSubnetArgs> {
  const prefixes = clusterSubnetPrefixes(range);
  const nsgRules = [...clusterIngressRules(firewallSubnetPrefix, sitePrefixes), clusterOverlayRule(range, podCidr)];
  return {
    nodes: { addressPrefix: prefixes.nodes, nsgRules },
    ingress: { addressPrefix: prefixes.ingress, nsgRules },
  };
}
