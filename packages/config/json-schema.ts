/**
 * JSON Schemas for editors, generated from the zod schemas (the zod schemas
 * stay the one source). Draft-07, which every YAML language server reads.
 * `io: "input"` so that fields with defaults are optional, as in the files.
 */
import { z } from "zod";
import { municipalitySchema } from "./schema/municipality.js";
import { unitSchema } from "./schema/unit.js";

export const JSON_SCHEMA_FILES = {
  "unit.schema.json": { schema: unitSchema, title: "driftsenhed unit.yaml: one operating unit's platform settings" },
  "municipality.schema.json": { schema: municipalitySchema, title: "driftsenhed municipality file: one municipality's onboarding" },
} as const;

export type JsonSchemaFileName = keyof typeof JSON_SCHEMA_FILES;

/** File name → file content, exactly as committed under stacks/.schema. */
export function renderJsonSchemas(): Record<JsonSchemaFileName, string> {
  const out = {} as Record<JsonSchemaFileName, string>;
  for (const [name, { schema, title }] of Object.entries(JSON_SCHEMA_FILES) as [JsonSchemaFileName, (typeof JSON_SCHEMA_FILES)[JsonSchemaFileName]][]) {
    const json = z.toJSONSchema(schema, { io: "input", target: "draft-7", unrepresentable: "any" });
    out[name] = `${JSON.stringify({ ...json, title }, null, 2)}\n`;
  }
  return out;
}
