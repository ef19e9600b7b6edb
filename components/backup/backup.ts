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
  vmBackupPolicy,
  type BackupTierPolicy,
} from "./policies.js";
import { resourceGroupFor } from "../resources/resource-group.js";

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
  | { type: "geo"; secondaryRegion: string; /** default true */ crossRegionRestore?: boolean };

export interface BackupArgs {
  unitId: string;
  location: string;
  /** Existing resource group; default: a new `rg-<unit>-backup`. */
  resourceGroupName?: pulumi.Input<string>;
  /** Unit workspace for the vault's logs (backup jobs, restores, alerts). */
  workspaceId: pulumi.Input<string>;
  redundancy: BackupRedundancy;
  /**
   * Default "unlocked": immutable (recovery points cannot be deleted or
   * retention shortened before expiry) but the setting itself can still be
   * changed. "locked" is IRREVERSIBLE: not even the platform administrators
   * can lift it again, and vault deletion waits for the last point to expire.
   */
  immutability?: "unlocked" | "locked";
  /** Days deleted backup data stays recoverable, 14-180; default from the configuration contract. */
  softDeleteRetentionDays?: number;
  /** Per-tier overrides merged over DEFAULT_BACKUP_TIERS. */
  tiers?: Partial<Record<BackupTier, Partial<BackupTierPolicy>>>;
  /** Windows time zone id of the schedules; default "Romance Standard Time". */
  timeZone?: string;
  tags: Record<string, string>;
  /** Default true: protect and retain the vault. false only for test or sandbox units. */
  protectData?: boolean;
}

export class Backup extends pulumi.ComponentResource {
  public readonly vaultId: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly policyIds: Record<BackupTier, pulumi.Output<string>>;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    const where = `Backup '${name}'`;
    validateBackupArgs(where, args);
    const tiers = Object.fromEntries(BACKUP_TIERS.map((t) => [t, resolveTier(where, t, args.tiers?.[t])])) as Record<
      BackupTier,
      BackupTierPolicy
    >;
    super("driftsenhed:backup:Backup", name, {}, opts);
    const { unitId, location, tags } = args;
    const protectData = args.protectData ?? true;
    const geo = args.redundancy.type === "geo";

    const resourceGroupName = resourceGroupFor(this, name, args.resourceGroupName, {
      resourceGroupName: platformResourceGroupName(unitId, "backup"),
      location,
      tags,
    });

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
              args.redundancy.type === "geo" && (args.redundancy.crossRegionRestore ?? true) ? "Enabled" : "Disabled",
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

export function validateBackupArgs(where: string, args: BackupArgs): void {
  const allowed = EU_LOCATIONS as readonly string[];
  if (!allowed.includes(args.location)) {
    throw new Error(`${where}: args.location is ${JSON.stringify(args.location)}; backups stay in the EU: ${allowed.join(", ")}.`);
  }
  const r = args.redundancy;
  if (r.type === "geo") {
    if (!allowed.includes(r.secondaryRegion)) {
      throw new Error(
        `${where}: args.redundancy.secondaryRegion is ${JSON.stringify(r.secondaryRegion)}; geo-redundant backup copies ` +
          `must stay in the EU regions the platform allows: ${allowed.join(", ")}. ` +
          'Check Azure\'s region pair for the vault\'s region, or use { type: "zone" }.',
      );
    }
    if (r.secondaryRegion === args.location) {
      throw new Error(
        `${where}: args.redundancy.secondaryRegion is ${JSON.stringify(r.secondaryRegion)}, the vault's own region; ` +
          'a geo copy goes to another region. Use { type: "zone" } to stay in one region.',
      );
    }
  } else if (r.type !== "zone") {
    throw new Error(`${where}: args.redundancy.type is ${JSON.stringify((r as { type: unknown }).type)}; allowed: "zone", "geo".`);
  }
  const days = args.softDeleteRetentionDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 14 || days > 180)) {
    throw new Error(`${where}: args.softDeleteRetentionDays is ${JSON.stringify(days)}; allowed: a whole number from 14 to 180.`);
  }
  for (const key of Object.keys(args.tiers ?? {})) {
    if (!(BACKUP_TIERS as readonly string[]).includes(key)) {
      throw new Error(`${where}: args.tiers.${key} is not a backup tier; allowed: ${BACKUP_TIERS.join(", ")}.`);
    }
  }
}
