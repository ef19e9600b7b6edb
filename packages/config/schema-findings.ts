/**
 * Turns zod issues into findings that say what is wrong, the bad value and
 * what is allowed, in the words of the configuration rather than of zod.
 */
import type { z } from "zod";
import type { DraftFinding, PathSegment } from "./findings.js";
import { showValue } from "./findings.js";
import { closest, discriminatedOptions, objectKeys, schemaAt } from "./schema-walk.js";
import { hasPath, valueAt } from "./source.js";

type Issue = z.core.$ZodIssue;

export function schemaFindings(file: string, root: z.core.$ZodType, data: unknown, issues: readonly Issue[]): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const allowed = objectKeys(schemaAt(root, path, data) ?? root) ?? [];
      for (const key of issue.keys) {
        const hint = closest(key, allowed);
        out.push({
          severity: "error",
          file,
          path: [...path, key],
          atKey: true,
          rule: "schema",
          value: valueAt(data, [...path, key]),
          message: `unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ""}; allowed here: ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    const value = valueAt(data, path);
    out.push({ severity: "error", file, path, rule: "schema", value, message: describe(issue, path, value, root, data) });
  }
  return out;
}

function describe(issue: Issue, path: PathSegment[], value: unknown, root: z.core.$ZodType, data: unknown): string {
  const field = path.length > 0 ? String(path[path.length - 1]) : "";
  const generic = /^(Invalid input|Invalid option|Invalid discriminator value)/.test(issue.message);
  const missing = path.length > 0 && !hasPath(data, path);

  if (path.length === 0 && (data === null || data === undefined)) {
    const keys = objectKeys(root) ?? [];
    return `the file is empty; expected a mapping with the fields ${keys.join(", ")}`;
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    const parent = schemaAt(root, path.slice(0, -1), data);
    const options = parent ? discriminatedOptions(parent)?.options.map((o) => String(o.value)) : undefined;
    const allowed = options ?? ("options" in issue ? (issue.options as unknown[]).map(String) : []);
    if (missing) return `required field '${field}' is missing; it selects the variant, one of: ${allowed.join(", ")}`;
    return `${showValue(value)} is not a valid ${field}; expected one of: ${allowed.join(", ")}`;
  }
  if (missing) {
    const expected = issue.code === "invalid_type" ? ` (expected ${article(issue.expected)})` : "";
    return `required field '${field}' is missing${generic ? expected : `: ${issue.message}`}`;
  }
  if (issue.code === "invalid_value" && generic) {
    return `${showValue(value)} is not allowed; expected one of: ${issue.values.map((v) => String(v)).join(", ")}`;
  }
  if (issue.code === "invalid_type" && generic) {
    return `expected ${article(issue.expected)}, got ${describeType(value)} ${showValue(value)}`;
  }
  return mentionsValue(issue.message, value) ? issue.message : `${issue.message} (got ${showValue(value)})`;
}

function mentionsValue(message: string, value: unknown): boolean {
  if (value === undefined || value === null || typeof value === "object") return false;
  return message.includes(String(value));
}

/** zod's type names in YAML's words. */
const YAML_TYPE: Record<string, string> = { object: "mapping", array: "list", int: "whole number" };

function article(expected: string): string {
  const word = YAML_TYPE[expected] ?? expected;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}
