/**
 * The typed input of a municipality tenant: what the municipality wants, in
 * the shape of its file (packages/config/schema/municipality.ts), so a field
 * path here is the same path in the file. Everything Azure needs on top
 * (priorities, names, images, subnets, tags, the prefixes Azure sees of a
 * site, ingress classes) is derived by the component (plan.ts), from stable
 * keys only: the kommunekode and the workload, site and disk names.
 *
 * Checked by `municipalityTenantArgsProblems` (checks.ts); the component
 * rejects wrong args with a ComponentArgsError naming every problem.
 */
import { DEFAULTS } from "../vocabulary/defaults.js";
import type * as pulumi from "@pulumi/pulumi";
import type { Lifecycle } from "../vocabulary/lifecycle.js";
import type { DataClassification } from "../vocabulary/tags.js";
import type { PlatformRefs } from "../platform/refs.js";
import type { VmOs } from "./images.js";
import type { DataRelease } from "./lifecycle.js";

/** Type of the tenant component, also the source of its argument errors. */
export const MUNICIPALITY_TENANT_TYPE = "driftsenhed:tenant:MunicipalityTenant";

/**
 * Defaults the vocabulary (components/vocabulary/defaults.ts) does not hold
 * yet. The schema repeats the same literals; both should read them from
 * DEFAULTS once it has them.
 */
/** The tenant's own defaults are the vocabulary's (one place for every default). */
export const TENANT_ARG_DEFAULTS = {
  dataDiskSku: DEFAULTS.vm.dataDiskSku,
  port: DEFAULTS.vm.port,
} as const;

export interface TenantNatMapping {
  /** The site's own range. */
  internal: string;
  /** The range Azure sees instead; the same size. */
  external: string;
}

export type TenantSiteConnection =
  | {
      type: "vpn";
      gatewayAddress: string;
      /** Dynamic routing with the site. @default none: the site's prefixes are routed statically */
      bgp?: { asn: number; peeringAddress: string };
    }
  | { type: "expressRoute"; circuitId: string };

export interface TenantSite {
  /** The site's key: part of its resource names, unique in the municipality. */
  name: string;
  /**
   * The site's previous name, for a deliberate rename: its resources keep their
   * URNs (aliases to the old logical names) and their Azure names.
   * @default not renamed
   */
  renamedFrom?: string;
  /** As the site announces them. */
  prefixes: string[];
  connection: TenantSiteConnection;
  /**
   * Static NAT on the unit's VPN gateway (VPN sites only).
   * @default no NAT
   */
  nat?: { mappings: TenantNatMapping[] };
}

export type TenantDataDiskSku = "Premium_LRS" | "Premium_ZRS" | "StandardSSD_LRS" | "StandardSSD_ZRS";

export interface TenantDataDisk {
  /** The disk's key, unique on its server. */
  name: string;
  /** The disk's logical unit on its server, 0-63, unique per server; never changed for an attached disk (not its position in the list). */
  lun: number;
  sizeGb: number;
  /** @default DEFAULTS.vm.dataDiskSku ("Premium_ZRS") */
  sku?: TenantDataDiskSku;
}

export type TenantBackup = { tier: "standard" | "critical" } | { tier: "none"; reason: string };

/** Which of the municipality's own sites may reach one port of a server. */
export interface TenantPort {
  port: number;
  /** @default DEFAULTS.vm.port.protocol ("Tcp") */
  protocol?: "Tcp" | "Udp";
  /** Site names, or every site. @default DEFAULTS.vm.port.from ("all") */
  from?: "all" | string[];
}

export interface TenantVmWorkload {
  kind: "vm";
  /** The workload's key, unique in the municipality; its first 15 characters are the computer name. */
  name: string;
  /**
   * The workload's previous name, for a deliberate rename: its resources keep
   * their URNs (aliases to the old logical names) and their Azure names.
   * @default not renamed
   */
  renamedFrom?: string;
  os: VmOs;
  size: string;
  /** @default DEFAULTS.vm.zone */
  zone?: "1" | "2" | "3";
  /** @default DEFAULTS.vm.osDiskSizeGb */
  osDiskSizeGb?: number;
  /** @default DEFAULTS.vm.dataDisks (none) */
  dataDisks?: TenantDataDisk[];
  backup: TenantBackup;
  /** @default the municipality's dataClassification */
  dataClassification?: DataClassification;
  /** @default DEFAULTS.vm.ports (nothing is open) */
  ports?: TenantPort[];
}

