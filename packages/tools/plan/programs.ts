/**
 * The stack programs as the planner's workers call them: the same functions
 * a deployment runs (stacks/program.ts, stacks/tenants.ts,
 * stacks/municipality-stack.ts), given the configuration that the planner
 * has already loaded and checked, instead of loading it again per stack.
 *
 * Loaded only inside workers: importing this module loads the whole program.
 */
import type { LoadedUnit } from "../../config/load.js";
import { platformRefsFromStackReference } from "../../../components/platform/stack-reference.js";
import { applyPlatformTransformations } from "../../../components/transformations/strip-provider-aliases.js";
import { buildUnitStack } from "../../../stacks/program.js";
import { buildTenants } from "../../../stacks/tenants.js";
import { runMunicipalityStack } from "../../../stacks/municipality-stack.js";

export interface UnitStackInput {
  loaded: LoadedUnit;
}

export interface MunicipalityStackInput {
  loaded: LoadedUnit;
  code: string;
  /** The unit stack's outputs, as the unit stack's plan produced them. */
  unitStackOutputs: Record<string, unknown>;
}

/** A unit's own stack: the platform, and its tenants in the unit-stack layout. */
export async function planUnitStack(input: UnitStackInput): Promise<Record<string, unknown>> {
  const { loaded } = input;
  // Before the first resource, as in stacks/run.ts: a stack transformation only sees resources created after it.
  applyPlatformTransformations({ stripProviderAliases: loaded.config.performance.stripProviderAliases });
  return buildUnitStack(loaded, {
    onboardTenants: ({ unit, platform }) => {
      buildTenants(unit, platform);
    },
  });
}

/**
 * A `<unit>-<code>` stack of the stack-per-municipality layout. A deployment
 * reads the unit stack's outputs through a StackReference; here the unit
 * stack's plan supplies them, through the same parsing and provider rebuild.
 */
export async function planMunicipalityStack(input: MunicipalityStackInput): Promise<Record<string, unknown>> {
  const { loaded, code } = input;
  applyPlatformTransformations({ stripProviderAliases: loaded.config.performance.stripProviderAliases });
  const refs = await platformRefsFromStackReference({
    name: loaded.id,
    getOutputDetails: async (name) => ({ value: input.unitStackOutputs[name] }),
  });
  const result = await runMunicipalityStack({ unit: loaded, code, platform: { refs }, applyTransformations: false });
  return result.outputs;
}
