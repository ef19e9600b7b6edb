/**
 * The pure mapping from a unit file, a municipality file and the platform's
 * references to a MunicipalityTenant's arguments: the municipality's intent,
 * field for field. Everything the tenant derives (subnets, firewall rules
 * and priority, images, backup policies, ingress classes, names and tags) is
 * derived by the component (components/tenant/plan.ts), not here.
 *
 * The tenant's own checks run here too, against the file: the args have the
 * file's shape, so each finding names the file and the field's dotted path.
 * All of a municipality's problems are reported at once, as an InputError.
 */
import type { MunicipalityTenantArgs, TenantWorkload } from "../components/tenant/args.js";
import { municipalityTenantArgsProblems } from "../components/tenant/checks.js";
import type { PlatformRefs } from "../components/platform/refs.js";
import { cidrContains, cidrOverlaps, parseCidr } from "../components/vocabulary/cidr.js";
import { InputError, type InputFinding } from "../components/vocabulary/errors.js";
import type { MunicipalityConfig, WorkloadConfig } from "../packages/config/schema/municipality.js";
import type { UnitConfig } from "../packages/config/schema/unit.js";

export interface ToTenantArgsOptions {
  /** Source of the findings; default `municipality <code>`. */
  file?: string;
}

export function toTenantArgs(unit: UnitConfig, m: MunicipalityConfig, refs: PlatformRefs, options: ToTenantArgsOptions = {}): MunicipalityTenantArgs {
  const file = options.file ?? `municipality ${m.code}`;
  const args: MunicipalityTenantArgs = {
    unitId: unit.id,
    code: m.code,
    municipalityName: m.name,
    lifecycle: m.lifecycle,
    dataClassification: m.dataClassification,
    billing: { ean: m.billing.ean, costCentre: m.billing.costCentre },
    ...(m.dataRelease ? { dataRelease: { ...m.dataRelease } } : {}),
    ...(m.offboarding ? { offboarding: { frozenWorkloads: [...m.offboarding.frozenWorkloads] } } : {}),
    network: {
      addressSpace: m.network.addressSpace,
      sites: m.network.sites.map((s) => ({
        name: s.name,
        ...(s.renamedFrom !== undefined ? { renamedFrom: s.renamedFrom } : {}),
        prefixes: [...s.prefixes],
        connection: s.connection.type === "vpn" ? { ...s.connection } : { type: "expressRoute", circuitId: s.connection.circuitId },
        ...(s.nat ? { nat: { mappings: s.nat.mappings.map((x) => ({ internal: x.internal, external: x.external })) } } : {}),
      })),
    },
    access: {
      operatorGroupId: m.operators.groupId,
      ...(m.operators.logReaderGroupId !== undefined ? { logReaderGroupId: m.operators.logReaderGroupId } : {}),
    },
    workloads: m.workloads.map(toWorkload),
    ...(m.containers ? { containers: { quota: { ...m.containers.quota }, defaultLimits: { ...m.containers.defaultLimits }, defaultRequests: { ...m.containers.defaultRequests } } } : {}),
    platform: refs,
  };

  const issues: Omit<InputFinding, "source">[] = [...egressProblems(unit, m), ...municipalityTenantArgsProblems(args)];
  if (issues.length > 0) throw new InputError(issues.map((i) => ({ source: file, ...i })), `${file}: the municipality does not fit its unit's platform`);
  return args;
}

/** One workload of the file, with the schema's defaults already applied. */
export function toWorkload(w: WorkloadConfig): TenantWorkload {
  const classification = w.dataClassification !== undefined ? { dataClassification: w.dataClassification } : {};
  const renamed = w.renamedFrom !== undefined ? { renamedFrom: w.renamedFrom } : {};
  if (w.kind === "vm") {
    return {
      kind: "vm",
      name: w.name,
      ...renamed,
      os: w.os,
      size: w.size,
      zone: w.zone,
      osDiskSizeGb: w.osDiskSizeGb,
      dataDisks: w.dataDisks.map((d) => ({ name: d.name, lun: d.lun, sizeGb: d.sizeGb, sku: d.sku })),
      backup: w.backup.tier === "none" ? { tier: "none", reason: w.backup.reason } : { tier: w.backup.tier },
      ports: w.ports.map((p) => ({ port: p.port, protocol: p.protocol, from: p.from === "all" ? "all" : [...p.from] })),
      ...classification,
    };
  }
  return {
    kind: "container",
    name: w.name,
    ...renamed,
    image: w.image,
    replicas: w.replicas,
    port: w.port,
    resources: { requests: { ...w.resources.requests }, limits: { ...w.resources.limits } },
    healthPath: w.healthPath,
    exposure: w.exposure.type === "none" ? { type: "none" } : { ...w.exposure },
    egress: w.egress.map((e) => ({ to: e.to, ports: [...e.ports] })),
    ...classification,
  };
}

/**
 * What only the unit file can tell: a container's egress into the unit's
 * range must stay inside the municipality's own spoke (the platform
 * references do not carry the unit's supernet).
 */
function egressProblems(unit: UnitConfig, m: MunicipalityConfig): Omit<InputFinding, "source">[] {
  const own = m.network.addressSpace;
  return m.workloads.flatMap((w, i) =>
    w.kind !== "container"
      ? []
      : w.egress.flatMap((e, j) =>
          parseCidr(e.to) && cidrOverlaps(e.to, unit.addressSpace) && !cidrContains(own, e.to)
            ? [
                {
                  path: `workloads.${i}.egress.${j}.to`,
                  message: `${e.to} lies in the unit's range ${unit.addressSpace} outside this municipality's own ${own}: a municipality reaches only its own spoke`,
                  value: e.to,
                },
              ]
            : [],
        ),
  );
}
