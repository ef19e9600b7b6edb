/**
 * A unit's allocations as IPAM sees them: hub, cluster and every municipality
 * spoke, including spokes of files that fail validation, because proposing a
 * block that a half-written file already claims would only move the clash.
 */
import type { LoadedUnit } from "../config/load.js";
import { parseCidr } from "../../components/vocabulary/cidr.js";
import type { Allocation } from "./allocate.js";

/** Spoke size proposed when a unit has no municipalities yet: 4,096 addresses, room for several server subnets and private endpoints. */
export const DEFAULT_SPOKE_PREFIX_LENGTH = 20;

export function unitAllocations(unit: Pick<LoadedUnit, "config" | "municipalities" | "rejected">): Allocation[] {
  const out: Allocation[] = [{ cidr: unit.config.hub.addressSpace, label: "hub", kind: "hub" }];
  if (unit.config.cluster.mode === "enabled") out.push({ cidr: unit.config.cluster.addressSpace, label: "cluster", kind: "cluster" });
  for (const m of unit.municipalities) {
    out.push({ cidr: m.config.network.addressSpace, label: `${m.config.code} ${m.config.name}`, kind: "municipality", source: m.file });
  }
  for (const r of unit.rejected) {
    const raw = r.raw as { code?: unknown; name?: unknown; network?: { addressSpace?: unknown } } | null;
    const space = raw?.network?.addressSpace;
    if (typeof space === "string" && parseCidr(space)?.canonical === space) {
      const who = [raw?.code, raw?.name].filter((v) => typeof v === "string" && v !== "").join(" ") || r.file;
      out.push({ cidr: space, label: `${who} (file has errors)`, kind: "municipality", source: r.file });
    }
  }
  return out;
}

/**
 * The spoke size to propose: the one most of the unit's municipalities
 * already have (ties go to the larger block), else /20.
 */
export function defaultSpokePrefixLength(allocations: readonly Allocation[]): number {
  const counts = new Map<number, number>();
  for (const a of allocations) {
    if (a.kind !== "municipality") continue;
    const p = parseCidr(a.cidr)!.prefixLength;
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [p, n] of counts) {
    const current = best === undefined ? 0 : counts.get(best)!;
    if (n > current || (n === current && p < best!)) best = p;
  }
  return best ?? DEFAULT_SPOKE_PREFIX_LENGTH;
}
