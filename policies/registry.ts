/**
 * Every rule of the pack, in the order RULES.md lists them. Importing this
 * module has no side effects: tests and the offline plan read rules from here,
 * only policies/index.ts starts the policy server.
 */
import type { AnyRule } from "./rule.js";
import { currentRuleName, isRenamedRule, renamedRuleMessage, warnRenamedRule } from "./rule-names.js";
import { disallowPublicNetworkAccess } from "./rules/resources/disallow-public-network-access.js";
import { requireResourceGroupLocation } from "./rules/resources/require-resource-group-location.js";
import { requireTags } from "./rules/resources/require-tags.js";
import { restrictLocations } from "./rules/resources/restrict-locations.js";
import { restrictTenantResourceGroup } from "./rules/resources/restrict-tenant-resource-group.js";
import { disallowCrossTenantFirewallRules } from "./rules/network/disallow-cross-tenant-firewall-rules.js";
import { disallowCrossTenantNsgRules } from "./rules/network/disallow-cross-tenant-nsg-rules.js";
import { disallowCrossTenantPeering } from "./rules/network/disallow-cross-tenant-peering.js";
import { disallowCrossTenantRoutes } from "./rules/network/disallow-cross-tenant-routes.js";
import { disallowDefaultOutboundAccess } from "./rules/network/disallow-default-outbound-access.js";
import { disallowIpForwardingOnNic } from "./rules/network/disallow-ip-forwarding-on-nic.js";
import { disallowManagementPortsFromInternet } from "./rules/network/disallow-management-ports-from-internet.js";
import { disallowOverlappingAddressSpaces } from "./rules/network/disallow-overlapping-address-spaces.js";
import { disallowPublicIpOnNic } from "./rules/network/disallow-public-ip-on-nic.js";
import { requireDdosProtection } from "./rules/network/require-ddos-protection.js";
import { requirePrivateDnsRegistration } from "./rules/network/require-private-dns-registration.js";
import { requireSubnetNsg } from "./rules/network/require-subnet-nsg.js";
import { requireSubnetRouteTable } from "./rules/network/require-subnet-route-table.js";
import { restrictGatewaysToHub } from "./rules/network/restrict-gateways-to-hub.js";
import { requireDiskEncryptionSet } from "./rules/compute/require-disk-encryption-set.js";
import { requireManagedDisks } from "./rules/compute/require-managed-disks.js";
import { requirePlatformPatching } from "./rules/compute/require-platform-patching.js";
import { requireTrustedLaunch } from "./rules/compute/require-trusted-launch.js";
import { requireKeyVaultNetworkDefaultDeny } from "./rules/keyvault/require-network-default-deny.js";
import { requireKeyVaultPurgeProtection } from "./rules/keyvault/require-purge-protection.js";
import { requireKeyVaultRbacAuthorization } from "./rules/keyvault/require-rbac-authorization.js";
import { requireKeyVaultSoftDelete } from "./rules/keyvault/require-soft-delete.js";
import { restrictKeysToOwner } from "./rules/keyvault/restrict-keys-to-owner.js";
import { requireImmutability } from "./rules/recoveryservices/require-immutability.js";
import { requireRecoveryVaultSoftDelete } from "./rules/recoveryservices/require-soft-delete.js";
import { requireVmBackup } from "./rules/recoveryservices/require-vm-backup.js";
import { disallowBlobPublicAccess } from "./rules/storage/disallow-blob-public-access.js";
import { requireHttpsOnly } from "./rules/storage/require-https-only.js";
import { requireMinimumTls } from "./rules/storage/require-minimum-tls.js";
import { requireDiagnosticSettings } from "./rules/monitor/require-diagnostic-settings.js";
import { requireWorkspaceRetention } from "./rules/monitor/require-workspace-retention.js";
import { disallowLocalAccounts } from "./rules/containerservice/disallow-local-accounts.js";
import { disallowNodePublicIp } from "./rules/containerservice/disallow-node-public-ip.js";
import { requireEntraRbac } from "./rules/containerservice/require-entra-rbac.js";
import { requireNetworkPolicy } from "./rules/containerservice/require-network-policy.js";
import { requirePrivateCluster } from "./rules/containerservice/require-private-cluster.js";
import { disallowHostNamespaces } from "./rules/kubernetes/pod/disallow-host-namespaces.js";
import { disallowHostPathVolumes } from "./rules/kubernetes/pod/disallow-host-path-volumes.js";
import { disallowPrivilegeEscalation } from "./rules/kubernetes/pod/disallow-privilege-escalation.js";
import { disallowPrivileged } from "./rules/kubernetes/pod/disallow-privileged.js";
import { requireDefaultDenyNetworkPolicy } from "./rules/kubernetes/namespace/require-default-deny-network-policy.js";
import { requireInternalLoadBalancer } from "./rules/kubernetes/service/require-internal-load-balancer.js";
import { requireResourceLimits } from "./rules/kubernetes/pod/require-resource-limits.js";
import { requireRunAsNonRoot } from "./rules/kubernetes/pod/require-run-as-non-root.js";
import { restrictImageRegistries } from "./rules/kubernetes/pod/restrict-image-registries.js";
import { disallowInvalidExemption } from "./rules/policy/exemptions/disallow-invalid-entry.js";

