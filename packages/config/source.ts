/**
 * One YAML configuration file: its data, and where each field path sits in
 * the text, so that every finding can name a line and column.
 */
import { readFileSync } from "node:fs";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { DraftFinding, Finding, PathSegment } from "./findings.js";
import { joinPath } from "./findings.js";

export interface SourceFile {
  file: string;
  /** The parsed data; undefined when the YAML itself is broken. */
  data: unknown;
  /**
   * What could be read from a broken file, for tools that must not overlook a
   * range it claims (IPAM); never validated, never trusted.
   */
  partial?: unknown;
  /** YAML syntax problems (the data is then not trusted). */
  findings: Finding[];
  /** Line and column of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly PathSegment[], atKey?: boolean): { line: number; column: number };
}

export function readSource(file: string): SourceFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? "unreadable";
    return brokenSource(file, `cannot read the file (${reason})`, "io");
  }
  return parseSource(file, text);
}

export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const findings: Finding[] = [];
  for (const [severity, list] of [["error", doc.errors], ["warning", doc.warnings]] as const) {
    for (const e of list) {
      findings.push({
        severity,
        file,
        ...position(e.pos[0]),
        path: "",
        message: `YAML ${severity === "error" ? "syntax error" : "warning"}: ${e.message.split("\n")[0]}`,
        rule: "yaml",
      });
    }
  }
  let data: unknown;
  let partial: unknown;
  try {
    if (doc.errors.length === 0) data = doc.toJS({ maxAliasCount: 100 });
    else partial = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (doc.errors.length === 0) {
      findings.push({ severity: "error", file, line: 1, column: 1, path: "", message: `YAML error: ${(err as Error).message}`, rule: "yaml" });
    }
  }
  return { file, data, partial, findings, locate: (path, atKey) => locateIn(doc, path, atKey ?? false, position) };
}

function brokenSource(file: string, message: string, rule: string): SourceFile {
  return {
    file,
    data: undefined,
    findings: [{ severity: "error", file, line: 1, column: 1, path: "", message, rule }],
    locate: () => ({ line: 1, column: 1 }),
  };
}

function locateIn(
  doc: Document,
  path: readonly PathSegment[],
  atKey: boolean,
  position: (offset: number) => { line: number; column: number },
): { line: number; column: number } {
  let node: unknown = doc.contents;
  let best: { range?: [number, number, number] | null } | null = (doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      // A key with no value (`sites:`) has nothing to point at but the key.
      const blank = value === null || !value.range || (isScalar(value) && value.value === null && value.range[0] === value.range[1]);
      if ((last && atKey) || blank) {
        best = key;
        node = value;
        if (last || blank) break;
        continue;
      }
      best = value;
      node = value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) break;
      best = item;
      node = item;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  return position(offset);
}

/** Places a check's finding in its file. */
export function locateDraft(draft: DraftFinding, source: SourceFile | undefined): Finding {
  const pos = source ? source.locate(draft.path, draft.atKey) : { line: 1, column: 1 };
  const finding: Finding = {
    severity: draft.severity,
    file: draft.file,
    line: pos.line,
    column: pos.column,
    path: joinPath(draft.path),
    message: draft.message,
    rule: draft.rule,
  };
  if (draft.value !== undefined) finding.value = draft.value;
  return finding;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

/** Whether the key at the end of `path` exists in the data. */
export function hasPath(data: unknown, path: readonly PathSegment[]): boolean {
  if (path.length === 0) return data !== undefined;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === "object" && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1] as string);
}
