/**
 * What the tenant's building blocks (spoke, sites, servers, namespace,
 * firewall group) are given: the municipality's intent (args.ts) with every
 * default applied and every derived value filled in by plan.ts. Types only,
 * so the building blocks and the derivation can both import them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DataClassification } from "../vocabulary/tags.js";
import type { ContainerPair, TenantNatMapping, TenantSiteConnection } from "./args.js";
import type { VmImage, VmOs } from "./images.js";

export interface ResolvedSite {
  name: string;
  /** The previous name of a renamed site: its resources carry aliases to it. */
  renamedFrom?: string;
  /** What its Azure names derive from: the first name it had (Azure names never change). */
  azureKey: string;
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

export interface ResolvedDataDisk {
  name: string;
  sizeGb: number;
  sku: "Premium_LRS" | "Premium_ZRS" | "StandardSSD_LRS" | "StandardSSD_ZRS";
  /** Logical unit on the VM: the disk's declared lun, never its position in the list. */
  lun: number;
}

export type ResolvedBackup =
  | { tier: "standard" | "critical"; policyId: pulumi.Input<string> }
  | { tier: "none"; reason: string };

export interface ResolvedVm {
  name: string;
  /** The previous name of a renamed workload: its resources carry aliases to it. */
  renamedFrom?: string;
  /** What its Azure names (server, NIC, disks, secret, computer name) derive from: the first name it had. */
  azureKey: string;
  os: VmOs;
  image: VmImage;
  computerName: string;
  size: string;
  zone: "1" | "2" | "3";
  osDiskSizeGb: number;
  dataDisks: ResolvedDataDisk[];
  backup: ResolvedBackup;
  dataClassification: DataClassification;
}

export type ResolvedExposure =
  | { type: "none" }
  | { type: "internet"; host: string; ingressClassName: string }
  /** `allowedSourceRanges`: the municipality's own sites and spoke; the shared internal controller admits no one else for this host. */
  | { type: "internal"; host: string; ingressClassName: string; allowedSourceRanges: string[] };

export interface ResolvedContainerWorkload {
  name: string;
  /** The previous name of a renamed workload: its resources carry aliases to it. */
  renamedFrom?: string;
  image: string;
  replicas: number;
  port: number;
  resources: { requests: ContainerPair; limits: ContainerPair };
  healthPath: string;
  exposure: ResolvedExposure;
  egress: { to: string; ports: number[] }[];
  dataClassification: DataClassification;
}

export interface ResolvedContainers {
  /** `k<kommunekode>`. */
  namespace: string;
  quota: { cpu: string; memory: string; pods: number };
  defaultLimits: ContainerPair;
  defaultRequests: ContainerPair;
  /** Registries images may come from (the unit's list); checked again when the Deployment is built. */
  allowedRegistries: string[];
  /** Namespace of the unit's ingress controllers, the only source of ingress traffic. */
  ingressControllerNamespace: string;
  workloads: ResolvedContainerWorkload[];
}
