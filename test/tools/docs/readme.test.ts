/**
 * README.md: its generated sections are current, and it starts as a newcomer needs.
 *
 * Tier: unit (vitest.config.mts): pure functions, no Pulumi runtime and no child
 * process, so it shares worker threads and their imports with the other pure tests.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_SECTIONS, renderReadme } from "../../../packages/tools/docs/readme.js";

const README = readFileSync("README.md", "utf8");

describe("README.md", () => {
  it("has its generated sections up to date (regenerate with npm run generate)", () => {
    expect(renderReadme(README)).toBe(README);
  });

  it("starts with one sentence of purpose, then the commands a newcomer runs", () => {
    const lines = README.split("\n");
    expect(lines[0]).toBe("# driftsenhed");
    const firstCode = README.indexOf("```sh");
    expect(firstCode).toBeGreaterThan(0);
    const commands = README.slice(firstCode, README.indexOf("```", firstCode + 5));
    expect(commands).toContain("npm ci");
    expect(commands).toContain("npm run plan");
    expect(commands).toContain("npm test");
  });

  it("refuses a README whose markers are missing", () => {
    expect(() => renderReadme("# x\n")).toThrow(/generated:commands/);
    expect(Object.keys(GENERATED_SECTIONS).length).toBeGreaterThan(0);
  });
});

describe(".ci/run", () => {
  it("runs exactly the README's commands", () => {
    const ci = readFileSync(".ci/run", "utf8");
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/npm test/);
  });
});
