/**
 * The example configuration in stacks/ is what newcomers copy: it must pass
 * every check.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatFinding, loadConfigDir } from "../../packages/config/load.js";

describe("example configuration", () => {
  it("the example configuration validates clean", () => {
    const result = loadConfigDir(join(__dirname, "..", "..", "stacks"));
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors.map(formatFinding)).toEqual([]);
    expect(result.units.length).toBeGreaterThan(0);
  });
});
