/**
 * The unit's shared Kubernetes cluster (AKS), hardened to the landing-zone
 * guardrails: private API server, Entra ID with Azure RBAC and no local
 * accounts, network policy, egress only through the hub firewall, Defender,
 * Azure Policy and logs to the unit workspace.
 *
 * Node pools: the system pool is inline (AKS cannot be created without
 * one); user pools are separate AgentPool resources. Adding a pool inline
 * to an existing cluster is rejected by AKS ("A new agent pool was
 * introduced", pulumi-azure-native#579), and changing one inline pool puts
 * every pool into Scaling (pulumi-azure-native#4264). A separate AgentPool
 * changes only itself.
 */
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice/index.js";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import { Provider } from "@pulumi/kubernetes/provider.js";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { azureName, platformResourceGroupName } from "../vocabulary/naming.js";
import { DEFAULTS } from "../vocabulary/defaults.js";
import {
  DEFAULT_MAINTENANCE_WINDOW,
  DEFAULT_SYSTEM_POOL,
  DEFAULT_UTC_OFFSET,
  DEFAULT_ZONES,
  CLUSTER_INGRESS_CLASSES,
  type ServerClusterArgs,
} from "./args.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { BUILT_IN_ROLES, roleAssignmentName } from "../identity/roles.js";
import { decodeKubeconfig, withKubeloginMode } from "./kubeconfig.js";
import { clusterArgsProblems, dnsServiceIpFor } from "./validation.js";
import { rejectArgs } from "../errors.js";

export const SERVER_CLUSTER_TYPE = "driftsenhed:cluster:ServerCluster";
import { resourceGroupFor } from "../resources/resource-group.js";

export * from "./args.js";
export type { KubeloginMode } from "./kubeconfig.js";

export class ServerCluster extends pulumi.ComponentResource {
  public readonly clusterId: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;
  public readonly resourceGroupName: pulumi.Output<string>;
  /** For workload identity federation. */
  public readonly oidcIssuerUrl: pulumi.Output<string>;
  /** Secret. Entra ID kubeconfig with the chosen kubelogin mode. */
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly provider: Provider;
  /**
   * Object id of the application routing add-on's managed identity: it reads
   * the Ingresses' TLS certificates from Key Vault. Empty where Azure does
   * not report it (before creation in a preview, under the mock runtime).
   */
  public readonly appRoutingIdentityObjectId: pulumi.Output<string>;
  /** The internal ingress controller's fixed address, when there is one. */
  public readonly internalIngressAddress?: string;

  constructor(name: string, args: ServerClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SERVER_CLUSTER_TYPE, name, {}, opts);
    const checked = clusterArgsProblems(args);
    rejectArgs(this, SERVER_CLUSTER_TYPE, name, checked.problems);
    // Without problems the service range parsed.
    const serviceRange = checked.serviceRange!;
    const { unitId, location, tags } = args;
    const clusterName = azureName("aksCluster", unitId);
    const privateDnsZone = args.privateDnsZoneId ?? "system";

    const resourceGroupName = resourceGroupFor(this, name, args.resourceGroupName, {
      resourceGroupName: platformResourceGroupName(unitId, "cluster"),
      location,
      tags,
    });

    // What AKS's own identity needs before the cluster can be created:
    // join the node subnet, read the route table, write the private zone.
    const grant = (key: string, scope: pulumi.Input<string>, role: keyof typeof BUILT_IN_ROLES) =>
      new authorization.RoleAssignment(
        `${name}-ra-${key}`,
        {
          roleAssignmentName: pulumi
            .output(args.identity.principalId)
            .apply((p) => roleAssignmentName(unitId, `cluster-${key}`, role, p)),
          scope,
          roleDefinitionId: pulumi
            .output(scope)
            .apply((s) => `${subscriptionOf(s)}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`),
          principalId: args.identity.principalId,
          principalType: "ServicePrincipal",
        },
        { parent: this },
      );
    const grants = [grant("subnet", args.nodeSubnetId, "networkContributor")];
    if (args.routeTableId !== undefined) grants.push(grant("routes", args.routeTableId, "networkContributor"));
    if (args.privateDnsZoneId !== undefined) {
      grants.push(grant("dns", args.privateDnsZoneId, "privateDnsZoneContributor"));
      // With its own private DNS zone, AKS links the zone to the cluster's
      // virtual network itself, which needs rights on the network, not only
      // on the node subnet.
      if (args.virtualNetworkId !== undefined) grants.push(grant("vnet", args.virtualNetworkId, "networkContributor"));
    }

