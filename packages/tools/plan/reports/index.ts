/**
 * `--out DIR`: one folder per unit with inventory.md, topology.md,
 * compliance.md and the unit's share of the plan as plan.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AnyRule } from "../../../../policies/rule.js";
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type FailedStack, type PlanDocument, type UnitPlan } from "../types.js";
import { renderCompliance } from "./compliance.js";
import { renderInventory } from "./inventory.js";
import { renderTopology } from "./topology.js";

export const REPORT_FILES = ["inventory.md", "topology.md", "compliance.md", "plan.json"] as const;

/** The plan document of one unit: the same format as the whole plan. */
export function unitDocument(unit: UnitPlan, failed: readonly FailedStack[] = []): PlanDocument {
  return { format: PLAN_FORMAT, version: PLAN_FORMAT_VERSION, units: [unit], totals: unit.totals, failedStacks: failed.filter((f) => f.unit === unit.unit) };
}

export function planJson(doc: PlanDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Writes the reports; returns the files written. */
export function writeReports(doc: PlanDocument, outDir: string, rules: readonly AnyRule[]): string[] {
  const written: string[] = [];
  for (const unit of doc.units) {
    const dir = path.join(outDir, unit.unit);
    mkdirSync(dir, { recursive: true });
    const files: Record<(typeof REPORT_FILES)[number], string> = {
      "inventory.md": renderInventory(unit),
      "topology.md": renderTopology(unit),
      "compliance.md": renderCompliance(unit, rules),
      "plan.json": planJson(unitDocument(unit, doc.failedStacks)),
    };
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(dir, name);
      writeFileSync(file, content, "utf8");
      written.push(file);
    }
  }
  return written;
}
