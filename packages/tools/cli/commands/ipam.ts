/**
 * `driftsenhed ipam <unit> [--prefix-length N] [--config-dir DIR] [--format text|json]`:
 * the unit's allocation table and the next free block. It proposes; the
 * allocation is made by writing the range into the municipality file.
 * The default size is the one most of the unit's municipalities have, or /20.
 */
import { Option } from "commander";
import { join, sep } from "node:path";
import { formatFinding } from "../../../config/findings.js";
import { loadConfigDir } from "../../../config/load.js";
import { allocationTable, nextFreeBlock } from "../../../ipam/allocate.js";
import { parseCidr } from "../../../../components/vocabulary/cidr.js";
import { defaultSpokePrefixLength, unitAllocations } from "../../../ipam/unit.js";
import { EXIT, integerOption, UsageError, type CommandModule } from "../context.js";
import { DEFAULT_CONFIG_DIR } from "./validate.js";

/** Azure's smallest virtual network is a /29. */
const SMALLEST_BLOCK = 29;

export const ipamCommand: CommandModule = {
  name: "ipam",
  register(program, { io, setExitCode }) {
    program
      .command("ipam")
      .description("print a unit's address allocations and propose the next free block")
      .argument("<unit>", "unit id (its folder name)")
      .option("--prefix-length <n>", "size of the block to propose, e.g. 20 for a /20 (default: the size most of the unit's municipalities have, else 20)", integerOption("--prefix-length", 8, SMALLEST_BLOCK))
      .option("--config-dir <dir>", "the config dir", DEFAULT_CONFIG_DIR)
      .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
      .action((unitId: string, options: { prefixLength?: number; configDir: string; format: "text" | "json" }) => {
        const result = loadConfigDir(options.configDir);
        const unit = result.units.find((u) => u.id === unitId);
        if (!unit) {
          const own = result.findings.filter((f) => f.file.startsWith(join(options.configDir, unitId) + sep) || f.rule === "config-dir");
          const known = result.units.map((u) => u.id);
          for (const f of own) io.stderr(`${formatFinding(f)}\n`);
          throw new UsageError(
            own.length > 0
              ? `unit '${unitId}' cannot be read: fix the errors above`
              : `no unit '${unitId}' in ${options.configDir}; known units: ${known.length > 0 ? known.join(", ") : "none"}`,
          );
        }
        const allocations = unitAllocations(unit);
        const supernet = unit.config.addressSpace;
        const supernetPrefix = parseCidr(supernet)!.prefixLength;
        const prefixLength = options.prefixLength ?? defaultSpokePrefixLength(allocations);
        if (prefixLength < supernetPrefix) {
          throw new UsageError(`a /${prefixLength} does not fit in unit '${unit.id}''s supernet ${supernet}; use --prefix-length ${supernetPrefix} to ${SMALLEST_BLOCK}`);
        }
        const rows = allocationTable(supernet, allocations);
        const proposal = nextFreeBlock(supernet, allocations.map((a) => a.cidr), prefixLength);
        const errors = result.findings.filter((f) => f.severity === "error").length;

        if (options.format === "json") {
          const json = {
            unit: unit.id,
            supernet,
            rows: rows.map((r) => ({ ...r, addresses: Number(r.addresses) })),
            prefixLength,
            proposal: proposal ?? null,
            configErrors: errors,
          };
          io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          io.stdout(`unit ${unit.id} (${unit.config.name}): supernet ${supernet}\n\n`);
          const width = Math.max(5, ...rows.map((r) => r.cidr.length));
          io.stdout(`${"range".padEnd(width)}  ${"addresses".padStart(9)}  use\n`);
          for (const r of rows) io.stdout(`${r.cidr.padEnd(width)}  ${String(r.addresses).padStart(9)}  ${r.label}\n`);
          io.stdout("\n");
          if (proposal) {
            io.stdout(`next free /${prefixLength}: ${proposal}\n`);
            io.stdout(`to allocate it, write into the municipality file:\n  network:\n    addressSpace: ${proposal}\n`);
          } else {
            io.stdout(`no free /${prefixLength} left in ${supernet}; try a longer --prefix-length or widen the unit's supernet\n`);
          }
        }
        const unseen = unit.rejected.filter((r) => !allocations.some((a) => a.source === r.file));
        for (const r of unseen) io.stderr(`warning: ${r.file} has errors and no readable network.addressSpace; a range it claims is missing from the table\n`);
        if (errors > 0) io.stderr(`note: the config dir has ${errors} error${errors === 1 ? "" : "s"}; run \`driftsenhed validate --config-dir ${options.configDir}\`\n`);
        setExitCode(proposal ? EXIT.ok : EXIT.failed);
      });
  },
};
