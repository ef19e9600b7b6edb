/**
 * The lifecycle vocabulary: the states a municipality moves through, the
 * dated data release that ends its retention, and the offboarding freeze.
 * Both the configuration contract (packages/config) and the tenant component
 * read these; neither owns them.
 */

/** The states, in the only order a municipality may move through them. */
export const LIFECYCLES = ["planned", "migrating", "live", "offboarding", "retired"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

/**
 * The dated, approved release of a retired municipality's data. Without it
 * every data-bearing resource keeps `retainOnDelete`.
 */
export interface DataRelease {
  /** Who approved the release on behalf of the municipality (the data controller). */
  approvedBy: string;
  /** Date of the approval, YYYY-MM-DD. */
  date: string;
  /** Case or document reference of the approval. */
  reference: string;
}

export interface LifecycleProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The offboarding freeze: in `offboarding`, every workload must appear in the
 * frozen list recorded when the state was entered. Removing a workload is
 * allowed; adding one is not (it would have to be added to the frozen list
 * too, which a reviewer sees as a deliberate change). Names in the list
 * without a workload are workloads already removed, so they pass.
 *
 * The schema and the tenant component both call this, so the rule has one
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