export interface RuleArea {
  title: string;
  rules: readonly AnyRule[];
}

export const RULE_AREAS: readonly RuleArea[] = [
  {
    title: "Residency, attribution and tenancy",
    rules: [restrictLocations, requireTags, restrictTenantResourceGroup, requireResourceGroupLocation, disallowPublicNetworkAccess],
  },
  {
    title: "Network",
    rules: [
      disallowPublicIpOnNic,
      disallowIpForwardingOnNic,
      disallowManagementPortsFromInternet,
      requireSubnetNsg,
      disallowDefaultOutboundAccess,
      requireSubnetRouteTable,
      restrictGatewaysToHub,
      disallowCrossTenantPeering,
      disallowCrossTenantRoutes,
      disallowCrossTenantNsgRules,
      disallowCrossTenantFirewallRules,
      disallowOverlappingAddressSpaces,
      requireDdosProtection,
      requirePrivateDnsRegistration,
    ],
  },
  {
    title: "Keys and encryption",
    rules: [
      requireKeyVaultSoftDelete,
      requireKeyVaultPurgeProtection,
      requireKeyVaultRbacAuthorization,
      requireKeyVaultNetworkDefaultDeny,
      restrictKeysToOwner,
      requireDiskEncryptionSet,
    ],
  },
  { title: "Compute", rules: [requireTrustedLaunch, requireManagedDisks, requirePlatformPatching] },
  { title: "Storage", rules: [requireHttpsOnly, requireMinimumTls, disallowBlobPublicAccess] },
  { title: "Logging", rules: [requireWorkspaceRetention, requireDiagnosticSettings] },
  { title: "Backup", rules: [requireImmutability, requireRecoveryVaultSoftDelete, requireVmBackup] },
  {
    title: "AKS",
    rules: [requirePrivateCluster, disallowLocalAccounts, requireEntraRbac, requireNetworkPolicy, disallowNodePublicIp],
  },
  {
    title: "Kubernetes workloads",
    rules: [
      disallowPrivileged,
      disallowPrivilegeEscalation,
      requireRunAsNonRoot,
      disallowHostNamespaces,
      disallowHostPathVolumes,
      requireResourceLimits,
      restrictImageRegistries,
      requireInternalLoadBalancer,
      requireDefaultDenyNetworkPolicy,
    ],
  },
  { title: "Exemptions", rules: [disallowInvalidExemption] },
];

export const RULES: readonly AnyRule[] = RULE_AREAS.flatMap((a) => a.rules);

/** The rule called `name`; an old name of a renamed rule finds the rule with a deprecation warning. */
export function ruleNamed(name: string): AnyRule {
  if (isRenamedRule(name)) warnRenamedRule(renamedRuleMessage(name, "ruleNamed()"));
  const current = currentRuleName(name);
  const rule = RULES.find((r) => r.name === current);
  if (!rule) throw new Error(`No rule named '${name}'. Known rules are listed in policies/RULES.md.`);
  return rule;
}
