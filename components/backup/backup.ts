/**
 * The unit's Recovery Services vault and its VM backup tiers.
 *
 * CFCS asks for offline or immutable backups: the vault has immutability
 * and soft delete that cannot be switched off, no public network access,
 * no cross-subscription restore (a municipality's data is restored only
 * into the unit's own subscription), and its logs go to the unit workspace.
 * NIS2 § 6 (continuity and backup), ISO 27001:2022 A.8.13.
 */
import * as pulumi from "@pulumi/pulumi";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices/index.js";
import { azureName, platformResourceGroupName } from "../vocabulary/naming.js";
import { DEFAULTS, EU_LOCATIONS } from "../vocabulary/defaults.js";
import type { BackupTier } from "../platform/refs.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import {
  BACKUP_TIERS,
  DEFAULT_BACKUP_TIME_ZONE,
  resolveTier,
  tierProblems,
  vmBackupPolicy,
  type BackupTierPolicy,
} from "./policies.js";
import { resourceGroupFor } from "../resources/resource-group.js";
import { rejectArgs, type ArgsProblem } from "../errors.js";

export const BACKUP_TYPE = "driftsenhed:backup:Backup";

/** Azure's bounds for soft delete of backup data. */
const SOFT_DELETE_DAYS = { min: 14, max: 180 } as const;

/**
 * Where backup data is stored.
 * - zone: three zones of the vault's region; data never leaves it.
 * - geo: also copied to a second region that Azure chooses (the region
 *   pair). That region could not be confirmed for denmarkeast from public
 *   sources, so the operator states it in `secondaryRegion` after checking
 *   Azure's region list, and it must be one of the EU regions the platform
 *   allows. Azure fixes redundancy once the first item is protected.
 */
export type BackupRedundancy =
  | { type: "zone" }
  | {
      type: "geo";
      secondaryRegion: string;
      /** @default DEFAULTS.backup.redundancy.crossRegionRestore (true) */
      crossRegionRestore?: boolean;
    };

export interface BackupArgs {
  unitId: string;
  location: string;
  /** Existing resource group; default: a new `rg-<unit>-backup`. */
  resourceGroupName?: pulumi.Input<string>;
  /** Unit workspace for the vault's logs (backup jobs, restores, alerts). */
  workspaceId: pulumi.Input<string>;
  redundancy: BackupRedundancy;
  /**
   * "unlocked": immutable (recovery points cannot be deleted or retention
   * shortened before expiry) but the setting itself can still be changed.
   * "locked" is IRREVERSIBLE: not even the platform administrators can lift
   * it again, and vault deletion waits for the last point to expire.
   * @default DEFAULTS.backup.immutability ("unlocked")
   */
  immutability?: "unlocked" | "locked";
  /**
   * Days deleted backup data stays recoverable, 14-180.
   * @default DEFAULTS.backup.softDeleteRetentionDays (14)
   */
  softDeleteRetentionDays?: number;
  /**
   * Per-tier overrides merged over the tier's defaults.
   * @default DEFAULT_BACKUP_TIERS (DEFAULTS.backup.schedules and DEFAULTS.backup.tiers)
   */
  tiers?: Partial<Record<BackupTier, Partial<BackupTierPolicy>>>;
  /**
   * Windows time zone id of the schedules.
   * @default TIME_ZONE ("Romance Standard Time")
   */
  timeZone?: string;
  tags: Record<string, string>;
  /**
   * Protect and retain the vault; false only for test or sandbox units.
   * @default true
   */
  protectData?: boolean;
}

