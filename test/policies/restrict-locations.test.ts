/**
 * `global` is a location only for the types Azure requires to be global; on
 * every other type it is a residency finding like any non-EU region.
 */
import { describe, expect, it } from "vitest";
import { GLOBAL_ONLY_TYPES, restrictLocations } from "../../policies/rules/resources/restrict-locations.js";
import { findingsOf } from "./support/evaluate-rule.js";
import { resource } from "./support/world-parts.js";

const RULE = restrictLocations;

const findings = (type: string, location: unknown) =>
  findingsOf(RULE, [resource(type, "r", { resourceGroupName: "rg-u1-mgmt", location })]);

describe("types Azure requires to be global", () => {
  it("are exactly the documented list", () => {
    expect([...GLOBAL_ONLY_TYPES.keys()].sort()).toEqual([
      "azure-native:dns:Zone",
      "azure-native:monitor:MetricAlert",
      "azure-native:monitor:PrivateLinkScope",
      "azure-native:privatedns:PrivateZone",
      "azure-native:privatedns:VirtualNetworkLink",
    ]);
  });

  it.each([...GLOBAL_ONLY_TYPES.keys()].flatMap((t) => [[t, "global"], [t, "Global"]] as const))("%s passes in %s", (type, location) => {
    expect(findings(type, location)).toEqual([]);
  });

  it.each([...GLOBAL_ONLY_TYPES.keys()].map((t) => [t] as const))("%s still fails in a non-EU region", (type) => {
    expect(findings(type, "eastus")).toHaveLength(1);
  });
});

describe("global on any other type", () => {
  it.each([
    // Regional action groups keep contact data and processing in the chosen region.
    ["azure-native:monitor:ActionGroup"],
    // Azure offers West and North Europe besides global.
    ["azure-native:monitor:ActivityLogAlert"],
    ["azure-native:monitor:ScheduledQueryRule"],
    ["azure-native:network:VirtualNetwork"],
    ["azure-native:keyvault:Vault"],
    ["azure-native:resources:ResourceGroup"],
  ] as const)("fails on %s", (type) => {
    const found = findings(type, "global");
    expect(found).toHaveLength(1);
    expect(found[0]!.enforcementLevel).toBe("mandatory");
    expect(found[0]!.message).toMatch(/location "global", outside the allowed EU regions/);
    expect(found[0]!.message).toContain(`'${type}' is not among the types Azure requires to be global`);
  });

  it("passes on those types in an allowed region", () => {
    expect(findings("azure-native:monitor:ActionGroup", "denmarkeast")).toEqual([]);
    expect(findings("azure-native:monitor:ActivityLogAlert", "northeurope")).toEqual([]);
  });
});
