/**
 * Builds a unit's municipality tenants; used by both tenancy layouts.
 *
 * `unit-stack` (default): the unit's stack calls `buildTenants(unit, refs)`
 * after the platform, for every municipality file. `stack-per-municipality`:
 * each `<unit>-<code>` stack calls `buildTenants(unit, refs, { only: code })`
 * with references read from the unit stack (stacks/municipality-stack.ts).
 *
 * Identity is the same in both layouts: every tenant is the component
 * `k<code>` at the root of its stack (never under the platform component), and
 * everything below it is named from the kommunekode and workload names. So a
 * unit moves between layouts without replacing anything:
 *
 *   unit-stack -> stack-per-municipality, for each municipality:
 *     1. create the `<unit>-<code>` stack and set `tenancy.layout:
 *        stack-per-municipality` in unit.yaml (not yet deployed);
 *     2. `pulumi state move --source <unit> --dest <unit>-<code>
 *        'urn:pulumi:<unit>::driftsenhed::driftsenhed:tenant:MunicipalityTenant::k<code>'`
 *        (the tenant's children move with it; the URNs keep their shape, only
 *        the stack part changes);
 *     3. `pulumi preview` on both stacks must show no replace and no delete
 *        (the protect flags make a mistake fail instead of deleting data).
 *   The way back is the same move in the other direction. No alias is needed
 *   because no logical name or parent changes. The one thing that differs is
 *   the kubernetes provider the namespace's resources use (the unit stack's
 *   cluster provider, or one rebuilt from the same cluster's kubeconfig): check
 *   in step 3 that they show as updates, not replacements. The namespace holds
 *   no data (containers are stateless here), so even a replacement loses
 *   nothing but a short interruption; schedule the move in a service window.
 *
 * Writes to the unit's firewall policy and VPN/ExpressRoute gateways are
 * chained from one tenant to the next (kommunekode order): Azure accepts one
 * operation per policy or gateway at a time. In stack-per-municipality, deploy
 * the municipality stacks one after another for the same reason.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { LoadedUnit } from "../packages/config/load.js";
import type { PlatformRefs } from "../components/platform/refs.js";
import type { TenantWriteChain } from "../components/tenant/args.js";
import { MunicipalityTenant } from "../components/tenant/tenant.js";
import { brandInputError, isInputError, type InputErrorLike, type InputFinding } from "../components/vocabulary/errors.js";
import { toTenantArgs } from "./tenant-args.js";

/**
 * The municipality files (or the stack name) do not fit the unit's platform.
 * A user's mistake: the stack program reports it without a stack trace. It
 * carries the findings of every file (file and field path), so whatever
 * recognises wrong input (`isInputError`) recognises it too.
 */
export class TenantsConfigurationError extends Error implements InputErrorLike {
  declare readonly findings: readonly InputFinding[];

  constructor(message: string, findings: readonly InputFinding[] = []) {
    super(message);
    this.name = "TenantsConfigurationError";
    brandInputError(this, findings);
  }
}

export interface BuildTenantsOptions {
  /** Build only the municipality with this kommunekode (the `<unit>-<code>` layout). */
  only?: string;
  /** Both layouts leave this unset: tenants sit at the stack root. */
  parent?: pulumi.ComponentResource;
  /** ExpressRoute authorisation keys, by kommunekode and site name, from the stack's secret configuration. */
  expressRouteAuthorizationKeys?: Record<string, Record<string, pulumi.Input<string>>>;
  /** Entra tenant of the municipalities' Key Vaults; default: the deploying identity's tenant. */
  entraTenantId?: pulumi.Input<string>;
}

/** Logical name of a municipality's tenant component, identical in both layouts. */
export function tenantName(code: string): string {
  return `k${code}`;
}

export function buildTenants(unit: LoadedUnit, refs: PlatformRefs, opts: BuildTenantsOptions = {}): MunicipalityTenant[] {
  const selected = opts.only === undefined ? unit.municipalities : unit.municipalities.filter((m) => m.config.code === opts.only);
  if (opts.only !== undefined && selected.length === 0) {
    const known = unit.municipalities.map((m) => m.config.code).join(", ") || "none";
    throw new TenantsConfigurationError(
      `unit '${unit.id}' has no municipality with kommunekode '${opts.only}' (known: ${known}); the stack name <unit>-<code> must name a file in ${unit.dir}/municipalities`,
    );
  }
  const sorted = [...selected].sort((a, b) => a.config.code.localeCompare(b.config.code));

  // Map every file first, so one run reports every municipality's problems.
  const errors: InputErrorLike[] = [];
  const mapped = sorted.flatMap((m) => {
    try {
      return [toTenantArgs(unit.config, m.config, refs, { file: m.file })];
    } catch (e) {
      if (isInputError(e)) {
        errors.push(e);
        return [];
      }
      throw e;
    }
  });
  if (errors.length > 0) {
    throw new TenantsConfigurationError(
      `municipality files of unit '${unit.id}' do not fit the unit's platform:\n${errors.map((e) => e.message).join("\n")}`,
      errors.flatMap((e) => e.findings),
    );
  }

  let chain: TenantWriteChain = {};
  return mapped.map((args) => {
    const keys = opts.expressRouteAuthorizationKeys?.[args.code];
    const tenant = new MunicipalityTenant(
      tenantName(args.code),
      {
        ...args,
        ...(keys ? { expressRouteAuthorizationKeys: keys } : {}),
        ...(opts.entraTenantId !== undefined ? { entraTenantId: opts.entraTenantId } : {}),
        after: chain,
      },
      opts.parent ? { parent: opts.parent } : {},
    );
    chain = tenant.lastWrites;
    return tenant;
  });
}
