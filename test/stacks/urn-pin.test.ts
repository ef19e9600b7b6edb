/**
 * Pins the URN of every resource the configurations build, one file per
 * stack: test/stacks/__pins__/<stack>.urns.txt. A URN is a resource's
 * identity; a changed URN is a replacement (or, for protected data, a failed
 * update). Any change to one must show up in review as a deliberate diff of
 * a pin file, never as a surprise in a preview.
 *
 * Two estates, pinned differently:
 * - the example configuration (stacks/): a removed or changed URN fails,
 *   naming it; an added URN is reported (printed and annotated on the test)
 *   but passes, since onboarding a municipality adds a hundred URNs that
 *   nobody reads line by line;
 * - the synthetic estate (test/fixtures/config/synthetic: one unit, one
 *   municipality per lifecycle state, each with a site and workloads):
 *   pinned exactly, additions included, so that what each lifecycle state
 *   deploys is reviewed whenever it changes.
 *
 * Regenerate after a deliberate change:
 *   UPDATE_PINS=1 npx vitest run test/stacks/urn-pin.test.ts
 * and commit the pin files with the change that explains them (with aliases
 * where a resource must keep its identity under a new URN).
 *
 * Tier: estate (vitest.config.mts). The URNs come from the estate that
 * test/estate/global-setup.ts builds once per run through the deployment's
 * entry (runStackProgram) under the mock runtime, which records them as the
 * engine assigns them: the parent's whole type chain, without the root
 * stack's type. The planner's URNs must be the same ones.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { loadConfigDir } from "../../packages/config/load.js";
import { EXAMPLE_DIR, planOutcome, recordedExample, recordedSynthetic, SYNTHETIC_DIR, TODAY } from "../estate/estate.js";

const PINS_DIR = join(__dirname, "__pins__");
const UPDATE = process.env.UPDATE_PINS === "1";
const REGENERATE = "UPDATE_PINS=1 npx vitest run test/stacks/urn-pin.test.ts";
const today = new Date(`${TODAY}T00:00:00Z`);

const loaded = loadConfigDir(EXAMPLE_DIR, { today });
const errors = loaded.findings.filter((f) => f.severity === "error");
const synthetic = loadConfigDir(SYNTHETIC_DIR, { today });

function pinFile(stack: string): string {
  return join(PINS_DIR, `${stack}.urns.txt`);
}

function urnsOf(stack: { resources: { urn: string }[] }): string[] {
  return stack.resources.map((r) => r.urn).sort();
}

/**
 * Compares a stack's URNs with its pin file. `exact`: additions fail too;
 * otherwise they are reported (console and test annotation) and pass.
 */
async function compare(ctx: TestContext, stack: string, urns: string[], exact: boolean): Promise<void> {
  expect(new Set(urns).size, `${stack}: a URN is registered twice`).toBe(urns.length);
  const file = pinFile(stack);
  const text = `${urns.join("\n")}\n`;
  if (UPDATE) {
    mkdirSync(PINS_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`no pin file ${file}; create it with ${REGENERATE} and commit it`);
  }
  const pinned = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
  const built = new Set(urns);
  const known = new Set(pinned);
  const added = urns.filter((u) => !known.has(u));
  const removed = pinned.filter((u) => !built.has(u));
  // A readable diff first: every URN that is gone (removed, or changed into another) is named.
  expect({ stack, removed }, `URNs removed or changed: review the change, then ${REGENERATE} and commit the pin file`).toEqual({ stack, removed: [] });
  if (exact) {
    expect({ stack, added }, `URNs added to an exactly pinned estate: review them, then ${REGENERATE} and commit the pin file`).toEqual({ stack, added: [] });
    // The full comparison also catches order and duplicates in the pin file.
    expect(urns).toEqual(pinned);
    return;
  }
  expect(new Set(pinned).size, `${file} lists a URN twice`).toBe(pinned.length);
  if (added.length > 0) {
    const message = `${stack}: ${added.length} URN(s) not yet in ${stack}.urns.txt (allowed; ${REGENERATE} records them):\n${added.map((u) => `  + ${u}`).join("\n")}`;
    console.info(message);
    await ctx.annotate(message, "notice");
  }
}

describe("URN pins of the example configuration", () => {
  const recorded = recordedExample();

  it("the example configuration loads without errors", () => {
    expect(errors).toEqual([]);
    expect(loaded.units.length).toBeGreaterThan(0);
  });

  for (const unit of loaded.units) {
    it(`${unit.id}: every URN of the unit stack matches ${unit.id}.urns.txt`, async (ctx) => {
      const own = recorded.filter((s) => s.unit === unit.id);
      expect(own.map((s) => s.stack)[0]).toBe(unit.id);
      // A stack-per-municipality unit's municipality stacks follow its unit stack, each with its own pin file.
      for (const stack of own) await compare(ctx, stack.stack, urnsOf(stack), false);
    });
  }

  it("the planner registers exactly the URNs of the deployment's entry, stack by stack", () => {
    const { doc } = planOutcome("plan");
    const planned = doc.units.flatMap((u) => u.stacks.map((s) => ({ stack: s.stack, urns: urnsOf(s) })));
    // The planner has no stacks for planned municipalities of a stack-per-municipality unit; compare the stacks it has.
    const byStack = new Map(recorded.map((s) => [s.stack, urnsOf(s)]));
    expect(planned.length).toBeGreaterThan(0);
    for (const p of planned) expect({ stack: p.stack, urns: p.urns }).toEqual({ stack: p.stack, urns: byStack.get(p.stack) });
  });
});

describe("URN pins of the synthetic estate (exact)", () => {
  const recorded = recordedSynthetic();

  it("has one unit with one municipality per lifecycle state, each with a site and workloads", () => {
    expect(synthetic.findings).toEqual([]);
    expect(synthetic.units).toHaveLength(1);
    const municipalities = synthetic.units[0]!.municipalities.map((m) => m.config);
    expect(municipalities.map((m) => m.lifecycle).sort()).toEqual(["live", "migrating", "offboarding", "planned", "retired"]);
    for (const m of municipalities) {
      expect(m.network.sites.length).toBeGreaterThan(0);
      expect(m.workloads.length).toBeGreaterThan(1);
    }
  });

  for (const unit of synthetic.units) {
    it(`${unit.id}: every URN, and no other, matches ${unit.id}.urns.txt`, async (ctx) => {
      const own = recorded.filter((s) => s.unit === unit.id);
      expect(own.length).toBeGreaterThan(0);
      for (const stack of own) await compare(ctx, stack.stack, urnsOf(stack), true);
    });
  }
});
