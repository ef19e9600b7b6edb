import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findExemption, isExpired, loadExemptions, parseExemptions } from "../../policies/exemptions.js";
import { disallowIpForwardingOnNic } from "../../policies/rules/network/disallow-ip-forwarding-on-nic.js";

const FILE = "policies/exemptions.yaml";
const valid = `exemptions:
  - rule: ${disallowIpForwardingOnNic.name}
    urn: "urn:pulumi:u1::driftsenhed::*::nic-851-*"
    reason: Legacy router of Aalborg until the migration completes
    approver: Unit CISO
    expires: 2026-06-30
`;

describe("parseExemptions", () => {
  it("reads a valid entry and says where it is", () => {
    const set = parseExemptions(valid, FILE);
    expect(set.problems).toEqual([]);
    expect(set.entries).toEqual([
      expect.objectContaining({ rule: disallowIpForwardingOnNic.name, expires: "2026-06-30", location: `${FILE}:2 (exemptions[0])` }),
    ]);
  });

  it.each([
    ["no reason", valid.replace(/    reason: .*\n/, ""), /:2: exemptions\[0\]\.reason: is required \(got nothing\)/],
    ["a short reason", valid.replace(/reason: .*\n/, "reason: legacy\n"), /:4: exemptions\[0\]\.reason: give a reason of at least 20 characters .*\(got "legacy"\)/],
    ["an impossible date", valid.replace("2026-06-30", "2026-02-30"), /:6: exemptions\[0\]\.expires: must be a date written YYYY-MM-DD \(got "2026-02-30"\)/],
    ["a date in another format", valid.replace("2026-06-30", "30-06-2026"), /exemptions\[0\]\.expires/],
    ["both urn and kommunekode", valid.replace("    reason", "    kommunekode: '851'\n    reason"), /exemptions\[0\]\.urn: set exactly one of 'urn'/],
    ["neither urn nor kommunekode", valid.replace(/    urn: .*\n/, ""), /exemptions\[0\]\.urn: set exactly one/],
    ["a bad kommunekode", valid.replace(/    urn: .*\n/, "    kommunekode: '85'\n"), /kommunekode: must be a 3-digit kommunekode or 'platform'/],
    ["an unknown field", valid.replace("    approver", "    ticket: RFC-1\n    approver"), /exemptions\[0\]: Unrecognized key: "ticket"/],
    ["not a list", "exemptions: {}\n", new RegExp(`^${FILE}:1: exemptions: .*must be a mapping with one key`)],
    ["invalid YAML", "exemptions:\n  - rule: [unclosed\n", new RegExp(`^${FILE}:\\d+: not valid YAML`)],
  ])("reports %s as a located problem and keeps the entry out", (_what, text, message) => {
    const set = parseExemptions(text, FILE);
    expect(set.entries).toEqual([]);
    expect(set.problems.join("\n")).toMatch(message);
  });

  it("keeps the valid entries of a file with a bad one", () => {
    const text = `${valid}  - rule: x\n    kommunekode: "101"\n`;
    const set = parseExemptions(text, FILE);
    expect(set.entries).toHaveLength(1);
    expect(set.problems.join("\n")).toMatch(/:7: exemptions\[1\]\.reason: is required/);
  });
});

describe("expiry", () => {
  const entry = parseExemptions(valid, FILE).entries[0]!;
  it.each([
    ["2026-06-30T00:00:00Z", false],
    ["2026-06-30T23:59:59Z", false],
    ["2026-07-01T00:00:00Z", true],
  ])("at %s expired is %s", (now, expired) => {
    expect(isExpired(entry, new Date(now))).toBe(expired);
  });
});

describe("matching", () => {
  const active = parseExemptions(valid, FILE).entries;
  it.each([
    ["urn:pulumi:u1::driftsenhed::azure-native:network:NetworkInterface::nic-851-router", true],
    ["urn:pulumi:u1::driftsenhed::azure-native:network:NetworkInterface::nic-101-router", false],
    ["urn:pulumi:u2::driftsenhed::azure-native:network:NetworkInterface::nic-851-router", false],
  ])("%s matches: %s", (urn, matches) => {
    expect(findExemption(active, { policy: disallowIpForwardingOnNic.name, urn }) !== undefined).toBe(matches);
  });

  it("treats regex characters in patterns literally", () => {
    const set = parseExemptions(valid.replace("nic-851-*", "nic.851"), FILE);
    expect(findExemption(set.entries, { policy: disallowIpForwardingOnNic.name, urn: "urn:pulumi:u1::driftsenhed::*::nicX851" })).toBeUndefined();
  });
});

describe("the committed exemptions file", () => {
  it("is valid, documented and empty", () => {
    const set = loadExemptions();
    expect(set.problems).toEqual([]);
    expect(set.entries).toEqual([]);
    const text = readFileSync(path.resolve(__dirname, "../../policies/exemptions.yaml"), "utf8");
    for (const field of ["rule:", "urn:", "kommunekode:", "reason:", "approver:", "expires:"]) expect(text).toContain(field);
  });

  it("is reported when it cannot be read", () => {
    expect(loadExemptions("/nonexistent/exemptions.yaml").problems.join()).toMatch(/cannot be read/);
  });
});
