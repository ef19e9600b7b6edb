/**
 * Every problem with a tenant's args, at once, each at its dotted field path.
 * The paths are the municipality file's paths too (the args have the file's
 * shape), so the stack mapping reports the same findings against the file
 * and the component against itself.
 *
 * What is checked is what the derivation (plan.ts) relies on to keep names
 * and priorities unique: a three-digit kommunekode (so 1000 + code never
 * collides), unique workload, site and disk names, distinct computer names,
 * and values Azure would refuse only after minutes of deployment.
 */
import type { ArgsProblem } from "../errors.js";
import { parseCidr, cidrOverlaps } from "../vocabulary/cidr.js";
import { LIFECYCLES, offboardingFreezeProblems } from "../vocabulary/lifecycle.js";
import { DATA_CLASSIFICATIONS } from "../vocabulary/tags.js";
import { TENANT_ARG_DEFAULTS, type MunicipalityTenantArgs, type TenantSite, type TenantVmWorkload } from "./args.js";
import { imageRegistryProblem } from "./containers.js";
import { computerName, VM_IMAGES } from "./images.js";
import { LIFECYCLE_SEMANTICS } from "./lifecycle.js";
import { MIN_SPOKE_PREFIX, isContainer } from "./plan.js";

/** Keys that become part of Azure and Kubernetes names (the schema's slug). */
const KEY = /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/;
/** Azure's limit on a tag value; a backup exclusion reason becomes one. */
const TAG_VALUE_MAX = 256;
/** Site rules of the servers subnet's NSG sit at 100, 110, ... below the Bastion rule (network.ts). */
const MAX_DISTINCT_PORTS = 390;

const canonicalCidr = (text: string) => {
  const parsed = parseCidr(text);
  return parsed && parsed.canonical === text ? parsed : undefined;
};

