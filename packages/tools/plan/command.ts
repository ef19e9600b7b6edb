/**
 * `driftsenhed plan [UNIT...] [--config-dir DIR] [--json FILE] [--out DIR]
 * [--policy-config FILE] [--today YYYY-MM-DD] [--jobs N]`:
 * what every stack of the config dir would create, per municipality, and
 * whether it passes the policy pack, with no cloud account and no Pulumi CLI.
 *
 * With `--base REF` it first runs the history checks of `validate --base`,
 * then plans the configuration at REF as well and lists every data-bearing
 * resource planned there and not now (deleted, replaced or forgotten); each
 * is an error (exit 1) unless a dated, approved dataRelease covers it.
 *
 * Exit 0 when nothing mandatory is violated, 1 when something is (or data would be lost), 2 when the
 * configuration or the command line is invalid (the same findings and exit
 * code as `validate`), 70 when a stack program fails for a reason that is not
 * the configuration's.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Command } from "commander";
import { formatFinding, loadConfigDir } from "../../config/load.js";
import { brandInputError, formatInputFinding } from "../../../components/vocabulary/errors.js";
import { DEFAULT_CONFIG_DIR, parseToday, withHistory } from "../cli/commands/validate.js";
import { withConfigAtRefAsync } from "../history/git.js";
import { dataBearingLosses, releasedCodes } from "./data-loss.js";
import { EXIT, integerOption, UsageError, type CliIo, type CommandModule } from "../cli/context.js";
import { normalizePackConfig, PolicyConfigError, type PolicyPackConfig } from "../../../policies/config.js";
import { RULES } from "../../../policies/registry.js";
import { hasMandatoryViolation } from "./document.js";
import { defaultConcurrency } from "./pool.js";
import { runPlan, type PlanRun } from "./engine.js";
import { planJson, writeReports } from "./reports/index.js";
import { renderSummary } from "./summary.js";
import { EVALUATOR, unitTarget } from "./targets.js";
import type { WorkerFailure } from "./protocol.js";
import type { LoadedUnit } from "../../config/load.js";
import { recordChanges } from "../record/changes.js";
import type { RecordFacts } from "../record/facts.js";
import { recordsOf, writeRecords } from "../record/write.js";

/** YYYY-MM-DD of the plan's "today". */
function isoDate(today: Date | undefined): string {
  return (today ?? new Date()).toISOString().slice(0, 10);
}

