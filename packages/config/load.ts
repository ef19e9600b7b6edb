/**
 * Loads a config dir (`stacks/` by default): every `<unit>/unit.yaml` and
 * `<unit>/municipalities/<code>-<slug>.yaml`, each parsed with its zod schema
 * and then checked across files. A user's mistake is never an exception here:
 * it is a finding with file, line, column and field path.
 *
 * Layout:
 *   <dir>/<unit>/unit.yaml
 *   <dir>/<unit>/municipalities/<code>-<slug>.yaml
 * Folders starting with "." (e.g. `.schema`) and folders with neither a
 * unit.yaml nor a municipalities folder are not units.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import type { z } from "zod";
import { join } from "node:path";
import { runChecks } from "./checks/index.js";
import type { MunicipalityEntry, UnitEntry } from "./checks/types.js";
import { ConfigError, formatFinding, hasErrors, sortFindings, type DraftFinding, type Finding } from "./findings.js";
import { municipalitySchema, type MunicipalityConfig } from "./schema/municipality.js";
import { unitSchema, type UnitConfig } from "./schema/unit.js";
import { schemaFindings } from "./schema-findings.js";
import { locateDraft, readSource, type SourceFile } from "./source.js";

export { ConfigError, formatFinding, hasErrors } from "./findings.js";
export type { Finding, Severity } from "./findings.js";

export const UNIT_FILE = "unit.yaml";
export const MUNICIPALITY_FOLDER = "municipalities";

export interface LoadedMunicipality {
  file: string;
  config: MunicipalityConfig;
}

/**
 * A municipality file that failed its schema: its data as written (or what
 * could be read of a file with YAML errors), for tools that must still see
 * it (IPAM).
 */
export interface RejectedMunicipality {
  file: string;
  raw: unknown;
}

export interface LoadedUnit {
  /** The unit's folder, e.g. `stacks/sjaelland`. */
  dir: string;
  /** The folder name: the unit id and stack name. */
  id: string;
  file: string;
  config: UnitConfig;
  /** Sorted by file name. */
  municipalities: LoadedMunicipality[];
  /** Municipality files of this unit that failed their schema. */
  rejected: RejectedMunicipality[];
  /** Findings (errors and warnings) located in this unit's files. */
  findings: Finding[];
}

export interface LoadResult {
  /** Units whose unit.yaml passed its schema, sorted by folder name. */
  units: LoadedUnit[];
  /** Every finding of the whole dir, sorted by file and position. */
  findings: Finding[];
}

export interface LoadOptions {
  /** "Now" for date checks; defaults to the current date. */
  today?: Date;
}

export function loadConfigDir(dir: string, options: LoadOptions = {}): LoadResult {
  const findings: Finding[] = [];
  if (!isDirectory(dir)) {
    const what = existsSync(dir) ? "is not a directory" : "does not exist";
    findings.push(dirFinding(dir, `configuration directory '${dir}' ${what}; pass --config-dir DIR or run from the repository root`, "config-dir"));
    return { units: [], findings };
  }

  const sources = new Map<string, SourceFile>();
  const partials = new Map<string, unknown>();
  const entries: UnitEntry[] = [];
  for (const folder of listDir(dir).filter((name) => !name.startsWith(".") && isDirectory(join(dir, name)))) {
    const unitDir = join(dir, folder);
    const unitFile = join(unitDir, UNIT_FILE);
    const municipalityDir = join(unitDir, MUNICIPALITY_FOLDER);
    const hasMunicipalities = isDirectory(municipalityDir);
    if (!existsSync(unitFile)) {
      if (existsSync(join(unitDir, "unit.yml"))) {
        findings.push(dirFinding(join(unitDir, "unit.yml"), `rename to ${UNIT_FILE}: configuration files end in .yaml`, "unit-layout"));
      } else if (hasMunicipalities) {
        findings.push(dirFinding(unitDir, `folder has '${MUNICIPALITY_FOLDER}/' but no ${UNIT_FILE}; every unit folder needs one`, "unit-layout"));
      }
      continue;
    }
    const unitSource = readSource(unitFile);
    sources.set(unitFile, unitSource);
    const entry: UnitEntry = { folder, file: unitFile, raw: unitSource.data, municipalities: [], ...parseWith(unitSource, unitSchema, findings) };
    if (hasMunicipalities) {
      for (const name of listDir(municipalityDir)) {
        const file = join(municipalityDir, name);
        if (!statSafe(file)?.isFile()) continue;
        if (name.endsWith(".yml")) {
          findings.push(dirFinding(file, `rename to ${name.slice(0, -4)}.yaml: configuration files end in .yaml (this file is not read)`, "file-name"));
          continue;
        }
        if (!name.endsWith(".yaml")) continue;
        const source = readSource(file);
        sources.set(file, source);
        const municipality: MunicipalityEntry = { file, fileName: name, raw: source.data, ...parseWith(source, municipalitySchema, findings) };
        entry.municipalities.push(municipality);
        if (source.data === undefined && source.partial !== undefined) partials.set(file, source.partial);
      }
    }
    entries.push(entry);
  }

  const drafts = runChecks(entries, { today: options.today ?? new Date() });
  for (const draft of drafts) findings.push(locateDraft(draft, sources.get(draft.file)));

  const sorted = sortFindings(findings);
  const units: LoadedUnit[] = [];
  for (const e of entries) {
    if (!e.config) continue;
    const files = new Set([e.file, ...e.municipalities.map((m) => m.file)]);
    units.push({
      dir: join(dir, e.folder),
      id: e.folder,
      file: e.file,
      config: e.config,
      municipalities: e.municipalities.flatMap((m) => (m.config ? [{ file: m.file, config: m.config }] : [])),
      rejected: e.municipalities.flatMap((m) => (m.config ? [] : [{ file: m.file, raw: m.raw ?? partials.get(m.file) }])),
      findings: sorted.filter((f) => files.has(f.file)),
    });
  }
  return { units, findings: sorted };
}

/**
 * For the stack program: the unit `unitId`, or a ConfigError listing every
 * error of the whole dir (a unit is only deployed when all units agree, since
 * their address ranges and onboarding depend on each other).
 */
export function loadUnitOrThrow(dir: string, unitId: string, options: LoadOptions = {}): LoadedUnit {
  const result = loadConfigDir(dir, options);
  if (hasErrors(result.findings)) throw new ConfigError(result.findings.filter((f) => f.severity === "error"));
  const unit = result.units.find((u) => u.id === unitId);
  if (!unit) {
    const known = result.units.map((u) => u.id);
    throw new ConfigError([
      dirFinding(
        join(dir, unitId),
        `no unit '${unitId}' in ${dir}; known units: ${known.length > 0 ? known.join(", ") : "none"} (the stack name must be a unit folder name)`,
        "unknown-unit",
      ),
    ]);
  }
  return unit;
}

/** Every formatted finding, one per line, e.g. for a log. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map(formatFinding).join("\n");
}

function parseWith<T>(source: SourceFile, schema: z.ZodType<T>, findings: Finding[]): { config?: T } {
  findings.push(...source.findings);
  if (source.findings.some((f) => f.severity === "error")) return {};
  const result = schema.safeParse(source.data);
  if (result.success) return { config: result.data };
  const drafts: DraftFinding[] = schemaFindings(source.file, schema, source.data, result.error.issues);
  for (const d of drafts) findings.push(locateDraft(d, source));
  return {};
}

function dirFinding(file: string, message: string, rule: string): Finding {
  return { severity: "error", file, line: 1, column: 1, path: "", message, rule };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return statSafe(path)?.isDirectory() ?? false;
}
