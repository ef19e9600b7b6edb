/**
 * The planning engine against a small stand-in program (fixtures/program.ts):
 * one worker process per stack, isolation between stacks, attribution,
 * failures, and stacks that read another stack's outputs. One run serves
 * every assertion.
 *
 * Tier: runtime (vitest.config.mts): starts child processes (one planner worker per stack), which
 * the forked workers of that tier are for.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runPlan, type PlanRun, type UnitTarget } from "../../../packages/tools/plan/engine.js";
import type { UnitDescription } from "../../../packages/tools/plan/document.js";
import type { FixtureInput, FixtureTenantInput } from "./fixtures/program.js";

const MODULE = path.join(__dirname, "fixtures", "program.ts");
const UNIT_PROGRAM = { module: MODULE, export: "fixtureProgram" };
const TENANT_PROGRAM = { module: MODULE, export: "fixtureTenantProgram" };

function describeUnit(id: string, codes: string[]): UnitDescription {
  return {
    id,
    name: `Unit ${id}`,
    layout: "unit-stack",
    location: "denmarkeast",
    addressSpace: "10.64.0.0/12",
    hubAddressSpace: "10.64.0.0/20",
    municipalities: codes.map((code, i) => ({
      code,
      name: `Kommune ${code}`,
      lifecycle: "live",
      addressSpace: `10.64.${64 * (i + 1)}.0/18`,
      dataClassification: "personal",
      workloads: [{ name: "app", kind: "vm" }],
    })),
  };
}

function unitStack(id: string, codes: { code: string; servers: number }[], extra: Partial<FixtureInput> = {}): UnitTarget {
  const input: FixtureInput = { unit: id, municipalities: codes, ...extra };
  return {
    unit: describeUnit(id, codes.map((c) => c.code)),
    stacks: [{ stack: id, unit: id, program: UNIT_PROGRAM, input, weight: codes.length, returnOutputs: true }],
  };
}

function withTenantStack(target: UnitTarget, code: string): UnitTarget {
  const id = target.unit.id;
  return {
    ...target,
    stacks: [
      ...target.stacks,
      {
        stack: `${id}-${code}`,
        unit: id,
        municipality: code,
        program: TENANT_PROGRAM,
        after: id,
        input: (dep: { outputs?: Record<string, unknown> }): FixtureTenantInput => ({ unit: id, code, unitStackOutputs: dep.outputs ?? {} }),
        weight: 1,
      },
    ],
  };
}

let run: PlanRun;
const progress: string[] = [];

beforeAll(async () => {
  run = await runPlan(
    [
      unitStack("alpha", [
        { code: "101", servers: 2 },
        { code: "147", servers: 1 },
      ]),
      unitStack("beta", [{ code: "461", servers: 3 }]),
      withTenantStack(unitStack("gamma", []), "265"),
      withTenantStack(unitStack("delta", [], { fail: "delta's program refuses to build" }), "370"),
    ],
    { concurrency: 2, onProgress: (line) => progress.push(line) },
  );
}, 120_000);

const stackOf = (name: string) => run.document.units.flatMap((u) => u.stacks).find((s) => s.stack === name);

describe("runPlan", () => {
  it("plans every stack in its own process and reports each as it finishes", () => {
    expect(progress).toHaveLength(6);
    expect(progress.every((l) => /^plan: \[\d\/6\] /.test(l))).toBe(true);
    expect(run.concurrency).toBe(2);
    const planned = run.stacks.filter((s) => s.metrics).map((s) => s.stack);
    expect(planned.sort()).toEqual(["alpha", "beta", "gamma", "gamma-265"]);
    for (const s of run.stacks.filter((x) => x.metrics)) expect(s.metrics!.peakRssMb).toBeGreaterThan(50);
  });

  it("does not leak one stack's registrations into another", () => {
    // The fixture remembers every municipality it built in a module-global list;
    // sharing a process would make beta build alpha's tenants too.
    const beta = stackOf("beta")!;
    const tenants = beta.resources.filter((r) => r.type === "driftsenhed:tenant:MunicipalityTenant").map((r) => r.name);
    expect(tenants).toEqual(["k461"]);
    for (const s of run.document.units.flatMap((u) => u.stacks)) {
      for (const r of s.resources) expect(r.urn.startsWith(`urn:pulumi:${s.stack}::driftsenhed::`)).toBe(true);
    }
  });

  it("records every resource with its options and the municipality it belongs to", () => {
    const alpha = stackOf("alpha")!;
    const byName = new Map(alpha.resources.map((r) => [r.name, r]));
    expect(alpha.resources).toHaveLength(1 + 3 + 2 * 4 + 3); // stack, hub (3), two tenants (4 each), three NICs
    expect(byName.get("hub-vnet")!.municipality).toBeUndefined();
    expect(byName.get("k101-rg")!.municipality).toBe("101");
    // Untagged, in no tenant resource group: attributed through its tenant component.
    expect(byName.get("k147-snet")!.municipality).toBe("147");
    expect(byName.get("k147")!.municipality).toBe("147");
    expect(byName.get("k101-nic1")!.protect).toBe(true);
    expect(byName.get("k101-nic1")!.id).toMatch(/^\/subscriptions\/.+\/resourceGroups\/rg-alpha-k101-workloads\//);
    expect(byName.get("k101")!.custom).toBe(false);
    // Provider aliases were stripped by the program's transformation.
    expect(run.stacks.find((s) => s.stack === "alpha")!.metrics!.aliasCount).toBe(0);
  });

  it("totals resources per municipality and per unit", () => {
    const alpha = run.document.units.find((u) => u.unit === "alpha")!;
    expect(alpha.municipalities.map((m) => [m.code, m.resources])).toEqual([
      ["101", 6],
      ["147", 5],
    ]);
    expect(alpha.platform.resources).toBe(4);
    expect(alpha.totals.resources).toBe(15);
    expect(alpha.municipalities[0]!.resourcesByKind["network:NetworkInterface"]).toBe(2);
    expect(run.document.totals.resources).toBe(run.document.units.reduce((n, u) => n + u.totals.resources, 0));
  });

  it("runs a dependent stack on its dependency's outputs, and attributes its untagged resources to its municipality", () => {
    const own = stackOf("gamma-265")!;
    expect(own.municipality).toBe("265");
    const peering = own.resources.find((r) => r.type === "azure-native:network:VirtualNetworkPeering")!;
    expect(peering.inputs.remoteVirtualNetwork).toEqual({ id: "/vnets/vnet-gamma-hub" });
    expect(own.resources.filter((r) => r.custom).every((r) => r.municipality === "265")).toBe(true);
  });

  it("reports a failing program and the stacks that depend on it, without a stack trace", () => {
    const failed = new Map(run.failures.map((f) => [f.stack, f]));
    expect([...failed.keys()].sort()).toEqual(["delta", "delta-370"]);
    expect(failed.get("delta")!.message).toBe("delta's program refuses to build");
    expect(failed.get("delta")!.trace).toBeUndefined();
    expect(failed.get("delta-370")!.message).toMatch(/not planned: stack 'delta', whose outputs it reads, could not be planned/);
    expect(stackOf("delta")).toBeUndefined();
    expect(run.document.failedStacks.map((f) => f.stack).sort()).toEqual(["delta", "delta-370"]);
    expect(run.document.failedStacks.find((f) => f.stack === "delta-370")!.municipality).toBe("370");
  });

  it("reports stacks that wait on each other instead of waiting forever", async () => {
    const target = (stack: string, after: string) => ({ stack, unit: "cyc", program: UNIT_PROGRAM, input: () => ({}), after, weight: 1 });
    const cyclic = await runPlan([{ unit: describeUnit("cyc", []), stacks: [target("cyc-a", "cyc-b"), target("cyc-b", "cyc-a")] }]);
    expect(cyclic.failures.map((f) => [f.stack, f.errorName])).toEqual([
      ["cyc-a", "NotPlanned"],
      ["cyc-b", "NotPlanned"],
    ]);
    expect(cyclic.failures[0]!.message).toMatch(/its dependency 'cyc-b' waits on it in turn/);
  });
});
