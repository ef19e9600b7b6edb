/**
 * Which input properties force a replacement, per resource type, in the
 * stand-in providers. The stand-ins diff old inputs against new ones; a
 * changed property listed here makes the engine replace the resource (and,
 * for a protected resource, refuse), any other change is an in-place update.
 *
 * azure-native: every resource is addressed by its URL (subscription,
 * resource group, parent resource names, its own name); changing any of them
 * is a different Azure resource, and Azure does not move resources between
 * regions. So for every azure-native type: `resourceGroupName`, `location`,
 * the type's own name property (`<kind>Name`, e.g. `virtualNetworkName` for
 * VirtualNetwork), and the parent names of the type in `AZURE_PARENT_KEYS`.
 * A few types also have body properties Azure cannot change after creation
 * (`AZURE_IMMUTABLE_KEYS`).
 *
 * kubernetes: `metadata.name` and `metadata.namespace` (identity of the
 * object), and the immutable fields the program sets (a Deployment's
 * `spec.selector`).
 *
 * random: every input (the random provider marks all arguments ForceNew).
 *
 * Provider configuration (`pulumi:providers:kubernetes`): a change of the
 * cluster the kubeconfig points at (its current context's server) replaces the
 * provider and so everything it manages; any other change (new credentials of
 * the same cluster) is an update.
 */

/** Common to every azure-native type. */
export const AZURE_COMMON_KEYS = ["resourceGroupName", "location"] as const;

/** Path parameters besides the resource group and the type's own `<kind>Name`. */
export const AZURE_PARENT_KEYS: Record<string, readonly string[]> = {
  "azure-native:authorization:RoleAssignment": ["scope", "roleAssignmentName"],
  "azure-native:authorization:RoleDefinition": ["scope", "roleDefinitionId"],
  "azure-native:compute:VirtualMachineExtension": ["vmName", "vmExtensionName"],
  "azure-native:containerservice:AgentPool": ["resourceName", "agentPoolName"],
  "azure-native:containerservice:MaintenanceConfiguration": ["resourceName", "configName"],
  "azure-native:containerservice:ManagedCluster": ["resourceName"],
  "azure-native:keyvault:Key": ["vaultName", "keyName"],
  "azure-native:keyvault:Secret": ["vaultName", "secretName"],
  "azure-native:maintenance:ConfigurationAssignment": ["providerName", "resourceType", "resourceName", "configurationAssignmentName"],
  "azure-native:maintenance:MaintenanceConfiguration": ["resourceName"],
  "azure-native:monitor:DataCollectionRuleAssociation": ["resourceUri", "associationName"],
  "azure-native:monitor:DiagnosticSetting": ["resourceUri", "name"],
  "azure-native:monitor:PrivateLinkScopedResource": ["scopeName", "name"],
  "azure-native:network:PrivateDnsZoneGroup": ["privateEndpointName", "privateDnsZoneGroupName"],
  "azure-native:network:Route": ["routeTableName", "routeName"],
  "azure-native:network:Subnet": ["virtualNetworkName", "subnetName"],
  "azure-native:network:FirewallPolicyRuleCollectionGroup": ["firewallPolicyName", "ruleCollectionGroupName"],
  "azure-native:network:VirtualNetworkGatewayNatRule": ["virtualNetworkGatewayName", "natRuleName"],
  "azure-native:network:VirtualNetworkPeering": ["virtualNetworkName", "virtualNetworkPeeringName"],
  "azure-native:operationalinsights:Workspace": ["workspaceName"],
  "azure-native:privatedns:PrivateZone": ["privateZoneName"],
  "azure-native:privatedns:VirtualNetworkLink": ["privateZoneName", "virtualNetworkLinkName"],
  "azure-native:recoveryservices:ProtectedItem": ["vaultName", "fabricName", "containerName", "protectedItemName"],
  "azure-native:recoveryservices:ProtectionPolicy": ["vaultName", "policyName"],
  "azure-native:security:Pricing": ["scopeId", "pricingName"],
  "azure-native:security:SecurityContact": ["securityContactName"],
  "azure-native:securityinsights:SentinelOnboardingState": ["workspaceName", "sentinelOnboardingStateName"],
};

/** Body properties Azure fixes at creation. */
export const AZURE_IMMUTABLE_KEYS: Record<string, readonly string[]> = {
  "azure-native:authorization:RoleAssignment": ["principalId", "roleDefinitionId"],
  "azure-native:compute:Disk": ["creationData", "zones"],
  "azure-native:compute:VirtualMachine": ["zones"],
  "azure-native:network:PublicIPAddress": ["zones"],
  "azure-native:keyvault:Key": ["kty"],
};

export const KUBERNETES_REPLACE_KEYS: readonly string[] = ["metadata.name", "metadata.namespace"];
export const KUBERNETES_IMMUTABLE_KEYS: Record<string, readonly string[]> = {
  "kubernetes:apps/v1:Deployment": ["spec.selector"],
};

/** Property paths (dot-separated) whose change replaces a resource of `type` of package `pkg`. */
export function replaceKeys(pkg: string, type: string, inputs: Record<string, unknown>): string[] | "all" {
  if (pkg === "random") return "all";
  if (pkg === "kubernetes") return [...KUBERNETES_REPLACE_KEYS, ...(KUBERNETES_IMMUTABLE_KEYS[type] ?? [])];
  const kind = type.split(":")[2] ?? "";
  const own = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`;
  void inputs;
  return [...AZURE_COMMON_KEYS, own, ...(AZURE_PARENT_KEYS[type] ?? []), ...(AZURE_IMMUTABLE_KEYS[type] ?? [])];
}
