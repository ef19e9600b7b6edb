/**
 * The pure mapping from a unit file, a municipality file and the platform's
 * references to a MunicipalityTenant's arguments. Everything the tenant
 * derives (subnets, firewall rules and priority, images, backup policies,
 * ingress classes, names and tags) is decided here, where a table test can
 * see it; the components only build what they are given.
 *
 * Errors name the file, the field path, the bad value and the fix, and all of
 * a municipality's problems are reported at once.
 */
import { allocatePrefixes } from "../components/network/prefixes.js";
import type {
  MunicipalityTenantArgs,
  TenantContainersArgs,
  TenantFirewallRule,
  TenantPlatformRefs,
  TenantSiteArgs,
  TenantVmArgs,
} from "../components/tenant/args.js";
import { INGRESS_CLASSES, INGRESS_CONTROLLER_NAMESPACE, imageRegistryProblem } from "../components/tenant/containers.js";
import { computerName, vmImage } from "../components/tenant/images.js";
import { firewallPriority, ruleCollectionGroupName } from "../components/tenant/network.js";
import type { PlatformRefs } from "../components/platform/refs.js";
import { cidrContains, cidrOverlaps, parseCidr } from "../components/vocabulary/cidr.js";
import { offboardingFreezeProblems } from "../components/vocabulary/lifecycle.js";
import { siteAzurePrefixes } from "../packages/ipam/nat.js";
import type { MunicipalityConfig, SiteConfig } from "../packages/config/schema/municipality.js";
import type { UnitConfig } from "../packages/config/schema/unit.js";
import { tenantResourceGroupName } from "../components/vocabulary/naming.js";
import { platformTags, TAG, tenantTags } from "../components/vocabulary/tags.js";

export interface TenantArgsIssue {
  path: (string | number)[];
  message: string;
}

