/**
 * The command line as a function: arguments in, exit code out. Usage mistakes
 * and configuration problems end with a message and exit 2; anything else is
 * a bug and ends with "internal error" and exit 70. No stack trace reaches the
 * user unless DRIFTSENHED_DEBUG is set.
 */
import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/index.js";
import { isInputError } from "../../../components/vocabulary/errors.js";
import { EXIT, type CliIo, type CommandContext, type CommandModule } from "./context.js";

export const PROGRAM_NAME = "driftsenhed";

export function buildProgram(context: CommandContext, modules: readonly CommandModule[] = COMMANDS): Command {
  const { io } = context;
  const program = new Command(PROGRAM_NAME)
    .description("Infrastructure as code for Denmark's inter-municipal IT operating units: validate configuration, plan every stack offline with the policy pack, manage address space.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(s) })
    .showHelpAfterError("(add --help for usage)")
    .allowExcessArguments(false);
  for (const module of modules) module.register(program, context);
  return program;
}

export async function run(argv: readonly string[], io: CliIo, modules: readonly CommandModule[] = COMMANDS): Promise<number> {
  let exitCode: number = EXIT.ok;
  const context: CommandContext = { io, setExitCode: (code) => (exitCode = code) };
  try {
    const program = buildProgram(context, modules);
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.invalid;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" to commander; they are successes to the user.
      return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    if (isInputError(err)) {
      // Wrong input of any kind (usage, configuration, a component's args): its message is its findings.
      io.stderr(`${PROGRAM_NAME}: ${err.message}\n`);
      return EXIT.invalid;
    }
    const error = err instanceof Error ? err : new Error(String(err));
    io.stderr(`${PROGRAM_NAME}: internal error: ${error.message}\n`);
    io.stderr(
      process.env.DRIFTSENHED_DEBUG
        ? `${error.stack ?? ""}\n`
        : "This is a fault in driftsenhed, not in your configuration. Rerun with DRIFTSENHED_DEBUG=1 to see the stack trace, and report it with the command you ran.\n",
    );
    return EXIT.internal;
  }
}
