/**
 * `--base REF` of validate and plan: today's configuration against the one
 * at REF, as located findings on today's files.
 */
import { compareHistory, locateHistoryFindings } from "../../config/history.js";
import type { Finding } from "../../config/findings.js";
import type { LoadOptions, LoadResult } from "../../config/load.js";
import { withConfigAtRef } from "./git.js";

/** The line validate prints when no base was given. */
export const HISTORY_NOT_CHECKED =
  "history: not checked (no --base REF): removed, renamed or moved tenants, workloads, sites and disks, lifecycle steps and layout switches are only found against a base, e.g. --base $(git merge-base origin/main HEAD)";

export function historyFindings(ref: string, configDir: string, head: LoadResult, options: LoadOptions): Finding[] {
  return withConfigAtRef(ref, configDir, options, (base) =>
    locateHistoryFindings(compareHistory({ dir: base.dir, units: base.result.units }, { dir: configDir, units: head.units }, { baseName: ref })),
  );
}
