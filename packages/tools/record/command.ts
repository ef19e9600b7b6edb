/**
 * `driftsenhed record <unit> <code> [--lang da|en] [--out FILE]`: the
 * processor's record of processing (GDPR art. 30(2)) and the security
 * measures (art. 32) for one municipality, from its configuration and the
 * offline plan of its unit. Danish by default.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { formatFinding, loadConfigDir } from "../../config/load.js";
import { formatInputFinding } from "../../../components/vocabulary/errors.js";
import { DEFAULT_CONFIG_DIR, parseToday } from "../cli/commands/validate.js";
import { EXIT, UsageError, type CommandModule } from "../cli/context.js";
import { runPlan } from "../plan/engine.js";
import { defaultConcurrency } from "../plan/pool.js";
import { EVALUATOR, unitTarget } from "../plan/targets.js";
import { findMunicipality, recordFacts } from "./facts.js";
import { LANGS, renderRecord, type Lang } from "./render.js";

interface RecordOptions {
  configDir: string;
  lang: string;
  out?: string;
  today?: Date;
}

/** The configuration's revision, when the config dir is in a git work tree. */
function revisionOf(dir: string): string | undefined {
  try {
    const rev = execFileSync("git", ["-C", dir, "log", "-1", "--format=%h %cs", "--", "."], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return rev || undefined;
  } catch {
    return undefined;
  }
}

export const recordCommand: CommandModule = {
  name: "record",
  register(program, { io, setExitCode }) {
    program
      .command("record")
      .description("write a municipality's record of processing (GDPR art. 30(2)) and security measures (art. 32), from its configuration and the offline plan")
      .argument("<unit>", "the unit id")
      .argument("<code>", "the municipality's kommunekode")
      .option("--config-dir <dir>", "the config dir", DEFAULT_CONFIG_DIR)
      .option("--lang <lang>", `language: ${LANGS.join(" or ")}`, "da")
      .option("--out <file>", "write to FILE instead of standard output")
      .option("--today <date>", "the record's date (YYYY-MM-DD; default: today)", parseToday)
      .action(async (unitId: string, code: string, options: RecordOptions) => {
        if (!(LANGS as readonly string[]).includes(options.lang)) throw new UsageError(`--lang must be ${LANGS.join(" or ")}, not '${options.lang}'`);
        const loaded = loadConfigDir(options.configDir, options.today ? { today: options.today } : {});
        const errors = loaded.findings.filter((f) => f.severity === "error");
        if (errors.length > 0) {
          for (const f of errors) io.stdout(`${formatFinding(f)}\n`);
          io.stdout(`${options.configDir}: invalid; fix the configuration first (driftsenhed validate)\n`);
          setExitCode(EXIT.invalid);
          return;
        }
        const unit = loaded.units.find((u) => u.id === unitId);
        if (!unit) throw new UsageError(`no unit '${unitId}' in ${options.configDir}; known units: ${loaded.units.map((u) => u.id).join(", ") || "none"}`);
        const entry = findMunicipality(unit, code);
        if (!entry) {
          throw new UsageError(`no municipality '${code}' in unit ${unitId}; its municipalities: ${unit.municipalities.map((m) => m.config.code).join(", ") || "none"}`);
        }
        if (entry.config.lifecycle === "planned") {
          throw new UsageError(`${entry.file}: municipality ${code} is planned; nothing is processed on its behalf yet, so there is no record to write`);
        }
        const run = await runPlan([unitTarget(unit)], {
          concurrency: defaultConcurrency(),
          evaluation: { evaluator: EVALUATOR, ...(options.today ? { now: options.today.toISOString() } : {}) },
        });
        if (run.failures.length > 0) {
          const input = run.failures.filter((f) => f.inputError);
          for (const f of input) for (const finding of f.findings ?? []) io.stdout(`${formatInputFinding(finding)}\n`);
          if (input.length !== run.failures.length) {
            io.stderr("record: a stack program failed for a reason that is not in the configuration; this is a fault in driftsenhed (rerun with DRIFTSENHED_DEBUG=1)\n");
            setExitCode(EXIT.internal);
          } else setExitCode(EXIT.invalid);
          return;
        }
        const plan = run.document.units.find((u) => u.unit === unitId)!;
        const today = (options.today ?? new Date()).toISOString().slice(0, 10);
        const revision = revisionOf(options.configDir);
        const text = renderRecord(recordFacts({ unit, code, plan, generatedOn: today, ...(revision ? { configRevision: revision } : {}) }), options.lang as Lang);
        if (options.out) {
          try {
            writeFileSync(options.out, text, "utf8");
          } catch (err) {
            throw new UsageError(`cannot write '${options.out}' (${(err as NodeJS.ErrnoException).code ?? "error"})`);
          }
          io.stderr(`record: wrote ${options.out}\n`);
        } else io.stdout(text);
        setExitCode(EXIT.ok);
      });
  },
};
