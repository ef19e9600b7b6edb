/**
 * `driftsenhed validate [--config-dir DIR] [--format text|json] [--today YYYY-MM-DD] [--base REF]`:
 * every problem of the whole config dir at once. Exit 0 when there are no
 * errors (warnings print but do not fail), 2 otherwise.
 *
 * With `--base REF` (a git ref; CI gives the merge base with main) it also
 * compares with the configuration at REF (packages/config/history.ts):
 * removed, renamed or moved tenants, workloads, sites and disks, lifecycle
 * steps and layout switches are errors on today's files. Without it, one line
 * says that history was not checked.
 */
import { InvalidArgumentError, Option } from "commander";
import { loadConfigDir, type LoadResult } from "../../../config/load.js";
import { formatFinding, sortFindings } from "../../../config/findings.js";
import { HISTORY_NOT_CHECKED, historyFindings } from "../../history/check.js";
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
      .option("--base <ref>", "also compare with the configuration at this git ref (CI: the merge base with main)")
      .action((options: { configDir: string; format: "text" | "json"; today?: Date; base?: string }) => {
        const loadOptions = options.today ? { today: options.today } : {};
        const result = withHistory(loadConfigDir(options.configDir, loadOptions), options.base, options.configDir, loadOptions);
        const errors = result.findings.filter((f) => f.severity === "error").length;
        const warnings = result.findings.length - errors;
        const municipalities = result.units.reduce((n, u) => n + u.municipalities.length + u.rejected.length, 0);
        if (options.format === "json") {
          const history = options.base !== undefined ? { checked: true, base: options.base } : { checked: false };
          io.stdout(`${JSON.stringify({ configDir: options.configDir, valid: errors === 0, errors, warnings, history, findings: result.findings }, null, 2)}\n`);
        } else {
          for (const f of result.findings) io.stdout(`${formatFinding(f)}\n`);
          if (options.base === undefined) io.stdout(`${HISTORY_NOT_CHECKED}\n`);
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

/** The load result with the history findings against `base` added (sorted with the rest); unchanged without a base. */
export function withHistory(result: LoadResult, base: string | undefined, configDir: string, options: { today?: Date }): LoadResult {
  if (base === undefined) return result;
  const history = historyFindings(base, configDir, result, options);
  return { ...result, findings: sortFindings([...result.findings, ...history]) };
}
