/**
 * The unit's central log and detection platform: one Log Analytics workspace
 * with Microsoft Sentinel, Defender for Cloud plans, the SOC action group and
 * the data collection rule that servers' Azure Monitor agents use.
 *
 * CFCS: central logs kept at least 13 months (395 days). NIS2 § 6: incident
 * detection and handling. ISO 27001:2022 A.8.15 (logging), A.8.16 (monitoring).
 */
import * as pulumi from "@pulumi/pulumi";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights/index.js";
import * as securityinsights from "@pulumi/azure-native/securityinsights/index.js";
import * as security from "@pulumi/azure-native/security/index.js";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import { azureName, platformResourceGroupName, shortHash } from "../vocabulary/naming.js";
import { DEFAULTS, DEFENDER_PLANS, MAX_LOG_RETENTION_DAYS, MIN_LOG_RETENTION_DAYS, type DefenderPlan } from "../vocabulary/defaults.js";
import { rejectArgs, type ArgsProblem } from "../errors.js";
import { attachDiagnostics } from "./diagnostics.js";
import { BaselineAlerts, type AlertScopes } from "./alerts.js";
import { serverDataCollection } from "./server-data-collection.js";
import { resourceGroupFor } from "../resources/resource-group.js";

/** CFCS: at least 13 months (the configuration contract's constant). */
export const MIN_RETENTION_DAYS = MIN_LOG_RETENTION_DAYS;
/** Log Analytics' interactive retention ceiling; longer needs table-level archive. */
export const MAX_RETENTION_DAYS = MAX_LOG_RETENTION_DAYS;

// The plans are the contract's (unit.yaml lists them too); re-exported where callers have always found them.
export { DEFENDER_PLANS, type DefenderPlan };

export const MONITORING_TYPE = "driftsenhed:monitoring:Monitoring";

export type NetworkAccess = "Enabled" | "Disabled";

export interface MonitoringArgs {
  /** Unit id, e.g. "nordjylland"; part of every Azure name. */
  unitId: string;
  /** Azure region, e.g. "denmarkeast". */
  location: string;
  /** Subscription the Defender plans and security contact apply to (getClientConfig). */
  subscriptionId: pulumi.Input<string>;
  /**
   * Existing resource group.
   * @default a new `rg-<unit>-monitoring`
   */
  resourceGroupName?: pulumi.Input<string>;
  /**
   * Workspace retention in days, MIN_LOG_RETENTION_DAYS to MAX_LOG_RETENTION_DAYS.
   * @default DEFAULTS.monitoring.retentionDays (395 days: CFCS 13 months)
   */
  retentionInDays?: number;
  /**
   * With ingestion disabled, agents reach the workspace
   * only through an Azure Monitor Private Link Scope (AMPLS) whose private
   * endpoint sits in the hub and registers in the hub's monitor, oms, ods,
   * agentsvc and blob private DNS zones. Diagnostic settings are not
   * affected: Azure delivers them over its own backbone.
   * @default "Disabled"
   */
  publicNetworkAccessForIngestion?: NetworkAccess;
  /**
   * Queries (including the Sentinel and Log Analytics
   * portal blades) then work only from networks that resolve the workspace
   * through the AMPLS, i.e. from the unit's own network or VPN. "Enabled"
   * is the documented opt-out for a SOC that works from outside it.
   * @default "Disabled"
   */
  publicNetworkAccessForQuery?: NetworkAccess;
  /**
   * Defender for Cloud plans set to Standard. Plans are per subscription:
   * two units sharing one subscription must not both set them.
   * @default DEFAULTS.monitoring.defenderPlans (all of DEFENDER_PLANS)
   */
  defenderPlans?: readonly DefenderPlan[];
  /** Receive Defender for Cloud alerts of high severity. At least one. */
  securityContactEmails: string[];
  /** SOC mailboxes in the action group every platform alert notifies. At least one. */
  socEmails: string[];
  /**
   * Scopes for the baseline alerts, when they already exist (for example
   * read from another stack). Usually left out and a `BaselineAlerts` is
   * created by the composition once hub, cluster and vault exist.
   */
  alertScopes?: AlertScopes;
  /** Applied to every taggable resource. */
  tags: Record<string, string>;
  /**
   * The workspace is protected and retained on delete; false only for
   * throw-away test or sandbox units.
   * @default true
   */
  protectData?: boolean;
}