export interface ContainerPair {
  cpu: string;
  memory: string;
}

export type TenantExposureChoice =
  | { type: "none" }
  /** From the municipality's own sites through the unit's internal ingress. */
  | {
      type: "internal";
      /** @default `<workload>.k<code>.<unit>.internal` */
      host?: string;
    }
  | { type: "internet"; host: string };

export interface TenantEgressRule {
  /** A CIDR, or a host name (see container-workload.ts for how host names are enforced). */
  to: string;
  ports: number[];
}

export interface TenantContainerWorkload {
  kind: "container";
  /** The workload's key, unique in the municipality. */
  name: string;
  /**
   * The workload's previous name, for a deliberate rename: its resources keep their URNs (aliases to the old logical names).
   * @default not renamed
   */
  renamedFrom?: string;
  /** From one of the registries the unit's cluster allows. */
  image: string;
  /** @default DEFAULTS.container.replicas */
  replicas?: number;
  port: number;
  resources: { requests: ContainerPair; limits: ContainerPair };
  /** @default DEFAULTS.container.healthPath */
  healthPath?: string;
  /** @default DEFAULTS.container.exposure (none) */
  exposure?: TenantExposureChoice;
  /** @default DEFAULTS.container.egress (none) */
  egress?: TenantEgressRule[];
  /** @default the municipality's dataClassification */
  dataClassification?: DataClassification;
}

export type TenantWorkload = TenantVmWorkload | TenantContainerWorkload;

/** The municipality's namespace on the unit's cluster. */
export interface TenantContainersSection {
  quota: { cpu: string; memory: string; pods: number };
  /** @default DEFAULTS.municipality.containers.defaultLimits */
  defaultLimits?: ContainerPair;
  /** @default DEFAULTS.municipality.containers.defaultRequests */
  defaultRequests?: ContainerPair;
}

/** What a tenant reads from its platform; optional references are used when the platform publishes them. */
export type TenantPlatformRefs = PlatformRefs;

export interface MunicipalityTenantArgs {
  /** The operating unit; must be the platform's. */
  unitId: string;
  /** Kommunekode, three digits: the key every name and the firewall priority derive from. */
  code: string;
  municipalityName: string;
  lifecycle: Lifecycle;
  /** Highest classification of the municipality's data; workloads may state their own. */
  dataClassification: DataClassification;
  /** Where the municipality's costs are invoiced (tag costReference `<ean>/<costCentre>`). */
  billing: { ean: string; costCentre: string };
  /**
   * The approved release of a retired municipality's data, arming deletion.
   * @default no release: every data-bearing resource is retained
   */
  dataRelease?: DataRelease;
  /**
   * The offboarding freeze; required when lifecycle is offboarding.
   * @default no freeze
   */
  offboarding?: { frozenWorkloads: string[] };
  network: {
    /** The spoke's range inside the unit supernet, a /26 or larger. */
    addressSpace: string;
    /** @default DEFAULTS.municipality.sites (none) */
    sites?: TenantSite[];
  };
  access: {
    operatorGroupId: string;
    /**
     * Reads the municipality's logs (resource-context).
     * @default none: only the operators and the unit SOC
     */
    logReaderGroupId?: string;
  };
  /** @default DEFAULTS.municipality.workloads (none) */
  workloads?: TenantWorkload[];
  /**
   * Required for container workloads; the unit needs a cluster.
   * @default no namespace
   */
  containers?: TenantContainersSection;
  platform: TenantPlatformRefs;
  /**
   * ExpressRoute authorisation keys by site name, from the stack's secret configuration (never the file).
   * @default none: circuits in the unit's own subscription need none
   */
  expressRouteAuthorizationKeys?: Record<string, pulumi.Input<string>>;
  /** Entra tenant of the Key Vault. @default the deploying identity's tenant (getClientConfig) */
  entraTenantId?: pulumi.Input<string>;
  /**
   * Ordering only: Azure serialises writes to one firewall policy and one VPN
   * gateway, so the unit stack chains the tenants' writes. Never an input.
   * @default nothing to wait for
   */
  after?: TenantWriteChain;
}

/** The previous tenant's last write to each shared hub resource. */
export interface TenantWriteChain {
  /** @default nothing to wait for */
  firewallPolicy?: pulumi.Resource;
  /** @default nothing to wait for */
  vpnGateway?: pulumi.Resource;
  /** @default nothing to wait for */
  expressRouteGateway?: pulumi.Resource;
}

