/**
 * One operating unit's shared platform, from one typed argument object:
 * monitoring first (everything logs to it), then the hub, identity and the
 * platform Key Vault, the cluster in its own spoke, server patching, backup,
 * the Azure Monitor private link and the baseline alerts.
 *
 * `refs` is the contract tenants consume; `refsData` is the same without
 * live resources, for a stack output that per-municipality stacks read back
 * with `platformRefsFromStackReference`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { NodePoolArgs, ClusterMaintenanceWindow } from "../cluster/cluster.js";
import { ServerCluster } from "../cluster/cluster.js";
import type { KubeloginMode } from "../cluster/kubeconfig.js";
import { Identity, type IdentityGroups } from "../identity/identity.js";
import { Monitoring, type DefenderPlan } from "../monitoring/monitoring.js";
import { BaselineAlerts } from "../monitoring/alerts.js";
import { ServerFoundation, type PatchSchedule } from "../servers/servers.js";
import { Backup, type BackupArgs } from "../backup/backup.js";
import { Hub, type HubArgs } from "../network/hub.js";
import { Spoke } from "../network/spoke.js";
import { clusterSpokeSubnets, clusterSubnetPrefixes, internalIngressAddress } from "./cluster-network.js";
import { hubConnectionFromRefs } from "./hub-connection.js";
import { MonitorPrivateLink } from "./monitor-private-link.js";
import type { PlatformRefs, PlatformRefsData } from "./refs.js";

export type PlatformHubArgs = Pick<
  HubArgs,
  "addressSpace" | "firewall" | "vpnGateway" | "expressRoute" | "bastion" | "ddosProtection" | "sharedServicesRules"
>;

export interface PlatformClusterArgs {
  mode: "enabled";
  /** The cluster spoke's range inside the unit supernet, /24 or larger. */
  addressSpace: string;
  kubernetesVersion?: string;
  systemPool: { vmSize: string; minCount: number; maxCount: number; availabilityZones: string[] };
  /** Keyed by pool name; the key is the pool's identity. */
  userPools: Record<string, NodePoolArgs>;
  upgradeChannel: "patch" | "stable" | "rapid" | "node-image";
  nodeOSUpgradeChannel: "NodeImage" | "SecurityPatch";
  maintenanceWindow: ClusterMaintenanceWindow;
  podCidr: string;
  serviceCidr: string;
  /** Registries municipality images may come from (published in the refs). */
  allowedRegistries: string[];
  /** Site ranges (as Azure sees them) that may reach the ingress through the firewall. */
  ingressSourcePrefixes: string[];
  kubeloginMode?: KubeloginMode;
}

export interface OperatingUnitPlatformArgs {
  unitId: string;
  location: string;
  /** The unit's supernet. */
  unitAddressSpace: string;
  /** getClientConfig(): the subscription and Entra tenant of the deployment. */
  subscriptionId: pulumi.Input<string>;
  tenantId: pulumi.Input<string>;
  /** platformTags(...) of the unit. */
  tags: Record<string, string>;
  /**
   * Workspace, vaults and backups are protected and retained on delete.
   * @default true
   */
  protectData?: boolean;
  hub: PlatformHubArgs;
  cluster: { mode: "disabled" } | PlatformClusterArgs;
  identity: { groups: IdentityGroups };
  monitoring: {
    retentionInDays: number;
    defenderPlans: DefenderPlan[];
    socEmails: string[];
    securityContactEmails: string[];
  };
  backup: Pick<BackupArgs, "redundancy" | "immutability" | "softDeleteRetentionDays" | "tiers">;
  servers: { patchSchedule: PatchSchedule };
}

export class OperatingUnitPlatform extends pulumi.ComponentResource {
  public readonly refs: PlatformRefs;
  /** `refs` without live resources: export it as a stack output. */
  public readonly refsData: PlatformRefsData;
  public readonly hub: Hub;
  public readonly cluster?: ServerCluster;

