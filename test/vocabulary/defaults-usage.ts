/**
 * Which entries of DEFAULTS the source reads: a reference `DEFAULTS.a.b`
 * reads every leaf under `a.b` (a spread or a whole-object default), and
 * nothing else does. Kept apart from the test so its logic can be tested.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DEFAULTS_FILE = "components/vocabulary/defaults.ts";

/** Dotted paths of every leaf: a value that is not a plain object (arrays count as leaves). */
export function leafPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([k, v]) => leafPaths(v, prefix === "" ? k : `${prefix}.${k}`));
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(full);
  }
}

/** Every `DEFAULTS.x.y` reference of the source folders, outside defaults.ts, with the file it is in. */
export function defaultsReferences(root = ROOT, tops = ["components", "packages", "stacks"]): { path: string; file: string }[] {
  const files: string[] = [];
  for (const top of tops) walk(path.join(root, top), files);
  const out: { path: string; file: string }[] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (rel === DEFAULTS_FILE) continue;
    // Comments name defaults without reading them.
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
    for (const m of code.matchAll(/\bDEFAULTS((?:\.[A-Za-z_$][\w$]*)+)/g)) out.push({ path: m[1]!.slice(1), file: rel });
  }
  return out;
}

/** Leaves that no reference reads: neither the leaf itself nor an object above it is referenced. */
export function unreadLeaves(leaves: readonly string[], references: readonly string[]): string[] {
  return leaves.filter((leaf) => !references.some((r) => leaf === r || leaf.startsWith(`${r}.`)));
}
