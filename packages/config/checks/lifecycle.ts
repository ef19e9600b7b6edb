/**
 * Migration dates and the offboarding freeze. The programme deadline is a
 * warning, not an error: a late plan is a fact to escalate, not a broken
 * configuration.
 */
import { PROGRAMME_DEADLINE } from "../defaults.js";
import type { DraftFinding, PathSegment } from "../findings.js";
import type { Lifecycle } from "../schema/municipality.js";
import { parsedMunicipalities, type Check } from "./types.js";

export interface LifecycleProblem {
  path: PathSegment[];
  message: string;
}

/**
 * The offboarding freeze: in `offboarding`, every workload of the file must
 * appear in the frozen list recorded when the state was entered. Removing a
 * workload is allowed; adding one is not (it would have to be added to the
 * frozen list too, which a reviewer sees as a deliberate change). Names in
 * the list without a workload are workloads already removed, so they pass.
 *
 * The schema and the tenant mapping both call this, so the rule has one
 * wording. Returns one problem per offending workload, naming its index and
 * the bad value.
 */
export function offboardingFreezeProblems(
  lifecycle: Lifecycle,
  workloadNames: readonly string[],
  frozenWorkloads: readonly string[] | undefined,
): LifecycleProblem[] {
  if (lifecycle !== "offboarding") return [];
  if (frozenWorkloads === undefined) {
    return [
      {
        path: ["offboarding", "frozenWorkloads"],
        message:
          "an offboarding municipality accepts no new workloads: record the workload names present when offboarding began in offboarding.frozenWorkloads",
      },
    ];
  }
  const frozen = new Set(frozenWorkloads);
  return workloadNames.flatMap((name, i) =>
    frozen.has(name)
      ? []
      : [
          {
            path: ["workloads", i, "name"],
            message: `workload '${name}' is not in offboarding.frozenWorkloads (${[...frozen].join(", ") || "empty"}); an offboarding municipality accepts no new workloads: remove the workload, or set lifecycle: live if the municipality is staying`,
          },
        ],
  );
}

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
    if (config.lifecycle === "live" && cutover > now) {
      warn("cutover-future", `lifecycle is 'live' but cutover ${cutover} is in the future; correct the date or the lifecycle`);
    }
  }
  return out;
};
