/**
 * A municipality's network: its spoke (from the platform's Spoke building
 * block), the connections of its on-premises sites to the hub's gateways, and
 * its own firewall rule collection group on the unit's firewall policy.
 *
 * Isolation: the spoke is peered with the hub only and routes everything
 * through the firewall (spoke.ts explains the three layers). The firewall
 * denies every flow no rule allows; this municipality's group admits only its
 * own sites to its own servers on the ports its file declares, so nothing
 * flows between municipalities.
 *
 * Firewall priority: 1000 + kommunekode (1101-1860 for today's codes).
 * Deterministic and unique per municipality without coordination between
 * files or stacks, after the platform's own groups (100-999) and well inside
 * Azure's 100-65000.
 *
 * The servers subnet's NSG repeats the site rules with the subnet as
 * destination (a NIC's address is only known after the NIC exists, and the
 * NIC needs the subnet): the firewall holds the exact per-server rule, the NSG
 * the coarse one, so each layer alone still refuses other municipalities.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { Spoke } from "../network/spoke.js";
import { hubConnectionFromRefs } from "../platform/hub-connection.js";
import { USER_PRIORITY_MAX, type NsgRuleArgs } from "../network/nsg-rules.js";
import { rejectArgs } from "../errors.js";
import { parseCidr } from "../vocabulary/cidr.js";
import type { TenantPlatformRefs } from "./args.js";
import type { TenantFirewallRule } from "./resolved.js";

export const FIREWALL_PRIORITY_BASE = 1000;
/** Azure's range for rule collection group priorities. */
export const FIREWALL_PRIORITY_RANGE = { min: 100, max: 65000 } as const;

/** 1000 + the kommunekode as a number: unique per municipality, stable, no registry needed. */
export function firewallPriority(code: string): number {
  if (!/^\d{3}$/.test(code)) throw new Error(`firewallPriority: kommunekode '${code}' is not three digits`);
  const priority = FIREWALL_PRIORITY_BASE + Number(code);
  if (priority < FIREWALL_PRIORITY_RANGE.min || priority > FIREWALL_PRIORITY_RANGE.max) {
    throw new Error(`firewallPriority: ${priority} for kommunekode ${code} is outside Azure's ${FIREWALL_PRIORITY_RANGE.min}-${FIREWALL_PRIORITY_RANGE.max}`);
  }
  return priority;
}

/** Subnet keys of a municipality spoke (they become `snet-servers`, `snet-private-endpoints`). */
export const TENANT_SUBNETS = { servers: "servers", privateEndpoints: "private-endpoints" } as const;

/**
 * Coarse NSG rules of the servers subnet: one per protocol and port, from the
 * sites the firewall rules name. Priorities follow the sorted rule names, so
 * the same file always gives the same NSG.
 */
export function serverSubnetNsgRules(rules: readonly TenantFirewallRule[], serversPrefix: string): NsgRuleArgs[] {
  const byPort = new Map<string, { protocol: "Tcp" | "Udp"; port: number; sources: Set<string> }>();
  for (const r of rules) {
    const key = `${r.protocol.toLowerCase()}-${r.port}`;
    const entry = byPort.get(key) ?? { protocol: r.protocol, port: r.port, sources: new Set<string>() };
    r.sourcePrefixes.forEach((p) => entry.sources.add(p));
    byPort.set(key, entry);
  }
  const keys = [...byPort.keys()].sort();
  if (keys.length > 390) throw new Error(`the servers subnet would need ${keys.length} NSG rules; at most 390 distinct ports per municipality fit`);
  return keys.map((key, i) => {
    const e = byPort.get(key)!;
    return {
      name: `allow-sites-${key}`,
      priority: 100 + i * 10,
      direction: "Inbound",
      access: "Allow",
      protocol: e.protocol,
      sourceAddressPrefixes: [...e.sources].sort(),
      destinationAddressPrefixes: [serversPrefix],
      destinationPortRanges: [String(e.port)],
      description: "The municipality's own sites to its servers (exact per-server rule on the firewall).",
    } satisfies NsgRuleArgs;
  });
}