    const system = args.systemPool ?? {};
    const encryptionAtHost = args.encryptionAtHost ?? true;
    const cluster = new containerservice.ManagedCluster(
      `${name}-aks`,
      {
        resourceName: clusterName,
        resourceGroupName,
        location,
        dnsPrefix: clusterName,
        kubernetesVersion: args.kubernetesVersion ?? DEFAULTS.cluster.kubernetesVersion,
        nodeResourceGroup: `${platformResourceGroupName(unitId, "cluster")}-nodes`,
        // Nobody edits the AKS-managed node resource group by hand.
        nodeResourceGroupProfile: { restrictionLevel: "ReadOnly" },
        sku: { name: "Base", tier: "Standard" },
        identity: { type: "UserAssigned", userAssignedIdentities: [args.identity.resourceId] },
        enableRBAC: true,
        disableLocalAccounts: true,
        aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds },
        apiServerAccessProfile: {
          enablePrivateCluster: true,
          enablePrivateClusterPublicFQDN: false,
          privateDNSZone: privateDnsZone,
          // `az aks command invoke` would reach the API server around the network path.
          disableRunCommand: true,
        },
        publicNetworkAccess: "Disabled",
        networkProfile: {
          networkPlugin: "azure",
          networkPluginMode: "overlay",
          networkDataplane: "cilium",
          networkPolicy: "cilium",
          outboundType: "userDefinedRouting",
          loadBalancerSku: "standard",
          podCidr: args.podCidr ?? DEFAULTS.cluster.podCidr,
          serviceCidr: args.serviceCidr ?? DEFAULTS.cluster.serviceCidr,
          dnsServiceIP: args.dnsServiceIp ?? dnsServiceIpFor(serviceRange),
        },
        agentPoolProfiles: [
          {
            name: "system",
            mode: "System",
            vmSize: system.vmSize ?? DEFAULT_SYSTEM_POOL.vmSize,
            osType: "Linux",
            osSKU: "AzureLinux",
            type: "VirtualMachineScaleSets",
            enableAutoScaling: true,
            minCount: system.minCount ?? DEFAULT_SYSTEM_POOL.minCount,
            maxCount: system.maxCount ?? DEFAULT_SYSTEM_POOL.maxCount,
            count: system.minCount ?? DEFAULT_SYSTEM_POOL.minCount,
            availabilityZones: system.availabilityZones ?? DEFAULT_ZONES,
            vnetSubnetID: args.nodeSubnetId,
            enableNodePublicIP: false,
            enableEncryptionAtHost: encryptionAtHost,
            // Only kube-system workloads on the system pool.
            nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
            upgradeSettings: { maxSurge: "33%" },
            tags,
          },
        ],
        autoUpgradeProfile: {
          upgradeChannel: args.upgradeChannel ?? DEFAULTS.cluster.upgradeChannel,
          nodeOSUpgradeChannel: args.nodeOSUpgradeChannel ?? DEFAULTS.cluster.nodeOsUpgradeChannel,
        },
        oidcIssuerProfile: { enabled: true },
        securityProfile: {
          workloadIdentity: { enabled: true },
          defender: { logAnalyticsWorkspaceResourceId: args.workspaceId, securityMonitoring: { enabled: true } },
          imageCleaner: { enabled: true, intervalHours: 48 },
        },
        // Container insights to the unit workspace. Managed Prometheus
        // (azureMonitorProfile.metrics) would need an Azure Monitor
        // workspace the unit does not have.
        // Application routing (managed NGINX), the controllers tenants' Ingresses use.
        // The default controller sits on an internal load balancer too: the
        // hub is the only place with public addresses, and with egress through
        // the firewall a public load balancer's replies would bypass it and be dropped.
        ingressProfile: { webAppRouting: { enabled: true, nginx: { defaultIngressControllerType: "Internal" } } },
        addonProfiles: {
          omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: args.workspaceId, useAADAuth: "true" } },
          azurepolicy: { enabled: true, config: { version: "v2" } },
        },
        tags,
      },
      // The autoscaler owns the node count once the cluster exists.
      { parent: this, dependsOn: grants, ignoreChanges: ["agentPoolProfiles[0].count"] },
    );

    for (const [poolName, pool] of Object.entries(args.userPools ?? {})) {
      new containerservice.AgentPool(
        `${name}-pool-${poolName}`,
        {
          agentPoolName: poolName,
          resourceName: cluster.name,
          resourceGroupName,
          mode: "User",
          vmSize: pool.vmSize,
          osType: "Linux",
          osSKU: "AzureLinux",
          type: "VirtualMachineScaleSets",
          enableAutoScaling: true,
          minCount: pool.minCount,
          maxCount: pool.maxCount,
          count: pool.minCount,
          availabilityZones: pool.availabilityZones ?? DEFAULT_ZONES,
          vnetSubnetID: pool.vnetSubnetId ?? args.nodeSubnetId,
          enableNodePublicIP: false,
          enableEncryptionAtHost: encryptionAtHost,
          nodeLabels: pool.nodeLabels,
          nodeTaints: pool.nodeTaints,
          upgradeSettings: { maxSurge: "33%" },
          tags,
        },
        { parent: this, ignoreChanges: ["count"] },
      );
    }

    const window = args.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW;
    // Both schedules: without the node OS one, node image upgrades could start at any time.
    for (const configName of ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"] as const) {
      new containerservice.MaintenanceConfiguration(
        `${name}-${configName}`,
        {
          configName,
          resourceName: cluster.name,
          resourceGroupName,
          maintenanceWindow: {
            schedule: { weekly: { dayOfWeek: window.dayOfWeek, intervalWeeks: 1 } },
            startTime: window.startTime,
            durationHours: window.durationHours,
            utcOffset: window.utcOffset ?? DEFAULT_UTC_OFFSET,
          },
        },
        { parent: this },
      );
    }

    attachDiagnostics(this, { key: `${name}-aks`, resourceId: cluster.id }, args.workspaceId);

    const credentials = containerservice.listManagedClusterUserCredentialsOutput(
      { resourceGroupName, resourceName: cluster.name, format: "exec" },
      { parent: this },
    );
    const kubeconfig = pulumi.secret(
      credentials.kubeconfigs.apply((k) =>
        withKubeloginMode(decodeKubeconfig(k, clusterName), args.kubeloginMode ?? "azurecli"),
      ),
    );
    const provider = new Provider(
      `${name}-k8s`,
      { kubeconfig, enableServerSideApply: true },
      { parent: this },
    );

    if (args.internalIngressAddress !== undefined) {
      // Cluster-scoped; the add-on creates its Service in app-routing-system.
      new CustomResource(
        `${name}-ingress-internal`,
        {
          apiVersion: "approuting.kubernetes.azure.com/v1alpha1",
          kind: "NginxIngressController",
          metadata: { name: CLUSTER_INGRESS_CLASSES.internal },
          spec: {
            ingressClassName: CLUSTER_INGRESS_CLASSES.internal,
            controllerNamePrefix: CLUSTER_INGRESS_CLASSES.internal,
            loadBalancerAnnotations: {
              "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
              // Fixed, so the firewall rules that admit sites can name it.
              "service.beta.kubernetes.io/azure-load-balancer-ipv4": args.internalIngressAddress,
            },
          },
        },
        // The kind exists only once the add-on is running on the cluster.
        { parent: this, provider, dependsOn: [cluster] },
      );
      this.internalIngressAddress = args.internalIngressAddress;
    }

    this.clusterId = cluster.id;
    this.clusterName = cluster.name;
    this.resourceGroupName = resourceGroupName;
    this.oidcIssuerUrl = cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? "");
    this.kubeconfig = kubeconfig;
    this.provider = provider;
    this.appRoutingIdentityObjectId = cluster.ingressProfile.apply((p) => p?.webAppRouting?.identity?.objectId ?? "");
    this.registerOutputs({
      clusterId: this.clusterId,
      clusterName: this.clusterName,
      resourceGroupName: this.resourceGroupName,
      oidcIssuerUrl: this.oidcIssuerUrl,
      kubeconfig: this.kubeconfig,
    });
  }
}

/** `/subscriptions/<id>` of an ARM id: built-in roles are addressed per subscription. */
function subscriptionOf(armId: string): string {
  const m = /^\/subscriptions\/[^/]+/i.exec(armId);
  if (!m) throw new Error(`Expected an ARM id starting with /subscriptions/<id>, got ${JSON.stringify(armId)}.`);
  return m[0];
}

