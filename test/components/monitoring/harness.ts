/**
 * Assertions shared by the platform component tests: what a component
 * registered, and the structural rules every component keeps.
 */
import { expect } from "vitest";
import type { MockRunResult, RecordedResource } from "../../support/mocks.js";

/** Every resource registered under the component of `type` (not the component itself). */
export function descendantsOf(run: MockRunResult, componentType: string): RecordedResource[] {
  const roots = run.resources.filter((r) => r.type === componentType);
  if (roots.length !== 1) throw new Error(`expected one ${componentType}, found ${roots.length}`);
  const inside = new Set([roots[0]!.urn]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of run.resources) {
      if (r.parentUrn && inside.has(r.parentUrn) && !inside.has(r.urn)) {
        inside.add(r.urn);
        grew = true;
      }
    }
  }
  return run.resources.filter((r) => r.urn !== roots[0]!.urn && inside.has(r.urn));
}

export function sortedTypes(resources: RecordedResource[]): string[] {
  return resources.map((r) => r.type).sort();
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function single(resources: RecordedResource[], type: string): RecordedResource {
  const found = ofType(resources, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0]!;
}

/** azure-native resources hang off driftsenhed components only (alias cost, see the brief). */
export function expectAzureParentsAreComponents(run: MockRunResult): void {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const azure = run.resources.filter((r) => r.type.startsWith("azure-native:"));
  expect(azure.length).toBeGreaterThan(0);
  for (const r of azure) {
    const parent = r.parentUrn ? byUrn.get(r.parentUrn) : undefined;
    expect(parent?.type, `${r.type} ${r.name}`).toMatch(/^driftsenhed:/);
  }
}

/** Every resource whose type takes `tags` carries exactly the given tags. */
export function expectTagged(
  resources: RecordedResource[],
  tags: Record<string, string>,
  notTaggable: readonly string[],
): void {
  const custom = resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));
  for (const r of custom) {
    if (notTaggable.includes(r.type)) {
      expect(r.inputs.tags, `${r.type} ${r.name}`).toBeUndefined();
    } else {
      expect(r.inputs.tags, `${r.type} ${r.name}`).toEqual(tags);
    }
  }
}

export function expectProtected(r: RecordedResource, protectedAndRetained: boolean): void {
  expect(r.protect, `${r.type} ${r.name} protect`).toBe(protectedAndRetained);
  expect(r.retainOnDelete, `${r.type} ${r.name} retainOnDelete`).toBe(protectedAndRetained);
}

export const TAGS = {
  kommunekode: "platform",
  unit: "u1",
  dataClassification: "internal",
  costReference: "5790000000000/4711",
  managedBy: "driftsenhed",
};
