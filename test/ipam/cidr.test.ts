/**
 * CIDR helpers: parsing, canonical form, containment and splitting.
 */
import { describe, expect, it } from "vitest";
import { cidrBounds, cidrContains, cidrOverlaps, cidrProblem, cidrSize, compareCidrs, parseCidr, splitCidr } from "../../components/vocabulary/cidr.js";

describe("parseCidr and cidrProblem", () => {
  it.each([
    ["10.64.0.0/16", undefined],
    ["0.0.0.0/0", undefined],
    ["192.168.1.7/32", undefined],
    ["10.64.0.1/16", "not canonical: host bits are set; the network is 10.64.0.0/16"],
    ["10.64.0.0/33", "is not an IPv4 CIDR"],
    ["10.64.0.0", "is not an IPv4 CIDR"],
    ["256.1.1.0/24", "is not an IPv4 CIDR"],
    ["10.64.0.0/ 16", "is not an IPv4 CIDR"],
    ["fd00::/8", "is not an IPv4 CIDR"],
    ["", "is not an IPv4 CIDR"],
  ])("%j → %s", (text, problem) => {
    const found = cidrProblem(text);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it("returns the same parse for the same text (it is cached) and never for garbage", () => {
    expect(parseCidr("10.0.0.0/8")).toBe(parseCidr("10.0.0.0/8"));
    expect(parseCidr("10.0.0.0/8")!.prefixLength).toBe(8);
    expect(parseCidr(42 as unknown as string)).toBeUndefined();
  });
});

describe("relations", () => {
  it.each([
    ["10.64.0.0/14", "10.64.16.0/20", true, true],
    ["10.64.16.0/20", "10.64.0.0/14", false, true],
    ["10.64.0.0/14", "10.68.0.0/16", false, false],
    ["10.0.0.0/16", "10.0.0.0/16", true, true],
    ["0.0.0.0/0", "203.0.113.0/24", true, true],
  ])("%s vs %s: contains %s, overlaps %s", (a, b, contains, overlaps) => {
    expect(cidrContains(a, b)).toBe(contains);
    expect(cidrOverlaps(a, b)).toBe(overlaps);
    expect(cidrOverlaps(b, a)).toBe(overlaps);
  });

  it("sizes and bounds", () => {
    expect(cidrSize("10.64.0.0/14")).toBe(262144n);
    expect(cidrSize("0.0.0.0/0")).toBe(4294967296n);
    expect(cidrBounds("10.64.16.0/20")).toEqual({ first: "10.64.16.0", last: "10.64.31.255" });
  });

  it.each([
    ["10.0.0.0/8", ["10.0.0.0/9", "10.128.0.0/9"]],
    ["10.64.16.0/20", ["10.64.16.0/21", "10.64.24.0/21"]],
    ["192.168.0.4/31", ["192.168.0.4/32", "192.168.0.5/32"]],
    ["0.0.0.0/0", ["0.0.0.0/1", "128.0.0.0/1"]],
  ])("splits %s into %j", (cidr, halves) => {
    expect(splitCidr(cidr)).toEqual(halves);
  });

  it("cannot split a single address", () => {
    expect(() => splitCidr("10.0.0.1/32")).toThrow(/single address/);
  });

  it("orders by first address, larger range first", () => {
    const sorted = ["10.64.16.0/20", "10.64.0.0/22", "10.64.0.0/14", "9.0.0.0/8"].sort(compareCidrs);
    expect(sorted).toEqual(["9.0.0.0/8", "10.64.0.0/14", "10.64.0.0/22", "10.64.16.0/20"]);
  });
});
