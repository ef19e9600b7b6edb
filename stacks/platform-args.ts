/**
 * The one mapping from a unit's validated configuration to the platform
 * component's arguments. Pure: no Pulumi config, no I/O. The schema
 * accepts only settings the components can honour (Sentinel always on,
 * managed node OS patching, interactive retention up to the workspace's
 * maximum, Azure's guest patching window). The ranges are checked again
 * here for configurations built in code rather than parsed, so a mistake
 * still names the file and field instead of failing inside a component.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { UnitConfig } from "../packages/config/schema/unit.js";
import type { MunicipalityConfig } from "../packages/config/schema/municipality.js";
import { siteAzurePrefixes } from "../packages/ipam/nat.js";
import { platformTags } from "../components/vocabulary/tags.js";
import type { OperatingUnitPlatformArgs, PlatformClusterArgs } from "../components/platform/operating-unit-platform.js";
import { patchScheduleFor } from "../components/servers/servers.js";
import {
  CLUSTER_UTC_OFFSET,
  MAX_LOG_RETENTION_DAYS,
  MAX_PATCH_WINDOW_MINUTES,
  MIN_LOG_RETENTION_DAYS,
  MIN_PATCH_WINDOW_MINUTES,
  TIME_ZONE,
} from "../components/vocabulary/defaults.js";
import { InputError, type InputFinding } from "../components/vocabulary/errors.js";

// The schedule is the server component's (a direct caller gets the same one); re-exported for this module's callers.
export { patchScheduleFor };
export { CLUSTER_UTC_OFFSET };
/** Denmark's Windows time zone id: patch windows follow Danish daylight saving time. */
export const UNIT_TIME_ZONE = TIME_ZONE;

/** A setting this platform cannot apply: wrong input, located by the unit file and field. */
export class PlatformArgsError extends InputError {
  /** The findings as printed lines, as before findings existed. */
  readonly problems: string[];

  constructor(findings: readonly InputFinding[]) {
    super(findings);
    this.name = "PlatformArgsError";
    this.problems = this.message.split("\n");
  }
}

export interface PlatformContext {
  subscriptionId: pulumi.Input<string>;
  tenantId: pulumi.Input<string>;
  /** The unit.yaml path, for messages. */
  unitFile: string;
}

/** Sites of municipalities that publish a container workload on the internal ingress. */
export function internalIngressSources(municipalities: readonly MunicipalityConfig[]): string[] {
  const out = new Set<string>();
  for (const m of municipalities) {
    const publishes = m.workloads.some((w) => w.kind === "container" && w.exposure.type === "internal");
    if (!publishes) continue;
    for (const site of m.network.sites) for (const p of siteAzurePrefixes(site)) out.add(p);
  }
  return [...out].sort();
}

export function toPlatformArgs(
  unit: UnitConfig,
  municipalities: readonly MunicipalityConfig[],
  context: PlatformContext,
): OperatingUnitPlatformArgs {
  const problems: InputFinding[] = [];
  const at = (path: string, message: string, value: unknown) => problems.push({ source: context.unitFile, path, message, value });
  const retention = unit.monitoring.retentionDays;
  if (!Number.isInteger(retention) || retention < MIN_LOG_RETENTION_DAYS || retention > MAX_LOG_RETENTION_DAYS) {
    at("monitoring.retentionDays", `${retention} is outside ${MIN_LOG_RETENTION_DAYS}-${MAX_LOG_RETENTION_DAYS} days of interactive retention; longer retention is archive or export, not configured here`, retention);
  }
  const patchMinutes = unit.servers.patchWindow.durationMinutes;
  if (!Number.isInteger(patchMinutes) || patchMinutes < MIN_PATCH_WINDOW_MINUTES || patchMinutes > MAX_PATCH_WINDOW_MINUTES) {
    at("servers.patchWindow.durationMinutes", `${patchMinutes} is outside Azure's guest patching window of ${MIN_PATCH_WINDOW_MINUTES}-${MAX_PATCH_WINDOW_MINUTES} minutes`, patchMinutes);
  }
  if (problems.length > 0) throw new PlatformArgsError(problems);

  let cluster: OperatingUnitPlatformArgs["cluster"] = { mode: "disabled" };
  if (unit.cluster.mode === "enabled") {
    const c = unit.cluster;
    const zones = [...c.zones];
    const enabled: PlatformClusterArgs = {
      mode: "enabled",
      addressSpace: c.addressSpace,
      kubernetesVersion: c.kubernetesVersion,
      systemPool: { ...c.systemPool, availabilityZones: zones },
      userPools: { user: { ...c.userPool, availabilityZones: zones } },
      upgradeChannel: c.upgradeChannel,
      nodeOSUpgradeChannel: c.nodeOsUpgradeChannel,
      maintenanceWindow: { ...c.maintenanceWindow, utcOffset: CLUSTER_UTC_OFFSET },
      podCidr: c.podCidr,
      serviceCidr: c.serviceCidr,
      allowedRegistries: [...c.allowedRegistries],
      ingressSourcePrefixes: internalIngressSources(municipalities),
    };
    cluster = enabled;
  }
  const hub = unit.hub;
  const backup = unit.backup;
  return {
    unitId: unit.id,
    location: unit.location,
    unitAddressSpace: unit.addressSpace,
    subscriptionId: context.subscriptionId,
    tenantId: context.tenantId,
    tags: platformTags({ unitId: unit.id, ean: unit.billing.ean, costCentre: unit.billing.costCentre }),
    protectData: true,
    hub: {
      addressSpace: hub.addressSpace,
      firewall: { sku: hub.firewall.sku, zones: [...hub.firewall.zones], threatIntelMode: hub.firewall.threatIntelMode, idpsMode: hub.firewall.idpsMode },
      vpnGateway: hub.vpnGateway.mode === "enabled" ? { mode: "enabled", sku: hub.vpnGateway.sku, bgpAsn: hub.vpnGateway.bgpAsn } : { mode: "disabled" },
      expressRoute: hub.expressRoute.mode === "enabled" ? { mode: "enabled", sku: hub.expressRoute.sku } : { mode: "disabled" },
      bastion: hub.bastion.mode === "enabled" ? { mode: "enabled", sku: hub.bastion.sku } : { mode: "disabled" },
      ddosProtection: hub.ddosProtection.mode === "enabled" ? { mode: "enabled" } : { mode: "disabled" },
    },
    cluster,
    identity: {
      groups: {
        platformAdmins: unit.identity.platformAdminGroupId,
        unitOperators: unit.identity.operatorGroupId,
        socReaders: unit.identity.socGroupId,
      },
    },
    monitoring: {
      retentionInDays: unit.monitoring.retentionDays,
      defenderPlans: [...unit.monitoring.defenderPlans],
      socEmails: [...unit.monitoring.socEmails],
      securityContactEmails: [unit.monitoring.securityContact.email],
    },
    backup: {
      redundancy:
        backup.redundancy.type === "geo"
          ? { type: "geo", secondaryRegion: unit.secondaryLocation, crossRegionRestore: backup.redundancy.crossRegionRestore }
          : { type: "zone" },
      immutability: backup.immutability,
      softDeleteRetentionDays: backup.softDeleteRetentionDays,
      tiers: { standard: { ...backup.tiers.standard }, critical: { ...backup.tiers.critical } },
    },
    servers: { patchSchedule: patchScheduleFor(unit.servers.patchWindow) },
  };
}
