/**
 * Pins the URN of every resource the example configuration builds, one file
 * per stack: test/stacks/__pins__/<stack>.urns.txt. A URN is a resource's
 * identity; a changed URN is a replacement (or, for protected data, a failed
 * update). Any change to one must show up in review as a deliberate diff of
 * a pin file, never as a surprise in a preview.
 *
 * Regenerate after a deliberate change:
 *   UPDATE_PINS=1 npx vitest run test/stacks/urn-pin.test.ts
 * and commit the pin files with the change that explains them (with aliases
 * where a resource must keep its identity under a new URN).
 *
 * The URNs are the engine's (the mock runtime records them as the engine assigns them): the parent's whole type chain,
 * without the root stack's type.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runWithMocks } from "../support/mocks.js";
import { loadConfigDir } from "../../packages/config/load.js";
import { runStackProgram } from "../../stacks/run.js";
import { buildTenants } from "../../stacks/tenants.js";
import { municipalityStackName, runMunicipalityStack } from "../../stacks/municipality-stack.js";
import { platformRefsFromStackReference, PLATFORM_REFS_OUTPUT } from "../../components/platform/stack-reference.js";

const ROOT = join(__dirname, "..", "..");
const STACKS_DIR = join(ROOT, "stacks");
const PINS_DIR = join(__dirname, "__pins__");
const UPDATE = process.env.UPDATE_PINS === "1";
/** Fixed "now": the configuration's date checks must not make the pins depend on the day. */
const TODAY = new Date("2026-06-01T00:00:00Z");

const loaded = loadConfigDir(STACKS_DIR, { today: TODAY });
const errors = loaded.findings.filter((f) => f.severity === "error");

function pinFile(stack: string): string {
  return join(PINS_DIR, `${stack}.urns.txt`);
}

function compare(stack: string, urns: string[]): void {
  const file = pinFile(stack);
  const text = `${urns.join("\n")}\n`;
  if (UPDATE) {
    mkdirSync(PINS_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`no pin file ${file}; create it with UPDATE_PINS=1 npx vitest run test/stacks/urn-pin.test.ts and commit it`);
  }
  const pinned = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
  const added = urns.filter((u) => !pinned.includes(u));
  const removed = pinned.filter((u) => !urns.includes(u));
  // A readable diff first; the full comparison below also catches order and duplicates.
  expect({ stack, added, removed }, "URNs changed: review the change, then UPDATE_PINS=1 and commit the pin file").toEqual({ stack, added: [], removed: [] });
  expect(urns).toEqual(pinned);
}

describe("URN pins of the example configuration", () => {
  it("the example configuration loads without errors", () => {
    expect(errors).toEqual([]);
    expect(loaded.units.length).toBeGreaterThan(0);
  });

  for (const unit of loaded.units) {
    it(`${unit.id}: every URN of the unit stack matches ${unit.id}.urns.txt`, async () => {
      let platformRefs: unknown;
      const run = await runWithMocks(
        async () => {
          const outputs = await runStackProgram(STACKS_DIR, unit.id, {
            load: { today: TODAY },
            onboardTenants: ({ unit: u, platform }) => {
              buildTenants(u, platform);
            },
          });
          platformRefs = outputs[PLATFORM_REFS_OUTPUT];
          return outputs;
        },
        // Preview: identities do not depend on values, and the platform settles under the mocks only in preview.
        { stack: unit.id, preview: true },
      );
      const urns = run.resources.map((r) => r.urn).sort();
      expect(new Set(urns).size).toBe(urns.length);
      compare(unit.id, urns);

      if (unit.config.tenancy.layout === "stack-per-municipality") {
        for (const m of unit.municipalities) {
          const stack = municipalityStackName(unit.id, m.config.code);
          const own = await runWithMocks(
            async () => {
              const refs = await platformRefsFromStackReference({
                name: unit.id,
                getOutputDetails: async (name) => (name === PLATFORM_REFS_OUTPUT ? { value: platformRefs } : {}),
              });
              return (await runMunicipalityStack({ unit, code: m.config.code, platform: { refs } })).outputs;
            },
            { stack, preview: true },
          );
          compare(stack, own.resources.map((r) => r.urn).sort());
        }
      }
    }, 600_000);
  }
});
