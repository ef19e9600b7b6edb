/**
 * The generated example municipality files match their generator.
 *
 * Tier: runtime (vitest.config.mts): starts child processes (the generator, through tsx), which
 * the forked workers of that tier are for.
 */
import { execFileSync } from "node:child_process";
import { expect, test } from "vitest";

test("the generated example municipality files are up to date with their generator", () => {
  // --check exits 1 and names the stale files when a generated file differs from what the generator writes.
  const out = execFileSync(process.execPath, ["--require", "tsx/cjs", "packages/tools/examples/generate.ts", "--check"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(out).not.toMatch(/stale|out of date/i);
});
