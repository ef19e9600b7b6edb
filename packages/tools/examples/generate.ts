/**
 * Writes the planned municipality files of the example configuration in
 * stacks/: one file per municipality of the registry (packages/registry), in
 * the unit that the example grouping (plan.ts) gives its region, with its /18
 * from the unit's supernet.
 *
 *   npx tsx packages/tools/examples/generate.ts           write the files
 *   npx tsx packages/tools/examples/generate.ts --check   change nothing; exit 1 if a file is out of date
 *   npx tsx packages/tools/examples/generate.ts --plan    print each unit's address plan
 *
 * A file is rewritten (or deleted, when its municipality leaves the unit)
 * only while it carries the generated header. A
 * municipality that is being onboarded is edited by hand with the header
 * removed; from then on the generator leaves it alone and keeps its address
 * block out of the plan, so no other municipality moves.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { unitSchema } from "../../config/schema/unit.js";
import { cidrOverlaps, cidrProblem } from "../../../components/vocabulary/cidr.js";
import { MUNICIPALITIES } from "../../registry/index.js";
import {
  allocateBlocks,
  EXAMPLE_UNIT_BY_REGION,
  GENERATED_MARKER,
  municipalityFileName,
  PlanError,
  planWaves,
  renderPlannedMunicipality,
  type RegistryEntry,
} from "./plan.js";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const stacksDir = path.join(repoRoot, "stacks");

class GenerateError extends Error {}

interface UnitPlanInput {
  id: string;
  addressSpace: string;
  reserved: string[];
}

function loadUnit(unitId: string): UnitPlanInput {
  const file = path.join(stacksDir, unitId, "unit.yaml");
  if (!existsSync(file)) {
    throw new GenerateError(`${path.relative(repoRoot, file)} is missing; every unit of the example grouping needs its unit.yaml before municipalities can be planned`);
  }
  const result = unitSchema.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new GenerateError(`${path.relative(repoRoot, file)} is not a valid unit file; run 'driftsenhed validate' for details:\n${issues}`);
  }
  const unit = result.data;
  if (unit.id !== unitId) {
    throw new GenerateError(`${path.relative(repoRoot, file)}: id '${unit.id}' must equal the folder name '${unitId}'`);
  }
  const reserved = [unit.hub.addressSpace];
  if (unit.cluster.mode === "enabled") reserved.push(unit.cluster.addressSpace);
  return { id: unit.id, addressSpace: unit.addressSpace, reserved };
}

interface ExistingFile {
  file: string;
  unitId: string;
  code: string;
  generated: boolean;
  addressSpace?: string;
}

/** Every municipality file under stacks/, generated or hand-written. */
function scanExisting(): ExistingFile[] {
  const found: ExistingFile[] = [];
  if (!existsSync(stacksDir)) return found;
  for (const unitId of readdirSync(stacksDir).sort()) {
    const dir = path.join(stacksDir, unitId, "municipalities");
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const match = /^(\d{3})-.*\.yaml$/.exec(name);
      if (!match) continue;
      const file = path.join(dir, name);
      const text = readFileSync(file, "utf8");
      const generated = text.split(/\r?\n/, 2)[1] === GENERATED_MARKER;
      let addressSpace: string | undefined;
      try {
        const doc = parseYaml(text) as { network?: { addressSpace?: unknown } } | null;
        if (typeof doc?.network?.addressSpace === "string") addressSpace = doc.network.addressSpace;
      } catch {
        // An unparsable hand-written file is reported by `driftsenhed validate`; here it only keeps its code.
      }
      found.push({ file, unitId, code: match[1]!, generated, addressSpace });
    }
  }
  return found;
}

interface Change {
  file: string;
  action: "write" | "delete";
  content?: string;
}

