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
import { MIN_LOG_RETENTION_DAYS } from "../vocabulary/defaults.js";
import { attachDiagnostics } from "./diagnostics.js";
import { BaselineAlerts, type AlertScopes } from "./alerts.js";
import { serverDataCollection } from "./server-data-collection.js";
import { resourceGroupFor } from "../resources/resource-group.js";

/** CFCS: at least 13 months (the configuration contract's constant). */
export const MIN_RETENTION_DAYS = MIN_LOG_RETENTION_DAYS;
/** Log Analytics' interactive retention ceiling; longer needs table-level archive. */
export const MAX_RETENTION_DAYS = 730;

export const DEFENDER_PLANS = ["VirtualMachines", "StorageAccounts", "Containers", "KeyVaults", "Arm", "SqlServers"] as const;
export type DefenderPlan = (typeof DEFENDER_PLANS)[number];

export type NetworkAccess = "Enabled" | "Disabled";

export interface MonitoringArgs {
  /** Unit id, e.g. "nordjylland"; part of every Azure name. */
  unitId: string;
  /** Azure region, e.g. "denmarkeast". */
  location: string;
  /** Subscription the Defender plans and security contact apply to (getClientConfig). */
  subscriptionId: pulumi.Input<string>;
  /** Existing resource group; default: a new `rg-<unit>-monitoring`. */
  resourceGroupName?: pulumi.Input<string>;
  /** Workspace retention in days; 395-730, default 395 (CFCS 13 months). */
  retentionInDays?: number;
  /**
   * Default "Disabled". With ingestion disabled, agents reach the workspace
   * only through an Azure Monitor Private Link Scope (AMPLS) whose private
   * endpoint sits in the hub and registers in the hub's monitor, oms, ods,
   * agentsvc and blob private DNS zones. Diagnostic settings are not
   * affected: Azure delivers them over its own backbone.
   */
  publicNetworkAccessForIngestion?: NetworkAccess;
  /**
   * Default "Disabled". Queries (including the Sentinel and Log Analytics
   * portal blades) then work only from networks that resolve the workspace
   * through the AMPLS, i.e. from the unit's own network or VPN. "Enabled"
   * is the documented opt-out for a SOC that works from outside it.
   */
  publicNetworkAccessForQuery?: NetworkAccess;
  /**
   * Defender for Cloud plans set to Standard, default all of DEFENDER_PLANS.
   * Plans are per subscription: two units sharing one subscription must
   * not both set them.
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
   * Default true: the workspace is protected and retained on delete.
   * false only for throw-away test or sandbox units.
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
    // Validate before registering anything: a bad argument leaves no half-built component.
    const where = `Monitoring '${name}'`;
    const retentionInDays = validateRetention(where, args.retentionInDays ?? MIN_RETENTION_DAYS);
    const socEmails = validateEmails(where, "socEmails", args.socEmails);
    const contactEmails = validateEmails(where, "securityContactEmails", args.securityContactEmails);
    const plans = validatePlans(where, args.defenderPlans ?? DEFENDER_PLANS);
    super("driftsenhed:monitoring:Monitoring", name, {}, opts);
    const protectData = args.protectData ?? true;
    const { unitId, location, tags } = args;

    const resourceGroupName = resourceGroupFor(this, name, args.resourceGroupName, {
      resourceGroupName: platformResourceGroupName(unitId, "monitoring"),
      location,
      tags,
    });

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

export function validateRetention(where: string, days: number): number {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    const why =
      Number.isInteger(days) && days < MIN_RETENTION_DAYS
        ? `CFCS requires central logs to be kept at least 13 months (${MIN_RETENTION_DAYS} days)`
        : `Log Analytics allows whole days up to ${MAX_RETENTION_DAYS}`;
    throw new Error(
      `${where}: args.retentionInDays is ${JSON.stringify(days)}; ${why}. ` +
        `Allowed: a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}. ` +
        `Set retentionInDays to ${MIN_RETENTION_DAYS} or leave it out for the default.`,
    );
  }
  return days;
}

const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

function validateEmails(where: string, field: string, emails: string[]): string[] {
  if (emails.length === 0) {
    throw new Error(`${where}: args.${field} is empty; give at least one mailbox that the SOC reads.`);
  }
  emails.forEach((e, i) => {
    if (!EMAIL.test(e)) {
      throw new Error(
        `${where}: args.${field}[${i}] is ${JSON.stringify(e)}, which is not an e-mail address. ` +
          "Give one address per entry, e.g. \"soc@example.dk\" (no separators).",
      );
    }
  });
  const dup = emails.find((e, i) => emails.findIndex((x) => x.toLowerCase() === e.toLowerCase()) !== i);
  if (dup !== undefined) {
    throw new Error(`${where}: args.${field} lists ${JSON.stringify(dup)} twice; remove the duplicate.`);
  }
  return emails;
}

function validatePlans(where: string, plans: readonly string[]): DefenderPlan[] {
  plans.forEach((p, i) => {
    if (!(DEFENDER_PLANS as readonly string[]).includes(p)) {
      throw new Error(
        `${where}: args.defenderPlans[${i}] is ${JSON.stringify(p)}; allowed: ${DEFENDER_PLANS.join(", ")}.`,
      );
    }
  });
  if (new Set(plans).size !== plans.length) {
    throw new Error(`${where}: args.defenderPlans lists a plan twice: ${JSON.stringify(plans)}.`);
  }
  return [...plans] as DefenderPlan[];
}