export class Monitoring extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  /** ARM id of the workspace: the destination of every diagnostic setting. */
  public readonly workspaceId: pulumi.Output<string>;
  public readonly workspaceName: pulumi.Output<string>;
  /** Workspace (customer) GUID that agents and queries use. */
  public readonly workspaceCustomerId: pulumi.Output<string>;
  public readonly actionGroupId: pulumi.Output<string>;
  public readonly serverDataCollectionRuleId: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MONITORING_TYPE, name, {}, opts);
    // Every problem at once, before any child: a bad argument leaves no half-built component.
    const retentionInDays = args.retentionInDays ?? DEFAULTS.monitoring.retentionDays;
    const socEmails = args.socEmails;
    const contactEmails = args.securityContactEmails;
    const plans = [...(args.defenderPlans ?? DEFAULTS.monitoring.defenderPlans)];
    rejectArgs(this, MONITORING_TYPE, name, [
      ...retentionProblems(retentionInDays),
      ...emailProblems("socEmails", socEmails),
      ...emailProblems("securityContactEmails", contactEmails),
      ...planProblems(plans),
    ]);
    const protectData = args.protectData ?? true;
    const { unitId, location, tags } = args;

    const resourceGroupName = resourceGroupFor(
      this,
      name,
      args.resourceGroupName,
      { resourceGroupName: platformResourceGroupName(unitId, "monitoring"), location, tags },
      protectData,
    );

    const workspace = new operationalinsights.Workspace(
      `${name}-workspace`,
      {
        workspaceName: azureName("logAnalytics", unitId),
        resourceGroupName,
        location,
        sku: { name: "PerGB2018" },
        retentionInDays,
        publicNetworkAccessForIngestion: args.publicNetworkAccessForIngestion ?? "Disabled",
        publicNetworkAccessForQuery: args.publicNetworkAccessForQuery ?? "Disabled",
        features: {
          // Entra ID only: no shared keys that bypass RBAC and audit.
          disableLocalAuth: true,
          // Resource-context access: a municipality's operators see the logs
          // of their own resources and nothing else in the shared workspace.
          enableLogAccessUsingOnlyResourcePermissions: true,
        },
        tags,
      },
      { parent: this, protect: protectData, retainOnDelete: protectData },
    );

    new securityinsights.SentinelOnboardingState(
      `${name}-sentinel`,
      {
        sentinelOnboardingStateName: "default",
        resourceGroupName,
        workspaceName: workspace.name,
        customerManagedKey: false,
      },
      { parent: this },
    );

    const scopeId = pulumi.interpolate`subscriptions/${args.subscriptionId}`;
    for (const plan of plans) {
      new security.Pricing(
        `${name}-defender-${plan}`,
        { pricingName: plan, pricingTier: "Standard", scopeId },
        { parent: this },
      );
    }
    new security.SecurityContact(
      `${name}-security-contact`,
      {
        securityContactName: "default",
        emails: contactEmails.join(";"),
        isEnabled: true,
        notificationsByRole: { state: "On", roles: ["Owner"] },
        notificationsSources: [{ sourceType: "Alert", minimalSeverity: "High" }],
      },
      { parent: this },
    );

    const actionGroup = new monitor.ActionGroup(
      `${name}-soc`,
      {
        actionGroupName: azureName("actionGroup", unitId, "soc"),
        resourceGroupName,
        // A regional action group is stored and processed in its region; a
        // "global" one may be processed anywhere. It holds the SOC's addresses
        // (personal data), so it stays in the unit's EU region.
        location,
        enabled: true,
        // Azure allows 12 characters; the short name is what SMS and mail show.
        groupShortName: `soc-${unitId}`.slice(0, 12),
        emailReceivers: socEmails.map((emailAddress) => ({
          // Receiver names must be unique in the group; derive from the address,
          // not the list position, so a reordered list changes nothing.
          name: `soc-${shortHash(emailAddress, 8)}`,
          emailAddress,
          useCommonAlertSchema: true,
        })),
        tags,
      },
      { parent: this },
    );

    const dcr = serverDataCollection(this, `${name}-servers-dcr`, {
      unitId,
      location,
      resourceGroupName,
      workspaceId: workspace.id,
      tags,
    });

    // The workspace's own audit (who queried what) stays in the workspace.
    attachDiagnostics(this, { key: `${name}-workspace`, resourceId: workspace.id }, workspace.id);

    if (args.alertScopes !== undefined && Object.values(args.alertScopes).some((v) => v !== undefined)) {
      new BaselineAlerts(
        `${name}-alerts`,
        { unitId, location, resourceGroupName, actionGroupId: actionGroup.id, scopes: args.alertScopes, tags },
        { parent: this },
      );
    }

    this.resourceGroupName = resourceGroupName;
    this.workspaceId = workspace.id;
    this.workspaceName = workspace.name;
    this.workspaceCustomerId = workspace.customerId;
    this.actionGroupId = actionGroup.id;
    this.serverDataCollectionRuleId = dcr.id;
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      workspaceId: this.workspaceId,
      workspaceName: this.workspaceName,
      workspaceCustomerId: this.workspaceCustomerId,
      actionGroupId: this.actionGroupId,
      serverDataCollectionRuleId: this.serverDataCollectionRuleId,
    });
  }
}

