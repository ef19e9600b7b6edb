/**
 * One table per stack rule: the compliant world passes, each failing graph is
 * one change to it, and passing variants pin the exceptions the rule allows.
 */
import type { EvaluateOptions, EvaluatedResource } from "../../../policies/evaluate.js";
import { parseExemptions } from "../../../policies/exemptions.js";
import { AZ } from "../../../policies/lib/types.js";
import type { AnyRule } from "../../../policies/rule.js";
import { restrictKeysToOwner } from "../../../policies/rules/keyvault/restrict-keys-to-owner.js";
import { requireDefaultDenyNetworkPolicy } from "../../../policies/rules/kubernetes/namespace/require-default-deny-network-policy.js";
import { requireDiagnosticSettings } from "../../../policies/rules/monitor/require-diagnostic-settings.js";
import { disallowCrossTenantFirewallRules } from "../../../policies/rules/network/disallow-cross-tenant-firewall-rules.js";
import { disallowCrossTenantNsgRules } from "../../../policies/rules/network/disallow-cross-tenant-nsg-rules.js";
import { disallowCrossTenantPeering } from "../../../policies/rules/network/disallow-cross-tenant-peering.js";
import { disallowCrossTenantRoutes } from "../../../policies/rules/network/disallow-cross-tenant-routes.js";
import { disallowIpForwardingOnNic } from "../../../policies/rules/network/disallow-ip-forwarding-on-nic.js";
import { disallowOverlappingAddressSpaces } from "../../../policies/rules/network/disallow-overlapping-address-spaces.js";
import { requireDdosProtection } from "../../../policies/rules/network/require-ddos-protection.js";
import { requirePrivateDnsRegistration } from "../../../policies/rules/network/require-private-dns-registration.js";
import { disallowInvalidExemption } from "../../../policies/rules/policy/exemptions/disallow-invalid-entry.js";
import { requireVmBackup } from "../../../policies/rules/recoveryservices/require-vm-backup.js";
import { requireResourceGroupLocation } from "../../../policies/rules/resources/require-resource-group-location.js";
import { changed, externalId, pick, resource } from "./world.js";

type World = readonly EvaluatedResource[];

export interface GraphVariant {
  name: string;
  graph: (world: World) => EvaluatedResource[];
  options?: Omit<EvaluateOptions, "rules">;
  message?: RegExp;
  /** Logical name of the resource the finding must point at. */
  at?: string;
}

export interface StackCase {
  rule: Extract<AnyRule, { kind: "stack" }>;
  failing: GraphVariant[];
  passing?: GraphVariant[];
}

const without = (world: World, ...names: string[]) => world.filter((r) => !names.includes(r.name));
const plus = (world: World, ...extra: EvaluatedResource[]) => [...world, ...extra];

