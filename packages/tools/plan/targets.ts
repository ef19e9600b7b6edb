/**
 * From loaded configuration to what the engine plans: the unit as the
 * summary describes it, and its stacks. One stack per unit in the
 * `unit-stack` layout; in `stack-per-municipality`, the unit stack plus a
 * `<unit>-<code>` stack for every municipality that is not merely planned
 * (a planned municipality deploys nothing, so it has no stack yet).
 */
import * as path from "node:path";
import type { LoadedUnit } from "../../config/load.js";
import type { MunicipalityDescription, UnitDescription } from "./document.js";
import type { UnitTarget } from "./engine.js";
import type { MunicipalityStackInput, UnitStackInput } from "./programs.js";
import { unitPolicyConfig } from "./policy-config.js";
import type { ProgramRef } from "./protocol.js";

export const UNIT_PROGRAM: ProgramRef = { module: path.join(__dirname, "programs.ts"), export: "planUnitStack" };
export const MUNICIPALITY_PROGRAM: ProgramRef = { module: path.join(__dirname, "programs.ts"), export: "planMunicipalityStack" };
/** The policy pack's one offline evaluation path. */
export const EVALUATOR: ProgramRef = { module: path.resolve(__dirname, "..", "..", "..", "policies", "evaluate.ts"), export: "evaluatePack" };

/** `<unit>-<code>`, the stack name of a municipality in the stack-per-municipality layout (stacks/municipality-stack.ts). */
export function municipalityStackName(unitId: string, code: string): string {
  return `${unitId}-${code}`;
}

export function describeUnit(loaded: LoadedUnit): UnitDescription {
  const c = loaded.config;
  const municipalities: MunicipalityDescription[] = loaded.municipalities.map(({ config: m }) => ({
    code: m.code,
    name: m.name,
    lifecycle: m.lifecycle,
    addressSpace: m.network.addressSpace,
    dataClassification: m.dataClassification,
    workloads: m.workloads.map((w) => ({ name: w.name, kind: w.kind })),
  }));
  return {
    id: loaded.id,
    name: c.name,
    layout: c.tenancy.layout,
    location: c.location,
    addressSpace: c.addressSpace,
    hubAddressSpace: c.hub.addressSpace,
    ...(c.cluster.mode === "enabled" ? { clusterAddressSpace: c.cluster.addressSpace } : {}),
    municipalities,
  };
}

/** Rough size of a municipality's share of a plan, for scheduling only. */
function municipalityWeight(m: LoadedUnit["municipalities"][number]): number {
  if (m.config.lifecycle === "planned") return 1;
  return 10 + 4 * m.config.workloads.length + 2 * m.config.network.sites.length;
}

const PLATFORM_WEIGHT = 40;

export function unitTarget(loaded: LoadedUnit): UnitTarget {
  const unit = describeUnit(loaded);
  const policyConfig = unitPolicyConfig(loaded.config);
  const codes = loaded.municipalities.map((m) => m.config.code);
  if (loaded.config.tenancy.layout === "unit-stack") {
    const input: UnitStackInput = { loaded };
    return {
      unit,
      stacks: [
        {
          stack: loaded.id,
          unit: loaded.id,
          program: UNIT_PROGRAM,
          input,
          policyConfig,
          codes,
          weight: PLATFORM_WEIGHT + loaded.municipalities.reduce((sum, m) => sum + municipalityWeight(m), 0),
        },
      ],
    };
  }
  const own = loaded.municipalities.filter((m) => m.config.lifecycle !== "planned");
  return {
    unit,
    stacks: [
      {
        stack: loaded.id,
        unit: loaded.id,
        program: UNIT_PROGRAM,
        input: { loaded } satisfies UnitStackInput,
        policyConfig,
        codes,
        weight: PLATFORM_WEIGHT,
        returnOutputs: true,
      },
      ...own.map((m) => ({
        stack: municipalityStackName(loaded.id, m.config.code),
        unit: loaded.id,
        municipality: m.config.code,
        program: MUNICIPALITY_PROGRAM,
        policyConfig,
        codes,
        after: loaded.id,
        input: (dependency: { outputs?: Record<string, unknown> }): MunicipalityStackInput => ({
          loaded,
          code: m.config.code,
          unitStackOutputs: dependency.outputs ?? {},
        }),
        weight: municipalityWeight(m),
      })),
    ],
  };
}
