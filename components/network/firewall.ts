/**
 * The unit's one egress and inspection point: Azure Firewall with a firewall
 * policy. Every spoke and hub subnet routes 0.0.0.0/0 here, so what this
 * policy does not allow does not leave the unit and does not cross from one
 * municipality's spoke to another's.
 *
 * Default deny: Azure Firewall denies every flow no rule allows and logs it
 * as "no rule matched". There is deliberately no catch-all deny collection:
 * network rules are evaluated before application rules across all rule
 * collection groups, so a catch-all network deny here would shadow every
 * municipality's application rules.
 *
 * NIS2 § 6 (network security), ISO 27001:2022 A.8.20-A.8.22.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import type * as inputs from "@pulumi/azure-native/types/input.js";
import { azureName } from "../vocabulary/naming.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { createPlatformPublicIp } from "./public-ip.js";
import { DEFAULTS } from "../vocabulary/defaults.js";
import { problemsFromMessages, rejectArgs } from "../errors.js";

export const HUB_FIREWALL_TYPE = "driftsenhed:network:HubFirewall";

export type Zone = "1" | "2" | "3";

export interface FirewallSettings {
  /**
   * Premium: IDPS needs it.
   * @default DEFAULTS.firewall.sku ("Premium")
   */
  sku?: "Standard" | "Premium";
  /**
   * Zones of the firewall and of the hub's public addresses.
   * @default DEFAULTS.firewall.zones (["1", "2", "3"])
   */
  zones?: Zone[];
  /**
   * Deny: traffic to and from known-malicious addresses is dropped, not only logged.
   * @default DEFAULTS.firewall.threatIntelMode ("Deny")
   */
  threatIntelMode?: "Alert" | "Deny";
  /**
   * Premium only.
   * @default DEFAULTS.firewall.idpsMode ("Deny")
   */
  idpsMode?: "Off" | "Alert" | "Deny";
  /**
   * A management NIC (AzureFirewallManagementSubnet and its own public
   * address). Needed for forced tunnelling of egress to an on-premises
   * device.
   * @default false
   */
  managementNic?: boolean;
}

/** The settings with every default applied. */
export function resolveFirewallSettings(s: FirewallSettings): Required<FirewallSettings> {
  return {
    sku: s.sku ?? DEFAULTS.firewall.sku,
    zones: [...(s.zones ?? (DEFAULTS.firewall.zones as readonly Zone[]))],
    threatIntelMode: s.threatIntelMode ?? DEFAULTS.firewall.threatIntelMode,
    idpsMode: s.idpsMode ?? DEFAULTS.firewall.idpsMode,
    managementNic: s.managementNic ?? false,
  };
}

export interface HubFirewallArgs {
  unitId: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  settings: FirewallSettings;
  firewallSubnetId: pulumi.Input<string>;
  /** Required when settings.managementNic is true. */
  managementSubnetId?: pulumi.Input<string>;
  /** The unit's whole supernet: the sources of the platform essentials. */
  unitAddressSpace: string;
  /** The cluster spoke's range, when the unit has a cluster: AKS's required egress is allowed from it only. */
  clusterAddressSpace?: string;
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** Priority of the platform's base rule collection group. Municipalities' groups come after it (1000+). */
export const PLATFORM_RULE_COLLECTION_GROUP_PRIORITY = 100;

export function firewallSettingsProblems(settings: FirewallSettings): string[] {
  const s = resolveFirewallSettings(settings);
  const problems: string[] = [];
  if (s.sku === "Standard" && s.idpsMode !== "Off") {
    problems.push(`idpsMode '${s.idpsMode}' needs the Premium firewall; set sku Premium or idpsMode Off`);
  }
  if (s.zones.length === 0) problems.push("zones is empty; list at least one of \"1\", \"2\", \"3\" (all three for zone redundancy)");
  if (new Set(s.zones).size !== s.zones.length) problems.push(`zones lists a zone twice: ${s.zones.join(", ")}`);
  return problems;
}

/**
 * The rule collections of the platform's base group: the minimum every server
 * and the cluster need to be patched and activated. Everything else is a
 * municipality's own, reviewed rule.
 */
type RuleCollection = inputs.network.FirewallPolicyFilterRuleCollectionArgs;
type ApplicationRule = inputs.network.ApplicationRuleArgs;

export function platformRuleCollections(unitAddressSpace: string, clusterAddressSpace?: string): RuleCollection[] {
  const networkEssentials: RuleCollection = {
    ruleCollectionType: "FirewallPolicyFilterRuleCollection",
    name: "platform-network-essentials",
    priority: 100,
    action: { type: "Allow" },
    rules: [
      {
        ruleType: "NetworkRule",
        name: "ntp",
        description: "Time sync for servers that do not use the Azure host clock.",
        ipProtocols: ["UDP"],
        sourceAddresses: [unitAddressSpace],
        destinationFqdns: ["time.windows.com"],
        destinationPorts: ["123"],
      },
      {
        ruleType: "NetworkRule",
        name: "windows-activation",
        description: "Azure KMS for Windows Server licence activation.",
        ipProtocols: ["TCP"],
        sourceAddresses: [unitAddressSpace],
        destinationFqdns: ["azkms.core.windows.net", "kms.core.windows.net"],
        destinationPorts: ["1688"],
      },
    ],
  };
  const appRules: ApplicationRule[] = [
    {
      ruleType: "ApplicationRule",
      name: "windows-update",
      description: "Windows Update, for platform patching of Windows servers.",
      sourceAddresses: [unitAddressSpace],
      fqdnTags: ["WindowsUpdate"],
      protocols: [
        { protocolType: "Https", port: 443 },
        { protocolType: "Http", port: 80 },
      ],
    },
    {
      ruleType: "ApplicationRule",
      name: "linux-updates",
      description: "Ubuntu's Azure mirror and Red Hat's update infrastructure in Azure, for platform patching of Linux servers.",
      sourceAddresses: [unitAddressSpace],
      targetFqdns: ["azure.archive.ubuntu.com", "rhui4-1.microsoft.com", "packages.microsoft.com"],
      protocols: [
        { protocolType: "Https", port: 443 },
        { protocolType: "Http", port: 80 },
      ],
    },
  ];
  if (clusterAddressSpace !== undefined) {
    appRules.push({
      ruleType: "ApplicationRule",
      name: "aks-required",
      description: "AKS's required outbound endpoints, from the cluster's spoke only.",
      sourceAddresses: [clusterAddressSpace],
      fqdnTags: ["AzureKubernetesService"],
      protocols: [{ protocolType: "Https", port: 443 }],
    });
  }
  const applicationEssentials: RuleCollection = {
    ruleCollectionType: "FirewallPolicyFilterRuleCollection",
    name: "platform-application-essentials",
    priority: 200,
    action: { type: "Allow" },
    rules: appRules,
  };
  return [networkEssentials, applicationEssentials];
}

export class HubFirewall extends pulumi.ComponentResource {
  public readonly firewallId: pulumi.Output<string>;
  public readonly policyId: pulumi.Output<string>;
  public readonly policyName: pulumi.Output<string>;

