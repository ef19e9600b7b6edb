/**
 * Runs `driftsenhed plan` (and `validate`) through commander exactly as the
 * command line registers them, with the error mapping of packages/tools/cli/run.ts,
 * and captures what it prints.
 */
import { CommanderError } from "commander";
import { validateCommand } from "../../../packages/tools/cli/commands/validate.js";
import { EXIT, UsageError } from "../../../packages/tools/cli/context.js";
import { buildProgram } from "../../../packages/tools/cli/run.js";
import { planCommand } from "../../../packages/tools/plan/command.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
  let code: number = EXIT.ok;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [validateCommand, planCommand]);
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    else if (e instanceof UsageError) {
      io.stderr(`driftsenhed: ${e.message}\n`);
      code = EXIT.invalid;
    } else throw e;
  }
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** A stack trace in output means a user's mistake was reported as a crash. */
export const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
