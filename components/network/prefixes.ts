/**
 * Address planning for the hub and spokes. Pure functions on top of the
 * `ip-address` library (network boundaries, offsets and containment come from
 * it; nothing here shifts bits by hand).
 */
import { Address4 } from "ip-address";
import { cidrContains, cidrOverlaps, parseCidr } from "../vocabulary/cidr.js";

export interface PrefixRequest<K extends string = string> {
  key: K;
  prefixLength: number;
}

/**
 * Allocates the requests in order from the start of `range`, each aligned on
 * its own size. The order of `requests` is part of the address plan: callers
 * pass a fixed list, never one derived from configuration order.
 */
export function allocatePrefixes<K extends string>(range: string, requests: readonly PrefixRequest<K>[]): Record<K, string> {
  const parent = parseCidr(range);
  if (!parent || parent.canonical !== range) {
    throw new Error(`allocatePrefixes: '${range}' is not a canonical IPv4 CIDR (expected e.g. 10.64.0.0/22)`);
  }
  const out = {} as Record<K, string>;
  let cursor: Address4 | undefined = parent.address.startAddress();
  for (const req of requests) {
    if (cursor === undefined) {
      throw new Error(`allocatePrefixes: ${range} has no room for '${req.key}': the address space ends at ${parent.address.endAddress().correctForm()}`);
    }
    if (!Number.isInteger(req.prefixLength) || req.prefixLength < parent.prefixLength || req.prefixLength > 29) {
      throw new Error(
        `allocatePrefixes: '${req.key}' asks for /${req.prefixLength}; it must lie between /${parent.prefixLength} (the range ${range}) and /29 (Azure's smallest subnet)`,
      );
    }
    const noRoom = () =>
      new Error(
        `allocatePrefixes: ${range} has no room for '${req.key}' (/${req.prefixLength}) after ${Object.values<string>(out).join(", ") || "nothing"}; use a larger range`,
      );
    let candidate: Address4 = new Address4(`${cursor.correctForm()}/${req.prefixLength}`);
    if (candidate.startAddress().correctForm() !== cursor.correctForm()) {
      // Not on a boundary of this size: take the next network of this size,
      // which does not exist past the end of the IPv4 space.
      try {
        candidate = candidate.nextNetwork();
      } catch {
        throw noRoom();
      }
    }
    const prefix = candidate.networkForm();
    if (!cidrContains(parent, prefix)) throw noRoom();
    out[req.key] = prefix;
    const end: Address4 = candidate.endAddress();
    cursor = end.correctForm() === "255.255.255.255" ? undefined : end.offset(1);
  }
  return out;
}

export type HubSubnetKey = "firewall" | "firewallManagement" | "gateway" | "bastion" | "sharedServices" | "privateEndpoints";

/**
 * The hub's fixed layout. Every slot is reserved whether or not its feature is
 * enabled, so that turning on a gateway or Bastion later never moves another
 * subnet. A /22 fits it with one /24 spare (after privateEndpoints) for later
 * platform services such as a DNS resolver.
 *
 * Sizes: /26 is the documented minimum for AzureFirewallSubnet,
 * AzureFirewallManagementSubnet and AzureBastionSubnet; GatewaySubnet gets a
 * /26 rather than the /27 minimum so that a VPN and an ExpressRoute gateway
 * can coexist in it.
 */
export const HUB_LAYOUT: readonly PrefixRequest<HubSubnetKey>[] = [
  { key: "firewall", prefixLength: 26 },
  { key: "firewallManagement", prefixLength: 26 },
  { key: "gateway", prefixLength: 26 },
  { key: "bastion", prefixLength: 26 },
  { key: "sharedServices", prefixLength: 24 },
  { key: "privateEndpoints", prefixLength: 24 },
];

/** Azure-mandated subnet names; the others are ours. */
export const HUB_SUBNET_NAMES: Record<HubSubnetKey, string> = {
  firewall: "AzureFirewallSubnet",
  firewallManagement: "AzureFirewallManagementSubnet",
  gateway: "GatewaySubnet",
  bastion: "AzureBastionSubnet",
  sharedServices: "snet-shared-services",
  privateEndpoints: "snet-private-endpoints",
};

export function carveHubPrefixes(hubRange: string): Record<HubSubnetKey, string> {
  const parsed = parseCidr(hubRange);
  if (parsed && parsed.prefixLength > 22) {
    throw new Error(`Hub address space ${hubRange} is smaller than the /22 the fixed hub subnets need; give the hub a /22 or larger`);
  }
  return allocatePrefixes(hubRange, HUB_LAYOUT);
}

/**
 * The address Azure gives the first NIC-like consumer in a subnet. Azure
 * reserves the first four addresses of every subnet (network, gateway, two
 * DNS), so a firewall alone in AzureFirewallSubnet always gets `.4`. Knowing
 * it from the plan keeps every spoke's default route a plain value, readable
 * in a preview instead of "output<string>".
 */
export function firstUsableAddress(prefix: string): string {
  const parsed = parseCidr(prefix);
  if (!parsed) throw new Error(`firstUsableAddress: '${prefix}' is not an IPv4 CIDR`);
  if (parsed.prefixLength > 29) throw new Error(`firstUsableAddress: ${prefix} is smaller than Azure's /29 minimum`);
  return parsed.address.startAddress().offset(4).correctForm();
}

export interface SubnetPrefixProblem {
  key: string;
  message: string;
}

/**
 * Checks that each subnet is a canonical CIDR inside `range` and that no two
 * overlap. Returns every problem, so a caller can report them all at once.
 */
export function subnetPrefixProblems(range: string, subnets: Record<string, string>): SubnetPrefixProblem[] {
  const problems: SubnetPrefixProblem[] = [];
  const valid: [string, string][] = [];
  for (const [key, prefix] of Object.entries(subnets)) {
    const parsed = parseCidr(prefix);
    if (!parsed) {
      problems.push({ key, message: `'${prefix}' is not an IPv4 CIDR (write a.b.c.d/n, e.g. 10.80.1.0/24)` });
      continue;
    }
    if (parsed.canonical !== prefix) {
      problems.push({ key, message: `'${prefix}' has host bits set; the network is ${parsed.canonical}` });
      continue;
    }
    if (parsed.prefixLength > 29) {
      problems.push({ key, message: `${prefix} is smaller than Azure's minimum subnet (/29)` });
      continue;
    }
    if (!cidrContains(range, prefix)) {
      problems.push({ key, message: `${prefix} lies outside the network's address space ${range}` });
      continue;
    }
    for (const [otherKey, other] of valid) {
      if (cidrOverlaps(prefix, other)) problems.push({ key, message: `${prefix} overlaps subnet '${otherKey}' (${other})` });
    }
    valid.push([key, prefix]);
  }
  return problems;
}
