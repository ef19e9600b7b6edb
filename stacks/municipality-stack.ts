/**
 * Program body of a `<unit>-<code>` stack (tenancy layout
 * `stack-per-municipality`): one municipality's tenant, on the platform that
 * the unit's own stack runs and exports as `platformRefs`.
 *
 * The references cross the stack boundary as plain data and are checked on
 * arrival (components/platform/stack-reference.ts); the kubernetes provider is
 * rebuilt there from the cluster's kubeconfig, which stays secret. The tenant
 * is built by the same `buildTenants` as in the unit stack, with the same
 * logical names at the same place (the stack root), so moving a municipality
 * between layouts is a `pulumi state move` (see stacks/tenants.ts).
 *
 * It reads no Pulumi configuration: the caller (stacks/index.ts) passes the
 * loaded unit, the kommunekode from the stack name, and the unit stack's name.
 */
import * as pulumi from "@pulumi/pulumi";
import { brandInputError } from "../components/vocabulary/errors.js";
import type { LoadedUnit } from "../packages/config/load.js";
import { applyPlatformTransformations } from "../components/transformations/strip-provider-aliases.js";
import type { PlatformRefs } from "../components/platform/refs.js";
import { platformRefsFromStackReference } from "../components/platform/stack-reference.js";
import type { MunicipalityTenant } from "../components/tenant/tenant.js";
import { buildTenants, type BuildTenantsOptions } from "./tenants.js";

/** `<unit>-<code>`: the stack name of a municipality in the stack-per-municipality layout. */
export function municipalityStackName(unitId: string, code: string): string {
  return `${unitId}-${code}`;
}

/** Splits a `<unit>-<code>` stack name; undefined for any other name (a unit stack). */
export function parseMunicipalityStackName(stack: string): { unitId: string; code: string } | undefined {
  const m = /^([a-z][a-z0-9-]{1,14}[a-z0-9])-(\d{3})$/.exec(stack);
  return m ? { unitId: m[1]!, code: m[2]! } : undefined;
}

export interface MunicipalityStackParams {
  unit: LoadedUnit;
  /** Kommunekode of the stack's municipality. */
  code: string;
  /**
   * Where the platform's references come from: the unit stack by name
   * (`<org>/driftsenhed/<unit>`, or `<unit>` on a self-managed backend), or
   * references already at hand (tests, tools).
   */
  platform: { stackName: string } | { refs: PlatformRefs };
  /** Register the stack transformations (default true; false when the caller already has). */
  applyTransformations?: boolean;
  tenantOptions?: Omit<BuildTenantsOptions, "only" | "parent">;
}

export interface MunicipalityStackResult {
  tenant: MunicipalityTenant;
  outputs: Record<string, unknown>;
}

/** The whole program of a `<unit>-<code>` stack. Run it inside the stack, before any other resource. */
export async function runMunicipalityStack(params: MunicipalityStackParams): Promise<MunicipalityStackResult> {
  const { unit, code } = params;
  if (unit.config.tenancy.layout !== "stack-per-municipality") {
    const message =
      `tenancy.layout is '${unit.config.tenancy.layout}', so municipality ${code} belongs to the unit stack '${unit.id}'. ` +
      `Set tenancy.layout: stack-per-municipality to deploy it as '${municipalityStackName(unit.id, code)}' (moving its state first, see stacks/tenants.ts).`;
    throw brandInputError(new pulumi.RunError(`${unit.file}: ${message}`), [{ source: unit.file, path: "tenancy.layout", message }]);
  }
  // Before the first resource: a stack transformation only sees resources created after it.
  if (params.applyTransformations ?? true) {
    applyPlatformTransformations({ stripProviderAliases: unit.config.performance.stripProviderAliases });
  }
  const refs =
    "refs" in params.platform
      ? params.platform.refs
      : await platformRefsFromStackReference(new pulumi.StackReference("platform", { name: params.platform.stackName }));
  const [tenant] = buildTenants(unit, refs, { ...(params.tenantOptions ?? {}), only: code });
  return {
    tenant: tenant!,
    outputs: { unitId: unit.id, kommunekode: code, lifecycle: tenant!.lifecycle, tenancy: unit.config.tenancy.layout },
  };
}
