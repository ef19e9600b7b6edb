/**
 * Values unknown during preview. The engine hands rules a proxy that throws
 * its own `UnknownValueError` on reading such a value; left alone, that error
 * ends the whole rule with one advisory. Stack rules read every resource, so
 * they catch it per resource instead: one unknown must not stop the checks of
 * all the others.
 */
import * as policy from "@pulumi/policy";

/** @pulumi/policy exports the class at run time but strips its declaration. */
const engine = policy as unknown as { UnknownValueError: new (sentinel: string, props: string[]) => Error };

/** The engine's sentinel for an unknown string; its constructor only accepts a known sentinel. */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownValueError(e: unknown): e is Error {
  return e instanceof engine.UnknownValueError;
}

/** What a read gives when the value exists but is unknown during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** `read()`, or `UNKNOWN` when it touches a value unknown during preview; other errors pass through. */
export function known<T>(read: () => T): T | Unknown {
  try {
    return read();
  } catch (e) {
    if (isUnknownValueError(e)) return UNKNOWN;
    throw e;
  }
}

/** One resource a stack rule could not decide about during preview. */
export interface UndecidedResource {
  urn: string;
  message: string;
  kommunekode?: string;
}

/**
 * Raised after a stack rule has finished, when it could not decide about some
 * resources. An `UnknownValueError` as far as the engine can tell, so the
 * policy server reports it as the advisory "can't run policy ... during
 * preview" with this message, which names every such resource; the offline
 * evaluator reads `undecided` and reports each resource on its own.
 */
export class UndecidedInPreview extends engine.UnknownValueError {
  readonly undecided: readonly UndecidedResource[];

  constructor(undecided: readonly UndecidedResource[]) {
    super(UNKNOWN_STRING, []);
    this.undecided = undecided;
    this.message =
      undecided.length === 1
        ? undecided[0]!.message
        : `${undecided.length} resources undecided: ${undecided.map((u) => u.message).join("; ")}`;
  }
}

export function isUndecidedInPreview(e: unknown): e is UndecidedInPreview {
  return e instanceof UndecidedInPreview;
}
