/**
 * What every command gets: where to write, and how to say that the user
 * asked for something impossible (exit 2, no stack trace).
 */
import { InvalidArgumentError, type Command } from "commander";
import { brandInputError } from "../../../components/vocabulary/errors.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: 0 success, 1 the command ran and found nothing to offer, 2 invalid configuration or usage, 70 internal error. */
export const EXIT = { ok: 0, failed: 1, invalid: 2, internal: 70 } as const;

/**
 * The user's request cannot be carried out as given; the message says why
 * and what to do. Wrong input like a configuration error (`isInputError`):
 * one finding about the command line.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
    brandInputError(this, [{ source: "command line", path: "", message }]);
  }
}

export interface CommandContext {
  io: CliIo;
  /** Set by a command's action; `run` returns it. */
  setExitCode(code: number): void;
}

/** One subcommand: adds itself to the program. */
export interface CommandModule {
  name: string;
  register(program: Command, context: CommandContext): void;
}

/** Parses a positive integer option, or says which values are allowed. */
export function integerOption(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return Number(value);
  };
}
