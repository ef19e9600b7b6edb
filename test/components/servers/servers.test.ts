import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import {
  DEFAULT_PATCH_SCHEDULE,
  ServerFoundation,
  type ServerFoundationArgs,
} from "../../../components/servers/servers.js";
import {
  TAGS,
  descendantsOf,
  expectAzureParentsAreComponents,
  expectTagged,
  ofType,
  single,
  sortedTypes,
} from "../monitoring/harness.js";

const args = (overrides: Partial<ServerFoundationArgs> = {}): ServerFoundationArgs => ({
  unitId: "u1",
  location: "denmarkeast",
  tags: TAGS,
  ...overrides,
});

describe("ServerFoundation", () => {
  let run: MockRunResult;
  let inside: RecordedResource[];
  let configId = "";
  beforeAll(async () => {
    run = await runWithMocks(
      () => {
        const f = new ServerFoundation("srv", args());
        f.maintenanceConfigurationId.apply((id) => (configId = id));
      },
      { stack: "servers" },
    );
    inside = descendantsOf(run, "driftsenhed:servers:ServerFoundation");
  });

  it("creates exactly a resource group and a maintenance configuration", () => {
    expect(sortedTypes(inside)).toEqual(
      ["azure-native:resources:ResourceGroup", "azure-native:maintenance:MaintenanceConfiguration"].sort(),
    );
    expect(single(inside, "azure-native:resources:ResourceGroup").inputs.resourceGroupName).toBe("rg-u1-servers");
  });

  it("patches guests with critical and security fixes, rebooting only when needed", () => {
    const mc = single(inside, "azure-native:maintenance:MaintenanceConfiguration");
    expect(mc.inputs).toMatchObject({
      resourceName: "mc-u1-patching",
      maintenanceScope: "InGuestPatch",
      extensionProperties: { InGuestPatchMode: "User" },
      installPatches: {
        rebootSetting: "IfRequired",
        windowsParameters: { classificationsToInclude: ["Critical", "Security"] },
        linuxParameters: { classificationsToInclude: ["Critical", "Security"] },
      },
      ...DEFAULT_PATCH_SCHEDULE,
    });
    expect(configId).toBe(mc.id);
  });

  it("tags every taggable resource and parents to the component", () => {
    expectTagged(inside, TAGS, []);
    expectAzureParentsAreComponents(run);
  });
});

describe("ServerFoundation with a given resource group and schedule", () => {
  it("creates no resource group and uses the schedule", async () => {
    const schedule = { startDateTime: "2025-02-11 22:00", duration: "02:00", timeZone: "Romance Standard Time", recurEvery: "Month Second Tuesday Offset4" };
    const run = await runWithMocks(
      () => {
        new ServerFoundation("srv", args({ resourceGroupName: "rg-given", patchSchedule: schedule }));
      },
      { stack: "servers-2" },
    );
    const inside = descendantsOf(run, "driftsenhed:servers:ServerFoundation");
    expect(ofType(inside, "azure-native:resources:ResourceGroup")).toHaveLength(0);
    expect(single(inside, "azure-native:maintenance:MaintenanceConfiguration").inputs).toMatchObject({ ...schedule, resourceGroupName: "rg-given" });
  });
});

describe("ServerFoundation argument errors", () => {
  it.each<[Partial<typeof DEFAULT_PATCH_SCHEDULE>, RegExp]>([
    [{ duration: "04:00" }, /patchSchedule\.duration  is "04:00"; guest patching windows are "hh:mm" from 01:30 to 03:55/],
    [{ duration: "01:00" }, /duration  is "01:00"/],
    [{ startDateTime: "2025-01-05T01:00" }, /patchSchedule\.startDateTime  is "2025-01-05T01:00"; expected "YYYY-MM-DD hh:mm"/],
    [{ recurEvery: "Sundays" }, /patchSchedule\.recurEvery  is "Sundays"/],
    [{ timeZone: " " }, /patchSchedule\.timeZone  is empty/],
  ])("rejects %o", (bad, message) => {
    expect(() => new ServerFoundation("srv", args({ patchSchedule: { ...DEFAULT_PATCH_SCHEDULE, ...bad } }))).toThrow(message);
  });
});
