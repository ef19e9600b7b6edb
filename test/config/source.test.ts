/**
 * Field paths to line and column: the exact node, or the nearest ancestor
 * that exists (a missing key points at its parent mapping).
 */
import { describe, expect, it } from "vitest";
import { parseSource, valueAt, hasPath } from "../../packages/config/source.js";

const TEXT = [
  "id: nord", // 1
  "hub:", // 2
  "  addressSpace: 10.64.0.0/22", // 3
  "  firewall:", // 4
  "    sku: Premium", // 5
  "sites:", // 6
  "  - name: a", // 7
  "    prefixes: [10.0.0.0/16, 10.1.0.0/16]", // 8
  "  - name: b", // 9
  "empty:", // 10
  "base: &base", // 11
  "  mode: enabled", // 12
  "copy: *base", // 13
].join("\n");

describe("locate", () => {
  const source = parseSource("x.yaml", TEXT);

  it.each([
    [["id"], false, 1, 5],
    [["hub"], false, 3, 3],
    [["hub", "addressSpace"], false, 3, 17],
    [["hub", "addressSpace"], true, 3, 3],
    [["hub", "firewall", "sku"], false, 5, 10],
    [["hub", "firewall", "missing"], false, 5, 5],
    [["hub", "nothing", "deeper"], false, 3, 3],
    [["sites", 0, "prefixes", 1], false, 8, 29],
    [["sites", 1, "name"], false, 9, 11],
    [["sites", 5, "name"], false, 7, 3],
    [["empty"], false, 10, 1],
    [["empty", "child"], false, 10, 1],
    [["copy", "mode"], false, 12, 9],
    [[], false, 1, 1],
  ] as const)("%j (at key: %s) → %i:%i", (path, atKey, line, column) => {
    expect(source.locate([...path], atKey)).toEqual({ line, column });
  });

  it("reads the data, aliases resolved", () => {
    expect(valueAt(source.data, ["sites", 0, "prefixes", 1])).toBe("10.1.0.0/16");
    expect(valueAt(source.data, ["copy"])).toEqual({ mode: "enabled" });
    expect(hasPath(source.data, ["empty"])).toBe(true);
    expect(hasPath(source.data, ["nothing"])).toBe(false);
  });

  it("reports YAML syntax errors with their position and no data", () => {
    const broken = parseSource("y.yaml", "a: 1\nb: [1, 2\nc: 3\n");
    expect(broken.data).toBeUndefined();
    expect(broken.findings.length).toBeGreaterThan(0);
    expect(broken.findings[0]).toMatchObject({ severity: "error", file: "y.yaml", rule: "yaml", path: "" });
    expect(broken.findings[0]!.line).toBeGreaterThanOrEqual(2);
    expect(broken.findings[0]!.message).not.toContain("\n");
  });
});
