/**
 * Network security group rules: the typed form components accept, the
 * translation to Azure's shape, and the rules the platform always adds.
 */
import type * as network from "@pulumi/azure-native/types/input.js";

type SecurityRuleArgs = network.network.SecurityRuleArgs;

export interface NsgRuleArgs {
  /** Unique within the NSG; part of the rule's identity in Azure. */
  name: string;
  /** 100-3999. 4000-4096 belong to the platform's guard rules. */
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: "Tcp" | "Udp" | "Icmp" | "*";
  /** CIDRs, or exactly one service tag (Azure accepts tags only as a single value). */
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  /** Ports or ranges, e.g. ["443", "8000-8080"], or ["*"]. */
  destinationPortRanges: string[];
  /** @default ["*"] */
  sourcePortRanges?: string[];
  description?: string;
}

/** User rules live below the platform's guard rules. */
export const USER_PRIORITY_MIN = 100;
export const USER_PRIORITY_MAX = 3999;

/** Sources that mean "anyone on the internet". */
const ANY_SOURCE = new Set(["*", "internet", "0.0.0.0/0", "any"]);
const MANAGEMENT_PORTS = [22, 3389];

/** True when a port spec (`*`, `22`, `20-30`) covers `port`. */
export function portSpecCovers(spec: string, port: number): boolean {
  const s = spec.trim();
  if (s === "*") return true;
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return port >= lo && port <= hi;
}

/**
 * Every problem with a list of rules, as `rule '<name>': <message>` lines: one
 * call reports them all.
 */
export function nsgRuleProblems(rules: readonly NsgRuleArgs[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const priorities = new Map<string, string>();
  for (const r of rules) {
    const where = `rule '${r.name}'`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,78}[A-Za-z0-9_]$/.test(r.name)) {
      problems.push(`${where}: the name must be 2-80 letters, digits, '_', '.', '-', starting with a letter or digit`);
    }
    if (names.has(r.name.toLowerCase())) problems.push(`${where}: the name is used twice in the same NSG`);
    if (r.name.toLowerCase().startsWith("guard-")) problems.push(`${where}: names starting with 'guard-' belong to the platform's guard rules`);
    names.add(r.name.toLowerCase());
    if (!Number.isInteger(r.priority) || r.priority < USER_PRIORITY_MIN || r.priority > USER_PRIORITY_MAX) {
      problems.push(
        `${where}: priority ${r.priority} is outside ${USER_PRIORITY_MIN}-${USER_PRIORITY_MAX} (4000-4096 are the platform's guard rules)`,
      );
    }
    const pkey = `${r.direction}/${r.priority}`;
    const clash = priorities.get(pkey);
    if (clash) problems.push(`${where}: priority ${r.priority} (${r.direction}) is already used by rule '${clash}'`);
    else priorities.set(pkey, r.name);
    for (const [field, list] of [
      ["sourceAddressPrefixes", r.sourceAddressPrefixes],
      ["destinationAddressPrefixes", r.destinationAddressPrefixes],
      ["destinationPortRanges", r.destinationPortRanges],
    ] as const) {
      if (list.length === 0) problems.push(`${where}: ${field} is empty; use ["*"] for any`);
    }
    if (r.sourceAddressPrefixes.length > 1 && r.sourceAddressPrefixes.some(isServiceTag)) {
      problems.push(`${where}: a service tag in sourceAddressPrefixes must be the only entry (Azure rejects tags in lists)`);
    }
    if (r.destinationAddressPrefixes.length > 1 && r.destinationAddressPrefixes.some(isServiceTag)) {
      problems.push(`${where}: a service tag in destinationAddressPrefixes must be the only entry (Azure rejects tags in lists)`);
    }
    if (r.direction === "Inbound" && r.access === "Allow" && r.sourceAddressPrefixes.some((s) => ANY_SOURCE.has(s.toLowerCase()))) {
      const exposed = MANAGEMENT_PORTS.filter((p) => r.destinationPortRanges.some((spec) => portSpecCovers(spec, p)));
      if (exposed.length > 0) {
        problems.push(
          `${where}: allows port ${exposed.join(" and ")} from '${r.sourceAddressPrefixes.join(", ")}'; management ports are reached through Bastion or the VPN, never from the internet`,
        );
      }
    }
  }
  return problems;
}

function isServiceTag(prefix: string): boolean {
  return prefix !== "*" && !/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(prefix);
}

function oneOrMany(values: readonly string[], one: string, many: string): Record<string, string | string[]> {
  return values.length === 1 ? { [one]: values[0]! } : { [many]: [...values] };
}

