/**
 * Building blocks of the compliant world (world.ts).
 */
import { fakeAzureId } from "../../../packages/tools/mock-runtime/index.js";
import { platformTags, tenantTags } from "../../../components/vocabulary/tags.js";
import type { EvaluatedResource } from "../../../policies/evaluate.js";
import { AZ } from "../../../policies/lib/types.js";

export const UNIT = "u1";
export const A = "101";
export const B = "147";
export const LOCATION = "denmarkeast";

export const platform = platformTags({ unitId: UNIT, ean: "5798000000001", costCentre: "drift" });
export function tenant(code: string): Record<string, string> {
  return tenantTags({
    unitId: UNIT,
    ean: "5798000000001",
    costCentre: `k${code}`,
    code,
    municipality: code === A ? "København" : "Gentofte",
    dataClassification: "personal",
    lifecycle: "prod",
  });
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${UNIT}::driftsenhed::${type}::${name}`;
}

export function resource(type: string, name: string, inputs: Record<string, unknown>, id?: string): EvaluatedResource {
  const azure = type.startsWith("azure-native:");
  return { urn: urnOf(type, name), type, name, inputs, id: id ?? (azure ? fakeAzureId(type, name, inputs) : `${name}-id`) };
}

/** A fake ARM id of a resource that is not in the stack. */
export function externalId(rg: string, kind: string, name: string): string {
  return `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/external/${kind}/${name}`;
}

export type Add = (type: string, name: string, inputs: Record<string, unknown>) => EvaluatedResource;

/** Adds a diagnostic setting sending all logs of `target` to `workspace`. */
export function diagnosticsTo(add: Add, workspace: EvaluatedResource) {
  return (target: EvaluatedResource, suffix = "") =>
    add(AZ.diagnosticSetting, `diag-${target.name}`, {
      name: `diag-${target.name}`,
      resourceUri: `${target.id}${suffix}`,
      workspaceId: workspace.id,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
    });
}

export function keyVault(
  add: Add,
  name: string,
  rg: string,
  vaultName: string,
  tags: Record<string, string>,
): EvaluatedResource {
  return add(AZ.keyVault, name, {
    resourceGroupName: rg,
    vaultName,
    location: LOCATION,
    properties: {
      tenantId: "11111111-1111-1111-1111-111111111111",
      sku: { family: "A", name: "standard" },
      enableSoftDelete: true,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    },
    tags,
  });
}

/** The world's resource with this logical name (throws when there is none, so a typo fails the test). */
export function pick(world: readonly EvaluatedResource[], name: string): EvaluatedResource {
  const r = world.find((x) => x.name === name);
  if (!r) throw new Error(`fixture world has no resource '${name}'`);
  return r;
}

/** A copy of the world with one resource's inputs changed. */
export function changed(
  world: readonly EvaluatedResource[],
  name: string,
  change: (inputs: Record<string, any>) => void,
): EvaluatedResource[] {
  pick(world, name);
  return world.map((r) => {
    if (r.name !== name) return r;
    const inputs = structuredClone(r.inputs);
    change(inputs);
    return { ...r, inputs };
  });
}
