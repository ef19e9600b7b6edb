/**
 * `driftsenhed affected [--base REF | --files FILE...] [--format text|json]`:
 * the stacks a change touches, for the pull-request preview job.
 */
import { execFileSync } from "node:child_process";
import { Option } from "commander";
import { affectedStacks, type UnitLayout } from "../../ci/affected-stacks.js";
import { loadConfigDir } from "../../../config/load.js";
import { EXIT, UsageError, type CommandModule } from "../context.js";
import { DEFAULT_CONFIG_DIR } from "./validate.js";

function changedFiles(base: string): string[] {
  try {
    // Three dots: what the branch changed since it left `base`, not what `base` gained since.
    const out = execFileSync("git", ["diff", "--name-only", `${base}...HEAD`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out.split("\n").filter((l) => l.length > 0);
  } catch (err) {
    const detail = String((err as { stderr?: unknown }).stderr ?? "").trim().split("\n")[0];
    throw new UsageError(`cannot diff against '${base}': ${detail || "git failed"}; fetch the base branch (fetch-depth: 0) or pass --files`);
  }
}

export function unitLayouts(configDir: string): UnitLayout[] {
  return loadConfigDir(configDir).units.map((u) => ({
    id: u.config.id,
    layout: u.config.tenancy.layout,
    municipalityStacks:
      u.config.tenancy.layout === "stack-per-municipality"
        ? u.municipalities.filter((m) => m.config.lifecycle !== "planned").map((m) => m.config.code)
        : [],
  }));
}

export const affectedCommand: CommandModule = {
  name: "affected",
  register(program, { io, setExitCode }) {
    program
      .command("affected")
      .description("list the stacks that a change touches (for pull-request previews)")
      .option("--base <ref>", "git ref the change is compared with, e.g. origin/main")
      .option("--files <file...>", "changed files, instead of asking git")
      .option("--config-dir <dir>", "the config dir", DEFAULT_CONFIG_DIR)
      .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
      .action((options: { base?: string; files?: string[]; configDir: string; format: "text" | "json" }) => {
        if (!options.base && !options.files) throw new UsageError("give --base <ref> or --files <file...>");
        const files = options.files ?? changedFiles(options.base!);
        const stacks = affectedStacks(files, unitLayouts(options.configDir));
        io.stdout(options.format === "json" ? `${JSON.stringify(stacks)}\n` : stacks.map((s) => `${s}\n`).join(""));
        setExitCode(EXIT.ok);
      });
  },
};
