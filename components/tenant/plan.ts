/**
 * Everything a tenant derives from its intent (args.ts): names, priority,
 * subnets, tags, the prefixes Azure sees of each site, firewall rules,
 * server images and computer names, container hosts and ingress classes.
 * Pure functions of the args, so a table test sees exactly what Azure will
 * get, and derived from stable keys only (kommunekode, workload, site and
 * disk names): re-ordering a file renames nothing.
 *
 * They assume args that passed `municipalityTenantArgsProblems` (checks.ts);
 * the component checks first.
 */
import { allocatePrefixes } from "../network/prefixes.js";
import { parseCidr } from "../vocabulary/cidr.js";
import { DEFAULTS } from "../vocabulary/defaults.js";
import { siteAzurePrefixes } from "../vocabulary/nat.js";
import { tenantResourceGroupName } from "../vocabulary/naming.js";
import { platformTags, TAG, tenantTags } from "../vocabulary/tags.js";
import {
  TENANT_ARG_DEFAULTS,
  type MunicipalityTenantArgs,
  type TenantContainerWorkload,
  type TenantSite,
  type TenantVmWorkload,
  type TenantWorkload,
} from "./args.js";
import { INGRESS_CLASSES, INGRESS_CONTROLLER_NAMESPACE } from "./containers.js";
import { computerName, vmImage } from "./images.js";
import { firewallPriority, ruleCollectionGroupName } from "./network.js";
import { azureKey } from "./rename.js";
import type { ResolvedContainers, ResolvedSite, ResolvedVm, TenantFirewallRule } from "./resolved.js";

/** The smallest spoke: a /27 for servers and a /29 for private endpoints. */
export const MIN_SPOKE_PREFIX = 26;

/**
 * Servers take the first half of the spoke; private endpoints the block
 * after it (an eighth of the spoke, at most a /24, at least Azure's /29).
 * The rest stays free for later subnets. Fixed by the range alone, so
 * nothing moves while the range does not.
 */
export function tenantSubnets(addressSpace: string): { servers: string; privateEndpoints: string } {
  const range = parseCidr(addressSpace);
  if (!range) throw new Error(`'${addressSpace}' is not an IPv4 CIDR`);
  if (range.prefixLength > MIN_SPOKE_PREFIX) {
    throw new Error(
      `network.addressSpace ${addressSpace} is a /${range.prefixLength}; a municipality spoke needs at least a /${MIN_SPOKE_PREFIX} (servers /27 and private endpoints /29)`,
    );
  }
  const prefixes = allocatePrefixes(addressSpace, [
    { key: "servers", prefixLength: range.prefixLength + 1 },
    { key: "privateEndpoints", prefixLength: Math.max(range.prefixLength + 3, 24) },
  ]);
  return { servers: prefixes.servers, privateEndpoints: prefixes.privateEndpoints };
}

/** The one rule of what Azure sees of a NAT'd site is vocabulary; re-exported for the tenant's callers. */
export { siteAzurePrefixes };

export function resolveSite(s: TenantSite): ResolvedSite {
  return {
    name: s.name,
    ...(s.renamedFrom !== undefined ? { renamedFrom: s.renamedFrom } : {}),
    azureKey: azureKey(s),
    prefixes: [...s.prefixes],
    azurePrefixes: siteAzurePrefixes(s),
    connection: s.connection.type === "vpn" ? { ...s.connection } : { type: "expressRoute", circuitId: s.connection.circuitId },
    nat: (s.nat?.mappings ?? []).map((x) => ({ internal: x.internal, external: x.external })),
  };
}

export const isVm = (w: TenantWorkload): w is TenantVmWorkload => w.kind === "vm";
export const isContainer = (w: TenantWorkload): w is TenantContainerWorkload => w.kind === "container";

/** Firewall rules of the municipality's servers: one per workload, protocol and port. */
export function firewallRules(workloads: readonly TenantWorkload[], sites: readonly ResolvedSite[]): TenantFirewallRule[] {
  const byName = new Map(sites.map((s) => [s.name, s]));
  const rules = new Map<string, TenantFirewallRule>();
  for (const w of workloads.filter(isVm)) {
    for (const port of w.ports ?? DEFAULTS.vm.ports) {
      const protocol = port.protocol ?? TENANT_ARG_DEFAULTS.port.protocol;
      const from = port.from ?? TENANT_ARG_DEFAULTS.port.from;
      const siteNames = from === "all" ? sites.map((s) => s.name) : from;
      if (siteNames.length === 0) continue; // no site, no flow to allow
      const name = `${w.name}-${protocol.toLowerCase()}-${port.port}`;
      const rule = rules.get(name) ?? { name, workload: w.name, port: port.port, protocol, sites: [], sourcePrefixes: [] };
      rule.sites = [...new Set([...rule.sites, ...siteNames])].sort();
      rule.sourcePrefixes = [...new Set(rule.sites.flatMap((s) => byName.get(s)?.azurePrefixes ?? []))].sort();
      rules.set(name, rule);
    }
  }
  return [...rules.values()];
}