  constructor(name: string, args: HubFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HUB_FIREWALL_TYPE, name, {}, opts);
    const s = resolveFirewallSettings(args.settings);
    const problems = firewallSettingsProblems(s);
    if (s.managementNic && args.managementSubnetId === undefined) {
      problems.push("managementNic is true but no AzureFirewallManagementSubnet was given");
    }
    rejectArgs(this, HUB_FIREWALL_TYPE, name, problemsFromMessages(problems, "settings"));
    const common = { resourceGroupName: args.resourceGroupName, location: args.location };

    const policy = new network.FirewallPolicy(
      `${name}-policy`,
      {
        ...common,
        firewallPolicyName: azureName("firewallPolicy", args.unitId),
        sku: { tier: s.sku },
        threatIntelMode: s.threatIntelMode,
        // Spokes resolve through the firewall, so FQDN network rules see the
        // same answers as the clients, and private endpoints resolve via the
        // hub's private zones.
        dnsSettings: { enableProxy: true, requireProxyForNetworkRules: true },
        ...(s.sku === "Premium" ? { intrusionDetection: { mode: s.idpsMode } } : {}),
        tags: args.tags,
      },
      { parent: this },
    );

    const baseGroup = new network.FirewallPolicyRuleCollectionGroup(
      `${name}-platform-rules`,
      {
        resourceGroupName: args.resourceGroupName,
        firewallPolicyName: policy.name,
        ruleCollectionGroupName: "platform-essentials",
        priority: PLATFORM_RULE_COLLECTION_GROUP_PRIORITY,
        ruleCollections: platformRuleCollections(args.unitAddressSpace, args.clusterAddressSpace),
      },
      { parent: this },
    );

    const zones = [...s.zones];
    const pip = createPlatformPublicIp(this, {
      key: `${name}-pip`,
      purpose: "firewall",
      publicIpAddressName: azureName("publicIp", args.unitId, "afw"),
      ...common,
      zones,
      workspaceId: args.workspaceId,
      tags: args.tags,
    });
    const mgmtPip = s.managementNic
      ? createPlatformPublicIp(this, {
          key: `${name}-mgmt-pip`,
          purpose: "firewallManagement",
          publicIpAddressName: azureName("publicIp", args.unitId, "afw-mgmt"),
          ...common,
          zones,
          workspaceId: args.workspaceId,
          tags: args.tags,
        })
      : undefined;

    const firewall = new network.AzureFirewall(
      `${name}-afw`,
      {
        ...common,
        azureFirewallName: azureName("firewall", args.unitId),
        sku: { name: "AZFW_VNet", tier: s.sku },
        zones,
        firewallPolicy: { id: policy.id },
        ipConfigurations: [{ name: "ipconfig", subnet: { id: args.firewallSubnetId }, publicIPAddress: { id: pip.id } }],
        ...(mgmtPip && args.managementSubnetId !== undefined
          ? { managementIpConfiguration: { name: "mgmt-ipconfig", subnet: { id: args.managementSubnetId }, publicIPAddress: { id: mgmtPip.id } } }
          : {}),
        tags: args.tags,
      },
      // A policy update while rules are being written fails with a conflict in Azure.
      { parent: this, dependsOn: [baseGroup] },
    );
    attachDiagnostics(this, { key: `${name}-afw`, resourceId: firewall.id }, args.workspaceId);

    this.firewallId = firewall.id;
    this.policyId = policy.id;
    this.policyName = policy.name;
    this.registerOutputs({ firewallId: this.firewallId, policyId: this.policyId });
  }
}