/** Azure's shape: a single value goes in the singular field, as Azure stores it, so a refresh shows no diff. */
export function toSecurityRule(r: NsgRuleArgs): SecurityRuleArgs {
  return {
    name: r.name,
    priority: r.priority,
    direction: r.direction,
    access: r.access,
    protocol: r.protocol,
    ...oneOrMany(r.sourceAddressPrefixes, "sourceAddressPrefix", "sourceAddressPrefixes"),
    ...oneOrMany(r.sourcePortRanges ?? ["*"], "sourcePortRange", "sourcePortRanges"),
    ...oneOrMany(r.destinationAddressPrefixes, "destinationAddressPrefix", "destinationAddressPrefixes"),
    ...oneOrMany(r.destinationPortRanges, "destinationPortRange", "destinationPortRanges"),
    ...(r.description !== undefined ? { description: r.description } : {}),
  } as SecurityRuleArgs;
}

/**
 * The guard every platform NSG ends with. Azure's default AllowVnetInBound
 * (priority 65000) trusts the VirtualNetwork service tag, which covers peered
 * networks, on-premises ranges learned through the hub's gateway and, with a
 * 0.0.0.0/0 user route, far more than the subnet's own network. The guard
 * narrows inbound to the network's own range and Azure's load balancer
 * probes; everything else must be allowed by a named rule above it.
 * Outbound is left to the firewall, which every subnet routes through.
 */
export function guardRules(ownAddressSpace: string): NsgRuleArgs[] {
  return [
    {
      name: "guard-allow-inbound-own-network",
      priority: 4000,
      direction: "Inbound",
      access: "Allow",
      protocol: "*",
      sourceAddressPrefixes: [ownAddressSpace],
      destinationAddressPrefixes: [ownAddressSpace],
      destinationPortRanges: ["*"],
      description: "Traffic inside this network.",
    },
    {
      name: "guard-allow-inbound-load-balancer",
      priority: 4010,
      direction: "Inbound",
      access: "Allow",
      protocol: "*",
      sourceAddressPrefixes: ["AzureLoadBalancer"],
      destinationAddressPrefixes: ["*"],
      destinationPortRanges: ["*"],
      description: "Health probes of Azure load balancers.",
    },
    {
      name: "guard-deny-inbound-all-other",
      priority: 4096,
      direction: "Inbound",
      access: "Deny",
      protocol: "*",
      sourceAddressPrefixes: ["*"],
      destinationAddressPrefixes: ["*"],
      destinationPortRanges: ["*"],
      description: "Everything not allowed above, including other municipalities' spokes.",
    },
  ];
}

/**
 * The rules Azure Bastion requires on AzureBastionSubnet (Microsoft Learn,
 * "Working with NSG access and Azure Bastion"). Without exactly these the
 * Bastion deployment fails or stops working; the only internet-facing port
 * is 443 to Bastion itself.
 */
export function bastionRules(): NsgRuleArgs[] {
  const rule = (
    name: string,
    priority: number,
    direction: "Inbound" | "Outbound",
    source: string,
    destination: string,
    ports: string[],
    protocol: NsgRuleArgs["protocol"] = "Tcp",
    access: "Allow" | "Deny" = "Allow",
  ): NsgRuleArgs => ({
    name,
    priority,
    direction,
    access,
    protocol,
    sourceAddressPrefixes: [source],
    destinationAddressPrefixes: [destination],
    destinationPortRanges: ports,
  });
  return [
    rule("allow-https-inbound", 120, "Inbound", "Internet", "*", ["443"]),
    rule("allow-gateway-manager-inbound", 130, "Inbound", "GatewayManager", "*", ["443"]),
    rule("allow-load-balancer-inbound", 140, "Inbound", "AzureLoadBalancer", "*", ["443"]),
    rule("allow-bastion-host-communication-inbound", 150, "Inbound", "VirtualNetwork", "VirtualNetwork", ["8080", "5701"], "*"),
    rule("deny-all-inbound", 4096, "Inbound", "*", "*", ["*"], "*", "Deny"),
    rule("allow-ssh-rdp-outbound", 100, "Outbound", "*", "VirtualNetwork", ["22", "3389"]),
    rule("allow-azure-cloud-outbound", 110, "Outbound", "*", "AzureCloud", ["443"]),
    rule("allow-bastion-communication-outbound", 120, "Outbound", "VirtualNetwork", "VirtualNetwork", ["8080", "5701"], "*"),
    rule("allow-session-information-outbound", 130, "Outbound", "*", "Internet", ["80"]),
  ];
}
