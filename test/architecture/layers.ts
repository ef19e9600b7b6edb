/**
 * The import graph of the source tree (not the tests), and the layering rule
 * it must follow. Read with TypeScript's own pre-processor, so type-only
 * imports and re-exports count as edges too.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Bottom to top. A layer may import its own and any lower layer listed in `may`. */
export const LAYERS = [
  { name: "vocabulary", dirs: ["components/vocabulary"], may: [] },
  { name: "components", dirs: ["components"], may: ["vocabulary"] },
  { name: "contract", dirs: ["packages/config", "packages/registry", "packages/ipam"], may: ["vocabulary"] },
  { name: "policies", dirs: ["policies"], may: ["vocabulary"] },
  { name: "stacks", dirs: ["stacks"], may: ["vocabulary", "components", "contract"] },
  { name: "tools", dirs: ["packages/tools"], may: ["vocabulary", "components", "contract", "policies", "stacks"] },
] as const;
export type LayerName = (typeof LAYERS)[number]["name"];

/** npm packages a layer must not import (the vocabulary stays free of the Pulumi SDKs). */
export const FORBIDDEN_PACKAGES: Partial<Record<LayerName, RegExp>> = {
  vocabulary: /^@pulumi\//,
  contract: /^@pulumi\//,
};

/** The layer of a repository-relative file: the most specific directory wins. */
export function layerOf(file: string): LayerName | undefined {
  let best: { name: LayerName; len: number } | undefined;
  for (const layer of LAYERS) {
    for (const dir of layer.dirs) {
      if ((file === dir || file.startsWith(dir + "/")) && (!best || dir.length > best.len)) best = { name: layer.name, len: dir.length };
    }
  }
  return best?.name;
}

export function allowed(from: LayerName, to: LayerName): boolean {
  if (from === to) return true;
  const layer = LAYERS.find((l) => l.name === from)!;
  return (layer.may as readonly string[]).includes(to);
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(full);
  }
}

export interface Edge {
  from: string;
  to: string;
  /** true for an npm package, false for a file of the repository */
  external: boolean;
}

/** Every import edge of the source folders, with repository-relative paths. */
export function importGraph(root = ROOT): Edge[] {
  const files: string[] = [];
  for (const top of ["components", "packages", "policies", "stacks"]) walk(path.join(root, top), files);
  const edges: Edge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const from = path.relative(root, file).split(path.sep).join("/");
    for (const ref of info.importedFiles) {
      const spec = ref.fileName;
      if (spec.startsWith(".")) {
        const abs = path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts");
        edges.push({ from, to: path.relative(root, abs).split(path.sep).join("/"), external: false });
      } else {
        edges.push({ from, to: spec, external: true });
      }
    }
  }
  return edges;
}

/** The edges that break the layering, each as one readable line. */
export function layerViolations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    if (!from) continue;
    if (e.external) {
      const bad = FORBIDDEN_PACKAGES[from];
      if (bad?.test(e.to)) out.push(`${e.from} (${from}) imports ${e.to}, which the ${from} layer must not use`);
      continue;
    }
    const to = layerOf(e.to);
    if (!to) out.push(`${e.from} (${from}) imports ${e.to}, which is outside every layer`);
    else if (!allowed(from, to)) out.push(`${e.from} (${from}) imports ${e.to} (${to}): ${from} may import ${[from, ...LAYERS.find((l) => l.name === from)!.may].join(", ")}`);
  }
  return out;
}

/** Import cycles between files (strongly connected components of more than one file, or a self-import). */
export function importCycles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (e.external) continue;
    if (!graph.has(e.from)) graph.set(e.from, []);
    graph.get(e.from)!.push(e.to);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return cycles;
}

/** The layer table of CONTRIBUTING.md, from LAYERS and FORBIDDEN_PACKAGES. */
export function layersTableMarkdown(): string {
  const rows = LAYERS.map((l) => {
    const may = l.may.length ? l.may.join(", ") : "(nothing else";
    const sdk = FORBIDDEN_PACKAGES[l.name] ? (l.may.length ? " (no Pulumi SDK)" : "; no Pulumi SDK)") : l.may.length ? "" : ")";
    return `| ${l.name} | ${l.dirs.map((d) => `\`${d}\``).join(", ")} | ${may}${sdk} |`;
  });
  return ["| layer | folders | may import |", "|---|---|---|", ...rows].join("\n");
}
