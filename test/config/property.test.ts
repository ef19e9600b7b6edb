/**
 * Random mutations of valid files: the loader never throws, every finding is
 * located inside the file, and a mutation that must be invalid produces an
 * error at (or above) the mutated field.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { loadConfigDir } from "../../packages/config/load.js";
import { cleanup, freshCopy, TODAY } from "./fixture.js";

afterAll(cleanup);

// One unit keeps every run quick; cross-unit rules have their own table tests.
const FILES = ["nord/unit.yaml", "nord/municipalities/851-aalborg.yaml", "nord/municipalities/773-morsoe.yaml", "nord/municipalities/825-laesoe.yaml"];
const dir = freshCopy();
rmSync(join(dir, "sjaelland"), { recursive: true });
const originals = new Map(FILES.map((f) => [f, readFileSync(join(dir, f), "utf8")]));

type Path = (string | number)[];

interface Target {
  path: Path;
  kind: "map" | "seq" | "scalar";
  scalar?: unknown;
}

/** Every node's path in the document, with its kind. */
function paths(text: string): Target[] {
  const out: Target[] = [];
  const walk = (node: unknown, path: Path) => {
    if (path.length > 0) out.push({ path, kind: isMap(node) ? "map" : isSeq(node) ? "seq" : "scalar", scalar: isScalar(node) ? node.value : undefined });
    if (isMap(node)) for (const p of node.items) if (isPair(p) && isScalar(p.key)) walk(p.value, [...path, String(p.key.value)]);
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(parseDocument(text).contents, []);
  return out;
}

/** A value of another kind than the original: no field accepts both. */
function otherKind(target: Target, pick: number): unknown {
  const candidates: unknown[] = [];
  if (target.kind !== "scalar" || typeof target.scalar !== "number") candidates.push(40_000 + (pick % 1000));
  if (target.kind !== "scalar" || typeof target.scalar !== "string") candidates.push("zz-mutated");
  if (target.kind !== "scalar" || typeof target.scalar !== "boolean") candidates.push(pick % 2 === 0);
  if (target.kind !== "seq") candidates.push(["zz-mutated"]);
  if (target.kind !== "map") candidates.push({ zzMutated: 1 });
  return candidates[pick % candidates.length];
}

function load() {
  const result = loadConfigDir(dir, { today: TODAY });
  return result.findings.map((f) => ({ ...f, file: relative(dir, f.file) }));
}

const targets = new Map(FILES.map((f) => [f, paths(originals.get(f)!)]));

function lineCount(text: string): number {
  return text.split("\n").length;
}

function restore(file: string) {
  writeFileSync(join(dir, file), originals.get(file)!);
}

describe("random mutations of valid files", () => {
  it("a value of the wrong kind is an error located at the field or an ancestor", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.nat(), fc.nat(), (file, which, pick) => {
        const original = originals.get(file)!;
        const candidates = targets.get(file)!;
        const target = candidates[which % candidates.length]!;
        const doc = parseDocument(original);
        const value = otherKind(target, pick);
        doc.setIn(target.path, value);
        const text = doc.toString();
        writeFileSync(join(dir, file), text);
        try {
          const findings = load();
          const joined = target.path.join(".");
          const here = findings.filter((f) => f.file === file && f.severity === "error" && (f.path === joined || joined.startsWith(`${f.path}.`) || f.path === ""));
          expect(here.length, `mutating ${file} ${joined} to ${JSON.stringify(value)}`).toBeGreaterThan(0);
          // The error at exactly the mutated field points at its line.
          const exact = here.find((f) => f.path === joined);
          if (exact) {
            const lc = new LineCounter();
            const mutated = parseDocument(text, { lineCounter: lc });
            const node = mutated.getIn(target.path, true) as Node | undefined;
            if (node?.range) expect(exact.line).toBe(lc.linePos(node.range[0]).line);
          }
          for (const f of findings) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.column).toBeGreaterThanOrEqual(1);
          }
        } finally {
          restore(file);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("an unknown field in any mapping is an error at that field", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.nat(), (file, which) => {
        const original = originals.get(file)!;
        const maps: Target[] = [{ path: [], kind: "map" }, ...targets.get(file)!.filter((p) => p.kind === "map")];
        const target = maps[which % maps.length]!;
        const doc = parseDocument(original);
        doc.setIn([...target.path, "zzUnknown"], "x");
        writeFileSync(join(dir, file), doc.toString());
        try {
          const findings = load();
          const path = [...target.path, "zzUnknown"].join(".");
          const hit = findings.find((f) => f.file === file && f.path === path);
          // Inside a union with a bad variant zod stops at the variant; otherwise the field itself is named.
          expect(hit ?? findings.find((f) => f.file === file && f.severity === "error"), `unknown key at ${path}`).toBeDefined();
          if (hit) expect(hit.message).toContain("unknown field 'zzUnknown'");
        } finally {
          restore(file);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("arbitrary text edits never throw and every finding lies inside its file", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.nat(),
        fc.nat({ max: 20 }),
        fc.string({ unit: fc.constantFrom(":", "-", " ", "\n", "[", "]", "{", "}", "\"", "'", "#", "&", "*", "!", "|", ">", "\t", "a", "1", "%", "@", "`"), maxLength: 12 }),
        (file, at, removed, inserted) => {
          const original = originals.get(file)!;
          const position = at % (original.length + 1);
          const text = original.slice(0, position) + inserted + original.slice(position + removed);
          writeFileSync(join(dir, file), text);
          try {
            const findings = load();
            for (const f of findings) {
              expect(f.line).toBeGreaterThanOrEqual(1);
              expect(f.column).toBeGreaterThanOrEqual(1);
              if (f.file === file) expect(f.line).toBeLessThanOrEqual(lineCount(text) + 1);
              expect(typeof f.message).toBe("string");
              expect(f.message.length).toBeGreaterThan(0);
            }
          } finally {
            restore(file);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
