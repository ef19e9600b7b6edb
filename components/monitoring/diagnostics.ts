/**
 * The one way a resource sends its logs and metrics to the unit's workspace.
 *
 * CFCS asks for central logs kept at least 13 months and the landing-zone
 * guardrails ask for "all logs" on every resource that supports diagnostics;
 * doing it in one helper keeps the setting name, the category group and the
 * destination identical everywhere, which is what the policy pack and an
 * auditor compare against.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor/index.js";

/**
 * Azure name of every diagnostic setting the platform creates. A fixed name
 * makes the setting findable on any resource and lets a re-run update it in
 * place instead of adding a second one (Azure allows five per resource).
 */
export const DIAGNOSTIC_SETTING_NAME = "to-unit-workspace";

export interface DiagnosticsTarget {
  /** stable key, used in the child's logical name `${key}-diag` */
  key: string;
  resourceId: pulumi.Input<string>;
  /**
   * Include the allLogs category group.
   * @default true
   */
  logs?: boolean;
  /**
   * Include AllMetrics.
   * @default true
   */
  metrics?: boolean;
}

/**
 * Resource providers whose logs have resource-specific tables. For these,
 * "Dedicated" gives typed tables (AZFW*, AKSAudit, AddonAzureBackup*,
 * AZKVAuditLogs) that are cheaper to query and to keep for 13 months. Other
 * types get no destination type: Azure stores null for them and a requested
 * "Dedicated" would show as a permanent diff.
 */
const DEDICATED_TABLE_TYPES = [
  "microsoft.network/azurefirewalls",
  "microsoft.containerservice/managedclusters",
  "microsoft.recoveryservices/vaults",
  "microsoft.keyvault/vaults",
] as const;

/** "Dedicated" when the ARM id's resource type has resource-specific tables. */
export function destinationTypeFor(resourceId: string): "Dedicated" | undefined {
  const id = resourceId.toLowerCase();
  return DEDICATED_TABLE_TYPES.some((t) => id.includes(`/providers/${t}/`)) ? "Dedicated" : undefined;
}

export function attachDiagnostics(
  parent: pulumi.Resource,
  target: DiagnosticsTarget,
  workspaceId: pulumi.Input<string>,
): monitor.DiagnosticSetting {
  const logs = target.logs ?? true;
  const metrics = target.metrics ?? true;
  if (target.key.trim().length === 0) {
    throw new Error(
      "attachDiagnostics: target.key is empty. Give a stable key (for example 'firewall'); it names the child `<key>-diag`.",
    );
  }
  if (!logs && !metrics) {
    throw new Error(
      `attachDiagnostics: target '${target.key}' sets both logs and metrics to false. ` +
        "Azure rejects a diagnostic setting with nothing enabled; leave at least one at its default (true).",
    );
  }
  return new monitor.DiagnosticSetting(
    `${target.key}-diag`,
    {
      name: DIAGNOSTIC_SETTING_NAME,
      resourceUri: target.resourceId,
      workspaceId,
      logAnalyticsDestinationType: pulumi.output(target.resourceId).apply(destinationTypeFor),
      logs: logs ? [{ categoryGroup: "allLogs", enabled: true }] : [],
      metrics: metrics ? [{ category: "AllMetrics", enabled: true }] : [],
    },
    { parent },
  );
}
