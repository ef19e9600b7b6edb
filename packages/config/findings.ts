/**
 * A finding is one problem in the configuration, located in its file. Every
 * user-facing message about configuration goes through this shape, so the
 * command line, the stack program and the tests all say the same thing.
 */
import { brandInputError, type InputErrorLike, type InputFinding } from "../../components/vocabulary/errors.js";

export type Severity = "error" | "warning";

export interface Finding {
  severity: Severity;
  /** The file, relative to the working directory or as the config dir was given. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted field path, e.g. `workloads.2.exposure.type`; "" for the whole file. */
  path: string;
  /** What is wrong, the bad value and what is allowed. */
  message: string;
  value?: unknown;
  /** Stable identifier of the check, e.g. `schema`, `registry-name`, `cidr-overlap`. */
  rule: string;
}

export type PathSegment = string | number;

/**
 * A finding before it has a position: checks are pure functions over parsed
 * configuration and know field paths, not lines. The loader locates them.
 */
export interface DraftFinding {
  severity: Severity;
  file: string;
  path: PathSegment[];
  message: string;
  value?: unknown;
  rule: string;
  /** Point at the key rather than the value (unknown fields). */
  atKey?: boolean;
}

export function joinPath(path: readonly PathSegment[]): string {
  return path.map(String).join(".");
}

/** `path/to/file.yaml:LINE:COL  field.path  message`; an empty path prints as `-`. */
export function formatFinding(f: Finding): string {
  const prefix = f.severity === "warning" ? "warning: " : "";
  return `${f.file}:${f.line}:${f.column}  ${f.path === "" ? "-" : f.path}  ${prefix}${f.message}`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** A finding as wrong input of any kind carries it (`source` is the file). */
export type LocatedFinding = Finding & InputFinding;

/**
 * Thrown where configuration problems must stop a program (the stack
 * program). It is wrong input (`isInputError`), so the command line and the
 * plan print its findings, not a stack trace.
 */
export class ConfigError extends Error implements InputErrorLike {
  declare readonly findings: LocatedFinding[];

  constructor(findings: Finding[]) {
    super(findings.map(formatFinding).join("\n"));
    this.name = "ConfigError";
    brandInputError(
      this,
      findings.map((f) => ({ ...f, source: f.file })),
    );
  }
}

/** Short, single-line rendering of a value for a message. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return `'${value}'`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Orders findings by file, position and rule, so output never depends on check order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
