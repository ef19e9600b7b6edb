/**
 * Defensive readers for resource properties. Properties arrive as plain JSON
 * (or, in the engine, as a proxy that throws on values unknown during preview),
 * and may be missing, mistyped or partially set; rules must never crash on
 * them, and must never read a value they do not need.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** Elements of an array; anything else is treated as empty. */
export function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [];
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) out.push(value[i]);
  return out;
}

/** A non-blank string, trimmed; `undefined` otherwise. */
export function asString(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/** Strings of an array, ignoring blanks and non-strings. */
export function asStrings(value: unknown): string[] {
  return asArray(value)
    .map(asString)
    .filter((s): s is string => s !== undefined);
}

/** Walks `path` through nested records; `undefined` as soon as a step is missing. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (typeof key === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[key];
    }
  }
  return current;
}

/** Case-insensitive string equality; `false` for non-strings. */
export function eqi(value: unknown, expected: string): boolean {
  return typeof value === "string" && value.trim().toLowerCase() === expected.toLowerCase();
}

/** How a value appears in a message: quoted strings, `not set` for missing values. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function tagsOf(props: Record<string, unknown>): Record<string, unknown> {
  return asRecord(props.tags) ?? {};
}

/** `a.b[0].c` from path parts, for messages. */
export function pathOf(...parts: (string | number)[]): string {
  return parts.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
