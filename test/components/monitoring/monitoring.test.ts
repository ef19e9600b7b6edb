import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { FAKE_SUBSCRIPTION_ID } from "../../../packages/tools/mock-runtime/index.js";
import { Monitoring, type MonitoringArgs } from "../../../components/monitoring/monitoring.js";
import { DIAGNOSTIC_SETTING_NAME } from "../../../components/monitoring/diagnostics.js";
import {
  TAGS,
  descendantsOf,
  expectAzureParentsAreComponents,
  expectProtected,
  expectTagged,
  ofType,
  single,
  sortedTypes,
} from "./harness.js";

const HUB = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/rg-u1-hub/providers`;
const SCOPES = {
  firewallId: `${HUB}/Microsoft.Network/azureFirewalls/afw-u1`,
  vpnGatewayId: `${HUB}/Microsoft.Network/virtualNetworkGateways/vgw-u1`,
  clusterId: `${HUB}/Microsoft.ContainerService/managedClusters/aks-u1`,
  backupVaultId: `${HUB}/Microsoft.RecoveryServices/vaults/rsv-u1`,
};

function baseArgs(overrides: Partial<MonitoringArgs> = {}): MonitoringArgs {
  return {
    unitId: "u1",
    location: "denmarkeast",
    subscriptionId: FAKE_SUBSCRIPTION_ID,
    securityContactEmails: ["sikkerhed@u1.example.dk"],
    socEmails: ["soc@u1.example.dk", "vagt@u1.example.dk"],
    alertScopes: SCOPES,
    tags: TAGS,
    ...overrides,
  };
}

const NOT_TAGGABLE = [
  "azure-native:securityinsights:SentinelOnboardingState",
  "azure-native:security:Pricing",
  "azure-native:security:SecurityContact",
  "azure-native:monitor:DiagnosticSetting",
];

describe("Monitoring (defaults, all alert scopes)", () => {
  let run: MockRunResult;
  let inside: RecordedResource[];
  beforeAll(async () => {
    run = await runWithMocks(
      () => {
        new Monitoring("mon", baseArgs());
      },
      { stack: "monitoring" },
    );
    inside = descendantsOf(run, "driftsenhed:monitoring:Monitoring");
  });

  it("creates exactly the expected resources", () => {
    expect(sortedTypes(inside)).toEqual(
      [
        "azure-native:resources:ResourceGroup",
        "azure-native:operationalinsights:Workspace",
        "azure-native:securityinsights:SentinelOnboardingState",
        ...["VirtualMachines", "StorageAccounts", "Containers", "KeyVaults", "Arm", "SqlServers"].map(
          () => "azure-native:security:Pricing",
        ),
        "azure-native:security:SecurityContact",
        "azure-native:monitor:ActionGroup",
        "azure-native:monitor:DataCollectionRule",
        "azure-native:monitor:DiagnosticSetting",
        "driftsenhed:monitoring:BaselineAlerts",
        "azure-native:monitor:MetricAlert",
        "azure-native:monitor:MetricAlert",
        "azure-native:monitor:ScheduledQueryRule",
        "azure-native:monitor:ScheduledQueryRule",
      ].sort(),
    );
  });

  it("keeps logs 395 days in a PerGB2018 workspace with local auth off and private access", () => {
    const ws = single(inside, "azure-native:operationalinsights:Workspace").inputs;
    expect(ws.retentionInDays).toBe(395);
    expect(ws.retentionInDays as number).toBeGreaterThanOrEqual(395);
    expect(ws.sku).toEqual({ name: "PerGB2018" });
    expect(ws.publicNetworkAccessForIngestion).toBe("Disabled");
    expect(ws.publicNetworkAccessForQuery).toBe("Disabled");
    expect(ws.features).toMatchObject({ disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true });
    expect(ws.workspaceName).toBe("log-u1");
    expect(ws.resourceGroupName).toBe("rg-u1-monitoring");
    expect(ws.location).toBe("denmarkeast");
  });

  it("protects the workspace and retains it on delete", () => {
    expectProtected(single(inside, "azure-native:operationalinsights:Workspace"), true);
  });

  it("onboards Sentinel on the workspace", () => {
    const s = single(inside, "azure-native:securityinsights:SentinelOnboardingState").inputs;
    expect(s).toMatchObject({ sentinelOnboardingStateName: "default", workspaceName: "log-u1" });
  });

  it("sets the six Defender plans to Standard on the subscription", () => {
    const plans = ofType(inside, "azure-native:security:Pricing").map((p) => p.inputs);
    expect(plans.map((p) => p.pricingName).sort()).toEqual(
      ["Arm", "Containers", "KeyVaults", "SqlServers", "StorageAccounts", "VirtualMachines"],
    );
    for (const p of plans) {
      expect(p.pricingTier).toBe("Standard");
      expect(p.scopeId).toBe(`subscriptions/${FAKE_SUBSCRIPTION_ID}`);
    }
  });

  it("notifies the security contact of high-severity alerts", () => {
    const c = single(inside, "azure-native:security:SecurityContact").inputs;
    expect(c.emails).toBe("sikkerhed@u1.example.dk");
    expect(c.isEnabled).toBe(true);
    expect(c.notificationsSources).toEqual([{ sourceType: "Alert", minimalSeverity: "High" }]);
  });

  it("sends alerts to every SOC mailbox with receiver names derived from the address", () => {
    const ag = single(inside, "azure-native:monitor:ActionGroup").inputs;
    const receivers = ag.emailReceivers as { name: string; emailAddress: string }[];
    expect(receivers.map((r) => r.emailAddress)).toEqual(["soc@u1.example.dk", "vagt@u1.example.dk"]);
    expect(new Set(receivers.map((r) => r.name)).size).toBe(2);
    expect((ag.groupShortName as string).length).toBeLessThanOrEqual(12);
    expect(ag.enabled).toBe(true);
    // Regional, not "global": the SOC's addresses stay in the unit's EU region.
    expect(ag.location).toBe("denmarkeast");
  });

  it("collects Windows events, security events, syslog and perf counters into the workspace", () => {
    const dcr = single(inside, "azure-native:monitor:DataCollectionRule").inputs as any;
    const wsId = single(inside, "azure-native:operationalinsights:Workspace").id;
    expect(dcr.destinations.logAnalytics).toEqual([{ name: "unitWorkspace", workspaceResourceId: wsId }]);
    expect(dcr.dataSources.windowsEventLogs.flatMap((w: any) => w.streams).sort()).toEqual(
      ["Microsoft-Event", "Microsoft-SecurityEvent"],
    );
    expect(dcr.dataSources.syslog.flatMap((s: any) => s.facilityNames)).toEqual(
      expect.arrayContaining(["auth", "authpriv"]),
    );
    expect(dcr.dataSources.performanceCounters[0].streams).toEqual(["Microsoft-Perf"]);
    const flowed = dcr.dataFlows.flatMap((f: any) => f.streams).sort();
    expect(flowed).toEqual(["Microsoft-Event", "Microsoft-Perf", "Microsoft-SecurityEvent", "Microsoft-Syslog"]);
  });

  it("sends the workspace's own audit logs to itself through the shared helper", () => {
    const diag = single(inside, "azure-native:monitor:DiagnosticSetting");
    const wsId = single(inside, "azure-native:operationalinsights:Workspace").id;
    expect(diag.name).toBe("mon-workspace-diag");
    expect(diag.inputs).toMatchObject({ name: DIAGNOSTIC_SETTING_NAME, resourceUri: wsId, workspaceId: wsId });
  });

  it("creates one baseline alert per given scope, each notifying the SOC action group", () => {
    const agId = single(inside, "azure-native:monitor:ActionGroup").id;
    const metric = ofType(inside, "azure-native:monitor:MetricAlert").map((r) => r.inputs as any);
    const logs = ofType(inside, "azure-native:monitor:ScheduledQueryRule").map((r) => r.inputs as any);
    expect(metric.map((m) => m.scopes[0]).sort()).toEqual([SCOPES.clusterId, SCOPES.firewallId].sort());
    expect(logs.map((l) => l.scopes[0]).sort()).toEqual([SCOPES.backupVaultId, SCOPES.vpnGatewayId].sort());
    for (const m of metric) expect(m.actions).toEqual([{ actionGroupId: agId }]);
    for (const l of logs) expect(l.actions).toEqual({ actionGroups: [agId] });
    const fw = metric.find((m) => m.scopes[0] === SCOPES.firewallId);
    expect(fw.criteria.allOf[0]).toMatchObject({ metricName: "FirewallHealth", operator: "LessThan", threshold: 90 });
    const node = metric.find((m) => m.scopes[0] === SCOPES.clusterId);
    expect(node.criteria.allOf[0].dimensions).toEqual([{ name: "status2", operator: "Include", values: ["NotReady"] }]);
    const backup = logs.find((l) => l.scopes[0] === SCOPES.backupVaultId);
    expect(backup.criteria.allOf[0].query).toContain("AddonAzureBackupJobs");
    const vpn = logs.find((l) => l.scopes[0] === SCOPES.vpnGatewayId);
    expect(vpn.criteria.allOf[0].query).toContain("Disconnected");
  });

  it("tags every taggable resource", () => {
    expectTagged(inside, TAGS, NOT_TAGGABLE);
  });

  it("parents every azure-native resource to a driftsenhed component", () => {
    expectAzureParentsAreComponents(run);
  });
});

describe("Monitoring (own resource group given, protection opted out, partial alert scopes)", () => {
  let inside: RecordedResource[];
  beforeAll(async () => {
    const run = await runWithMocks(
      () => {
        new Monitoring(
          "mon",
          baseArgs({
            resourceGroupName: "rg-existing",
            protectData: false,
            retentionInDays: 730,
            publicNetworkAccessForQuery: "Enabled",
            defenderPlans: ["VirtualMachines", "KeyVaults"],
            alertScopes: { firewallId: SCOPES.firewallId },
          }),
        );
      },
      { stack: "monitoring-2" },
    );
    inside = descendantsOf(run, "driftsenhed:monitoring:Monitoring");
  });

  it("creates no resource group and only the alert whose scope is given", () => {
    expect(ofType(inside, "azure-native:resources:ResourceGroup")).toHaveLength(0);
    expect(ofType(inside, "azure-native:monitor:MetricAlert")).toHaveLength(1);
    expect(ofType(inside, "azure-native:monitor:ScheduledQueryRule")).toHaveLength(0);
    expect(ofType(inside, "azure-native:security:Pricing").map((p) => p.inputs.pricingName).sort()).toEqual([
      "KeyVaults",
      "VirtualMachines",
    ]);
  });

  it("honours the documented opt-outs", () => {
    const ws = single(inside, "azure-native:operationalinsights:Workspace");
    expectProtected(ws, false);
    expect(ws.inputs.resourceGroupName).toBe("rg-existing");
    expect(ws.inputs.retentionInDays).toBe(730);
    expect(ws.inputs.publicNetworkAccessForQuery).toBe("Enabled");
    expect(ws.inputs.publicNetworkAccessForIngestion).toBe("Disabled");
  });
});

describe("Monitoring argument errors", () => {
  it.each([90, 394, 0])("rejects retentionInDays %i with the CFCS reason, the value and the allowed range", (days) => {
    expect(() => new Monitoring("mon", baseArgs({ retentionInDays: days }))).toThrow(
      new RegExp(
        `driftsenhed:monitoring:Monitoring mon  retentionInDays  is ${days}; CFCS requires central logs to be kept at least 13 months \\(395 days\\)\\. Allowed: a whole number of days from 395 to 730`,
      ),
    );
  });

  it("rejects retention above the Log Analytics limit and fractional days", () => {
    expect(() => new Monitoring("mon", baseArgs({ retentionInDays: 731 }))).toThrow(/retentionInDays  is 731; Log Analytics allows/);
    expect(() => new Monitoring("mon", baseArgs({ retentionInDays: 400.5 }))).toThrow(/retentionInDays  is 400.5/);
  });

  it("rejects empty or malformed mailboxes with the field path", () => {
    expect(() => new Monitoring("mon", baseArgs({ socEmails: [] }))).toThrow(/socEmails  is empty/);
    expect(() => new Monitoring("mon", baseArgs({ securityContactEmails: ["a@b.dk;c@d.dk"] }))).toThrow(
      /securityContactEmails\.0  is "a@b.dk;c@d.dk"/,
    );
  });

  it("rejects an unknown Defender plan", () => {
    expect(() => new Monitoring("mon", baseArgs({ defenderPlans: ["Dns" as never] }))).toThrow(
      /defenderPlans\.0  is "Dns"; allowed: VirtualMachines/,
    );
  });
});
