/**
 * The configuration reference (stacks/CONFIG.md), rendered from the zod
 * schemas so that it cannot drift from what `validate` accepts: every field's
 * path, type, default and description.
 */
import { z } from "zod";
import { municipalitySchema } from "./schema/municipality.js";
import { unitSchema } from "./schema/unit.js";
import { defOf, descriptionOf, discriminatedOptions, literalValues, unwrap } from "./schema-walk.js";

type AnySchema = z.core.$ZodType;

export interface ReferenceRow {
  /** Dotted path; list items are written `[]`, e.g. `workloads[].name`. */
  path: string;
  type: string;
  /** `required`, `optional`, or the default value. */
  presence: string;
  description: string;
}

/** Every field of a schema, depth first, in declaration order. */
export function referenceRows(schema: AnySchema): ReferenceRow[] {
  return walkObject(schema, "").map(({ conditions, ...row }) => ({
    ...row,
    description: [conditions.length > 0 ? `Only when ${conditions.join(" and ")}.` : "", row.description].filter(Boolean).join(" "),
  }));
}

interface Draft extends ReferenceRow {
  /** Variant conditions, e.g. `mode is "enabled"`. */
  conditions: string[];
}

function walkObject(schema: AnySchema, prefix: string, skip?: string): Draft[] {
  const rows: Draft[] = [];
  const shape = defOf(unwrap(schema).schema).shape ?? {};
  for (const [key, field] of Object.entries(shape)) {
    if (key === skip) continue;
    const path = `${prefix}${key}`;
    const info = unwrap(field);
    const inner = info.schema;
    const def = defOf(inner);
    const presence = info.hasDefault ? renderDefault(info.defaultValue) : info.optional ? "optional" : "required";
    rows.push({ path, type: typeLabel(field), presence, description: descriptionOf(field) ?? "", conditions: [] });
    if (def.type === "array" && def.element) rows.push(...walkNested(unwrap(def.element).schema, `${path}[].`));
    else rows.push(...walkNested(inner, `${path}.`));
  }
  return rows;
}

/** Fields below an object, or below each variant of a discriminated union. */
function walkNested(schema: AnySchema, prefix: string): Draft[] {
  const disc = discriminatedOptions(schema);
  if (!disc) return defOf(schema).type === "object" ? walkObject(schema, prefix) : [];
  const values = disc.options.map((o) => JSON.stringify(o.value));
  const selector: Draft = {
    path: `${prefix}${disc.discriminator}`,
    type: values.join(" \\| "),
    presence: "required",
    description: "Selects the variant; fields marked \"only when\" belong to one variant.",
    conditions: [],
  };
  // A field that every variant has alike is listed once, without a condition.
  const merged = new Map<string, { row: Draft; values: string[] }>();
  disc.options.forEach((option, i) => {
    for (const row of walkObject(option.schema, prefix, disc.discriminator)) {
      const key = JSON.stringify([row.path, row.type, row.presence, row.description, row.conditions]);
      const entry = merged.get(key) ?? { row, values: [] };
      entry.values.push(values[i]!);
      merged.set(key, entry);
    }
  });
  const rows = [...merged.values()].map(({ row, values: seen }) =>
    seen.length === values.length ? row : { ...row, conditions: [`${disc.discriminator} is ${seen.join(" or ")}`, ...row.conditions] },
  );
  return [selector, ...rows];
}

interface CheckDef {
  check?: string;
  value?: unknown;
}

/** Bounds set with .min()/.max() on a number. */
function numberBounds(schema: AnySchema): { min?: number; max?: number } {
  const checks = ((defOf(schema) as unknown as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? []).map((c) => c._zod.def);
  const out: { min?: number; max?: number } = {};
  for (const c of checks) {
    if (c.check === "greater_than" && typeof c.value === "number") out.min = c.value;
    if (c.check === "less_than" && typeof c.value === "number") out.max = c.value;
  }
  return out;
}

const FORMAT_NAMES: Record<string, string> = { email: "e-mail address", guid: "GUID", ipv4: "IPv4 address", date: "date (YYYY-MM-DD)", uuid: "UUID" };

/** A short, human type name: `integer 1–20`, `list of CIDR`, `"Standard" \| "Premium"`. */
export function typeLabel(schema: AnySchema): string {
  const meta = z.globalRegistry.get(schema) as { title?: string } | undefined;
  const inner = unwrap(schema).schema;
  const title = meta?.title ?? (z.globalRegistry.get(inner) as { title?: string } | undefined)?.title;
  if (title) return title;
  const def = defOf(inner);
  const format = (def as unknown as { format?: string }).format;
  const literals = literalValues(inner);
  if (literals) return literals.map((v) => JSON.stringify(v)).join(" \\| ");
  switch (def.type) {
    case "string":
      return format && FORMAT_NAMES[format] ? FORMAT_NAMES[format]! : "string";
    case "number": {
      const { min, max } = numberBounds(inner);
      const range = min !== undefined && max !== undefined ? ` ${min}–${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : "";
      return `${format === "safeint" || format === "int32" || format === "uint32" ? "integer" : "number"}${range}`;
    }
    case "boolean":
      return "boolean";
    case "object":
      return "mapping";
    case "array":
      return `list of ${def.element ? typeLabel(def.element) : "values"}`;
    case "union": {
      const disc = discriminatedOptions(inner);
      if (disc) return `mapping, by \`${disc.discriminator}\``;
      return (def.options ?? []).map(typeLabel).join(" or ");
    }
    default:
      return def.type;
  }
}

function renderDefault(value: unknown): string {
  if (value === undefined) return "optional";
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return "defaults below";
  const text = JSON.stringify(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

function cell(text: string): string {
  return text.replace(/\n/g, " ").replace(/(?<!\\)\|/g, "\\|");
}

function table(rows: readonly ReferenceRow[]): string {
  const lines = ["| field | type | default | description |", "|---|---|---|---|"];
  for (const r of rows) lines.push(`| \`${r.path}\` | ${cell(r.type)} | ${cell(r.presence)} | ${cell(r.description)} |`);
  return lines.join("\n");
}

/** The whole of stacks/CONFIG.md. */
export function renderReference(): string {
  return [
    "# Configuration reference",
    "",
    "Generated from the zod schemas in `packages/config/schema` by `npx tsx packages/config/scripts/generate-reference.ts`; do not edit by hand.",
    "A test fails when this file is stale.",
    "",
    "Layout: `stacks/<unit>/unit.yaml` and `stacks/<unit>/municipalities/<code>-<slug>.yaml`. Which unit a municipality belongs to is the folder its file sits in.",
    "Check a change with `driftsenhed validate`; find a free address block with `driftsenhed ipam <unit>`.",
    "",
    "## unit.yaml",
    "",
    table(referenceRows(unitSchema)),
    "",
    "## municipalities/<code>-<slug>.yaml",
    "",
    table(referenceRows(municipalitySchema)),
    "",
  ].join("\n");
}
