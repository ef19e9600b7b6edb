/**
 * Every cross-file check, in one list. Each is a pure function over the
 * parsed files; the loader places their findings in the files.
 */
import type { DraftFinding } from "../findings.js";
import { checkAddresses } from "./addresses.js";
import { checkLifecycle } from "./lifecycle.js";
import { checkRegistry } from "./registry.js";
import { checkSites } from "./sites.js";
import type { Check, CheckContext, UnitEntry } from "./types.js";
import { checkUnitIds } from "./units.js";
import { checkWorkloads } from "./workloads.js";

export const CHECKS: readonly Check[] = [checkUnitIds, checkRegistry, checkAddresses, checkSites, checkWorkloads, checkLifecycle];

export function runChecks(units: readonly UnitEntry[], context: CheckContext): DraftFinding[] {
  return CHECKS.flatMap((check) => check(units, context));
}
