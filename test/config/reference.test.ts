/**
 * stacks/CONFIG.md is generated from the zod schemas; this fails when it is
 * stale (`npx tsx packages/config/scripts/generate-reference.ts`) and when a
 * field has no description.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceRows, renderReference } from "../../packages/config/reference.js";
import { municipalitySchema } from "../../packages/config/schema/municipality.js";
import { unitSchema } from "../../packages/config/schema/unit.js";

describe("configuration reference", () => {
  it("stacks/CONFIG.md is current (regenerate with `npx tsx packages/config/scripts/generate-reference.ts`)", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "stacks", "CONFIG.md"), "utf8");
    expect(committed).toBe(renderReference());
  });

  it.each([
    ["unit.yaml", unitSchema],
    ["municipality files", municipalitySchema],
  ] as const)("every field of %s has a description", (_name, schema) => {
    const undocumented = referenceRows(schema).filter((r) => r.description.trim() === "").map((r) => r.path);
    expect(undocumented).toEqual([]);
  });

  it.each([
    ["unit", "hub.vpnGateway.bgpAsn", "integer 64512–65534", "`65515`", "Only when mode is \"enabled\""],
    ["unit", "monitoring.retentionDays", "integer 395–730", "`395`", "archive or export"],
    ["unit", "monitoring.sentinel.mode", "\"enabled\"", "required", "no off switch"],
    ["unit", "cluster.nodeOsUpgradeChannel", "\"NodeImage\" \\| \"SecurityPatch\"", "`\"NodeImage\"`", "never unmanaged"],
    ["unit", "cluster.maintenanceWindow.durationHours", "integer 4–24", "required", "AKS requires at least 4"],
    ["unit", "servers.patchWindow.durationMinutes", "integer 90–235", "required", "1 h 30 min to 3 h 55 min"],
    ["municipality", "offboarding", "mapping", "optional", "required exactly when lifecycle is offboarding"],
    ["municipality", "offboarding.frozenWorkloads", "list of slug", "required", "can be removed, not added"],
    ["unit", "addressSpace", "IPv4 CIDR", "required", "supernet"],
    ["unit", "cluster.podCidr", "IPv4 CIDR", "`\"100.112.0.0/12\"`", "Only when mode is \"enabled\""],
    ["unit", "hub.firewall", "mapping", "defaults below", "Azure Firewall"],
    ["municipality", "code", "kommunekode", "required", "national register"],
    ["municipality", "workloads[].backup.reason", "string", "required", "Only when kind is \"vm\" and tier is \"none\""],
    ["municipality", "workloads[].name", "slug", "required", "unique"],
    ["municipality", "network.sites[].prefixes", "list of IPv4 CIDR", "required", "on-premises"],
    ["municipality", "migration.cutover", "date (YYYY-MM-DD)", "required", "2027-12-31"],
    ["municipality", "contacts.technical", "mapping", "optional", "Technical"],
  ] as const)("%s %s: %s, %s", (which, path, type, presence, description) => {
    const rows = referenceRows(which === "unit" ? unitSchema : municipalitySchema);
    const row = rows.find((r) => r.path === path);
    expect(row).toBeDefined();
    expect(row!.type).toBe(type);
    expect(row!.presence).toBe(presence);
    expect(row!.description).toContain(description);
  });

  it("lists a field shared by every variant once, without a condition", () => {
    const rows = referenceRows(municipalitySchema).filter((r) => r.path === "workloads[].name");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.description).not.toContain("Only when");
  });
});