export interface PlanCommandOptions {
  units: string[];
  configDir: string;
  json?: string;
  out?: string;
  today?: Date;
  jobs?: number;
  /** What `pulumi preview --policy-pack-config FILE` would read. */
  policyConfig?: string;
  /** A git ref to compare with: the history checks, and every data-bearing resource the change would lose. */
  base?: string;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Output paths are checked before minutes of planning, not after. */
function checkOutputPaths(options: PlanCommandOptions): void {
  if (options.json !== undefined) {
    const dir = path.dirname(path.resolve(options.json));
    if (!isDirectory(dir)) throw new UsageError(`--json ${options.json}: the folder ${dir} does not exist; create it or write the plan elsewhere`);
    if (isDirectory(options.json)) throw new UsageError(`--json ${options.json} is a folder; give a file name such as plan.json`);
  }
  if (options.out !== undefined && existsSync(options.out) && !isDirectory(options.out)) {
    throw new UsageError(`--out ${options.out} is a file; give a folder (it is created if missing)`);
  }
}

/** The policy pack configuration, checked against the rules before anything is planned. */
function readPolicyConfig(file: string): PolicyPackConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`--policy-config ${file}: ${(err as Error).message}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--policy-config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new UsageError(`--policy-config ${file} must hold a JSON object keyed by rule name (see policies/RULES.md)`);
  }
  try {
    normalizePackConfig(config as PolicyPackConfig, RULES, file);
  } catch (err) {
    // The pack's own error class, not an input error yet: say it as one, about that file.
    if (err instanceof PolicyConfigError) throw brandInputError(new UsageError(err.message), [{ source: file, path: "", message: err.message }]);
    throw err;
  }
  return config as PolicyPackConfig;
}

function writeOutputs(run: PlanRun, options: PlanCommandOptions, io: CliIo, units: readonly LoadedUnit[]): void {
  try {
    if (options.json !== undefined) {
      writeFileSync(options.json, planJson(run.document), "utf8");
      io.stderr(`plan: wrote ${options.json}\n`);
    }
    if (options.out !== undefined) {
      mkdirSync(options.out, { recursive: true });
      const files = writeReports(run.document, options.out, RULES);
      // Beside each unit's reports: the record of processing of every municipality beyond planned.
      const records = run.failures.length === 0 ? writeRecords(run.document, options.out, units, isoDate(options.today)) : [];
      io.stderr(`plan: wrote ${files.length} reports and ${records.length} records of processing to ${options.out}\n`);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`could not write the plan: ${e.message}${e.code === "EACCES" ? " (no permission; choose another path)" : ""}`);
  }
}

/** Failures that are the user's to fix (the worker saw an input error), exit 2. */
function inputFailures(failures: readonly WorkerFailure[]): WorkerFailure[] {
  return failures.filter((f) => f.inputError === true);
}

export interface PlanExecution {
  exitCode: number;
  /** Absent when nothing was planned (invalid configuration). */
  run?: PlanRun;
  /** Validation, planning, summary and output files. */
  wallSeconds: number;
}

export interface ExecuteOptions {
  /** Keep what the benchmark's floor needs to replay each stack. */
  includeReplay?: boolean;
}

/** The command as a function: options in, exit code out. */
export async function runPlanCommand(options: PlanCommandOptions, io: CliIo): Promise<number> {
  return (await executePlan(options, io)).exitCode;
}

/** The whole command, returning the plan run as well (the benchmark measures it). */
export async function executePlan(options: PlanCommandOptions, io: CliIo, extra: ExecuteOptions = {}): Promise<PlanExecution> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  checkOutputPaths(options);
  const policyConfig = options.policyConfig !== undefined ? readPolicyConfig(options.policyConfig) : undefined;

  const loadOptions = options.today ? { today: options.today } : {};
  const loaded = withHistory(loadConfigDir(options.configDir, loadOptions), options.base, options.configDir, loadOptions);
  const errors = loaded.findings.filter((f) => f.severity === "error").length;
  for (const f of loaded.findings) io.stdout(`${formatFinding(f)}\n`);
  if (errors > 0) {
    const warnings = loaded.findings.length - errors;
    io.stdout(`${options.configDir}: invalid (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}); nothing was planned\n`);
    return { exitCode: EXIT.invalid, wallSeconds: elapsed() };
  }

  const known = loaded.units.map((u) => u.id);
  if (known.length === 0) {
    throw new UsageError(`${options.configDir} has no units to plan; a unit is a folder with a unit.yaml (see stacks/CONFIG.md)`);
  }
  const unknown = options.units.filter((u) => !known.includes(u));
  if (unknown.length > 0) {
    throw new UsageError(`no unit ${unknown.map((u) => `'${u}'`).join(", ")} in ${options.configDir}; known units: ${known.join(", ")}`);
  }
  const selected = options.units.length === 0 ? loaded.units : loaded.units.filter((u) => options.units.includes(u.id));
  const targets = selected.map(unitTarget);
  const stackCount = targets.reduce((n, t) => n + t.stacks.length, 0);
  const concurrency = Math.min(options.jobs ?? defaultConcurrency(), stackCount);
  io.stderr(`plan: ${stackCount} stack${stackCount === 1 ? "" : "s"} of ${selected.length} unit${selected.length === 1 ? "" : "s"}, ${concurrency} at a time\n`);

  const evaluation = {
    evaluator: EVALUATOR,
    ...(options.today ? { now: options.today.toISOString() } : {}),
    ...(policyConfig ? { config: policyConfig } : {}),
  };
  const run = await runPlan(targets, {
    concurrency,
    evaluation,
    onProgress: (line) => io.stderr(`${line}\n`),
    ...(extra.includeReplay ? { includeReplay: true } : {}),
  });

  io.stdout(renderSummary({ doc: run.document, failures: run.failures, wallSeconds: elapsed() }));
  if (process.env.DRIFTSENHED_DEBUG) for (const f of run.failures) if (f.trace) io.stderr(`${f.stack}: ${f.trace}\n`);
  writeOutputs(run, options, io, loaded.units);

  if (run.failures.length > 0) {
    const config = inputFailures(run.failures);
    for (const f of config) {
      for (const finding of f.findings ?? []) io.stdout(`${formatInputFinding(finding)}\n`);
    }
    if (config.length === run.failures.length) return { exitCode: EXIT.invalid, run, wallSeconds: elapsed() };
    io.stderr(
      "plan: a stack program failed for a reason that is not in the configuration; this is a fault in driftsenhed. " +
        "Rerun with DRIFTSENHED_DEBUG=1 to see the stack trace, and report it with the command you ran.\n",
    );
    return { exitCode: EXIT.internal, run, wallSeconds: elapsed() };
  }
  let losesData = false;
  if (options.base !== undefined) {
    const base = options.base;
    const selectedIds = new Set(selected.map((u) => u.id));
    const baseRun = await withConfigAtRefAsync(base, options.configDir, loadOptions, async (atBase) => {
      const baseUnits = atBase.result.units.filter((u) => selectedIds.has(u.id) || !known.includes(u.id));
      io.stderr(`plan: planning ${base} (${atBase.commit.slice(0, 12)}) to compare\n`);
      const planned = baseUnits.length === 0 ? undefined : await runPlan(baseUnits.map(unitTarget), { concurrency, evaluation });
      return { planned, units: atBase.result.units };
    });
    const today = (options.today ?? new Date()).toISOString().slice(0, 10);
    // A release in today's files, or in the base's for a file that was deleted after its release.
    const released = new Set([...releasedCodes(loaded.units, today), ...releasedCodes(baseRun.units, today)]);
    const losses = baseRun.planned ? dataBearingLosses(baseRun.planned.document, run.document, loaded.units) : [];
    const unreleased = losses.filter((l) => l.municipality === undefined || !released.has(l.municipality));
    for (const l of unreleased) {
      io.stdout(
        `data loss: ${l.urn} (${l.type}${l.municipality !== undefined ? `, municipality ${l.municipality}` : ""}) is planned at ${base} and not now: it would be deleted, replaced or forgotten; ` +
          "keep it (rename with renamedFrom, keep the disk's name and owner), or release the municipality's data with a dated, approved dataRelease once it is retired\n",
      );
    }
    // What the change does to each municipality's record of processing (GDPR art. 30(2)).
    const recordsNow = recordsOf(run.document, loaded.units, today);
    const recordsThen = baseRun.planned ? recordsOf(baseRun.planned.document, baseRun.units, today) : new Map<string, RecordFacts>();
    for (const key of [...new Set([...recordsThen.keys(), ...recordsNow.keys()])].sort()) {
      for (const c of recordChanges(recordsThen.get(key), recordsNow.get(key))) io.stdout(`record ${key}: ${c.change}\n`);
    }
    const covered = losses.length - unreleased.length;
    io.stdout(`plan: compared with ${base}: ${unreleased.length} data-bearing resource${unreleased.length === 1 ? "" : "s"} lost${covered > 0 ? `, ${covered} released by a dataRelease` : ""}\n`);
    losesData = unreleased.length > 0;
  }
  return { exitCode: losesData || hasMandatoryViolation(run.document) ? EXIT.failed : EXIT.ok, run, wallSeconds: elapsed() };
}

export const planCommand: CommandModule = {
  name: "plan",
  register(program: Command, { io, setExitCode }) {
    program
      .command("plan")
      .description(
        "plan every stack offline under Pulumi's mock runtime: what each unit would create, per municipality, and whether it passes the policy pack",
      )
      .argument("[unit...]", "units to plan (default: every unit of the config dir)")
      .option("--config-dir <dir>", "the config dir", DEFAULT_CONFIG_DIR)
      .option("--json <file>", "write the machine-readable plan to FILE (format: packages/tools/plan/FORMAT.md)")
      .option("--out <dir>", "write inventory.md, topology.md, compliance.md and plan.json per unit to DIR")
      .option("--today <date>", "the date for cutover checks and exemption expiry (YYYY-MM-DD; default: today)", parseToday)
      .option("--policy-config <file>", "policy pack configuration (JSON), as for pulumi preview --policy-pack-config")
      .option("--base <ref>", "compare with the configuration at this git ref: history checks, and every data-bearing resource that would be lost (exit 1)")
      .option("--jobs <n>", "stacks planned at the same time (default: the machine's cores)", integerOption("--jobs", 1, 256))
      .action(async (units: string[], opts: Omit<PlanCommandOptions, "units">) => {
        setExitCode(
          await runPlanCommand(
            {
              units,
              configDir: opts.configDir,
              ...(opts.json !== undefined ? { json: opts.json } : {}),
              ...(opts.out !== undefined ? { out: opts.out } : {}),
              ...(opts.today !== undefined ? { today: opts.today } : {}),
              ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
              ...(opts.policyConfig !== undefined ? { policyConfig: opts.policyConfig } : {}),
              ...(opts.base !== undefined ? { base: opts.base } : {}),
            },
            io,
          ),
        );
      });
  },
};
