import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { FAKE_SUBSCRIPTION_ID } from "../../../packages/tools/mock-runtime/index.js";
import { Backup, type BackupArgs } from "../../../components/backup/backup.js";
import { DEFAULT_BACKUP_TIERS, resolveTier, vmBackupPolicy } from "../../../components/backup/policies.js";
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
} from "../monitoring/harness.js";

const WORKSPACE = `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/rg-u1-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-u1`;

function args(overrides: Partial<BackupArgs> = {}): BackupArgs {
  return {
    unitId: "u1",
    location: "denmarkeast",
    workspaceId: WORKSPACE,
    redundancy: { type: "zone" },
    tags: TAGS,
    ...overrides,
  };
}

async function register(a: BackupArgs, stack: string) {
  let policyIds: Record<string, string> = {};
  const run = await runWithMocks(
    () => {
      const b = new Backup("bkp", a);
      b.policyIds.standard.apply((id) => (policyIds.standard = id));
      b.policyIds.critical.apply((id) => (policyIds.critical = id));
    },
    { stack },
  );
  return { run, inside: descendantsOf(run, "driftsenhed:backup:Backup"), policyIds };
}

describe("Backup (zone-redundant defaults)", () => {
  let run: MockRunResult;
  let inside: RecordedResource[];
  let vault: RecordedResource;
  let policyIds: Record<string, string>;
  beforeAll(async () => {
    ({ run, inside, policyIds } = await register(args(), "backup"));
    vault = single(inside, "azure-native:recoveryservices:Vault");
  });

  it("creates exactly the expected resources", () => {
    expect(sortedTypes(inside)).toEqual(
      [
        "azure-native:resources:ResourceGroup",
        "azure-native:recoveryservices:Vault",
        "azure-native:recoveryservices:ProtectionPolicy",
        "azure-native:recoveryservices:ProtectionPolicy",
        "azure-native:monitor:DiagnosticSetting",
      ].sort(),
    );
  });

  it("is an RS0 Standard vault without public network access", () => {
    expect(vault.inputs.sku).toEqual({ name: "RS0", tier: "Standard" });
    expect((vault.inputs.properties as any).publicNetworkAccess).toBe("Disabled");
    expect(vault.inputs.vaultName).toBe("rsv-u1");
  });

  it("has unlocked immutability and always-on soft delete by default", () => {
    const sec = (vault.inputs.properties as any).securitySettings;
    expect(sec.immutabilitySettings).toEqual({ state: "Unlocked" });
    expect(sec.softDeleteSettings).toEqual({ softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: 14 });
  });

  it("stores zone-redundant without cross-region or cross-subscription restore", () => {
    const p = vault.inputs.properties as any;
    expect(p.redundancySettings).toEqual({ standardTierStorageRedundancy: "ZoneRedundant", crossRegionRestore: "Disabled" });
    expect(p.restoreSettings).toEqual({ crossSubscriptionRestoreSettings: { crossSubscriptionRestoreState: "Disabled" } });
    expect(p.monitoringSettings.azureMonitorAlertSettings).toEqual({ alertsForAllJobFailures: "Enabled" });
  });

  it("protects the vault and retains it on delete", () => {
    expectProtected(vault, true);
  });

  it("defines the standard tier as daily Enhanced, 30 daily / 12 weekly / 13 monthly", () => {
    const std = ofType(inside, "azure-native:recoveryservices:ProtectionPolicy").find((r) => r.inputs.policyName === "vm-standard")!;
    const props = std.inputs.properties as any;
    expect(props).toMatchObject({ backupManagementType: "AzureIaasVM", policyType: "V2", timeZone: "Romance Standard Time" });
    expect(props.schedulePolicy).toMatchObject({ schedulePolicyType: "SimpleSchedulePolicyV2", scheduleRunFrequency: "Daily" });
    const r = props.retentionPolicy;
    expect(r.dailySchedule.retentionDuration).toEqual({ count: 30, durationType: "Days" });
    expect(r.weeklySchedule.retentionDuration).toEqual({ count: 12, durationType: "Weeks" });
    expect(r.monthlySchedule.retentionDuration).toEqual({ count: 13, durationType: "Months" });
    expect(r.yearlySchedule).toBeUndefined();
    expect(std.inputs.vaultName).toBe("rsv-u1");
    expect(policyIds.standard).toBe(std.id);
  });

  it("defines the critical tier as 4-hourly Enhanced, 35 daily / 26 weekly / 24 monthly / 7 yearly", () => {
    const crit = ofType(inside, "azure-native:recoveryservices:ProtectionPolicy").find((r) => r.inputs.policyName === "vm-critical")!;
    const props = crit.inputs.properties as any;
    expect(props.policyType).toBe("V2");
    expect(props.schedulePolicy).toMatchObject({ scheduleRunFrequency: "Hourly", hourlySchedule: { interval: 4, scheduleWindowDuration: 24 } });
    const r = props.retentionPolicy;
    expect(r.dailySchedule.retentionDuration.count).toBe(35);
    expect(r.weeklySchedule.retentionDuration.count).toBe(26);
    expect(r.monthlySchedule.retentionDuration.count).toBe(24);
    expect(r.yearlySchedule.retentionDuration).toEqual({ count: 7, durationType: "Years" });
    expect(policyIds.critical).toBe(crit.id);
  });

  it("sends the vault's logs to the workspace", () => {
    expect(single(inside, "azure-native:monitor:DiagnosticSetting").inputs).toMatchObject({
      name: DIAGNOSTIC_SETTING_NAME,
      resourceUri: vault.id,
      workspaceId: WORKSPACE,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
    });
  });

  it("tags every taggable resource and parents everything to components", () => {
    expectTagged(inside, TAGS, ["azure-native:monitor:DiagnosticSetting"]);
    expectAzureParentsAreComponents(run);
  });
});

