/**
 * The JSON Schemas under stacks/.schema are generated from the zod schemas;
 * this fails when someone changes a schema without regenerating them
 * (`driftsenhed schema --out stacks/.schema`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_FILES, renderJsonSchemas } from "../../packages/config/json-schema.js";

const SCHEMA_DIR = join(__dirname, "..", "..", "stacks", ".schema");

describe("JSON Schemas for editors", () => {
  const rendered = renderJsonSchemas();

  it.each(Object.keys(JSON_SCHEMA_FILES))("stacks/.schema/%s is current (regenerate with `driftsenhed schema --out stacks/.schema`)", (name) => {
    const committed = readFileSync(join(SCHEMA_DIR, name), "utf8");
    expect(committed).toBe(rendered[name as keyof typeof rendered]);
  });

  it("makes fields with defaults optional and keeps the required ones required", () => {
    const unit = JSON.parse(rendered["unit.schema.json"]) as { required: string[]; additionalProperties: boolean; properties: Record<string, { default?: unknown }> };
    expect(unit.required).toEqual(expect.arrayContaining(["id", "name", "addressSpace", "billing", "hub", "identity", "monitoring"]));
    expect(unit.required).not.toContain("location");
    expect(unit.required).not.toContain("cluster");
    expect(unit.properties.location!.default).toBe("denmarkeast");
    expect(unit.additionalProperties).toBe(false);
    const municipality = JSON.parse(rendered["municipality.schema.json"]) as { required: string[]; properties: Record<string, { description?: string }> };
    expect(municipality.required).not.toContain("workloads");
    expect(municipality.required).toEqual(expect.arrayContaining(["code", "name", "lifecycle", "network", "migration"]));
    expect(municipality.properties.code!.description).toContain("Kommunekode");
  });

  it("is draft-07, which YAML language servers read", () => {
    for (const text of Object.values(rendered)) expect(JSON.parse(text).$schema).toBe("http://json-schema.org/draft-07/schema#");
  });
});
