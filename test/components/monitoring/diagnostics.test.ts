import { describe, expect, it, beforeAll } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { runWithMocks, type MockRunResult } from "../../support/mocks.js";
import {
  attachDiagnostics,
  destinationTypeFor,
  DIAGNOSTIC_SETTING_NAME,
} from "../../../components/monitoring/diagnostics.js";

class Holder extends pulumi.ComponentResource {
  constructor(name: string) {
    super("driftsenhed:test:Holder", name, {}, {});
    this.registerOutputs({});
  }
}

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-u1-hub/providers";
const WS = `${SUB}/Microsoft.OperationalInsights/workspaces/log-u1`;

describe("attachDiagnostics", () => {
  let run: MockRunResult;
  beforeAll(async () => {
    run = await runWithMocks(
      () => {
        const holder = new Holder("holder");
        attachDiagnostics(holder, { key: "fw", resourceId: `${SUB}/Microsoft.Network/azureFirewalls/afw-u1` }, WS);
        attachDiagnostics(
          holder,
          { key: "nsg", resourceId: `${SUB}/Microsoft.Network/networkSecurityGroups/nsg-a`, metrics: false },
          WS,
        );
        attachDiagnostics(
          holder,
          { key: "pip", resourceId: `${SUB}/Microsoft.Network/publicIPAddresses/pip-a`, logs: false },
          WS,
        );
      },
      { stack: "diag" },
    );
  });

  const setting = (name: string) => {
    const r = run.resources.find((x) => x.name === name);
    if (!r) throw new Error(`no resource ${name}`);
    return r;
  };

  it("creates one DiagnosticSetting per target, named <key>-diag, parented to the given component", () => {
    const diags = run.resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting");
    expect(diags.map((d) => d.name).sort()).toEqual(["fw-diag", "nsg-diag", "pip-diag"]);
    const holder = run.resources.find((r) => r.type === "driftsenhed:test:Holder")!;
    for (const d of diags) expect(d.parentUrn).toBe(holder.urn);
  });

  it("sends all logs and all metrics to the workspace under the fixed setting name", () => {
    const fw = setting("fw-diag").inputs;
    expect(fw.name).toBe(DIAGNOSTIC_SETTING_NAME);
    expect(fw.name).toBe("to-unit-workspace");
    expect(fw.workspaceId).toBe(WS);
    expect(fw.resourceUri).toBe(`${SUB}/Microsoft.Network/azureFirewalls/afw-u1`);
    expect(fw.logs).toEqual([{ categoryGroup: "allLogs", enabled: true }]);
    expect(fw.metrics).toEqual([{ category: "AllMetrics", enabled: true }]);
    expect(fw.logAnalyticsDestinationType).toBe("Dedicated");
  });

  it("honours logs: false and metrics: false, and leaves the destination type unset where no dedicated tables exist", () => {
    expect(setting("nsg-diag").inputs.metrics).toEqual([]);
    expect(setting("nsg-diag").inputs.logs).toEqual([{ categoryGroup: "allLogs", enabled: true }]);
    expect(setting("nsg-diag").inputs.logAnalyticsDestinationType).toBeUndefined();
    expect(setting("pip-diag").inputs.logs).toEqual([]);
  });
});

describe("destinationTypeFor", () => {
  it.each([
    ["/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/azureFirewalls/a", "Dedicated"],
    ["/subscriptions/s/resourceGroups/r/providers/microsoft.containerservice/managedClusters/a", "Dedicated"],
    ["/subscriptions/s/resourceGroups/r/providers/Microsoft.RecoveryServices/vaults/a", "Dedicated"],
    ["/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/a", "Dedicated"],
    ["/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworkGateways/a", undefined],
    ["/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/a", undefined],
  ])("%s -> %s", (id, expected) => {
    expect(destinationTypeFor(id)).toBe(expected);
  });
});

describe("attachDiagnostics input errors", () => {
  it("rejects a target with nothing enabled, naming the key", () => {
    expect(() =>
      attachDiagnostics({} as pulumi.Resource, { key: "x", resourceId: "id", logs: false, metrics: false }, WS),
    ).toThrow(/target 'x' sets both logs and metrics to false/);
  });
  it("rejects an empty key", () => {
    expect(() => attachDiagnostics({} as pulumi.Resource, { key: " ", resourceId: "id" }, WS)).toThrow(
      /target.key is empty/,
    );
  });
});