export function municipalityTenantArgsProblems(args: MunicipalityTenantArgs): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  const add = (path: string, message: string, value?: unknown) => problems.push({ path, message, ...(value !== undefined ? { value } : {}) });

  if (args.unitId !== args.platform.unitId) {
    add("unitId", `unit '${args.unitId}' is not the unit of the platform references ('${args.platform.unitId}'); a tenant joins its own unit's platform`, args.unitId);
  }
  if (!/^\d{3}$/.test(args.code)) {
    add("code", `kommunekode '${args.code}' is not three digits as a string (e.g. "851"); names and the firewall priority 1000 + kommunekode derive from it`, args.code);
  }
  if (args.municipalityName.trim().length < 2) add("municipalityName", "the municipality's name as in the national register, e.g. Sorø", args.municipalityName);
  if (!(LIFECYCLES as readonly string[]).includes(args.lifecycle)) add("lifecycle", `'${args.lifecycle}' is not one of ${LIFECYCLES.join(", ")}`, args.lifecycle);
  if (!(DATA_CLASSIFICATIONS as readonly string[]).includes(args.dataClassification)) {
    add("dataClassification", `'${args.dataClassification}' is not one of ${DATA_CLASSIFICATIONS.join(", ")}`, args.dataClassification);
  }
  if (args.dataRelease && args.lifecycle !== "retired") {
    add("dataRelease", `dataRelease applies only to a retired municipality; lifecycle is '${args.lifecycle}': set lifecycle: retired first, or remove the dataRelease`);
  }
  const workloads = args.workloads ?? [];
  for (const p of offboardingFreezeProblems(args.lifecycle, workloads.map((w) => w.name), args.offboarding?.frozenWorkloads)) {
    add(p.path.join("."), p.message);
  }

  const space = canonicalCidr(args.network.addressSpace);
  if (!space) add("network.addressSpace", `'${args.network.addressSpace}' is not a canonical IPv4 CIDR (e.g. 10.64.128.0/18)`, args.network.addressSpace);
  else if (space.prefixLength > MIN_SPOKE_PREFIX) {
    add(
      "network.addressSpace",
      `network.addressSpace ${args.network.addressSpace} is a /${space.prefixLength}; a municipality spoke needs at least a /${MIN_SPOKE_PREFIX} (servers /27 and private endpoints /29)`,
      args.network.addressSpace,
    );
  }

  const sites = args.network.sites ?? [];
  unique(sites.map((s) => s.name), (i, first) => add(`network.sites.${i}.name`, `site name '${sites[i]!.name}' is already used by network.sites.${first}; site names are identities`));
  sites.forEach((s, i) => siteProblems(s, `network.sites.${i}`, add));
  // Only a state with site connectivity builds the connections; a retired municipality keeps its file as it was.
  if (LIFECYCLE_SEMANTICS[args.lifecycle]?.siteConnectivity) {
    const p = args.platform;
    sites.forEach((s, i) => {
      if (s.connection.type === "vpn" && (p.vpnGatewayId === undefined || p.vpnGatewayName === undefined)) {
        add(`network.sites.${i}.connection`, `site '${s.name}' connects over VPN, but the unit has no VPN gateway; enable hub.vpnGateway in unit.yaml or connect the site over ExpressRoute`);
      }
      if (s.connection.type === "expressRoute" && p.expressRouteGatewayId === undefined) {
        add(`network.sites.${i}.connection`, `site '${s.name}' connects over ExpressRoute, but the unit has no ExpressRoute gateway; enable hub.expressRoute in unit.yaml`);
      }
    });
  }

  unique(workloads.map((w) => w.name), (i, first) =>
    add(`workloads.${i}.name`, `workload name '${workloads[i]!.name}' is already used by workloads.${first}; names are identities and must be unique`),
  );
  const computerNames = new Map<string, string>();
  const siteNames = new Set(sites.map((s) => s.name));
  workloads.forEach((w, i) => {
    const at = `workloads.${i}`;
    if (!KEY.test(w.name)) add(`${at}.name`, `'${w.name}' is not a workload key: 2-24 lower-case letters, digits and hyphens, starting with a letter`, w.name);
    if (w.kind === "vm") {
      const cn = computerName(w.name);
      const clash = computerNames.get(cn);
      if (clash !== undefined && clash !== w.name) {
        add(`${at}.name`, `'${w.name}' and '${clash}' share the computer name '${cn}' (its first 15 characters); make the names differ earlier`);
      }
      computerNames.set(cn, w.name);
      vmProblems(w, at, siteNames, add);
    }
  });

  const distinctPorts = new Set(workloads.flatMap((w) => (w.kind === "vm" ? (w.ports ?? []).map((p) => `${p.protocol ?? TENANT_ARG_DEFAULTS.port.protocol}-${p.port}`) : [])));
  if (distinctPorts.size > MAX_DISTINCT_PORTS) {
    add("workloads", `the servers open ${distinctPorts.size} distinct protocol/port pairs; the servers subnet's NSG fits at most ${MAX_DISTINCT_PORTS}`);
  }
  const bastion = args.platform.bastionSubnetPrefix;
  if (bastion !== undefined && !(canonicalCidr(bastion) && canonicalCidr(bastion)!.prefixLength >= 16)) {
    add("platform.bastionSubnetPrefix", `${JSON.stringify(bastion)} is not the hub's AzureBastionSubnet range (a canonical IPv4 CIDR of /16 or smaller); redeploy the unit stack, which publishes it`, bastion);
  }

  const containerWorkloads = workloads.map((w, i) => [w, i] as const).filter(([w]) => isContainer(w));
  if (args.containers || containerWorkloads.length > 0) {
    const cluster = args.platform.cluster;
    if (!cluster) {
      add(
        args.containers ? "containers" : "workloads",
        `unit '${args.unitId}' has no cluster (its platform publishes none); set cluster.mode: enabled in unit.yaml or move the container workloads to servers`,
      );
    } else if (!args.containers) {
      const [w, i] = containerWorkloads[0]!;
      add(`workloads.${i}.kind`, `container workload '${w.name}' needs a containers section (the namespace's quota)`);
    }
    for (const [w, i] of containerWorkloads) {
      if (w.kind !== "container") continue;
      const problem = cluster ? imageRegistryProblem(w.image, cluster.allowedRegistries) : undefined;
      if (problem) add(`workloads.${i}.image`, problem, w.image);
      const exposure = w.exposure;
      if (exposure?.type === "internet" && !exposure.host) add(`workloads.${i}.exposure.host`, "an internet exposure needs its public host name");
    }
  }
  return problems;
}