export function resolveVm(w: TenantVmWorkload, args: Pick<MunicipalityTenantArgs, "dataClassification" | "platform">): ResolvedVm {
  return {
    name: w.name,
    ...(w.renamedFrom !== undefined ? { renamedFrom: w.renamedFrom } : {}),
    azureKey: azureKey(w),
    os: w.os,
    image: vmImage(w.os, `workload '${w.name}'`),
    computerName: computerName(azureKey(w)),
    size: w.size,
    zone: w.zone ?? DEFAULTS.vm.zone,
    osDiskSizeGb: w.osDiskSizeGb ?? DEFAULTS.vm.osDiskSizeGb,
    // The LUN is the disk's declared field: reordering the list moves no attached disk.
    dataDisks: (w.dataDisks ?? DEFAULTS.vm.dataDisks).map((d) => ({ name: d.name, sizeGb: d.sizeGb, sku: d.sku ?? TENANT_ARG_DEFAULTS.dataDiskSku, lun: d.lun })),
    backup: w.backup.tier === "none" ? { tier: "none", reason: w.backup.reason } : { tier: w.backup.tier, policyId: args.platform.backupPolicyIds[w.backup.tier] },
    dataClassification: w.dataClassification ?? args.dataClassification,
  };
}

/** Host of an internal workload that names none: unique per unit, municipality and workload. */
export function defaultInternalHost(unitId: string, code: string, workload: string): string {
  return `${workload}.k${code}.${unitId}.internal`;
}

/** The namespace and its workloads; undefined without a containers section. */
export function resolveContainers(args: MunicipalityTenantArgs, sites: readonly ResolvedSite[]): ResolvedContainers | undefined {
  const c = args.containers;
  const cluster = args.platform.cluster;
  if (!c || !cluster) return undefined;
  const internalSources = [...new Set([...sites.flatMap((s) => s.azurePrefixes), args.network.addressSpace])].sort();
  const workloads = (args.workloads ?? []).filter(isContainer).map((w) => {
    const exposure = w.exposure ?? DEFAULTS.container.exposure;
    return {
      name: w.name,
      ...(w.renamedFrom !== undefined ? { renamedFrom: w.renamedFrom } : {}),
      image: w.image,
      replicas: w.replicas ?? DEFAULTS.container.replicas,
      port: w.port,
      resources: { requests: { ...w.resources.requests }, limits: { ...w.resources.limits } },
      healthPath: w.healthPath ?? DEFAULTS.container.healthPath,
      exposure:
        exposure.type === "none"
          ? { type: "none" as const }
          : exposure.type === "internet"
            ? { type: "internet" as const, host: exposure.host, ingressClassName: INGRESS_CLASSES.internet }
            : {
                type: "internal" as const,
                host: exposure.host ?? defaultInternalHost(args.unitId, args.code, w.name),
                ingressClassName: INGRESS_CLASSES.internal,
                allowedSourceRanges: internalSources,
              },
      egress: (w.egress ?? DEFAULTS.container.egress).map((e) => ({ to: e.to, ports: [...e.ports] })),
      dataClassification: w.dataClassification ?? args.dataClassification,
    };
  });
  return {
    namespace: `k${args.code}`,
    quota: { ...c.quota },
    defaultLimits: { ...(c.defaultLimits ?? DEFAULTS.municipality.containers.defaultLimits) },
    defaultRequests: { ...(c.defaultRequests ?? DEFAULTS.municipality.containers.defaultRequests) },
    allowedRegistries: [...cluster.allowedRegistries],
    ingressControllerNamespace: INGRESS_CONTROLLER_NAMESPACE,
    workloads,
  };
}

export interface TenantPlan {
  /** The platform's region: a spoke lives beside its hub. */
  location: string;
  /** The municipality's own resources; workloads override dataClassification only. */
  tags: Record<string, string>;
  /**
   * What the tenant adds to the hub (local network gateways, connections):
   * platform resources (kommunekode=platform) that serve this municipality and are billed to it.
   */
  hubTags: Record<string, string>;
  resourceGroups: { network: string; workloads: string };
  subnets: { servers: string; privateEndpoints: string };
  sites: ResolvedSite[];
  /** Priority 1000 + kommunekode: unique per municipality, after the platform's groups. */
  firewall: { priority: number; ruleCollectionGroupName: string; rules: TenantFirewallRule[] };
  vms: ResolvedVm[];
  containers?: ResolvedContainers;
}

/** The whole derivation, for args that passed the checks. */
export function tenantPlan(args: MunicipalityTenantArgs): TenantPlan {
  const { unitId, code } = args;
  const sites = (args.network.sites ?? DEFAULTS.municipality.sites).map(resolveSite);
  const workloads = args.workloads ?? DEFAULTS.municipality.workloads;
  const containers = resolveContainers(args, sites);
  return {
    location: args.platform.location,
    tags: tenantTags({
      unitId,
      ean: args.billing.ean,
      costCentre: args.billing.costCentre,
      code,
      municipality: args.municipalityName,
      dataClassification: args.dataClassification,
      lifecycle: args.lifecycle,
    }),
    hubTags: {
      ...platformTags({ unitId, ean: args.billing.ean, costCentre: args.billing.costCentre }),
      [TAG.municipality]: args.municipalityName,
      [TAG.lifecycle]: args.lifecycle,
    },
    resourceGroups: { network: tenantResourceGroupName(unitId, code, "network"), workloads: tenantResourceGroupName(unitId, code, "workloads") },
    subnets: tenantSubnets(args.network.addressSpace),
    sites,
    firewall: { priority: firewallPriority(code), ruleCollectionGroupName: ruleCollectionGroupName(code), rules: firewallRules(workloads, sites) },
    vms: workloads.filter(isVm).map((w) => resolveVm(w, args)),
    ...(containers ? { containers } : {}),
  };
}