/** Above every site rule (at most 100 + 389 × 10 = 3990), below the guard rules. */
export const BASTION_RULE_PRIORITY = USER_PRIORITY_MAX;

/**
 * SSH and RDP to the servers from the hub's Bastion subnet and nowhere else:
 * Bastion puts Entra ID sign-in and its audit log in front of every session,
 * so no management port needs to face a site or the internet.
 */
export function bastionManagementRule(bastionSubnetPrefix: string, serversPrefix: string): NsgRuleArgs {
  const parsed = parseCidr(bastionSubnetPrefix);
  if (!parsed || parsed.canonical !== bastionSubnetPrefix || parsed.prefixLength < 16) {
    throw new Error(
      `platform reference bastionSubnetPrefix is ${JSON.stringify(bastionSubnetPrefix)}; expected the hub's AzureBastionSubnet range ` +
        "(a canonical IPv4 CIDR of /16 or smaller, e.g. 10.64.0.192/26). Redeploy the unit stack, which publishes it.",
    );
  }
  return {
    name: "allow-bastion-management",
    priority: BASTION_RULE_PRIORITY,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefixes: [bastionSubnetPrefix],
    destinationAddressPrefixes: [serversPrefix],
    destinationPortRanges: ["22", "3389"],
    description: "SSH and RDP only through the hub's Azure Bastion (Entra ID sign-in, audited sessions).",
  };
}

/**
 * The unit cluster's ingress add-on fetches each exposed workload's TLS
 * certificate from the municipality's own Key Vault, through its private
 * endpoint: HTTPS from the cluster's range to the private-endpoint subnet,
 * and nothing else from the cluster.
 */
export function keyVaultFromClusterRule(clusterPrefix: string, privateEndpointsPrefix: string): NsgRuleArgs {
  return {
    name: "allow-cluster-to-key-vault",
    priority: 300,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefixes: [clusterPrefix],
    destinationAddressPrefixes: [privateEndpointsPrefix],
    destinationPortRanges: ["443"],
    description: "The cluster's ingress reads this municipality's TLS certificates from its Key Vault.",
  };
}

export interface TenantSpokeArgs {
  unitId: string;
  code: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  addressSpace: string;
  subnets: { servers: string; privateEndpoints: string };
  /** Empty when the municipality is retired: the spoke stays, nothing reaches it. */
  firewallRules: TenantFirewallRule[];
  /** SSH and RDP from the hub's Bastion, when the platform has one; false once no server is left. */
  managementAccess: boolean;
  /** The cluster's range, when its ingress reads TLS certificates from this municipality's Key Vault. */
  certificateReaderPrefix?: string;
  platform: TenantPlatformRefs;
  tags: Record<string, string>;
}

/** The municipality's spoke: servers and private-endpoint subnets, peered with the hub only. */
export function createTenantSpoke(parent: pulumi.Resource, name: string, args: TenantSpokeArgs): Spoke {
  return new Spoke(
    name,
    {
      unitId: args.unitId,
      key: `k${args.code}`,
      location: args.location,
      resourceGroupName: args.resourceGroupName,
      addressSpace: args.addressSpace,
      subnets: {
        [TENANT_SUBNETS.servers]: {
          addressPrefix: args.subnets.servers,
          nsgRules: [
            ...serverSubnetNsgRules(args.firewallRules, args.subnets.servers),
            ...(args.managementAccess && args.platform.bastionSubnetPrefix !== undefined
              ? [bastionManagementRule(args.platform.bastionSubnetPrefix, args.subnets.servers)]
              : []),
          ],
        },
        [TENANT_SUBNETS.privateEndpoints]: {
          addressPrefix: args.subnets.privateEndpoints,
          nsgRules:
            args.certificateReaderPrefix !== undefined ? [keyVaultFromClusterRule(args.certificateReaderPrefix, args.subnets.privateEndpoints)] : [],
        },
      },
      hub: hubConnectionFromRefs(args.platform),
      workspaceId: args.platform.workspaceId,
      tags: args.tags,
    },
    { parent },
  );
}

