/**
 * Free ranges and the next free block: tables for the known cases, and
 * properties for every layout.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocationTable, freeRanges, nextFreeBlock } from "../../packages/ipam/allocate.js";
import { cidrContains, cidrOverlaps, cidrSize, parseCidr } from "../../components/vocabulary/cidr.js";
import { DEFAULT_SPOKE_PREFIX_LENGTH, defaultSpokePrefixLength, unitAllocations } from "../../packages/ipam/unit.js";
import { loadConfigDir } from "../../packages/config/load.js";
import { join } from "node:path";

describe("freeRanges", () => {
  it.each([
    ["10.0.0.0/16", [], ["10.0.0.0/16"]],
    ["10.0.0.0/16", ["10.0.0.0/16"], []],
    ["10.0.0.0/16", ["10.0.0.0/24"], ["10.0.1.0/24", "10.0.2.0/23", "10.0.4.0/22", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18", "10.0.128.0/17"]],
    ["10.0.0.0/16", ["10.0.128.0/17"], ["10.0.0.0/17"]],
    ["10.0.0.0/16", ["10.0.64.0/18", "10.0.0.0/18"], ["10.0.128.0/17"]],
    ["10.0.0.0/16", ["172.16.0.0/12", "10.0.0.0/8"], []],
    ["10.0.0.0/16", ["172.16.0.0/12"], ["10.0.0.0/16"]],
  ])("%s minus %j", (supernet, allocated, free) => {
    expect(freeRanges(supernet, allocated)).toEqual(free);
  });
});

describe("nextFreeBlock", () => {
  it.each([
    ["10.64.0.0/14", ["10.64.0.0/22", "10.64.16.0/20"], 20, "10.64.32.0/20"],
    ["10.64.0.0/14", ["10.64.0.0/22", "10.64.16.0/20"], 22, "10.64.4.0/22"],
    ["10.64.0.0/14", ["10.64.0.0/22"], 14, undefined],
    ["10.64.0.0/14", [], 14, "10.64.0.0/14"],
    ["10.64.0.0/14", [], 12, undefined],
    ["10.64.0.0/30", ["10.64.0.0/31", "10.64.0.2/31"], 31, undefined],
    ["10.64.0.0/14", ["10.64.0.0/15", "10.66.0.0/16"], 18, "10.67.0.0/18"],
  ])("in %s with %j, /%i → %s", (supernet, allocated, prefix, expected) => {
    expect(nextFreeBlock(supernet, allocated, prefix)).toBe(expected);
  });

  const layout = fc
    .record({ base: fc.integer({ min: 8, max: 20 }), picks: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 8 })), { maxLength: 12 }), want: fc.integer({ min: 0, max: 10 }) })
    .map(({ base, picks, want }) => {
      const supernet = `10.0.0.0/${base}`;
      // Random aligned blocks inside the supernet; they may overlap each other, as in a configuration with errors.
      const allocated = picks.map(([n, extra]) => {
        const prefix = Math.min(32, base + 1 + extra);
        const blocks = 2 ** (prefix - base);
        const index = n % blocks;
        return `${offset(supernet, prefix, index)}/${prefix}`;
      });
      return { supernet, allocated, prefix: Math.min(32, base + want) };
    });

  it("proposes an aligned block inside the supernet that touches no allocation, or nothing when none exists", () => {
    fc.assert(
      fc.property(layout, ({ supernet, allocated, prefix }) => {
        const block = nextFreeBlock(supernet, allocated, prefix);
        const free = freeRanges(supernet, allocated);
        if (block === undefined) {
          expect(free.every((f) => parseCidr(f)!.prefixLength > prefix)).toBe(true);
          return;
        }
        expect(parseCidr(block)?.canonical).toBe(block);
        expect(parseCidr(block)!.prefixLength).toBe(prefix);
        expect(cidrContains(supernet, block)).toBe(true);
        for (const a of allocated) expect(cidrOverlaps(a, block)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("free ranges and allocations together cover the supernet exactly", () => {
    fc.assert(
      fc.property(layout, ({ supernet, allocated }) => {
        const free = freeRanges(supernet, allocated);
        for (const f of free) for (const a of allocated) expect(cidrOverlaps(f, a)).toBe(false);
        // Allocations may overlap each other; count the covered space by splitting into free and not free.
        const freeSize = free.reduce((n, f) => n + cidrSize(f), 0n);
        const used = freeRanges(supernet, free).reduce((n, f) => n + cidrSize(f), 0n);
        expect(freeSize + used).toBe(cidrSize(supernet));
      }),
      { numRuns: 200 },
    );
  });
});

/** The index-th /prefix block of a supernet, as a dotted quad (test helper using ip-address arithmetic). */
function offset(supernet: string, prefix: number, index: number): string {
  const base = parseCidr(supernet)!.address.startAddress();
  return base.offset(BigInt(index) * 2n ** BigInt(32 - prefix)).correctForm();
}

describe("a unit's allocations", () => {
  const fixture = join(__dirname, "..", "fixtures", "config", "valid");
  const units = loadConfigDir(fixture, { today: new Date("2026-06-01T00:00:00Z") }).units;

  it("lists hub, cluster and every municipality, in address order with the free ranges", () => {
    const nord = units.find((u) => u.id === "nord")!;
    const rows = allocationTable(nord.config.addressSpace, unitAllocations(nord));
    expect(rows.map((r) => [r.cidr, r.label])).toEqual([
      ["10.64.0.0/22", "hub"],
      ["10.64.4.0/22", "free"],
      ["10.64.8.0/21", "free"],
      ["10.64.16.0/20", "cluster"],
      ["10.64.32.0/20", "773 Morsø"],
      ["10.64.48.0/20", "825 Læsø"],
      ["10.64.64.0/18", "851 Aalborg"],
      ["10.64.128.0/17", "free"],
      ["10.65.0.0/16", "free"],
      ["10.66.0.0/15", "free"],
    ]);
    expect(rows.reduce((n, r) => n + r.addresses, 0n)).toBe(cidrSize(nord.config.addressSpace));
  });

  it("leaves out a disabled cluster and counts the spokes of files that fail validation", () => {
    const sjaelland = units.find((u) => u.id === "sjaelland")!;
    const withRejected = { ...sjaelland, rejected: [{ file: "x.yaml", raw: { code: "329", name: "Ringsted", network: { addressSpace: "10.72.48.0/20" } } }, { file: "y.yaml", raw: { network: { addressSpace: "bogus" } } }] };
    expect(unitAllocations(withRejected).map((a) => [a.cidr, a.label])).toEqual([
      ["10.72.0.0/22", "hub"],
      ["10.72.16.0/20", "330 Slagelse"],
      ["10.72.32.0/20", "340 Sorø"],
      ["10.72.48.0/20", "329 Ringsted (file has errors)"],
    ]);
  });

  it.each([
    [[], DEFAULT_SPOKE_PREFIX_LENGTH],
    [["10.0.0.0/20", "10.0.16.0/20", "10.1.0.0/18"], 20],
    [["10.0.0.0/20", "10.1.0.0/18"], 18],
    [["10.1.0.0/18", "10.2.0.0/18", "10.0.0.0/22"], 18],
  ])("default block size for spokes %j is /%i", (spokes, expected) => {
    const allocations = [{ cidr: "10.9.0.0/16", label: "hub", kind: "hub" as const }, ...spokes.map((cidr) => ({ cidr, label: cidr, kind: "municipality" as const }))];
    expect(defaultSpokePrefixLength(allocations)).toBe(expected);
  });
});
