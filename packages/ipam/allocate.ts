/**
 * Address allocation inside a supernet: what is free, and the next free block
 * of a size. Allocations themselves stay explicit in the configuration files;
 * this only reads them, so adding a municipality never moves another one.
 */
import { cidrBounds, cidrContains, cidrOverlaps, cidrSize, compareCidrs, parseCidr, splitCidr } from "../../components/vocabulary/cidr.js";

export interface Allocation {
  cidr: string;
  /** What holds the range, e.g. `hub`, `cluster`, `851 Aalborg`. */
  label: string;
  kind: "hub" | "cluster" | "municipality";
  /** The file that claims the range, when it is a municipality's. */
  source?: string;
}

export interface AllocationRow {
  cidr: string;
  label: string;
  kind: Allocation["kind"] | "free";
  first: string;
  last: string;
  addresses: bigint;
}

/**
 * The largest aligned blocks of `supernet` that no allocation touches, in
 * address order. Ranges outside the supernet are ignored.
 */
export function freeRanges(supernet: string, allocated: readonly string[]): string[] {
  const inside = allocated.filter((a) => parseCidr(a) && cidrOverlaps(a, supernet));
  const walk = (block: string): string[] => {
    const touching = inside.filter((a) => cidrOverlaps(a, block));
    if (touching.length === 0) return [block];
    if (touching.some((a) => cidrContains(a, block))) return [];
    const [low, high] = splitCidr(block);
    return [...walk(low), ...walk(high)];
  };
  return walk(supernet);
}

/**
 * The lowest free block of /prefixLength inside the supernet, or undefined
 * when none is left (or the size does not fit the supernet at all).
 */
export function nextFreeBlock(supernet: string, allocated: readonly string[], prefixLength: number): string | undefined {
  const parsed = parseCidr(supernet);
  if (!parsed || !Number.isInteger(prefixLength) || prefixLength < parsed.prefixLength || prefixLength > 32) return undefined;
  for (const free of freeRanges(supernet, allocated)) {
    const range = parseCidr(free)!;
    if (range.prefixLength <= prefixLength) return `${cidrBounds(range).first}/${prefixLength}`;
  }
  return undefined;
}

/** Allocations and free ranges of the supernet, in address order. */
export function allocationTable(supernet: string, allocations: readonly Allocation[]): AllocationRow[] {
  const row = (cidr: string, label: string, kind: AllocationRow["kind"]): AllocationRow => ({ cidr, label, kind, ...cidrBounds(cidr), addresses: cidrSize(cidr) });
  const rows = [
    ...allocations.map((a) => row(a.cidr, a.label, a.kind)),
    ...freeRanges(supernet, allocations.map((a) => a.cidr)).map((f) => row(f, "free", "free")),
  ];
  return rows.sort((a, b) => compareCidrs(a.cidr, b.cidr) || a.label.localeCompare(b.label));
}
