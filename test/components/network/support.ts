/**
 * Assertions shared by the network and platform component tests.
 */
import type { RecordedResource } from "../../support/mocks.js";

/** Resource types, sorted, one entry per registration (a multiset). */
export function typeMultiset(resources: RecordedResource[], filter: (r: RecordedResource) => boolean = () => true): string[] {
  return resources.filter(filter).map((r) => r.type).sort();
}

/** Count per type, for readable failure messages. */
export function typeCounts(resources: RecordedResource[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) out[r.type] = (out[r.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function oneOf(resources: RecordedResource[], type: string, pred: (r: RecordedResource) => boolean = () => true): RecordedResource {
  const found = ofType(resources, type).filter(pred);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${type} matching, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0]!;
}

/** azure-native resources whose parent is not a driftsenhed: component (should be none). */
export function wronglyParented(resources: RecordedResource[]): string[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return resources
    .filter((r) => r.type.startsWith("azure-native:"))
    .filter((r) => {
      const parent = r.parentUrn ? byUrn.get(r.parentUrn) : undefined;
      return !parent || !parent.type.startsWith("driftsenhed:");
    })
    .map((r) => `${r.type}::${r.name} (parent ${r.parentUrn ?? "none"})`);
}

/** The type of the component a resource is registered under. */
export function parentType(resources: RecordedResource[], r: RecordedResource): string | undefined {
  return resources.find((p) => p.urn === r.parentUrn)?.type;
}

export function str(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}
