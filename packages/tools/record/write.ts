/**
 * `plan --out DIR` writes, beside each unit's reports, the record of
 * processing of every municipality beyond `planned`: `<unit>/<code>.record.md`
 * (Danish, the language municipalities receive it in).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { LoadedUnit } from "../../config/load.js";
import type { PlanDocument } from "../plan/types.js";
import { recordFacts, type RecordFacts } from "./facts.js";
import { renderRecord } from "./render.js";

/** The records of every municipality beyond planned, keyed by `<unit>/<code>`. */
export function recordsOf(doc: PlanDocument, units: readonly LoadedUnit[], generatedOn: string): Map<string, RecordFacts> {
  const out = new Map<string, RecordFacts>();
  for (const plan of doc.units) {
    const unit = units.find((u) => u.id === plan.unit);
    if (!unit) continue;
    for (const m of unit.municipalities) {
      if (m.config.lifecycle === "planned") continue;
      out.set(`${unit.id}/${m.config.code}`, recordFacts({ unit, code: m.config.code, plan, generatedOn }));
    }
  }
  return out;
}

export function writeRecords(doc: PlanDocument, outDir: string, units: readonly LoadedUnit[], generatedOn: string): string[] {
  const written: string[] = [];
  for (const [key, facts] of recordsOf(doc, units, generatedOn)) {
    const file = path.join(outDir, `${key}.record.md`);
    writeFileSync(file, renderRecord(facts, "da"), "utf8");
    written.push(file);
  }
  return written;
}
