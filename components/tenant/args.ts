/**
 * The typed input of a municipality tenant. Plain TypeScript, already
 * validated and defaulted: stacks/tenant-args.ts maps a unit file, a
 * municipality file and the platform's references onto it, and the
 * components below only read it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Lifecycle } from "../vocabulary/lifecycle.js";
import type { DataClassification } from "../vocabulary/tags.js";
import type { PlatformRefs } from "../platform/refs.js";
import type { VmImage, VmOs } from "./images.js";
import type { DataRelease } from "./lifecycle.js";

export interface TenantNatMapping {
  /** The site's own range. */
  internal: string;
  /** The range Azure sees instead. */
  external: string;
}

export type TenantSiteConnection =
  | { type: "vpn"; gatewayAddress: string; bgp?: { asn: number; peeringAddress: string } }
  | { type: "expressRoute"; circuitId: string };

export interface TenantSiteArgs {
  name: string;
  /** As the site announces them. */
  prefixes: string[];
  /** As Azure (and the firewall) sees them: NAT'ed prefixes replaced by their external ranges. */
  azurePrefixes: string[];
  connection: TenantSiteConnection;
  nat: TenantNatMapping[];
}

/** One allowed flow: the municipality's sites to one port of one of its servers. */
export interface TenantFirewallRule {
  /** Rule name inside the municipality's group: `<workload>-<protocol>-<port>`. */
  name: string;
  workload: string;
  port: number;
  protocol: "Tcp" | "Udp";
  /** Site names the rule admits. */
  sites: string[];
  /** Their prefixes as Azure sees them. */
  sourcePrefixes: string[];
}

export interface TenantDataDiskArgs {
  name: string;
  sizeGb: number;
  sku: "Premium_LRS" | "Premium_ZRS" | "StandardSSD_LRS" | "StandardSSD_ZRS";
  /** Logical unit on the VM: the disk's position in the file (append new disks; never reorder). */
  lun: number;
}

export type TenantBackupArgs =
  | { tier: "standard" | "critical"; policyId: pulumi.Input<string> }
  | { tier: "none"; reason: string };

export interface TenantVmArgs {
  name: string;
  os: VmOs;
  image: VmImage;
  computerName: string;
  size: string;
  zone: "1" | "2" | "3";
  osDiskSizeGb: number;
  dataDisks: TenantDataDiskArgs[];
  backup: TenantBackupArgs;
  dataClassification: DataClassification;
}

export interface ContainerPair {
  cpu: string;
  memory: string;
}

export type TenantExposure =
  | { type: "none" }
  | { type: "internet"; host: string; ingressClassName: string }
  /** `allowedSourceRanges`: the municipality's own sites and spoke; the shared internal controller admits no one else for this host. */
  | { type: "internal"; host: string; ingressClassName: string; allowedSourceRanges: string[] };

export interface TenantEgress {
  /** A CIDR, or a host name (see containers.ts for how host names are enforced). */
  to: string;
  ports: number[];
}

export interface TenantContainerWorkloadArgs {
  name: string;
  image: string;
  replicas: number;
  port: number;
  resources: { requests: ContainerPair; limits: ContainerPair };
  healthPath: string;
  exposure: TenantExposure;
  egress: TenantEgress[];
  dataClassification: DataClassification;
}

export interface TenantContainersArgs {
  /** `k<kommunekode>`. */
  namespace: string;
  quota: { cpu: string; memory: string; pods: number };
  defaultLimits: ContainerPair;
  defaultRequests: ContainerPair;
  /** Registries images may come from (the unit's list); checked again when the Deployment is built. */
  allowedRegistries: string[];
  /** Namespace of the unit's ingress controllers, the only source of ingress traffic. */
  ingressControllerNamespace: string;
  workloads: TenantContainerWorkloadArgs[];
}

/** What a tenant reads from its platform; optional references are used when the platform publishes them. */
export type TenantPlatformRefs = PlatformRefs;

export interface MunicipalityTenantArgs {
  unitId: string;
  location: string;
  /** Kommunekode, three digits. */
  code: string;
  municipalityName: string;
  lifecycle: Lifecycle;
  dataRelease?: DataRelease;
  /** tenantTags(...) of the municipality; workloads override dataClassification only. */
  tags: Record<string, string>;
  /**
   * Tags of what the tenant adds to the hub (local network gateways and
   * connections): platform resources (kommunekode=platform, in the hub's
   * resource group) that serve this municipality and are billed to it.
   */
  hubTags: Record<string, string>;
  resourceGroups: { network: string; workloads: string };
  network: {
    addressSpace: string;
    subnets: { servers: string; privateEndpoints: string };
    sites: TenantSiteArgs[];
  };
  firewall: {
    /** 1000 + kommunekode: unique per municipality, after the platform's groups. */
    priority: number;
    ruleCollectionGroupName: string;
    rules: TenantFirewallRule[];
  };
  access: {
    operatorGroupId: string;
    /** Reads the municipality's logs (resource-context); absent: only the operators and the unit SOC. */
    logReaderGroupId?: string;
  };
  vms: TenantVmArgs[];
  /** Present when the municipality has container workloads or a containers section, and the unit a cluster. */
  containers?: TenantContainersArgs;
  platform: TenantPlatformRefs;
  /** ExpressRoute authorisation keys by site name, from the stack's secret configuration (never the file). */
  expressRouteAuthorizationKeys?: Record<string, pulumi.Input<string>>;
  /** Entra tenant of the Key Vault; default: the deploying identity's tenant (getClientConfig). */
  entraTenantId?: pulumi.Input<string>;
  /**
   * Ordering only: Azure serialises writes to one firewall policy and one VPN
   * gateway, so the unit stack chains the tenants' writes. Never an input.
   */
  after?: TenantWriteChain;
}

export interface TenantWriteChain {
  firewallPolicy?: pulumi.Resource;
  vpnGateway?: pulumi.Resource;
  expressRouteGateway?: pulumi.Resource;
}
