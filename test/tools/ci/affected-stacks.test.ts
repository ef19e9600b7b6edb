/**
 * Which stacks a change affects, for CI.
 *
 * Tier: unit (vitest.config.mts): pure functions, no Pulumi runtime and no child
 * process, so it shares worker threads and their imports with the other pure tests.
 */
import { describe, expect, test } from "vitest";
import { affectedStacks, stacksOfUnit, type UnitLayout } from "../../../packages/tools/ci/affected-stacks.js";

const units: UnitLayout[] = [
  { id: "nordjylland", layout: "unit-stack", municipalityStacks: [] },
  { id: "hovedstaden", layout: "stack-per-municipality", municipalityStacks: ["101", "147"] },
];
const everything = [...stacksOfUnit(units[0]!), ...stacksOfUnit(units[1]!)].sort();

describe("affectedStacks", () => {
  test.each([
    ["one municipality in a unit-stack unit", ["stacks/nordjylland/municipalities/851-aalborg.yaml"], ["nordjylland"]],
    ["one municipality with its own stack", ["stacks/hovedstaden/municipalities/101-koebenhavn.yaml"], ["hovedstaden-101"]],
    ["a planned municipality (no own stack) touches the unit stack", ["stacks/hovedstaden/municipalities/151-ballerup.yaml"], ["hovedstaden"]],
    ["unit.yaml touches every stack of that unit", ["stacks/hovedstaden/unit.yaml"], ["hovedstaden", "hovedstaden-101", "hovedstaden-147"]],
    ["stack settings touch that unit", ["stacks/Pulumi.nordjylland.yaml"], ["nordjylland"]],
    ["a component touches everything", ["components/network/hub.ts"], everything],
    ["the stack program touches everything", ["stacks/program.ts"], everything],
    ["docs and tests touch nothing", ["README.md", "test/ci/affected-stacks.test.ts", "policies/RULES.md", ".github/workflows/pull-request.yml"], []],
    ["a removed unit's file touches nothing", ["stacks/gone/municipalities/101-koebenhavn.yaml"], []],
    ["Windows separators are understood", ["stacks\\nordjylland\\municipalities\\851-aalborg.yaml"], ["nordjylland"]],
  ])("%s", (_label, files, expected) => {
    expect(affectedStacks(files, units)).toEqual(expected);
  });

  test("stack names of the per-municipality layout", () => {
    expect(stacksOfUnit(units[1]!)).toEqual(["hovedstaden", "hovedstaden-101", "hovedstaden-147"]);
  });
});

describe("driftsenhed affected", () => {
  test("reads the unit layouts from the example configuration", async () => {
    const { run } = await import("../../../packages/tools/cli/run.js");
    let out = "";
    const io = { stdout: (t: string) => (out += t), stderr: () => {} };
    const code = await run(["affected", "--files", "stacks/nordjylland/municipalities/851-aalborg.yaml", "--format", "json"], io);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(["nordjylland"]);
  });

  test("needs a base or a file list", async () => {
    const { run } = await import("../../../packages/tools/cli/run.js");
    let err = "";
    const code = await run(["affected"], { stdout: () => {}, stderr: (t: string) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain("--base");
  });
});

describe("driftsenhed policy-config", () => {
  test.each([
    ["nordjylland", "nordjylland"],
    ["hovedstaden-101", "hovedstaden"],
    ["hovedstaden-10", undefined],
    ["elsewhere", undefined],
  ])("stack %s belongs to unit %s", async (stack, unit) => {
    const { unitOfStack } = await import("../../../packages/tools/cli/commands/policy-config.js");
    expect(unitOfStack(stack, ["nordjylland", "hovedstaden"])).toBe(unit);
  });

  test("prints the unit's locations and registries as pack configuration", async () => {
    const { run } = await import("../../../packages/tools/cli/run.js");
    let out = "";
    const code = await run(["policy-config", "nordjylland-851"], { stdout: (t: string) => (out += t), stderr: () => {} });
    expect(code).toBe(0);
    const config = JSON.parse(out);
    expect(config["azure-resources-restrict-locations"].allowedLocations).toEqual(["denmarkeast", "swedencentral"]);
    expect(config["kubernetes-pod-restrict-image-registries"].allowedRegistries).toContain("mcr.microsoft.com");
  });
});
