/**
 * `driftsenhed schema --out DIR`: writes unit.schema.json and
 * municipality.schema.json for editor completion and validation. The
 * committed copies live in stacks/.schema and a test keeps them current.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchemas } from "../../../config/json-schema.js";
import { EXIT, UsageError, type CommandModule } from "../context.js";

export const schemaCommand: CommandModule = {
  name: "schema",
  register(program, { io, setExitCode }) {
    program
      .command("schema")
      .description("write JSON Schemas of unit.yaml and the municipality files (for editors)")
      .requiredOption("--out <dir>", "directory to write the schema files to, e.g. stacks/.schema")
      .action((options: { out: string }) => {
        try {
          mkdirSync(options.out, { recursive: true });
        } catch (err) {
          throw new UsageError(`cannot create directory '${options.out}' (${(err as NodeJS.ErrnoException).code ?? "error"})`);
        }
        for (const [name, content] of Object.entries(renderJsonSchemas())) {
          const file = join(options.out, name);
          try {
            writeFileSync(file, content);
          } catch (err) {
            throw new UsageError(`cannot write '${file}' (${(err as NodeJS.ErrnoException).code ?? "error"})`);
          }
          io.stdout(`wrote ${file}\n`);
        }
        setExitCode(EXIT.ok);
      });
  },
};
