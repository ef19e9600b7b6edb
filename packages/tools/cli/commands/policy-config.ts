/**
 * `driftsenhed policy-config <stack> [--out FILE]`: the policy pack
 * configuration a stack's real `pulumi preview --policy-pack-config` runs
 * with, derived from its unit.yaml exactly as the offline plan derives it, so
 * that the engine and the plan judge a change by the same parameters.
 */
import { writeFileSync } from "node:fs";
import { loadConfigDir } from "../../../config/load.js";
import { formatFinding } from "../../../config/findings.js";
import { unitPolicyConfig } from "../../plan/policy-config.js";
import { EXIT, UsageError, type CommandModule } from "../context.js";
import { DEFAULT_CONFIG_DIR } from "./validate.js";

/** `<unit>` or `<unit>-<code>` (a municipality's own stack). */
export function unitOfStack(stack: string, unitIds: readonly string[]): string | undefined {
  if (unitIds.includes(stack)) return stack;
  const m = /^(.+)-(\d{3})$/.exec(stack);
  return m && unitIds.includes(m[1]!) ? m[1] : undefined;
}

export const policyConfigCommand: CommandModule = {
  name: "policy-config",
  register(program, { io, setExitCode }) {
    program
      .command("policy-config")
      .description("print the policy pack configuration of a stack, for pulumi preview --policy-pack-config")
      .argument("<stack>", "stack name: a unit id, or <unit>-<code> for a municipality's own stack")
      .option("--config-dir <dir>", "the config dir", DEFAULT_CONFIG_DIR)
      .option("--out <file>", "write to this file instead of standard output")
      .action((stack: string, options: { configDir: string; out?: string }) => {
        const result = loadConfigDir(options.configDir);
        const errors = result.findings.filter((f) => f.severity === "error");
        if (errors.length > 0) {
          for (const f of errors) io.stderr(`${formatFinding(f)}\n`);
          io.stderr(`${options.configDir}: invalid; fix the configuration first (driftsenhed validate)\n`);
          setExitCode(EXIT.invalid);
          return;
        }
        const ids = result.units.map((u) => u.config.id);
        const unitId = unitOfStack(stack, ids);
        const unit = result.units.find((u) => u.config.id === unitId);
        if (!unit) throw new UsageError(`no unit for stack '${stack}'; known units: ${ids.join(", ") || "none"}`);
        const text = `${JSON.stringify(unitPolicyConfig(unit.config), null, 2)}\n`;
        if (options.out) {
          try {
            writeFileSync(options.out, text);
          } catch (err) {
            throw new UsageError(`cannot write '${options.out}' (${(err as NodeJS.ErrnoException).code ?? "error"})`);
          }
        } else io.stdout(text);
        setExitCode(EXIT.ok);
      });
  },
};
