/**
 * Entry point of the `driftsenhed` command (bin/driftsenhed.js loads it).
 */
import { isInputError } from "../../../components/vocabulary/errors.js";
import { EXIT } from "./context.js";
import { run } from "./run.js";

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // `run` handles its own errors; this is the last line for one that escaped it.
    if (isInputError(err)) {
      process.stderr.write(`driftsenhed: ${err.message}\n`);
      process.exitCode = EXIT.invalid;
      return;
    }
    process.stderr.write(`driftsenhed: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
