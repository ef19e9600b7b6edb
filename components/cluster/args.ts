/**
 * Arguments of ServerCluster, and the defaults it applies. The defaults
 * come from the configuration contract (components/vocabulary/defaults.ts), so
 * the cluster a bare configuration gets is the cluster these args get.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CLUSTER_UTC_OFFSET, DEFAULTS, type WeekDay } from "../vocabulary/defaults.js";
import type { KubeloginMode } from "./kubeconfig.js";

export interface NodePoolArgs {
  /** e.g. "Standard_D4ds_v5". */
  vmSize: string;
  /** Autoscaler bounds. */
  minCount: number;
  maxCount: number;
  /** @default DEFAULTS.cluster.zones (["1", "2", "3"]) */
  availabilityZones?: string[];
  nodeLabels?: Record<string, string>;
  nodeTaints?: string[];
  /** @default the cluster's node subnet */
  vnetSubnetId?: pulumi.Input<string>;
}

export type { WeekDay };

export interface ClusterMaintenanceWindow {
  dayOfWeek: WeekDay;
  /** "HH:MM" in utcOffset. */
  startTime: string;
  /** 4-24. */
  durationHours: number;
  /**
   * Fixed offset; AKS does not follow daylight saving time.
   * @default CLUSTER_UTC_OFFSET ("+01:00", Danish standard time)
   */
  utcOffset?: string;
}

export interface ServerClusterArgs {
  unitId: string;
  location: string;
  /**
   * Existing resource group.
   * @default a new `rg-<unit>-cluster`
   */
  resourceGroupName?: pulumi.Input<string>;
  /**
   * Kubernetes minor version; the auto-upgrade channel keeps it patched.
   * @default DEFAULTS.cluster.kubernetesVersion
   */
  kubernetesVersion?: string;
  /**
   * Subnet of the nodes (a spoke or hub subnet). With outboundType
   * userDefinedRouting AKS creates no public egress IP: the subnet MUST
   * already carry the route table that sends 0.0.0.0/0 to the hub firewall,
   * and the firewall must allow AKS's required FQDNs (AzureKubernetesService
   * FQDN tag), or node provisioning fails.
   */
  nodeSubnetId: pulumi.Input<string>;
  /** That route table; the cluster identity gets Network Contributor on it. */
  routeTableId?: pulumi.Input<string>;
  /**
   * The node subnet's virtual network. With a private DNS zone of the
   * platform's, AKS links the zone to this network itself, so the cluster
   * identity gets Network Contributor on it.
   */
  virtualNetworkId?: pulumi.Input<string>;
  /**
   * ARM id of the hub's privatelink.<region>.azmk8s.io zone
   * (PlatformRefs.privateDnsZoneIds.aks), or "system" to let AKS create its
   * own zone in the node resource group.
   * @default "system"
   */
  privateDnsZoneId?: pulumi.Input<string>;
  /**
   * Overlay pod range; private to the cluster, must not overlap serviceCidr.
   * @default DEFAULTS.cluster.podCidr
   */
  podCidr?: string;
  /**
   * Service range; must not overlap any network the cluster talks to.
   * @default DEFAULTS.cluster.serviceCidr
   */
  serviceCidr?: string;
  /** @default the tenth address of serviceCidr */
  dnsServiceIp?: string;
  /** Control-plane identity (Identity.identities.cluster). */
  identity: { resourceId: pulumi.Input<string>; principalId: pulumi.Input<string> };
  /** Entra groups that are cluster admins (Azure RBAC cluster admin). */
  adminGroupObjectIds: string[];
  /** Unit workspace: Container insights, Defender and diagnostics. */
  workspaceId: pulumi.Input<string>;
  /**
   * VM size, node counts and zones of the system pool.
   * @default DEFAULTS.cluster.systemPool, in DEFAULTS.cluster.zones
   */
  systemPool?: Partial<Pick<NodePoolArgs, "vmSize" | "minCount" | "maxCount" | "availabilityZones">>;
  /**
   * Keyed by pool name (1-12 lower-case letters/digits); the key is the pool's identity.
   * @default {} (no user pool; OperatingUnitPlatform adds DEFAULTS.cluster.userPool)
   */
  userPools?: Record<string, NodePoolArgs>;
  /** @default DEFAULTS.cluster.upgradeChannel ("stable") */
  upgradeChannel?: "patch" | "stable" | "rapid" | "node-image";
  /**
   * "NodeImage": weekly images with OS security fixes.
   * @default DEFAULTS.cluster.nodeOsUpgradeChannel ("NodeImage")
   */
  nodeOSUpgradeChannel?: "NodeImage" | "SecurityPatch" | "Unmanaged";
  /** @default DEFAULT_MAINTENANCE_WINDOW: DEFAULTS.cluster.maintenanceWindow at CLUSTER_UTC_OFFSET */
  maintenanceWindow?: ClusterMaintenanceWindow;
  /**
   * Node disks and caches encrypted at the host. Needs the subscription
   * feature Microsoft.Compute/EncryptionAtHost registered; false is the
   * documented opt-out where it cannot be.
   * @default true
   */
  encryptionAtHost?: boolean;
  /**
   * Fixed private address, in the node subnet, of the internal ingress
   * controller (class `nginx-internal`) that application routing runs
   * beside its default controller. Absent: no internal controller.
   */
  internalIngressAddress?: string;
  /**
   * How the deployment signs in to the API server.
   * @default "azurecli"
   */
  kubeloginMode?: KubeloginMode;
  tags: Record<string, string>;
}

/** Danish standard time; AKS windows do not move with daylight saving. */
export const DEFAULT_UTC_OFFSET = CLUSTER_UTC_OFFSET;
export const DEFAULT_MAINTENANCE_WINDOW: ClusterMaintenanceWindow = {
  ...DEFAULTS.cluster.maintenanceWindow,
  utcOffset: DEFAULT_UTC_OFFSET,
};
export const DEFAULT_ZONES: string[] = [...DEFAULTS.cluster.zones];
export const DEFAULT_SYSTEM_POOL = DEFAULTS.cluster.systemPool;

/** Ingress classes the cluster provides; tenants' Ingresses name them. */
export const CLUSTER_INGRESS_CLASSES = { default: "webapprouting.kubernetes.azure.com", internal: "nginx-internal" } as const;