export interface TenantFirewallRulesArgs {
  code: string;
  priority: number;
  ruleCollectionGroupName: string;
  rules: TenantFirewallRule[];
  /** Each server's private address, by workload name. */
  destinations: Record<string, pulumi.Input<string>>;
  /** Extra destinations reachable from every site on 443 (the internal ingress), when the platform has one. */
  internalIngressAddress?: pulumi.Input<string>;
  /** Cluster range and this municipality's private-endpoint subnet, when the ingress reads its certificates. */
  certificateAccess?: { clusterPrefix: string; privateEndpointsPrefix: string };
  allSitePrefixes: string[];
  platform: TenantPlatformRefs;
  after?: pulumi.Resource;
}

const TENANT_FIREWALL_RULES_TYPE = "driftsenhed:tenant:TenantFirewallRules";

/** The municipality's own rule collection group on the unit's firewall policy. */
export class TenantFirewallRules extends pulumi.ComponentResource {
  public readonly group: network.FirewallPolicyRuleCollectionGroup;

  constructor(name: string, args: TenantFirewallRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TENANT_FIREWALL_RULES_TYPE, name, {}, opts);
    rejectArgs(
      this,
      TENANT_FIREWALL_RULES_TYPE,
      name,
      args.rules.flatMap((r, i) =>
        args.destinations[r.workload] === undefined
          ? [{ path: `rules.${i}.workload`, message: `firewall rule '${r.name}' of municipality ${args.code} names workload '${r.workload}', which is not one of its servers`, value: r.workload }]
          : [],
      ),
    );
    const rules = args.rules.map((r) => {
      const destination = args.destinations[r.workload]!;
      return {
        ruleType: "NetworkRule" as const,
        name: r.name,
        description: `Sites ${r.sites.join(", ")} of municipality ${args.code} to ${r.workload}.`,
        ipProtocols: [r.protocol.toUpperCase()],
        sourceAddresses: r.sourcePrefixes,
        destinationAddresses: [pulumi.output(destination)],
        destinationPorts: [String(r.port)],
      };
    });
    if (args.internalIngressAddress !== undefined && args.allSitePrefixes.length > 0) {
      rules.push({
        ruleType: "NetworkRule",
        name: "internal-ingress-https",
        description: `Sites of municipality ${args.code} to the unit's internal ingress; the Ingress admits only these sources for its hosts.`,
        ipProtocols: ["TCP"],
        sourceAddresses: args.allSitePrefixes,
        destinationAddresses: [pulumi.output(args.internalIngressAddress)],
        destinationPorts: ["443"],
      });
    }
    if (args.certificateAccess !== undefined) {
      rules.push({
        ruleType: "NetworkRule",
        name: "cluster-to-key-vault",
        description: `The unit cluster's ingress to the Key Vault of municipality ${args.code}, for its TLS certificates.`,
        ipProtocols: ["TCP"],
        sourceAddresses: [args.certificateAccess.clusterPrefix],
        destinationAddresses: [pulumi.output(args.certificateAccess.privateEndpointsPrefix)],
        destinationPorts: ["443"],
      });
    }
    this.group = new network.FirewallPolicyRuleCollectionGroup(
      `${name}-rcg`,
      {
        resourceGroupName: args.platform.hubResourceGroupName,
        firewallPolicyName: args.platform.firewallPolicyName,
        ruleCollectionGroupName: args.ruleCollectionGroupName,
        priority: args.priority,
        ruleCollections:
          rules.length === 0
            ? []
            : [{ ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "sites-to-workloads", priority: 100, action: { type: "Allow" }, rules }],
      },
      // Azure refuses concurrent writes to one firewall policy.
      { parent: this, ...(args.after ? { dependsOn: [args.after] } : {}) },
    );
    this.registerOutputs({ ruleCollectionGroupId: this.group.id });
  }
}

/** `municipality-k<code>`: the group's name on the shared policy. */
export function ruleCollectionGroupName(code: string): string {
  return `municipality-k${code}`;
}
