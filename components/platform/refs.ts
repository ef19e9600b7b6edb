/**
 * What a municipality tenant needs from its unit's platform.
 *
 * `PlatformRefsData` is plain strings (or outputs of strings) so that it can be
 * exported as a stack output and read back through a StackReference when a
 * unit runs one stack per municipality. The kubernetes provider cannot cross a
 * stack boundary, so it is rebuilt from the cluster's kubeconfig on that side.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";

/** Backup tiers that workloads refer to by name. */
export type BackupTier = "standard" | "critical";

/** Private DNS zones the platform hosts in the hub for private endpoints. */
export type PrivateDnsZoneKey = "keyVault" | "blob" | "file" | "monitor" | "oms" | "ods" | "agentSvc" | "aks";

export interface PlatformRefsData {
  unitId: string;
  location: string;
  /** Resource group holding the hub network, firewall and gateways. */
  hubResourceGroupName: pulumi.Input<string>;
  hubVnetId: pulumi.Input<string>;
  hubVnetName: pulumi.Input<string>;
  /** Next hop for every spoke's default route. */
  firewallPrivateIp: pulumi.Input<string>;
  firewallPolicyId: pulumi.Input<string>;
  firewallPolicyName: pulumi.Input<string>;
  /** Absent when the unit has no VPN gateway. */
  vpnGatewayId?: pulumi.Input<string>;
  vpnGatewayName?: pulumi.Input<string>;
  /** The hub's reserved range; no spoke may overlap it. */
  hubAddressSpace: string;
  /** Hub subnet for the platform's own private endpoints (always set by OperatingUnitPlatform). */
  hubPrivateEndpointSubnetId?: pulumi.Input<string>;
  /** Absent when the unit has no ExpressRoute gateway. */
  expressRouteGatewayId?: pulumi.Input<string>;
  expressRouteGatewayName?: pulumi.Input<string>;
  /**
   * GatewaySubnet's route table, present when the hub has any gateway: each
   * spoke adds "my range via the firewall" to it, so traffic from sites is
   * inspected on the way in as well as out.
   */
  gatewayRouteTableName?: pulumi.Input<string>;
  /**
   * AzureBastionSubnet's range, present when the hub has Bastion: the only
   * source from which a tenant's servers subnet admits SSH and RDP.
   */
  bastionSubnetPrefix?: string;
  /**
   * Fixed private address of the cluster's internal ingress controller
   * (class nginx-internal), present with a cluster: the target of the
   * tenants' site-to-ingress firewall rules.
   */
  internalIngressAddress?: string;
  /** Present when the unit has a DDoS protection plan: every spoke network attaches to it. */
  ddosProtectionPlanId?: pulumi.Input<string>;
  /** The SOC's action group, for alerts tenants add (always set by OperatingUnitPlatform). */
  socActionGroupId?: pulumi.Input<string>;
  privateDnsZoneIds: Record<PrivateDnsZoneKey, pulumi.Input<string>>;
  /** Log Analytics workspace ARM id (diagnostic settings target). */
  workspaceId: pulumi.Input<string>;
  /** Data collection rule that the Azure Monitor agent on servers uses. */
  serverDataCollectionRuleId: pulumi.Input<string>;
  /** Maintenance configuration for platform patching of servers. */
  serverMaintenanceConfigurationId: pulumi.Input<string>;
  backupVaultName: pulumi.Input<string>;
  backupResourceGroupName: pulumi.Input<string>;
  backupVaultId: pulumi.Input<string>;
  backupPolicyIds: Record<BackupTier, pulumi.Input<string>>;
  /** Custom role granted to a municipality's operator group on its own scope. */
  municipalityOperatorRoleDefinitionId: pulumi.Input<string>;
  cluster?: {
    id: pulumi.Input<string>;
    name: pulumi.Input<string>;
    resourceGroupName: pulumi.Input<string>;
    /** Secret. Used to rebuild the provider in a per-municipality stack. */
    kubeconfig: pulumi.Input<string>;
    /** Registries that container images may come from. */
    allowedRegistries: string[];
    /**
     * Object id of the application routing add-on's identity: each tenant
     * grants it the reading of TLS certificates on its own Key Vault. Absent
     * in references exported before the add-on was enabled.
     */
    appRoutingIdentityObjectId?: pulumi.Input<string>;
    /**
     * The cluster spoke's range: the source address of the cluster's traffic
     * to tenants' private endpoints (TLS certificates from their Key Vaults).
     * Absent in references exported before it was added.
     */
    addressSpace?: string;
  };
}

export interface PlatformRefs extends PlatformRefsData {
  /** Provider for the unit's cluster; present when `cluster` is. */
  kubernetesProvider?: k8s.Provider;
  /**
   * The hub's gateways, when they are built in the same program: a spoke's
   * peering that uses them can only be created once they exist. Empty when
   * the refs come from another stack (the gateways exist already).
   */
  hubGateways?: pulumi.Resource[];
}
