/**
 * Cost of building one unit's stack under the mock runtime, with and without
 * the transformation that strips azure-native's versioned type aliases.
 *
 *   npx tsx packages/tools/bench/platform.ts [unit] [--config-dir DIR] [--runs N]
 *
 * Each measurement runs in a fresh child process, so heap growth, JIT warm-up
 * and the Pulumi runtime's global state of one run never colour another.
 * The program is the stack program itself (buildUnitStack), as a preview.
 */
import { spawnSync } from "node:child_process";
import { loadUnitOrThrow } from "../../config/load.js";
import { runWithMocks } from "../mock-runtime/index.js";
import { applyPlatformTransformations } from "../../../components/transformations/strip-provider-aliases.js";
import { buildUnitStack } from "../../../stacks/program.js";

type Mode = "strip" | "keep";

interface Measurement {
  mode: Mode;
  unit: string;
  resources: number;
  aliases: number;
  seconds: number;
  peakRssMb: number;
}

async function child(mode: Mode, unit: string, configDir: string): Promise<void> {
  const loaded = loadUnitOrThrow(configDir, unit);
  const started = process.hrtime.bigint();
  const result = await runWithMocks(
    async () => {
      applyPlatformTransformations({ stripProviderAliases: mode === "strip" });
      return buildUnitStack(loaded);
    },
    { stack: unit, preview: true },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const m: Measurement = {
    mode,
    unit,
    resources: result.resources.length,
    aliases: result.resources.reduce((sum, r) => sum + r.aliasCount, 0),
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measure(mode: Mode, unit: string, configDir: string): Measurement {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, "--child", mode, unit, "--config-dir", configDir], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
  if (run.status !== 0 || !line) {
    throw new Error(`benchmark child (${mode}, ${unit}) failed with status ${run.status}:\n${run.stderr.slice(-4000)}`);
  }
  return JSON.parse(line) as Measurement;
}

function table(rows: Measurement[]): string {
  const header = ["aliases stripped", "resources", "aliases sent", "seconds", "peak RSS MB", "ms/resource"];
  const body = rows.map((r) => [
    r.mode === "strip" ? "yes" : "no",
    String(r.resources),
    String(r.aliases),
    r.seconds.toFixed(2),
    r.peakRssMb.toFixed(0),
    ((r.seconds * 1000) / r.resources).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const configDir = argValue(args, "--config-dir") ?? "stacks";
  if (args[0] === "--child") {
    await child(args[1] as Mode, args[2]!, configDir);
    return;
  }
  const unit = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--"))) ?? "hovedstaden";
  const runs = Number(argValue(args, "--runs") ?? "1");
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got '${argValue(args, "--runs")}'`);
  const rows: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    for (const mode of ["keep", "strip"] as const) rows.push(measure(mode, unit, configDir));
  }
  process.stdout.write(`unit '${unit}' (${configDir}), one fresh process per row, mock runtime in preview mode\n${table(rows)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
