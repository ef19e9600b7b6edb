/**
 * `driftsenhed validate [--config-dir DIR] [--format text|json] [--today YYYY-MM-DD]`:
 * every problem of the whole config dir at once. Exit 0 when there are no
 * errors (warnings print but do not fail), 2 otherwise.
 */
import { InvalidArgumentError, Option } from "commander";
import { loadConfigDir } from "../../../config/load.js";
import { formatFinding } from "../../../config/findings.js";
import { EXIT, type CommandModule } from "../context.js";

export const DEFAULT_CONFIG_DIR = "stacks";

export function parseToday(value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError("expected a real date as YYYY-MM-DD.");
  }
  return date;
}

export const validateCommand: CommandModule = {
  name: "validate",
  register(program, { io, setExitCode }) {
    program
      .command("validate")
      .description("check every unit and municipality file of the config dir, and the rules across them")
      .option("--config-dir <dir>", "the config dir", DEFAULT_CONFIG_DIR)
      .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
      .option("--today <date>", "the date to check cutover dates against (YYYY-MM-DD; default: today)", parseToday)
      .action((options: { configDir: string; format: "text" | "json"; today?: Date }) => {
        const result = loadConfigDir(options.configDir, options.today ? { today: options.today } : {});
        const errors = result.findings.filter((f) => f.severity === "error").length;
        const warnings = result.findings.length - errors;
        const municipalities = result.units.reduce((n, u) => n + u.municipalities.length + u.rejected.length, 0);
        if (options.format === "json") {
          io.stdout(`${JSON.stringify({ configDir: options.configDir, valid: errors === 0, errors, warnings, findings: result.findings }, null, 2)}\n`);
        } else {
          for (const f of result.findings) io.stdout(`${formatFinding(f)}\n`);
          const summary = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
          io.stdout(
            errors === 0
              ? `${options.configDir}: valid (${result.units.length} units, ${municipalities} municipalities; ${summary})\n`
              : `${options.configDir}: invalid (${summary})\n`,
          );
        }
        setExitCode(errors === 0 ? EXIT.ok : EXIT.invalid);
      });
  },
};
