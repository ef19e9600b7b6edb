/**
 * Reads the zod schemas as data: which fields an object allows, which values
 * a discriminator takes, the schema at a field path. Error messages and the
 * generated reference both need this, so it lives in one place.
 */
import { z } from "zod";
import type { PathSegment } from "./findings.js";

type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  defaultValue?: unknown;
  getter?: () => AnySchema;
}

export function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

const WRAPPERS = new Set(["default", "prefault", "optional", "nullable", "readonly", "catch", "nonoptional"]);

/** The schema without default/optional/pipe wrappers, and what the wrappers said. */
export function unwrap(schema: AnySchema): { schema: AnySchema; optional: boolean; defaultValue?: unknown; hasDefault: boolean } {
  let current = schema;
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) {
      if (def.type === "optional") optional = true;
      if ((def.type === "default" || def.type === "prefault") && !hasDefault) {
        hasDefault = true;
        try {
          defaultValue = typeof def.defaultValue === "function" ? (def.defaultValue as () => unknown)() : def.defaultValue;
        } catch {
          defaultValue = undefined;
        }
      }
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else return { schema: current, optional: optional || hasDefault, defaultValue, hasDefault };
  }
}

/** The literal values a schema accepts, when it is a literal or an enum. */
export function literalValues(schema: AnySchema): unknown[] | undefined {
  const def = defOf(unwrap(schema).schema);
  if (def.type === "literal") return def.values;
  if (def.type === "enum" && def.entries) return Object.values(def.entries);
  return undefined;
}

/** Field names of an object schema (after unwrapping), or undefined. */
export function objectKeys(schema: AnySchema): string[] | undefined {
  const def = defOf(unwrap(schema).schema);
  return def.type === "object" && def.shape ? Object.keys(def.shape) : undefined;
}

/** For a discriminated union: the discriminator and the option for each of its values. */
export function discriminatedOptions(schema: AnySchema): { discriminator: string; options: { value: unknown; schema: AnySchema }[] } | undefined {
  const def = defOf(unwrap(schema).schema);
  if (def.type !== "union" || !def.discriminator || !def.options) return undefined;
  const discriminator = def.discriminator;
  const options: { value: unknown; schema: AnySchema }[] = [];
  for (const option of def.options) {
    const shape = defOf(unwrap(option).schema).shape;
    const values = shape?.[discriminator] ? literalValues(shape[discriminator]) : undefined;
    for (const value of values ?? []) options.push({ value, schema: option });
  }
  return { discriminator, options };
}

/**
 * The schema that validates the value at `path`, choosing union options by
 * the data's discriminator. Undefined when the path leaves the schema.
 */
export function schemaAt(root: AnySchema, path: readonly PathSegment[], data: unknown): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  let value = data;
  for (const segment of path) {
    if (!schema) return undefined;
    schema = resolveUnion(schema, value);
    if (!schema) return undefined;
    const def = defOf(schema);
    if (def.type === "object" && def.shape) schema = def.shape[String(segment)];
    else if (def.type === "array" && def.element) schema = def.element;
    else return undefined;
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment as string] : undefined;
  }
  return schema ? resolveUnion(schema, value) : undefined;
}

/** Unwraps and, for a union, picks the option that matches the data. */
function resolveUnion(schema: AnySchema, value: unknown): AnySchema | undefined {
  const inner = unwrap(schema).schema;
  const def = defOf(inner);
  if (def.type !== "union") return inner;
  const disc = discriminatedOptions(inner);
  if (disc && value !== null && typeof value === "object") {
    const wanted = (value as Record<string, unknown>)[disc.discriminator];
    const match = disc.options.find((o) => o.value === wanted);
    return match ? unwrap(match.schema).schema : undefined;
  }
  // A plain union (e.g. `"all"` or a list): the first option shaped like the data.
  for (const option of def.options ?? []) {
    const t = defOf(unwrap(option).schema).type;
    if ((t === "array" && Array.isArray(value)) || (t === "object" && value !== null && typeof value === "object" && !Array.isArray(value))) {
      return unwrap(option).schema;
    }
  }
  return undefined;
}

/** The description given with `.meta({ description })` or `.describe()`, looking through wrappers. */
export function descriptionOf(schema: AnySchema): string | undefined {
  let current: AnySchema | undefined = schema;
  while (current) {
    const meta = z.globalRegistry.get(current) as { description?: string } | undefined;
    if (meta?.description) return meta.description;
    const def = defOf(current);
    if ((WRAPPERS.has(def.type) && def.innerType) || def.type === "pipe") current = def.innerType ?? def.in;
    else return undefined;
  }
  return undefined;
}

/** Edit distance, for "did you mean" hints on misspelt field names. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