describe("Backup (geo-redundant, locked, opt-outs)", () => {
  let inside: RecordedResource[];
  beforeAll(async () => {
    ({ inside } = await register(
      args({
        redundancy: { type: "geo", secondaryRegion: "swedencentral" },
        immutability: "locked",
        softDeleteRetentionDays: 30,
        resourceGroupName: "rg-given",
        protectData: false,
        tiers: { standard: { dailyRetentionDays: 60 } },
      }),
      "backup-geo",
    ));
  });

  it("enables cross-region restore only with geo redundancy, and locks immutability on request", () => {
    const p = single(inside, "azure-native:recoveryservices:Vault").inputs.properties as any;
    expect(p.redundancySettings).toEqual({ standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" });
    expect(p.securitySettings.immutabilitySettings).toEqual({ state: "Locked" });
    expect(p.securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays).toBe(30);
  });

  it("honours the resource group, protection opt-out and tier override", () => {
    expect(ofType(inside, "azure-native:resources:ResourceGroup")).toHaveLength(0);
    const vault = single(inside, "azure-native:recoveryservices:Vault");
    expectProtected(vault, false);
    const std = ofType(inside, "azure-native:recoveryservices:ProtectionPolicy").find((r) => r.inputs.policyName === "vm-standard")!;
    const r = (std.inputs.properties as any).retentionPolicy;
    expect(r.dailySchedule.retentionDuration.count).toBe(60);
    expect(r.weeklySchedule.retentionDuration.count).toBe(12);
  });
});

describe("Backup argument errors", () => {
  it.each<[Partial<BackupArgs>, RegExp]>([
    [{ redundancy: { type: "geo", secondaryRegion: "uksouth" } }, /redundancy\.secondaryRegion  is "uksouth"; geo-redundant backup copies must stay in the EU regions the platform allows: denmarkeast, swedencentral/],
    [{ redundancy: { type: "geo", secondaryRegion: "denmarkeast" } }, /secondaryRegion  is "denmarkeast", the vault's own region/],
    [{ location: "eastus" }, /location  is "eastus"; backups stay in the EU/],
    [{ softDeleteRetentionDays: 7 }, /softDeleteRetentionDays  is 7; allowed: a whole number from 14 to 180/],
    [{ tiers: { critical: { hourInterval: 5 as never } } }, /tiers\.critical\.hourInterval  is 5; hourly tiers need 4, 6, 8 or 12/],
    [{ tiers: { standard: { dailyRetentionDays: 3 } } }, /tiers\.standard\.dailyRetentionDays  is 3; allowed: a whole number from 7 to 9999/],
    [{ tiers: { standard: { startTime: "01:15" } } }, /tiers\.standard\.startTime  is "01:15"/],
    [{ tiers: { standard: { hourInterval: 4 } } }, /tiers\.standard\.frequency  is "Daily" but hourInterval/],
    [{ tiers: { gold: {} } as never }, /tiers\.gold  is not a backup tier/],
  ])("rejects %o", (bad, message) => {
    expect(() => new Backup("bkp", args(bad))).toThrow(message);
  });
});

describe("vmBackupPolicy", () => {
  it("omits retention schedules whose count is 0", () => {
    const p = vmBackupPolicy(
      resolveTier("standard", { weeklyRetentionWeeks: 0, monthlyRetentionMonths: 0, yearlyRetentionYears: 0 }),
      "UTC",
    ) as any;
    expect(Object.keys(p.retentionPolicy).sort()).toEqual(["dailySchedule", "retentionPolicyType"]);
    expect(p.timeZone).toBe("UTC");
  });

  it("keeps retention times equal to the schedule time", () => {
    for (const tier of ["standard", "critical"] as const) {
      const p = vmBackupPolicy(DEFAULT_BACKUP_TIERS[tier], "UTC") as any;
      const at = p.schedulePolicy.dailySchedule?.scheduleRunTimes[0] ?? p.schedulePolicy.hourlySchedule.scheduleWindowStartTime;
      for (const s of Object.values(p.retentionPolicy).filter((v): v is any => typeof v === "object")) {
        expect(s.retentionTimes).toEqual([at]);
      }
    }
  });
});
