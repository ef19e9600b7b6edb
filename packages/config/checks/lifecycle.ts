/**
 * Migration dates, the offboarding freeze and the date of a data release
 * (a release dated after today arms nothing: it is an error). The programme deadline is a
 * warning, not an error: a late plan is a fact to escalate, not a broken
 * configuration.
 */
import { PROGRAMME_DEADLINE } from "../../../components/vocabulary/defaults.js";
import type { DraftFinding } from "../findings.js";
import { parsedMunicipalities, type Check } from "./types.js";

/** YYYY-MM-DD of a date, in UTC (cutover dates are calendar days, not instants). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export const checkLifecycle: Check = (units, { today }) => {
  const out: DraftFinding[] = [];
  const now = isoDay(today);
  for (const { entry, config } of parsedMunicipalities(units)) {
    const cutover = config.migration.cutover;
    const warn = (rule: string, message: string) =>
      out.push({ severity: "warning", file: entry.file, path: ["migration", "cutover"], value: cutover, rule, message });
    const pending = config.lifecycle === "planned" || config.lifecycle === "migrating";
    if (pending && cutover > PROGRAMME_DEADLINE) {
      warn("cutover-deadline", `cutover ${cutover} is after the programme deadline ${PROGRAMME_DEADLINE} (servers and network moved by end of 2027); agree a plan or an exemption`);
    }
    if (pending && cutover < now) {
      warn("cutover-past", `cutover ${cutover} has passed but lifecycle is still '${config.lifecycle}'; set lifecycle: live or move the date`);
    }
    const release = config.dataRelease;
    if (release && release.date > now) {
      out.push({
        severity: "error",
        file: entry.file,
        path: ["dataRelease", "date"],
        value: release.date,
        rule: "data-release-future",
        message: `dataRelease date ${release.date} is after today (${now}); a release arms deletion of the municipality's data only once it has been approved: set the date of the approval when it is given, not before`,
      });
    }
    if (config.lifecycle === "live" && cutover > now) {
      warn("cutover-future", `lifecycle is 'live' but cutover ${cutover} is in the future; correct the date or the lifecycle`);
    }
  }
  return out;
};
