/**
 * What one unit's stack builds, from its loaded configuration. This is the
 * function the offline plan runs under the mock runtime, so it reads nothing
 * from Pulumi configuration or the environment: everything comes in through
 * its parameters.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { LoadedMunicipality, LoadedUnit } from "../packages/config/load.js";
import { OperatingUnitPlatform } from "../components/platform/operating-unit-platform.js";
import { PLATFORM_REFS_OUTPUT } from "../components/platform/stack-reference.js";
import type { PlatformRefs } from "../components/platform/refs.js";
import { toPlatformArgs } from "./platform-args.js";
import { buildTenants, type BuildTenantsOptions } from "./tenants.js";

/**
 * Tenant onboarding: called once with every municipality of a `unit-stack`
 * unit, after the platform exists. components/tenant provides it; a unit
 * with `stack-per-municipality` onboards its municipalities in their own
 * stacks instead, from this stack's `platformRefs` output.
 */
export type TenantOnboarding = (input: {
  unit: LoadedUnit;
  municipalities: readonly LoadedMunicipality[];
  platform: PlatformRefs;
}) => Record<string, unknown> | void | Promise<Record<string, unknown> | void>;

export interface BuildUnitStackOptions {
  /**
   * Subscription and Entra tenant of the deployment. Default: the deploying
   * identity's (getClientConfig), which the mock runtime answers too.
   */
  clientConfig?: { subscriptionId: pulumi.Input<string>; tenantId: pulumi.Input<string> };
  /** Default: every municipality of the unit through buildTenants (stacks/tenants.ts). */
  onboardTenants?: TenantOnboarding;
  /** Passed to the default onboarding: secrets from the stack's configuration. */
  tenantOptions?: Omit<BuildTenantsOptions, "only" | "parent">;
}

export async function buildUnitStack(loaded: LoadedUnit, options: BuildUnitStackOptions = {}): Promise<Record<string, unknown>> {
  const client = options.clientConfig ?? (() => {
    const c = authorization.getClientConfigOutput();
    return { subscriptionId: c.subscriptionId, tenantId: c.tenantId };
  })();
  const args = toPlatformArgs(
    loaded.config,
    loaded.municipalities.map((m) => m.config),
    { subscriptionId: client.subscriptionId, tenantId: client.tenantId, unitFile: loaded.file },
  );
  const platform = new OperatingUnitPlatform("platform", args);

  const layout = loaded.config.tenancy.layout;
  let tenants: Record<string, unknown> = {};
  if (layout === "unit-stack") {
    const onboard: TenantOnboarding =
      options.onboardTenants ??
      (({ unit, platform: refs }) => {
        buildTenants(unit, refs, options.tenantOptions ?? {});
      });
    tenants = (await onboard({ unit: loaded, municipalities: loaded.municipalities, platform: platform.refs })) ?? {};
  }

  return {
    unitId: loaded.id,
    tenancy: layout,
    [PLATFORM_REFS_OUTPUT]: platform.refsData,
    ...tenants,
  };
}
