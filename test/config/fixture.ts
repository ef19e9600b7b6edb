/**
 * Scenarios for configuration tests: a copy of the valid fixture with a few
 * changes applied, loaded with a fixed "today".
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import { loadConfigDir, type Finding, type LoadResult } from "../../packages/config/load.js";

export const VALID_FIXTURE = join(__dirname, "..", "fixtures", "config", "valid");
export const TODAY = new Date("2026-06-01T00:00:00Z");

export type Path = (string | number)[];

export interface Edit {
  /** File relative to the fixture root, e.g. `nord/unit.yaml`. */
  file: string;
  set?: [Path, unknown][];
  remove?: Path[];
  /** Raw text replacement, after the structural edits. */
  text?: (text: string) => string;
  /** New file name relative to the fixture root (the original is moved). */
  renameTo?: string;
  /** Copy the (edited) file to this name as well. */
  copyTo?: string;
}

export interface Scenario {
  dir: string;
  result: LoadResult;
  /** Findings with file names relative to the scenario dir. */
  findings: Finding[];
}

const created: string[] = [];

export function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "driftsenhed-config-"));
  created.push(dir);
  cpSync(VALID_FIXTURE, dir, { recursive: true });
  return dir;
}

export function applyEdits(dir: string, edits: readonly Edit[]): void {
  for (const edit of edits) {
    const file = join(dir, edit.file);
    let text = readFileSync(file, "utf8");
    if (edit.set || edit.remove) {
      const doc = parseDocument(text);
      for (const [path, value] of edit.set ?? []) doc.setIn(path, value);
      for (const path of edit.remove ?? []) doc.deleteIn(path);
      text = doc.toString();
    }
    if (edit.text) text = edit.text(text);
    writeFileSync(file, text);
    if (edit.copyTo) writeFileSync(join(dir, edit.copyTo), text);
    if (edit.renameTo) renameSync(file, join(dir, edit.renameTo));
  }
}

export function scenario(edits: readonly Edit[], today: Date = TODAY): Scenario {
  const dir = freshCopy();
  applyEdits(dir, edits);
  const result = loadConfigDir(dir, { today });
  return { dir, result, findings: result.findings.map((f) => ({ ...f, file: relative(dir, f.file) })) };
}

export function cleanup(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** 1-based line of the first line containing `needle` in a scenario file. */
export function lineOf(dir: string, file: string, needle: string): number {
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not in ${file}`);
  return index + 1;
}
