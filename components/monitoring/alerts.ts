/**
 * Baseline alert rules for the unit's shared platform, routed to the SOC
 * action group. NIS2 § 6 (incident handling) needs these to be detected
 * without anyone watching a dashboard.
 *
 * A separate component because the scopes (firewall, VPN gateway, cluster,
 * backup vault) are created after the workspace they log to: the
 * composition builds `Monitoring` first, then the hub, cluster and vault,
 * and then one `BaselineAlerts` with their ids. An alert whose scope is not
 * given is not created, so a unit without a VPN gateway or cluster simply
 * has fewer rules.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor/index.js";

/** ARM ids of the resources the baseline alerts watch. All optional. */
export interface AlertScopes {
  /** Azure Firewall in the hub: FirewallHealth metric below 90 %. */
  firewallId?: pulumi.Input<string>;
  /**
   * VPN gateway in the hub: any tunnel reported Disconnected. Reads the
   * gateway's TunnelDiagnosticLog, so the gateway needs its diagnostic
   * setting (attachDiagnostics) to the unit workspace.
   */
  vpnGatewayId?: pulumi.Input<string>;
  /** AKS cluster: any node NotReady (platform metric kube_node_status_condition). */
  clusterId?: pulumi.Input<string>;
  /**
   * Recovery Services vault: any failed backup job. Reads the vault's
   * AddonAzureBackupJobs table, which its diagnostic setting fills.
   */
  backupVaultId?: pulumi.Input<string>;
}

export interface BaselineAlertsArgs {
  unitId: string;
  /** Region of the log alerts (metric alerts are global). */
  location: string;
  /** Resource group that holds the alert rules, usually the monitoring one. */
  resourceGroupName: pulumi.Input<string>;
  /** Action group that every rule notifies (Monitoring.actionGroupId). */
  actionGroupId: pulumi.Input<string>;
  scopes: AlertScopes;
  tags: Record<string, string>;
}

/** Keys of the rules, in the order they appear in `ruleIds`. */
export type BaselineAlertKey = "firewallHealth" | "vpnTunnelDown" | "clusterNodeNotReady" | "backupJobFailed";

export class BaselineAlerts extends pulumi.ComponentResource {
  /** ARM id per rule that was created; absent keys had no scope. */
  public readonly ruleIds: Partial<Record<BaselineAlertKey, pulumi.Output<string>>>;

  constructor(name: string, args: BaselineAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:monitoring:BaselineAlerts", name, {}, opts);
    const { unitId, scopes } = args;
    const ruleIds: Partial<Record<BaselineAlertKey, pulumi.Output<string>>> = {};

    const metricAlert = (
      key: BaselineAlertKey,
      scope: pulumi.Input<string>,
      description: string,
      severity: number,
      criterion: {
        metricNamespace: string;
        metricName: string;
        operator: string;
        threshold: number;
        timeAggregation: string;
        dimensions?: { name: string; operator: string; values: string[] }[];
      },
      windowSize: string,
      evaluationFrequency: string,
    ) =>
      new monitor.MetricAlert(
        `${name}-${key}`,
        {
          ruleName: baselineAlertRuleName(unitId, key),
          resourceGroupName: args.resourceGroupName,
          location: "global",
          description,
          severity,
          enabled: true,
          scopes: [scope],
          evaluationFrequency,
          windowSize,
          autoMitigate: true,
          criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [{ criterionType: "StaticThresholdCriterion", name: key, ...criterion }],
          },
          actions: [{ actionGroupId: args.actionGroupId }],
          tags: args.tags,
        },
        { parent: this },
      ).id;

    const logAlert = (key: BaselineAlertKey, scope: pulumi.Input<string>, description: string, query: string) =>
      new monitor.ScheduledQueryRule(
        `${name}-${key}`,
        {
          ruleName: baselineAlertRuleName(unitId, key),
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          kind: "LogAlert",
          description,
          displayName: `${unitId}: ${description}`,
          severity: 1,
          enabled: true,
          // Resource-centric: the query sees only the scope resource's logs.
          scopes: [scope],
          evaluationFrequency: "PT15M",
          windowSize: "PT15M",
          autoMitigate: false,
          criteria: {
            allOf: [
              {
                query,
                timeAggregation: "Count",
                operator: "GreaterThan",
                threshold: 0,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
              },
            ],
          },
          actions: { actionGroups: [args.actionGroupId] },
          tags: args.tags,
        },
        { parent: this },
      ).id;

    if (scopes.firewallId !== undefined) {
      // Thresholds follow Azure Monitor Baseline Alerts: below 90 % the
      // firewall is degraded (SNAT exhaustion, unhealthy instances).
      ruleIds.firewallHealth = metricAlert(
        "firewallHealth",
        scopes.firewallId,
        "Azure Firewall health below 90 %",
        1,
        {
          metricNamespace: "Microsoft.Network/azureFirewalls",
          metricName: "FirewallHealth",
          operator: "LessThan",
          threshold: 90,
          timeAggregation: "Average",
        },
        "PT5M",
        "PT1M",
      );
    }
    if (scopes.vpnGatewayId !== undefined) {
      // The tunnel log says which tunnel went down; a bandwidth metric at
      // zero cannot tell an idle tunnel from a dead one.
      ruleIds.vpnTunnelDown = logAlert(
        "vpnTunnelDown",
        scopes.vpnGatewayId,
        "VPN gateway tunnel disconnected",
        'AzureDiagnostics | where Category == "TunnelDiagnosticLog" | where status_s == "Disconnected"',
      );
    }
    if (scopes.clusterId !== undefined) {
      ruleIds.clusterNodeNotReady = metricAlert(
        "clusterNodeNotReady",
        scopes.clusterId,
        "AKS node not ready",
        1,
        {
          metricNamespace: "Microsoft.ContainerService/managedClusters",
          metricName: "kube_node_status_condition",
          operator: "GreaterThan",
          threshold: 0,
          timeAggregation: "Average",
          dimensions: [{ name: "status2", operator: "Include", values: ["NotReady"] }],
        },
        "PT15M",
        "PT5M",
      );
    }
    if (scopes.backupVaultId !== undefined) {
      ruleIds.backupJobFailed = logAlert(
        "backupJobFailed",
        scopes.backupVaultId,
        "Backup job failed",
        'AddonAzureBackupJobs | where JobOperation == "Backup" | where JobStatus == "Failed"',
      );
    }

    this.ruleIds = ruleIds;
    this.registerOutputs({ ruleIds });
  }
}

/** Azure name of a baseline rule: stable, so runbooks and the SOC can refer to it. */
export function baselineAlertRuleName(unitId: string, key: BaselineAlertKey): string {
  return `alert-${unitId}-${key}`;
}