/** Every problem of one municipality file that only shows when it meets its unit and platform. */
export class TenantArgsError extends Error {
  constructor(
    public readonly file: string,
    public readonly issues: TenantArgsIssue[],
  ) {
    super(`${file}:\n${issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}`).join("\n")}`);
    this.name = "TenantArgsError";
  }
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

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

/** Firewall rules of the municipality's servers: one per workload, protocol and port. */
export function firewallRules(m: MunicipalityConfig, sites: readonly TenantSiteArgs[]): TenantFirewallRule[] {
  const byName = new Map(sites.map((s) => [s.name, s]));
  const rules = new Map<string, TenantFirewallRule>();
  for (const w of m.workloads) {
    if (w.kind !== "vm") continue;
    for (const port of w.ports) {
      const siteNames = port.from === "all" ? sites.map((s) => s.name) : port.from;
      if (siteNames.length === 0) continue; // no site, no flow to allow
      const name = `${w.name}-${port.protocol.toLowerCase()}-${port.port}`;
      const rule = rules.get(name) ?? { name, workload: w.name, port: port.port, protocol: port.protocol, sites: [], sourcePrefixes: [] };
      rule.sites = [...new Set([...rule.sites, ...siteNames])].sort();
      rule.sourcePrefixes = [...new Set(rule.sites.flatMap((s) => byName.get(s)?.azurePrefixes ?? []))].sort();
      rules.set(name, rule);
    }
  }
  return [...rules.values()];
}

export interface ToTenantArgsOptions {
  /** For error messages; default `municipality <code>`. */
  file?: string;
}

export function toTenantArgs(unit: UnitConfig, m: MunicipalityConfig, refs: PlatformRefs, options: ToTenantArgsOptions = {}): MunicipalityTenantArgs {
  const file = options.file ?? `municipality ${m.code}`;
  const issues: TenantArgsIssue[] = [];
  const platform = refs as TenantPlatformRefs;

  let subnets = { servers: "", privateEndpoints: "" };
  try {
    subnets = tenantSubnets(m.network.addressSpace);
  } catch (e) {
    issues.push({ path: ["network", "addressSpace"], message: (e as Error).message });
  }

  const sites: TenantSiteArgs[] = m.network.sites.map((s) => ({
    name: s.name,
    prefixes: [...s.prefixes],
    azurePrefixes: siteAzurePrefixes(s),
    connection: s.connection.type === "vpn" ? { ...s.connection } : { type: "expressRoute", circuitId: s.connection.circuitId },
    nat: (s.nat?.mappings ?? []).map((x) => ({ internal: x.internal, external: x.external })),
  }));
  m.network.sites.forEach((s, i) => {
    if (s.connection.type === "expressRoute" && s.nat) {
      issues.push({ path: ["network", "sites", i, "nat"], message: `site '${s.name}' connects over ExpressRoute, which has no NAT; remove nat or connect the site over VPN` });
    }
  });

  const computerNames = new Map<string, string>();
  const vms: TenantVmArgs[] = [];
  m.workloads.forEach((w, i) => {
    if (w.kind !== "vm") return;
    const cn = computerName(w.name);
    const clash = computerNames.get(cn);
    if (clash) {
      issues.push({ path: ["workloads", i, "name"], message: `'${w.name}' and '${clash}' share the computer name '${cn}' (its first 15 characters); make the names differ earlier` });
    }
    computerNames.set(cn, w.name);
    if (w.backup.tier === "none" && w.backup.reason.length > 256) {
      issues.push({ path: ["workloads", i, "backup", "reason"], message: `the reason is ${w.backup.reason.length} characters; it becomes a tag value, which Azure limits to 256` });
    }
    vms.push({
      name: w.name,
      os: w.os,
      image: vmImage(w.os, `${file}: workloads[${i}].os`),
      computerName: cn,
      size: w.size,
      zone: w.zone,
      osDiskSizeGb: w.osDiskSizeGb,
      dataDisks: w.dataDisks.map((d, lun) => ({ name: d.name, sizeGb: d.sizeGb, sku: d.sku, lun })),
      backup: w.backup.tier === "none" ? { tier: "none", reason: w.backup.reason } : { tier: w.backup.tier, policyId: refs.backupPolicyIds[w.backup.tier] },
      dataClassification: w.dataClassification ?? m.dataClassification,
    });
  });

  const containers = containerArgs(unit, m, refs, sites, issues);

  // The schema enforces the freeze too; repeated here for configurations built in code rather than parsed.
  issues.push(...offboardingFreezeProblems(m.lifecycle, m.workloads.map((w) => w.name), m.offboarding?.frozenWorkloads));

  if (issues.length > 0) throw new TenantArgsError(file, issues);

  return {
    unitId: unit.id,
    location: refs.location,
    code: m.code,
    municipalityName: m.name,
    lifecycle: m.lifecycle,
    ...(m.dataRelease ? { dataRelease: { ...m.dataRelease } } : {}),
    tags: tenantTags({
      unitId: unit.id,
      ean: m.billing.ean,
      costCentre: m.billing.costCentre,
      code: m.code,
      municipality: m.name,
      dataClassification: m.dataClassification,
      lifecycle: m.lifecycle,
    }),
    hubTags: {
      ...platformTags({ unitId: unit.id, ean: m.billing.ean, costCentre: m.billing.costCentre }),
      [TAG.municipality]: m.name,
      [TAG.lifecycle]: m.lifecycle,
    },
    resourceGroups: {
      network: tenantResourceGroupName(unit.id, m.code, "network"),
      workloads: tenantResourceGroupName(unit.id, m.code, "workloads"),
    },
    network: { addressSpace: m.network.addressSpace, subnets, sites },
    firewall: { priority: firewallPriority(m.code), ruleCollectionGroupName: ruleCollectionGroupName(m.code), rules: firewallRules(m, sites) },
    access: {
      operatorGroupId: m.operators.groupId,
      ...(m.operators.logReaderGroupId !== undefined ? { logReaderGroupId: m.operators.logReaderGroupId } : {}),
    },
    vms,
    ...(containers ? { containers } : {}),
    platform,
  };
}

function containerArgs(
  unit: UnitConfig,
  m: MunicipalityConfig,
  refs: PlatformRefs,
  sites: readonly TenantSiteArgs[],
  issues: TenantArgsIssue[],
): TenantContainersArgs | undefined {
  const hasWorkloads = m.workloads.some((w) => w.kind === "container");
  if (!m.containers && !hasWorkloads) return undefined;
  if (unit.cluster.mode !== "enabled" || !refs.cluster) {
    issues.push({
      path: [hasWorkloads ? "workloads" : "containers"],
      message: `unit '${unit.id}' has no cluster (unit.yaml cluster.mode: ${unit.cluster.mode}); set cluster.mode: enabled there or move the container workloads to servers`,
    });
    return undefined;
  }
  if (!m.containers) return undefined; // the schema reports a container workload without a containers section
  const allowedRegistries = refs.cluster.allowedRegistries;
  const own = m.network.addressSpace;
  const internalSources = [...new Set([...sites.flatMap((s) => s.azurePrefixes), own])].sort();
  const workloads: TenantContainersArgs["workloads"] = [];
  m.workloads.forEach((w, i) => {
    if (w.kind !== "container") return;
    const problem = imageRegistryProblem(w.image, allowedRegistries);
    if (problem) issues.push({ path: ["workloads", i, "image"], message: problem });
    w.egress.forEach((e, j) => {
      const parsed = parseCidr(e.to);
      if (parsed && cidrOverlaps(e.to, unit.addressSpace) && !cidrContains(own, e.to)) {
        issues.push({
          path: ["workloads", i, "egress", j, "to"],
          message: `${e.to} lies in the unit's range ${unit.addressSpace} outside this municipality's own ${own}: a municipality reaches only its own spoke`,
        });
      }
    });
    const host = w.exposure.type === "none" ? "" : (w.exposure.host ?? `${w.name}.k${m.code}.${unit.id}.internal`);
    workloads.push({
      name: w.name,
      image: w.image,
      replicas: w.replicas,
      port: w.port,
      resources: { requests: { ...w.resources.requests }, limits: { ...w.resources.limits } },
      healthPath: w.healthPath,
      exposure:
        w.exposure.type === "none"
          ? { type: "none" }
          : w.exposure.type === "internet"
            ? { type: "internet", host, ingressClassName: INGRESS_CLASSES.internet }
            : { type: "internal", host, ingressClassName: INGRESS_CLASSES.internal, allowedSourceRanges: internalSources },
      egress: w.egress.map((e) => ({ to: e.to, ports: [...e.ports] })),
      dataClassification: w.dataClassification ?? m.dataClassification,
    });
  });
  return {
    namespace: `k${m.code}`,
    quota: { ...m.containers.quota },
    defaultLimits: { ...m.containers.defaultLimits },
    defaultRequests: { ...m.containers.defaultRequests },
    allowedRegistries: [...allowedRegistries],
    ingressControllerNamespace: INGRESS_CONTROLLER_NAMESPACE,
    workloads,
  };
}
