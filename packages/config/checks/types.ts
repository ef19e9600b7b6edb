/**
 * What the cross-file checks see: every unit and municipality file of the
 * config dir. `config` is absent when the file failed its schema (its
 * findings are already reported); `raw` is the file's data as written.
 */
import type { DraftFinding } from "../findings.js";
import type { MunicipalityConfig } from "../schema/municipality.js";
import type { UnitConfig } from "../schema/unit.js";

export interface MunicipalityEntry {
  file: string;
  /** Base name, e.g. `330-slagelse.yaml`. */
  fileName: string;
  config?: MunicipalityConfig;
  raw: unknown;
}

export interface UnitEntry {
  /** The folder name: the unit's id and stack name. */
  folder: string;
  file: string;
  config?: UnitConfig;
  raw: unknown;
  municipalities: MunicipalityEntry[];
}

export interface CheckContext {
  /** The date "now" for checks that compare against it; fixed in tests. */
  today: Date;
}

export type Check = (units: readonly UnitEntry[], context: CheckContext) => DraftFinding[];

/** Municipalities whose file passed its schema, with their unit. */
export function parsedMunicipalities(units: readonly UnitEntry[]): { unit: UnitEntry; entry: MunicipalityEntry; config: MunicipalityConfig }[] {
  return units.flatMap((unit) => unit.municipalities.flatMap((entry) => (entry.config ? [{ unit, entry, config: entry.config }] : [])));
}