export function retentionProblems(days: number): ArgsProblem[] {
  if (Number.isInteger(days) && days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS) return [];
  const why =
    Number.isInteger(days) && days < MIN_RETENTION_DAYS
      ? `CFCS requires central logs to be kept at least 13 months (${MIN_RETENTION_DAYS} days)`
      : `Log Analytics allows whole days up to ${MAX_RETENTION_DAYS}`;
  return [
    {
      path: "retentionInDays",
      value: days,
      message:
        `is ${JSON.stringify(days)}; ${why}. ` +
        `Allowed: a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}. ` +
        `Set retentionInDays to ${DEFAULTS.monitoring.retentionDays} or leave it out for the default.`,
    },
  ];
}

const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

function emailProblems(field: string, emails: string[]): ArgsProblem[] {
  if (emails.length === 0) return [{ path: field, value: emails, message: "is empty; give at least one mailbox that the SOC reads." }];
  const problems: ArgsProblem[] = [];
  emails.forEach((e, i) => {
    if (!EMAIL.test(e)) {
      problems.push({
        path: `${field}.${i}`,
        value: e,
        message: `is ${JSON.stringify(e)}, which is not an e-mail address. Give one address per entry, e.g. "soc@example.dk" (no separators).`,
      });
    }
  });
  const dup = emails.find((e, i) => emails.findIndex((x) => x.toLowerCase() === e.toLowerCase()) !== i);
  if (dup !== undefined) problems.push({ path: field, value: emails, message: `lists ${JSON.stringify(dup)} twice; remove the duplicate.` });
  return problems;
}

function planProblems(plans: readonly string[]): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  plans.forEach((p, i) => {
    if (!(DEFENDER_PLANS as readonly string[]).includes(p)) {
      problems.push({ path: `defenderPlans.${i}`, value: p, message: `is ${JSON.stringify(p)}; allowed: ${DEFENDER_PLANS.join(", ")}.` });
    }
  });
  if (new Set(plans).size !== plans.length) problems.push({ path: "defenderPlans", value: plans, message: `lists a plan twice: ${JSON.stringify(plans)}.` });
  return problems;
}
