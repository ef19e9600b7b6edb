/**
 * One error type for wrong input, wherever it is found: a configuration file
 * (located by file, line and column) or a component's arguments (located by
 * component and field path). The command line, the offline plan and the stack
 * program recognise it with `isInputError`, never by a class name, and print
 * its findings without a stack trace.
 *
 * The brand is a registered symbol, so an error thrown by one installed copy
 * of the package is still recognised by another.
 */

const BRAND = Symbol.for("driftsenhed.InputError");

export interface InputFinding {
  /** Where the input came from: a file path, or the component that was given it (`driftsenhed:tenant:MunicipalityTenant k851`). */
  source: string;
  /** Dotted field path inside the source; "" for the whole source. */
  path: string;
  /** What is wrong, the bad value and what is allowed. */
  message: string;
  value?: unknown;
  /** 1-based, for files. */
  line?: number;
  /** 1-based, for files. */
  column?: number;
  /** Stable identifier of the check, when there is one. */
  rule?: string;
}

/** `source:LINE:COL  field.path  message` for files, `source  field.path  message` otherwise. */
export function formatInputFinding(f: InputFinding): string {
  const where = f.line === undefined ? f.source : `${f.source}:${f.line}:${f.column ?? 1}`;
  return `${where}  ${f.path === "" ? "-" : f.path}  ${f.message}`;
}

export interface InputErrorLike extends Error {
  readonly findings: readonly InputFinding[];
}

/**
 * Marks an error object (of any class) as wrong input carrying findings.
 * Branding again replaces the findings: an error re-raised with a better
 * location keeps one brand.
 */
export function brandInputError<E extends Error>(error: E, findings: readonly InputFinding[]): E & InputErrorLike {
  Object.defineProperty(error, BRAND, { value: true, enumerable: false, configurable: true });
  Object.defineProperty(error, "findings", { value: findings, enumerable: true, configurable: true });
  return error as E & InputErrorLike;
}

/** True for every error that reports wrong input, whichever class threw it. */
export function isInputError(err: unknown): err is InputErrorLike {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

/** Wrong input found outside any resource (configuration files, pure mappings). */
export class InputError extends Error implements InputErrorLike {
  declare readonly findings: readonly InputFinding[];

  constructor(findings: readonly InputFinding[], heading?: string) {
    const lines = findings.map(formatInputFinding).join("\n");
    super(heading ? `${heading}\n${lines}` : lines);
    this.name = "InputError";
    brandInputError(this, findings);
  }
}
