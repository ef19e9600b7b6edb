/**
 * Who may do what on the unit's platform, as data: the two custom roles,
 * the built-in roles the platform grants, and the rule that names every
 * role assignment. ISO 27001:2022 A.5.15-5.18, NIS2 § 6 (access control).
 */
import { stableGuid } from "../vocabulary/naming.js";

/** Built-in role definition GUIDs; identical in every Azure tenant. */
export const BUILT_IN_ROLES = {
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  logAnalyticsReader: "73c42c96-874c-492b-b04d-ab87d138a893",
  sentinelResponder: "3e150937-b8fe-4cfb-8069-0eaf05ecd056",
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
  privateDnsZoneContributor: "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
} as const;
export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

export interface CustomRole {
  /** Stable key; part of the role's GUID. Never change it. */
  key: "unitOperator" | "municipalityOperator";
  description: string;
  actions: string[];
  notActions: string[];
}

/**
 * Power operations an operator needs to keep a lifted server running.
 * Deliberately absent: run command (`runCommand/action`, `runCommands/write`)
 * executes arbitrary code as SYSTEM/root inside the guest, bypassing the
 * guest's own sign-in and audit; extensions; disk and NIC writes.
 */
export const VM_POWER_ACTIONS = [
  "Microsoft.Compute/virtualMachines/start/action",
  "Microsoft.Compute/virtualMachines/restart/action",
  "Microsoft.Compute/virtualMachines/deallocate/action",
  "Microsoft.Compute/virtualMachines/powerOff/action",
] as const;

/**
 * Reading backup state of protected items. Restore is not included: a
 * restore can overwrite data and is a change that goes through the
 * platform administrators.
 */
export const BACKUP_READ_ACTIONS = [
  "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read",
  "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/read",
  "Microsoft.RecoveryServices/Vaults/backupJobs/read",
  "Microsoft.RecoveryServices/Vaults/backupPolicies/read",
] as const;

/**
 * Log content may carry personal data of any municipality; the unit's
 * operators see configuration and state, the SOC group reads logs. Both
 * workspace-context and resource-context queries are excluded because
 * the read-everything wildcard would otherwise grant them.
 */
export const LOG_QUERY_NOT_ACTIONS = [
  "Microsoft.OperationalInsights/workspaces/query/*/read",
  "Microsoft.Insights/logs/*/read",
] as const;

export const UNIT_OPERATOR_ROLE: CustomRole = {
  key: "unitOperator",
  description:
    "Operates the unit's shared platform: reads configuration and state, starts/stops/restarts servers, " +
    "starts on-demand backups, acknowledges alerts and opens support cases. No run command, no writes, " +
    "no role assignments, no log queries (the SOC group has those).",
  actions: [
    "*/read",
    ...VM_POWER_ACTIONS,
    "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/backup/action",
    "Microsoft.AlertsManagement/alerts/changestate/action",
    "Microsoft.Support/*",
  ],
  notActions: [...LOG_QUERY_NOT_ACTIONS],
};

/**
 * Granted by the tenant on a municipality's own resource groups only, so
 * the read-everything wildcard reaches that municipality's resources and their logs (the
 * workspace uses resource-context access) and nothing else. Backup item
 * reads take effect where the role is assigned on the vault's items.
 */
export const MUNICIPALITY_OPERATOR_ROLE: CustomRole = {
  key: "municipalityOperator",
  description:
    "Operates one municipality's servers within its own resource groups: reads them, starts/stops/restarts " +
    "them and reads their backup state. No run command, no writes, no role assignments.",
  actions: ["*/read", ...VM_POWER_ACTIONS, ...BACKUP_READ_ACTIONS],
  notActions: [],
};

/** GUID of a unit's custom role definition (tenant-unique, so it includes the unit). */
export function customRoleGuid(unitId: string, role: CustomRole["key"]): string {
  return stableGuid(unitId, "roleDefinition", role);
}

/**
 * Name of a role assignment: UUIDv5 of the unit, a stable key for the scope
 * (not its ARM id, which may be unknown at preview), the role and the
 * principal. The same grant always has the same name; a different group or
 * role is a different assignment.
 */
export function roleAssignmentName(unitId: string, scopeKey: string, roleKey: string, principalId: string): string {
  return stableGuid(unitId, "roleAssignment", scopeKey, roleKey, principalId);
}