  constructor(name: string, args: OperatingUnitPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:platform:OperatingUnitPlatform", name, {}, opts);
    const { unitId, location, tags } = args;
    const protectData = args.protectData ?? true;
    const child = { parent: this };

    const monitoring = new Monitoring(
      `${name}-monitoring`,
      {
        unitId,
        location,
        subscriptionId: args.subscriptionId,
        retentionInDays: args.monitoring.retentionInDays,
        defenderPlans: args.monitoring.defenderPlans,
        socEmails: args.monitoring.socEmails,
        securityContactEmails: args.monitoring.securityContactEmails,
        tags,
        protectData,
      },
      child,
    );
    const workspaceId = monitoring.workspaceId;
    const clusterArgs = args.cluster.mode === "enabled" ? args.cluster : undefined;

    const hub = new Hub(
      `${name}-hub`,
      {
        unitId,
        location,
        unitAddressSpace: args.unitAddressSpace,
        ...args.hub,
        ...(clusterArgs ? { clusterAddressSpace: clusterArgs.addressSpace } : {}),
        workspaceId,
        tags,
      },
      child,
    );

    const identity = new Identity(
      `${name}-identity`,
      {
        unitId,
        location,
        subscriptionId: args.subscriptionId,
        tenantId: args.tenantId,
        managedIdentities: clusterArgs ? ["cluster"] : [],
        groups: args.identity.groups,
        workspaceId,
        keyVault: { subnetId: hub.privateEndpointSubnetId, privateDnsZoneId: hub.privateDnsZoneIds.keyVault },
        tags,
        protectData,
      },
      child,
    );

    new MonitorPrivateLink(
      `${name}-ampls`,
      {
        unitId,
        location,
        resourceGroupName: hub.resourceGroupName,
        workspaceId,
        subnetId: hub.privateEndpointSubnetId,
        privateDnsZoneIds: hub.privateDnsZoneIds,
        tags,
      },
      child,
    );

    const servers = new ServerFoundation(`${name}-servers`, { unitId, location, patchSchedule: args.servers.patchSchedule, tags }, child);
    const backup = new Backup(`${name}-backup`, { unitId, location, workspaceId, ...args.backup, tags, protectData }, child);

    const refsWithoutCluster: PlatformRefs = {
      unitId,
      location,
      hubResourceGroupName: hub.resourceGroupName,
      hubVnetId: hub.vnetId,
      hubVnetName: hub.vnetName,
      hubAddressSpace: hub.addressSpace,
      hubPrivateEndpointSubnetId: hub.privateEndpointSubnetId,
      firewallPrivateIp: hub.firewallPrivateIp,
      firewallPolicyId: hub.firewallPolicyId,
      firewallPolicyName: hub.firewallPolicyName,
      ...(hub.vpnGatewayId ? { vpnGatewayId: hub.vpnGatewayId, vpnGatewayName: hub.vpnGatewayName! } : {}),
      ...(hub.expressRouteGatewayId ? { expressRouteGatewayId: hub.expressRouteGatewayId, expressRouteGatewayName: hub.expressRouteGatewayName! } : {}),
      ...(hub.gatewayRouteTableName ? { gatewayRouteTableName: hub.gatewayRouteTableName } : {}),
      ...(hub.ddosProtectionPlanId ? { ddosProtectionPlanId: hub.ddosProtectionPlanId } : {}),
      ...(args.hub.bastion.mode === "enabled" ? { bastionSubnetPrefix: hub.subnetPrefixes.bastion } : {}),
      privateDnsZoneIds: hub.privateDnsZoneIds,
      workspaceId,
      socActionGroupId: monitoring.actionGroupId,
      serverDataCollectionRuleId: monitoring.serverDataCollectionRuleId,
      serverMaintenanceConfigurationId: servers.maintenanceConfigurationId,
      backupVaultName: backup.vaultName,
      backupResourceGroupName: backup.resourceGroupName,
      backupVaultId: backup.vaultId,
      backupPolicyIds: backup.policyIds,
      municipalityOperatorRoleDefinitionId: identity.municipalityOperatorRoleDefinitionId,
      hubGateways: hub.gateways,
    };

    let cluster: ServerCluster | undefined;
    if (clusterArgs) {
      const spoke = new Spoke(
        `${name}-cluster-spoke`,
        {
          unitId,
          key: "cluster",
          location,
          addressSpace: clusterArgs.addressSpace,
          subnets: clusterSpokeSubnets(clusterArgs.addressSpace, hub.subnetPrefixes.firewall, clusterArgs.ingressSourcePrefixes, clusterArgs.podCidr),
          hub: hubConnectionFromRefs(refsWithoutCluster),
          workspaceId,
          tags,
        },
        child,
      );
      const clusterIdentity = identity.identities.cluster!;
      cluster = new ServerCluster(
        `${name}-cluster`,
        {
          unitId,
          location,
          ...(clusterArgs.kubernetesVersion !== undefined ? { kubernetesVersion: clusterArgs.kubernetesVersion } : {}),
          nodeSubnetId: spoke.subnetIds.nodes!,
          routeTableId: spoke.routeTableId,
          virtualNetworkId: spoke.vnetId,
          privateDnsZoneId: hub.privateDnsZoneIds.aks,
          podCidr: clusterArgs.podCidr,
          serviceCidr: clusterArgs.serviceCidr,
          identity: { resourceId: clusterIdentity.id, principalId: clusterIdentity.principalId },
          adminGroupObjectIds: [args.identity.groups.platformAdmins],
          workspaceId,
          systemPool: clusterArgs.systemPool,
          userPools: clusterArgs.userPools,
          upgradeChannel: clusterArgs.upgradeChannel,
          nodeOSUpgradeChannel: clusterArgs.nodeOSUpgradeChannel,
          maintenanceWindow: clusterArgs.maintenanceWindow,
          internalIngressAddress: internalIngressAddress(clusterSubnetPrefixes(clusterArgs.addressSpace).nodes),
          ...(clusterArgs.kubeloginMode ? { kubeloginMode: clusterArgs.kubeloginMode } : {}),
          tags,
        },
        // Nodes egress only through the firewall: it and its AKS rule must exist first.
        { parent: this, dependsOn: [spoke, hub.firewall] },
      );
    }

    new BaselineAlerts(
      `${name}-alerts`,
      {
        unitId,
        location,
        resourceGroupName: monitoring.resourceGroupName,
        actionGroupId: monitoring.actionGroupId,
        scopes: {
          firewallId: hub.firewallId,
          ...(hub.vpnGatewayId ? { vpnGatewayId: hub.vpnGatewayId } : {}),
          ...(cluster ? { clusterId: cluster.clusterId } : {}),
          backupVaultId: backup.vaultId,
        },
        tags,
      },
      child,
    );

    const { hubGateways: _gateways, ...data } = refsWithoutCluster;
    this.refsData = {
      ...data,
      ...(cluster && clusterArgs
        ? {
            cluster: {
              id: cluster.clusterId,
              name: cluster.clusterName,
              resourceGroupName: cluster.resourceGroupName,
              kubeconfig: cluster.kubeconfig,
              allowedRegistries: [...clusterArgs.allowedRegistries],
              appRoutingIdentityObjectId: cluster.appRoutingIdentityObjectId,
              addressSpace: clusterArgs.addressSpace,
            },
            ...(cluster.internalIngressAddress !== undefined ? { internalIngressAddress: cluster.internalIngressAddress } : {}),
          }
        : {}),
    };
    this.refs = { ...this.refsData, hubGateways: hub.gateways, ...(cluster ? { kubernetesProvider: cluster.provider } : {}) };
    this.hub = hub;
    if (cluster) this.cluster = cluster;
    this.registerOutputs({ workspaceId, hubVnetId: hub.vnetId, firewallPrivateIp: hub.firewallPrivateIp });
  }
}
