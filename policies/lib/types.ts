/**
 * Pulumi type tokens of the resources the rules inspect. Strings rather than
 * SDK classes so that loading the pack never loads the azure-native SDK (each
 * class drags in dozens of versioned aliases); a test pins every token to the
 * SDK class's own `__pulumiType`.
 */

export const AZ = {
  resourceGroup: "azure-native:resources:ResourceGroup",
  virtualNetwork: "azure-native:network:VirtualNetwork",
  subnet: "azure-native:network:Subnet",
  networkSecurityGroup: "azure-native:network:NetworkSecurityGroup",
  securityRule: "azure-native:network:SecurityRule",
  networkInterface: "azure-native:network:NetworkInterface",
  publicIPAddress: "azure-native:network:PublicIPAddress",
  virtualNetworkPeering: "azure-native:network:VirtualNetworkPeering",
  routeTable: "azure-native:network:RouteTable",
  route: "azure-native:network:Route",
  azureFirewall: "azure-native:network:AzureFirewall",
  firewallPolicy: "azure-native:network:FirewallPolicy",
  firewallPolicyRuleCollectionGroup: "azure-native:network:FirewallPolicyRuleCollectionGroup",
  virtualNetworkGateway: "azure-native:network:VirtualNetworkGateway",
  virtualNetworkGatewayConnection: "azure-native:network:VirtualNetworkGatewayConnection",
  localNetworkGateway: "azure-native:network:LocalNetworkGateway",
  expressRouteCircuit: "azure-native:network:ExpressRouteCircuit",
  expressRouteGateway: "azure-native:network:ExpressRouteGateway",
  vpnGateway: "azure-native:network:VpnGateway",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  privateDnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
  bastionHost: "azure-native:network:BastionHost",
  ddosProtectionPlan: "azure-native:network:DdosProtectionPlan",
  privateZone: "azure-native:privatedns:PrivateZone",
  virtualMachine: "azure-native:compute:VirtualMachine",
  disk: "azure-native:compute:Disk",
  diskEncryptionSet: "azure-native:compute:DiskEncryptionSet",
  keyVault: "azure-native:keyvault:Vault",
  key: "azure-native:keyvault:Key",
  secret: "azure-native:keyvault:Secret",
  workspace: "azure-native:operationalinsights:Workspace",
  recoveryVault: "azure-native:recoveryservices:Vault",
  protectedItem: "azure-native:recoveryservices:ProtectedItem",
  protectionPolicy: "azure-native:recoveryservices:ProtectionPolicy",
  storageAccount: "azure-native:storage:StorageAccount",
  managedCluster: "azure-native:containerservice:ManagedCluster",
  agentPool: "azure-native:containerservice:AgentPool",
  diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
} as const;

export const K8S = {
  pod: "kubernetes:core/v1:Pod",
  service: "kubernetes:core/v1:Service",
  namespace: "kubernetes:core/v1:Namespace",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  replicaSet: "kubernetes:apps/v1:ReplicaSet",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
} as const;

/**
 * Types among `AZ` whose args take no `tags` (children that inherit their
 * parent's attribution). Every other azure-native type the platform creates is
 * taggable; a test checks this split against the SDK's declarations.
 */
export const UNTAGGABLE_AZURE_TYPES: ReadonlySet<string> = new Set([
  AZ.subnet,
  AZ.securityRule,
  AZ.virtualNetworkPeering,
  AZ.route,
  AZ.firewallPolicyRuleCollectionGroup,
  AZ.privateDnsZoneGroup,
  AZ.diagnosticSetting,
]);

export const TAGGABLE_AZURE_TYPES: ReadonlySet<string> = new Set(
  Object.values(AZ).filter((t) => !UNTAGGABLE_AZURE_TYPES.has(t)),
);

/** Kubernetes kinds that carry a pod template, and where it sits. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  [K8S.pod]: ["spec"],
  [K8S.deployment]: ["spec", "template", "spec"],
  [K8S.statefulSet]: ["spec", "template", "spec"],
  [K8S.daemonSet]: ["spec", "template", "spec"],
  [K8S.replicaSet]: ["spec", "template", "spec"],
  [K8S.job]: ["spec", "template", "spec"],
  [K8S.cronJob]: ["spec", "jobTemplate", "spec", "template", "spec"],
};

export const WORKLOAD_TYPES: readonly string[] = Object.keys(POD_SPEC_PATHS);

/** Subnets whose names Azure fixes and whose NSG/route rules Azure dictates. */
export const FIXED_AZURE_SUBNETS: readonly string[] = [
  "AzureFirewallSubnet",
  "AzureFirewallManagementSubnet",
  "GatewaySubnet",
  "AzureBastionSubnet",
];
