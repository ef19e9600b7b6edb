/**
 * A unit's id is its folder name and its stack name: the three must agree,
 * or `pulumi up` on one stack would deploy another unit's settings.
 */
import type { DraftFinding } from "../findings.js";
import type { Check } from "./types.js";

export const checkUnitIds: Check = (units) => {
  const out: DraftFinding[] = [];
  for (const unit of units) {
    const id = (unit.raw as { id?: unknown } | null)?.id;
    if (typeof id === "string" && id !== unit.folder) {
      out.push({
        severity: "error",
        file: unit.file,
        path: ["id"],
        value: id,
        rule: "unit-id",
        message: `unit id '${id}' does not match its folder '${unit.folder}'; the id is the folder name and the stack name, so set id: ${unit.folder} or rename the folder`,
      });
    }
  }
  return out;
};