function siteProblems(s: TenantSite, at: string, add: (path: string, message: string, value?: unknown) => void): void {
  if (!KEY.test(s.name)) add(`${at}.name`, `'${s.name}' is not a site key: 2-24 lower-case letters, digits and hyphens, starting with a letter`, s.name);
  if (s.prefixes.length === 0) add(`${at}.prefixes`, "a site announces at least one prefix");
  s.prefixes.forEach((p, j) => {
    if (!canonicalCidr(p)) add(`${at}.prefixes.${j}`, `'${p}' is not a canonical IPv4 CIDR`, p);
  });
  if (!s.nat) return;
  if (s.connection.type === "expressRoute") {
    add(`${at}.nat`, `site '${s.name}' connects over ExpressRoute, which has no NAT; remove nat or connect the site over VPN`);
    return;
  }
  s.nat.mappings.forEach((m, j) => {
    const internal = canonicalCidr(m.internal);
    const external = canonicalCidr(m.external);
    if (!internal) add(`${at}.nat.mappings.${j}.internal`, `'${m.internal}' is not a canonical IPv4 CIDR`, m.internal);
    if (!external) add(`${at}.nat.mappings.${j}.external`, `'${m.external}' is not a canonical IPv4 CIDR`, m.external);
    if (!internal || !external) return;
    if (internal.prefixLength !== external.prefixLength) {
      add(`${at}.nat.mappings.${j}.external`, `static NAT maps ranges of equal size: internal is /${internal.prefixLength}, external is /${external.prefixLength}`, m.external);
    }
    if (!s.prefixes.some((p) => canonicalCidr(p) && cidrOverlaps(p, m.internal))) {
      add(`${at}.nat.mappings.${j}.internal`, `NAT internal range ${m.internal} is not one of the site's prefixes (${s.prefixes.join(", ")})`, m.internal);
    }
  });
}

function vmProblems(w: TenantVmWorkload, at: string, siteNames: ReadonlySet<string>, add: (path: string, message: string, value?: unknown) => void): void {
  if (!(w.os in VM_IMAGES)) add(`${at}.os`, `server image '${w.os}' is not on the allow-list; allowed: ${Object.keys(VM_IMAGES).join(", ")}`, w.os);
  const disks = w.dataDisks ?? [];
  unique(disks.map((d) => d.name), (j, first) =>
    add(`${at}.dataDisks.${j}.name`, `data disk name '${disks[j]!.name}' is already used by dataDisks.${first} of '${w.name}'; disk names are identities`),
  );
  disks.forEach((d, j) => {
    if (!KEY.test(d.name)) add(`${at}.dataDisks.${j}.name`, `'${d.name}' is not a disk key: 2-24 lower-case letters, digits and hyphens, starting with a letter`, d.name);
    if (!Number.isInteger(d.lun) || d.lun < 0 || d.lun > 63) add(`${at}.dataDisks.${j}.lun`, `lun ${String(d.lun)} is not a whole number from 0 to 63 (Azure's logical units of a data disk)`, d.lun);
  });
  unique(disks.map((d) => String(d.lun)), (j, first) =>
    add(`${at}.dataDisks.${j}.lun`, `lun ${disks[j]!.lun} is already used by dataDisks.${first} of '${w.name}'; each data disk of a server has its own lun`, disks[j]!.lun),
  );
  if (w.backup.tier === "none" && w.backup.reason.length > TAG_VALUE_MAX) {
    add(`${at}.backup.reason`, `the reason is ${w.backup.reason.length} characters; it becomes a tag value, which Azure limits to ${TAG_VALUE_MAX}`);
  }
  (w.ports ?? []).forEach((p, j) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) add(`${at}.ports.${j}.port`, `port ${p.port} is not between 1 and 65535`, p.port);
    if (p.from === undefined || p.from === "all") return;
    p.from.forEach((s, k) => {
      if (!siteNames.has(s)) add(`${at}.ports.${j}.from.${k}`, `site '${s}' is not one of this municipality's sites (${[...siteNames].join(", ") || "none declared"})`, s);
    });
  });
}

/** Calls `duplicate(index, firstIndex)` for every repeated value. */
function unique(values: readonly string[], duplicate: (index: number, first: number) => void): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first !== undefined) duplicate(i, first);
    else seen.set(v, i);
  });
}