function plan(registry: RegistryEntry[], existing: ExistingFile[]): { changes: Change[]; table: Map<string, string[]> } {
  const handWritten = new Map<string, ExistingFile>();
  for (const e of existing) if (!e.generated) handWritten.set(e.code, e);

  const byUnit = new Map<string, RegistryEntry[]>();
  for (const entry of registry) {
    const unitId = EXAMPLE_UNIT_BY_REGION[entry.regionCode];
    if (!unitId) {
      throw new GenerateError(`kommunekode ${entry.code} (${entry.name}) is in region ${entry.regionCode}, which no unit of EXAMPLE_UNIT_BY_REGION covers`);
    }
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), entry]);
  }

  const changes: Change[] = [];
  const wanted = new Set<string>();
  const table = new Map<string, string[]>();
  for (const [unitId, entries] of [...byUnit].sort(([a], [b]) => a.localeCompare(b))) {
    const unit = loadUnit(unitId);
    entries.sort((a, b) => a.code.localeCompare(b.code));
    const manual = entries.filter((e) => handWritten.has(e.code));
    const planned = entries.filter((e) => !handWritten.has(e.code));
    const manualRanges: string[] = [];
    for (const e of manual) {
      const file = handWritten.get(e.code)!;
      if (file.addressSpace === undefined) continue;
      const problem = cidrProblem(file.addressSpace);
      if (problem) {
        throw new GenerateError(`${path.relative(repoRoot, file.file)}: network.addressSpace ${problem}; fix it before planning the other municipalities`);
      }
      manualRanges.push(file.addressSpace);
    }
    const blocks = allocateBlocks(unit.addressSpace, [...unit.reserved, ...manualRanges], planned.map((e) => e.code));
    // Over all of the unit's municipalities, so that taking one over by hand moves no one else's wave.
    const waves = planWaves(entries.length);
    const rows: string[] = [];
    for (const entry of entries) {
      const manualFile = handWritten.get(entry.code);
      if (manualFile) {
        if (manualFile.unitId !== unitId) {
          console.warn(`note: ${path.relative(repoRoot, manualFile.file)} is hand-written in unit '${manualFile.unitId}'; the example grouping puts region ${entry.regionCode} in '${unitId}'`);
        }
        rows.push(`${entry.code} ${entry.name}: ${manualFile.addressSpace ?? "(no addressSpace)"} (hand-written)`);
        continue;
      }
      const i = entries.indexOf(entry);
      const addressSpace = blocks.get(entry.code)!;
      const clash = manualRanges.find((r) => cidrOverlaps(r, addressSpace));
      if (clash) throw new Error(`bug: planned block ${addressSpace} of ${entry.code} overlaps hand-written ${clash}`);
      const file = path.join(stacksDir, unitId, "municipalities", municipalityFileName(entry));
      wanted.add(file);
      const content = renderPlannedMunicipality({ entry, unitId, addressSpace, wave: waves[i]! });
      if (!existsSync(file) || readFileSync(file, "utf8") !== content) changes.push({ file, action: "write", content });
      rows.push(`${entry.code} ${entry.name}: ${addressSpace} (wave ${waves[i]})`);
    }
    table.set(unitId, rows);
  }
  for (const e of existing) {
    if (e.generated && !wanted.has(e.file)) changes.push({ file: e.file, action: "delete" });
  }
  return { changes, table };
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const showPlan = argv.includes("--plan");
  const unknown = argv.filter((a) => a !== "--check" && a !== "--plan");
  if (unknown.length > 0) throw new GenerateError(`unknown argument(s) ${unknown.join(" ")}; allowed: --check, --plan`);

  const { changes, table } = plan([...MUNICIPALITIES], scanExisting());
  if (showPlan) {
    for (const [unitId, rows] of table) console.log(`${unitId}\n${rows.map((r) => `  ${r}`).join("\n")}`);
    return 0;
  }
  for (const c of changes) {
    const rel = path.relative(repoRoot, c.file);
    if (check) {
      console.log(`out of date: ${rel} (${c.action})`);
    } else if (c.action === "write") {
      mkdirSync(path.dirname(c.file), { recursive: true });
      writeFileSync(c.file, c.content!, "utf8");
      console.log(`wrote ${rel}`);
    } else {
      rmSync(c.file);
      console.log(`deleted ${rel} (generated, no longer in the registry or grouping)`);
    }
  }
  if (check && changes.length > 0) {
    console.error(`${changes.length} generated file(s) out of date; run npx tsx packages/tools/examples/generate.ts`);
    return 1;
  }
  console.log(changes.length === 0 ? "example municipalities are up to date" : `${changes.length} file(s) changed`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof GenerateError || err instanceof PlanError) {
    console.error(`generate: ${err.message}`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