export class Backup extends pulumi.ComponentResource {
  public readonly vaultId: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly policyIds: Record<BackupTier, pulumi.Output<string>>;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BACKUP_TYPE, name, {}, opts);
    const problems = backupArgsProblems(args);
    const tiers = Object.fromEntries(BACKUP_TIERS.map((t) => [t, resolveTier(t, args.tiers?.[t])])) as Record<BackupTier, BackupTierPolicy>;
    for (const t of BACKUP_TIERS) problems.push(...tierProblems(t, tiers[t]));
    rejectArgs(this, BACKUP_TYPE, name, problems);
    const { unitId, location, tags } = args;
    const protectData = args.protectData ?? true;
    const geo = args.redundancy.type === "geo";

    const resourceGroupName = resourceGroupFor(
      this,
      name,
      args.resourceGroupName,
      { resourceGroupName: platformResourceGroupName(unitId, "backup"), location, tags },
      protectData,
    );

    const vault = new recoveryservices.Vault(
      `${name}-vault`,
      {
        vaultName: azureName("recoveryVault", unitId),
        resourceGroupName,
        location,
        sku: { name: "RS0", tier: "Standard" },
        identity: { type: "SystemAssigned" },
        properties: {
          publicNetworkAccess: "Disabled",
          securitySettings: {
            immutabilitySettings: { state: (args.immutability ?? DEFAULTS.backup.immutability) === "locked" ? "Locked" : "Unlocked" },
            // AlwaysON cannot be turned off again: a stolen admin account
            // cannot disable soft delete and then purge the backups.
            softDeleteSettings: {
              softDeleteState: "AlwaysON",
              softDeleteRetentionPeriodInDays: args.softDeleteRetentionDays ?? DEFAULTS.backup.softDeleteRetentionDays,
            },
          },
          redundancySettings: {
            standardTierStorageRedundancy: geo ? "GeoRedundant" : "ZoneRedundant",
            crossRegionRestore:
              args.redundancy.type === "geo" && (args.redundancy.crossRegionRestore ?? DEFAULTS.backup.redundancy.crossRegionRestore) ? "Enabled" : "Disabled",
          },
          restoreSettings: { crossSubscriptionRestoreSettings: { crossSubscriptionRestoreState: "Disabled" } },
          // Built-in Azure Monitor alerts for every failed job, on top of the
          // baseline log alert; classic e-mail alerts are retired.
          monitoringSettings: {
            azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" },
            classicAlertSettings: { alertsForCriticalOperations: "Disabled" },
          },
        },
        tags,
      },
      { parent: this, protect: protectData, retainOnDelete: protectData },
    );

    const timeZone = args.timeZone ?? DEFAULT_BACKUP_TIME_ZONE;
    const policyIds = {} as Record<BackupTier, pulumi.Output<string>>;
    for (const tier of BACKUP_TIERS) {
      policyIds[tier] = new recoveryservices.ProtectionPolicy(
        `${name}-policy-${tier}`,
        {
          policyName: `vm-${tier}`,
          vaultName: vault.name,
          resourceGroupName,
          location,
          properties: vmBackupPolicy(tiers[tier], timeZone),
          tags,
        },
        { parent: this },
      ).id;
    }

    attachDiagnostics(this, { key: `${name}-vault`, resourceId: vault.id }, args.workspaceId);

    this.vaultId = vault.id;
    this.vaultName = vault.name;
    this.resourceGroupName = resourceGroupName;
    this.policyIds = policyIds;
    this.registerOutputs({
      vaultId: this.vaultId,
      vaultName: this.vaultName,
      resourceGroupName: this.resourceGroupName,
      policyIds: this.policyIds,
    });
  }
}

/** Every problem of the args other than the tiers' own settings, by field path. */
export function backupArgsProblems(args: BackupArgs): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  const allowed = EU_LOCATIONS as readonly string[];
  if (!allowed.includes(args.location)) {
    problems.push({ path: "location", value: args.location, message: `is ${JSON.stringify(args.location)}; backups stay in the EU: ${allowed.join(", ")}.` });
  }
  const r = args.redundancy;
  if (r.type === "geo") {
    if (!allowed.includes(r.secondaryRegion)) {
      problems.push({
        path: "redundancy.secondaryRegion",
        value: r.secondaryRegion,
        message:
          `is ${JSON.stringify(r.secondaryRegion)}; geo-redundant backup copies ` +
          `must stay in the EU regions the platform allows: ${allowed.join(", ")}. ` +
          'Check Azure\'s region pair for the vault\'s region, or use { type: "zone" }.',
      });
    } else if (r.secondaryRegion === args.location) {
      problems.push({
        path: "redundancy.secondaryRegion",
        value: r.secondaryRegion,
        message: `is ${JSON.stringify(r.secondaryRegion)}, the vault's own region; a geo copy goes to another region. Use { type: "zone" } to stay in one region.`,
      });
    }
  } else if (r.type !== "zone") {
    const type = (r as { type: unknown }).type;
    problems.push({ path: "redundancy.type", value: type, message: `is ${JSON.stringify(type)}; allowed: "zone", "geo".` });
  }
  const days = args.softDeleteRetentionDays;
  if (days !== undefined && (!Number.isInteger(days) || days < SOFT_DELETE_DAYS.min || days > SOFT_DELETE_DAYS.max)) {
    problems.push({
      path: "softDeleteRetentionDays",
      value: days,
      message: `is ${JSON.stringify(days)}; allowed: a whole number from ${SOFT_DELETE_DAYS.min} to ${SOFT_DELETE_DAYS.max}.`,
    });
  }
  for (const key of Object.keys(args.tiers ?? {})) {
    if (!(BACKUP_TIERS as readonly string[]).includes(key)) {
      problems.push({ path: `tiers.${key}`, message: `is not a backup tier; allowed: ${BACKUP_TIERS.join(", ")}.` });
    }
  }
  return problems;
}