export const STACK_CASES: StackCase[] = [
  {
    rule: requireResourceGroupLocation,
    failing: [{ name: "a resource in another region than its resource group", graph: (w) => changed(w, "vnet-101", (i) => (i.location = "swedencentral")), at: "vnet-101" }],
    passing: [{ name: "a resource without location", graph: (w) => changed(w, "vnet-101", (i) => delete i.location) }],
  },
  {
    rule: disallowCrossTenantPeering,
    failing: [
      {
        name: "a peering from municipality 101 to 147",
        graph: (w) =>
          plus(
            w,
            resource(AZ.virtualNetworkPeering, "peer-101-147", {
              resourceGroupName: "rg-u1-k101-net",
              virtualNetworkName: "vnet-u1-k101",
              virtualNetworkPeeringName: "to-147",
              remoteVirtualNetwork: { id: pick(w, "vnet-147").id },
            }),
          ),
        message: /municipality 101's network 'vnet-101' with municipality 147/,
        at: "peer-101-147",
      },
      {
        name: "an inline peering in 101's virtual network",
        graph: (w) => changed(w, "vnet-101", (i) => (i.virtualNetworkPeerings = [{ name: "to-147", remoteVirtualNetwork: { id: pick(w, "vnet-147").id } }])),
        message: /virtualNetworkPeerings\[0\]/,
        at: "vnet-101",
      },
      {
        name: "a peering to a network outside the stack in 147's resource group",
        graph: (w) => changed(w, "peer-101-hub", (i) => (i.remoteVirtualNetwork = { id: externalId("rg-u1-k147-net", "VirtualNetwork", "vnet-elsewhere") })),
      },
      {
        name: "a peering whose stated remote address space is 147's",
        graph: (w) =>
          changed(w, "peer-101-hub", (i) => {
            i.remoteVirtualNetwork = { id: externalId("rg-shared", "VirtualNetwork", "vnet-x") };
            i.remoteAddressSpace = { addressPrefixes: ["10.2.0.0/16"] };
          }),
      },
    ],
  },
  {
    rule: disallowCrossTenantRoutes,
    failing: [
      {
        name: "a next hop inside 147's network",
        graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "via-147", addressPrefix: "172.16.0.0/12", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.2.0.4" })),
        message: /inside municipality 147/,
        at: "rt-101",
      },
      {
        name: "147's range through the VPN gateway",
        graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "to-147", addressPrefix: "10.2.0.0/16", nextHopType: "VirtualNetworkGateway" })),
        message: /10\.2\.0\.0\/16/,
      },
      {
        name: "a separate Route for part of 147's range",
        graph: (w) => changed(w, "route-101-onprem", (i) => ((i.addressPrefix = "10.2.1.0/24"), (i.nextHopType = "VnetLocal"), delete i.nextHopIpAddress)),
        at: "route-101-onprem",
      },
      {
        name: "147's range to an appliance that is not the platform's",
        graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "to-147", addressPrefix: "10.2.0.0/16", nextHopType: "VirtualAppliance", nextHopIpAddress: "172.16.0.4" })),
      },
    ],
    passing: [
      {
        name: "147's range through the hub firewall",
        graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "to-147", addressPrefix: "10.2.0.0/16", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" })),
      },
      { name: "147's range black-holed", graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "drop-147", addressPrefix: "10.2.0.0/16", nextHopType: "None" })) },
      {
        name: "a trusted next hop named in the configuration",
        graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "to-147", addressPrefix: "10.2.0.0/16", nextHopType: "VirtualAppliance", nextHopIpAddress: "172.16.0.4" })),
        options: { config: { [disallowCrossTenantRoutes.name]: { trustedNextHops: ["172.16.0.0/24"] } } },
      },
      { name: "a supernet route (left to the firewall)", graph: (w) => changed(w, "rt-101", (i) => i.routes.push({ name: "private", addressPrefix: "10.0.0.0/8", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" })) },
    ],
  },
  {
    rule: disallowCrossTenantNsgRules,
    failing: [
      {
        name: "inbound from 147's range",
        graph: (w) => changed(w, "nsg-101-app", (i) => (i.securityRules[0].sourceAddressPrefix = "10.2.0.0/16")),
        message: /covers municipality 147/,
        at: "nsg-101-app",
      },
      {
        name: "a separate rule outbound to part of 147's range",
        graph: (w) =>
          changed(w, "nsgr-101-hub-mgmt", (i) => {
            i.direction = "Outbound";
            i.sourceAddressPrefixes = ["*"];
            i.destinationAddressPrefix = "10.2.5.0/24";
          }),
        at: "nsgr-101-hub-mgmt",
      },
      { name: "inbound from a supernet covering 147", graph: (w) => changed(w, "nsg-101-app", (i) => (i.securityRules[0].sourceAddressPrefix = "10.0.0.0/8")) },
    ],
    passing: [
      { name: "a deny rule naming 147's range", graph: (w) => changed(w, "nsg-101-app", (i) => ((i.securityRules[0].sourceAddressPrefix = "10.2.0.0/16"), (i.securityRules[0].access = "Deny"))) },
      { name: "the municipality's own range", graph: (w) => changed(w, "nsg-101-app", (i) => (i.securityRules[0].sourceAddressPrefix = "10.1.0.0/16")) },
      { name: "a service tag", graph: (w) => changed(w, "nsg-101-app", (i) => (i.securityRules[0].sourceAddressPrefix = "VirtualNetwork")) },
      { name: "a platform NSG naming tenant ranges", graph: (w) => changed(w, "nsg-hub-dns", (i) => (i.securityRules[0].sourceAddressPrefix = "10.2.0.0/16")) },
    ],
  },
  {
    rule: disallowCrossTenantFirewallRules,
    failing: [
      {
        name: "a network rule from 101 to 147",
        graph: (w) => changed(w, "rcg-u1", (i) => i.ruleCollections[0].rules.push({ ruleType: "NetworkRule", name: "101-to-147", sourceAddresses: ["10.1.0.0/16"], destinationAddresses: ["10.2.0.0/16"], destinationPorts: ["445"] })),
        message: /municipality 101 reach municipality 147/,
        at: "rcg-u1",
      },
      {
        name: "any source to 147",
        graph: (w) => changed(w, "rcg-u1", (i) => i.ruleCollections[0].rules.push({ ruleType: "NetworkRule", name: "any-to-147", sourceAddresses: ["*"], destinationAddresses: ["10.2.0.0/24"] })),
        message: /any source/,
      },
      {
        name: "an application rule with 147's addresses",
        graph: (w) => changed(w, "rcg-u1", (i) => i.ruleCollections[0].rules.push({ ruleType: "ApplicationRule", name: "app", sourceAddresses: ["10.1.0.0/16"], destinationAddresses: ["10.2.0.0/16"] })),
      },
      {
        name: "a DNAT from 101 into 147",
        graph: (w) =>
          changed(w, "rcg-u1", (i) =>
            i.ruleCollections.push({
              ruleCollectionType: "FirewallPolicyNatRuleCollection",
              name: "dnat",
              action: { type: "DNAT" },
              rules: [{ ruleType: "NatRule", name: "nat", sourceAddresses: ["10.1.0.0/16"], destinationAddresses: ["20.1.2.3"], translatedAddress: "10.2.0.10", translatedPort: "443" }],
            }),
          ),
      },
    ],
    passing: [
      {
        name: "the same flow denied",
        graph: (w) =>
          changed(w, "rcg-u1", (i) =>
            i.ruleCollections.push({ ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "deny", action: { type: "Deny" }, rules: [{ ruleType: "NetworkRule", name: "x", sourceAddresses: ["10.1.0.0/16"], destinationAddresses: ["10.2.0.0/16"] }] }),
          ),
      },
      { name: "within one municipality", graph: (w) => changed(w, "rcg-u1", (i) => i.ruleCollections[0].rules.push({ ruleType: "NetworkRule", name: "own", sourceAddresses: ["10.2.0.0/24"], destinationAddresses: ["10.2.1.0/24"] })) },
      { name: "a DNAT from the internet", graph: (w) => changed(w, "rcg-u1", (i) => i.ruleCollections.push({ ruleCollectionType: "FirewallPolicyNatRuleCollection", name: "dnat", action: { type: "DNAT" }, rules: [{ ruleType: "NatRule", name: "nat", sourceAddresses: ["*"], translatedAddress: "10.2.0.10" }] })) },
    ],
  },
  {
    rule: disallowOverlappingAddressSpaces,
    failing: [
      { name: "two spokes overlapping", graph: (w) => changed(w, "vnet-147", (i) => (i.addressSpace.addressPrefixes = ["10.1.128.0/17"])), message: /overlaps 10\.1\.0\.0\/16/ },
      { name: "an on-premises range covering the hub", graph: (w) => changed(w, "lgw-onprem", (i) => (i.localNetworkAddressSpace.addressPrefixes = ["10.0.0.0/8"])) },
    ],
  },
  {
    rule: requireDdosProtection,
    failing: [
      { name: "protection disabled", graph: (w) => changed(w, "vnet-101", (i) => (i.enableDdosProtection = false)), at: "vnet-101" },
      { name: "no plan attached", graph: (w) => changed(w, "vnet-101", (i) => delete i.ddosProtectionPlan) },
      { name: "another plan", graph: (w) => changed(w, "vnet-101", (i) => (i.ddosProtectionPlan = { id: externalId("rg-x", "DdosProtectionPlan", "other") })), message: /not one of the unit's plans/ },
      {
        name: "a plan named in the configuration but not attached",
        graph: (w) => changed(without(w, "ddos-u1"), "vnet-101", (i) => ((i.enableDdosProtection = false), delete i.ddosProtectionPlan)),
        options: { config: { [requireDdosProtection.name]: { ddosProtectionPlanIds: ["/plans/ddos"] } } },
      },
    ],
    passing: [
      {
        name: "a unit without a plan",
        graph: (w) =>
          without(w, "ddos-u1").map((r) =>
            r.type === AZ.virtualNetwork ? { ...r, inputs: { ...r.inputs, enableDdosProtection: undefined, ddosProtectionPlan: undefined } } : r,
          ),
      },
    ],
  },
  {
    rule: requirePrivateDnsRegistration,
    failing: [
      { name: "no zone group", graph: (w) => without(w, "pdzg-101-kv"), message: /registers in no private DNS zone/, at: "pep-101-kv" },
      { name: "a zone that is not the hub's", graph: (w) => changed(w, "pdzg-101-kv", (i) => (i.privateDnsZoneConfigs[0].privateDnsZoneId = externalId("rg-u1-hub", "PrivateZone", "privatelink.other"))) },
      {
        name: "a municipality's own zone when the hub zones are in another stack",
        graph: (w) => changed(without(w, "pdz-kv"), "pdzg-101-kv", (i) => (i.privateDnsZoneConfigs[0].privateDnsZoneId = externalId("rg-u1-k101-app", "PrivateZone", "privatelink.vaultcore.azure.net"))),
      },
    ],
    passing: [
      {
        name: "a platform zone in another stack",
        graph: (w) =>
          changed(changed(without(w, "pdz-kv"), "pdzg-101-kv", (i) => (i.privateDnsZoneConfigs[0].privateDnsZoneId = externalId("rg-u1-hub", "PrivateZone", "z"))), "pdzg-147-kv", (i) =>
            (i.privateDnsZoneConfigs[0].privateDnsZoneId = externalId("rg-u1-hub", "PrivateZone", "z")),
          ),
      },
    ],
  },
  {
    rule: restrictKeysToOwner,
    failing: [
      { name: "a disk encryption set keyed from another municipality's vault", graph: (w) => changed(w, "des-101", (i) => (i.activeKey = { keyUrl: "https://kv-u1-k147-9f9f.vault.azure.net/keys/des/1", sourceVault: { id: pick(w, "kv-147").id } })), message: /kommunekode 147/, at: "des-101" },
      { name: "a key URL of another municipality's vault only", graph: (w) => changed(w, "des-101", (i) => (i.activeKey = { keyUrl: "https://kv-u1-k147-9f9f.vault.azure.net/keys/des/1" })) },
      { name: "a disk using another municipality's disk encryption set", graph: (w) => changed(w, "disk-101-data", (i) => (i.encryption.diskEncryptionSetId = pick(w, "des-147").id)), at: "disk-101-data" },
      { name: "a VM using the platform's disk encryption set", graph: (w) => changed(w, "vm-101-app", (i) => (i.storageProfile.osDisk.managedDisk.diskEncryptionSet.id = pick(w, "des-platform").id)), message: /kommunekode platform/ },
      { name: "a key of 101 in 147's vault", graph: (w) => changed(w, "key-101-des", (i) => ((i.resourceGroupName = "rg-u1-k147-app"), (i.vaultName = "kv-u1-k147-9f9f"))) },
      { name: "storage encrypted with another municipality's vault", graph: (w) => changed(w, "st-101", (i) => (i.encryption.keyVaultProperties.keyVaultUri = "https://kv-u1-k147-9f9f.vault.azure.net/")) },
      { name: "the cluster using a municipality's disk encryption set", graph: (w) => changed(w, "aks-u1", (i) => (i.diskEncryptionSetID = pick(w, "des-101").id)), at: "aks-u1" },
    ],
  },
  {
    rule: requireDiagnosticSettings,
    failing: [
      { name: "a virtual network without diagnostic setting", graph: (w) => without(w, "diag-vnet-101"), message: /no diagnostic setting has resourceUri/, at: "vnet-101" },
      { name: "a Key Vault logging to another workspace", graph: (w) => changed(w, "diag-kv-101", (i) => (i.workspaceId = externalId("rg-u1-k101-app", "Workspace", "log-own"))), at: "kv-101" },
      { name: "a storage account logging the account instead of its blob service", graph: (w) => changed(w, "diag-st-101", (i) => (i.resourceUri = pick(w, "st-101").id)), at: "st-101" },
      { name: "logs disabled", graph: (w) => changed(w, "diag-aks-u1", (i) => (i.logs = [{ categoryGroup: "allLogs", enabled: false }])), at: "aks-u1" },
      {
        name: "a per-municipality stack logging to a workspace not named in the configuration",
        graph: (w) => w.filter((r) => r.name === "kv-101" || r.name === "diag-kv-101"),
        options: { config: { [requireDiagnosticSettings.name]: { workspaceIds: ["/subscriptions/0/resourceGroups/rg-u1-mgmt/providers/Microsoft.OperationalInsights/workspaces/log-u1-central"] } } },
      },
    ],
    passing: [
      {
        name: "a per-municipality stack logging to the configured unit workspace",
        graph: (w) => changed(w.filter((r) => r.name === "kv-101" || r.name === "diag-kv-101"), "diag-kv-101", (i) => (i.workspaceId = "/subscriptions/0/resourceGroups/rg-u1-mgmt/providers/Microsoft.OperationalInsights/workspaces/log-u1-central")),
        options: { config: { [requireDiagnosticSettings.name]: { workspaceIds: ["/subscriptions/0/resourceGroups/rg-u1-mgmt/providers/Microsoft.OperationalInsights/workspaces/LOG-U1-CENTRAL"] } } },
      },
      { name: "named log categories instead of allLogs", graph: (w) => changed(w, "diag-vnet-101", (i) => (i.logs = [{ category: "VMProtectionAlerts", enabled: true }])) },
    ],
  },
  {
    rule: requireVmBackup,
    failing: [
      { name: "a VM without protected item", graph: (w) => without(w, "bkp-101-app"), message: /no protected item/, at: "vm-101-app" },
      { name: "a protected item without backup policy", graph: (w) => changed(w, "bkp-101-app", (i) => delete i.properties.policyId), message: /no backup policy/ },
      { name: "an exclusion without a real reason", graph: (w) => changed(without(w, "bkp-101-app"), "vm-101-app", (i) => (i.tags.backupExclusionReason = "n/a")), message: /too short/ },
    ],
    passing: [
      { name: "an exclusion with a reason", graph: (w) => changed(without(w, "bkp-101-app"), "vm-101-app", (i) => (i.tags.backupExclusionReason = "Stateless build agent, rebuilt from its image every night")) },
      { name: "a protected item matched by its name", graph: (w) => changed(w, "bkp-101-app", (i) => delete i.properties.sourceResourceId) },
    ],
  },
  {
    rule: requireDefaultDenyNetworkPolicy,
    failing: [
      { name: "no network policy", graph: (w) => without(w, "netpol-101-default-deny"), message: /Namespace 'k101'/, at: "ns-101" },
      { name: "a policy selecting only some pods", graph: (w) => changed(w, "netpol-101-default-deny", (i) => (i.spec.podSelector = { matchLabels: { app: "web" } })) },
      { name: "a policy without Ingress", graph: (w) => changed(w, "netpol-101-default-deny", (i) => (i.spec.policyTypes = ["Egress"])) },
      { name: "a namespace without explicit name", graph: (w) => changed(w, "ns-101", (i) => delete i.metadata.name), message: /no explicit metadata\.name/ },
      {
        name: "an ingress-only policy when egress is required",
        graph: (w) => changed(w, "netpol-101-default-deny", (i) => (i.spec.policyTypes = ["Ingress"])),
        options: { config: { [requireDefaultDenyNetworkPolicy.name]: { requireEgress: true } } },
      },
    ],
    passing: [{ name: "an ingress-only policy by default", graph: (w) => changed(w, "netpol-101-default-deny", (i) => (i.spec.policyTypes = ["Ingress"])) }],
  },
  {
    rule: disallowInvalidExemption,
    failing: [
      {
        name: "an expired exemption",
        graph: (w) => [...w],
        options: {
          now: new Date("2026-03-01T00:00:00Z"),
          exemptions: parseExemptions(
            `exemptions:\n  - rule: ${disallowIpForwardingOnNic.name}\n    kommunekode: '101'\n    reason: Router appliance until the migration is finished\n    approver: Unit CISO\n    expires: 2026-02-28\n`,
            "exemptions.yaml",
          ),
        },
        message: /exemptions\.yaml:2 \(exemptions\[0\]\).*expired on 2026-02-28/,
      },
    ],
    passing: [
      {
        name: "an exemption in force on its last day",
        graph: (w) => [...w],
        options: {
          now: new Date("2026-02-28T23:59:59Z"),
          exemptions: parseExemptions(
            `exemptions:\n  - rule: ${disallowIpForwardingOnNic.name}\n    kommunekode: '101'\n    reason: Router appliance until the migration is finished\n    approver: Unit CISO\n    expires: 2026-02-28\n`,
            "exemptions.yaml",
          ),
        },
      },
    ],
  },
];

