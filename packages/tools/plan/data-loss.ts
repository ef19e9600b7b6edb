/**
 * `plan --base REF`: the data-bearing resources (components/vocabulary/data-bearing.ts)
 * the base's plan has and today's plan does not (under the same URN, or the
 * URN a `renamedFrom` alias keeps): each would be deleted, or forgotten by
 * Pulumi under retainOnDelete, or replaced under a new URN. Pure over the two
 * plan documents; one line each, and an error unless a dated, approved
 * dataRelease of its municipality covers it.
 */
import { isDataBearingType } from "../../../components/vocabulary/data-bearing.js";
import type { LoadedUnit } from "../../config/load.js";
import type { PlanDocument } from "./types.js";

export interface DataLoss {
  urn: string;
  type: string;
  stack: string;
  municipality?: string;
}

/** `k<code>-<new>` → `k<code>-<old>` for every renamed workload and site of today's files. */
function renames(units: readonly LoadedUnit[]): { code: string; from: string; to: string }[] {
  return units.flatMap((u) =>
    u.municipalities.flatMap(({ config: m }) => [
      ...m.workloads.flatMap((w) => (w.renamedFrom !== undefined ? [{ code: m.code, from: w.name, to: w.renamedFrom }] : [])),
      ...m.network.sites.flatMap((s) => (s.renamedFrom !== undefined ? [{ code: m.code, from: s.name, to: s.renamedFrom }] : [])),
    ]),
  );
}

/** The URN a renamed resource had before (its alias), or undefined. */
function aliasUrn(urn: string, list: readonly { code: string; from: string; to: string }[]): string | undefined {
  const sep = urn.lastIndexOf("::");
  const name = urn.slice(sep + 2);
  for (const r of list) {
    const pattern = new RegExp(`^(k${r.code}(?:-sites|-containers)?)-${r.from}(-|$)`);
    if (pattern.test(name)) return `${urn.slice(0, sep + 2)}${name.replace(pattern, `$1-${r.to}$2`)}`;
  }
  return undefined;
}

export function dataBearingLosses(base: PlanDocument, head: PlanDocument, headUnits: readonly LoadedUnit[]): DataLoss[] {
  const list = renames(headUnits);
  const kept = new Set<string>();
  for (const u of head.units) {
    for (const s of u.stacks) {
      for (const r of s.resources) {
        kept.add(r.urn);
        const old = aliasUrn(r.urn, list);
        if (old) kept.add(old);
      }
    }
  }
  const out: DataLoss[] = [];
  for (const u of base.units) {
    for (const s of u.stacks) {
      for (const r of s.resources) {
        if (!isDataBearingType(r.type) || kept.has(r.urn)) continue;
        out.push({ urn: r.urn, type: r.type, stack: s.stack, ...(r.municipality !== undefined ? { municipality: r.municipality } : {}) });
      }
    }
  }
  return out;
}

/** Whether a dated, approved dataRelease of today's files releases the municipality's data (the date has passed). */
export function releasedCodes(units: readonly LoadedUnit[], today: string): Set<string> {
  return new Set(
    units.flatMap((u) => u.municipalities.flatMap(({ config: m }) => (m.dataRelease && m.dataRelease.date <= today ? [m.code] : []))),
  );
}
