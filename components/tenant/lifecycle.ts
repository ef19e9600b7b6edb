/**
 * What a municipality's lifecycle state means for its tenant: which parts
 * exist, and how data-bearing resources are guarded. Everything here is pure;
 * the tenant component and the README tables read the same constant.
 *
 * The data-safety contract in three rules:
 * 1. A data-bearing resource (resource groups, Key Vault, keys, secrets, disk
 *    encryption set, data disks, backup protected items) carries
 *    `retainOnDelete` in every state until the file holds a `dataRelease`: a
 *    refactor, a removed workload or a removed file then only makes Pulumi
 *    forget it; Azure keeps it.
 * 2. While the municipality is `migrating`, `live` or `offboarding` those
 *    resources also carry `protect`: the engine refuses an update that would
 *    delete one, so a mistake fails loudly instead of silently.
 * 3. Removing a municipality's file is not an offboarding. The file stays, with
 *    `lifecycle: retired`; only after a `dataRelease` entry has been applied
 *    (which arms deletion by clearing `retainOnDelete`) does removing the file
 *    (or destroying a `<unit>-<code>` stack) delete the data.
 */
import { LIFECYCLES, type DataRelease, type Lifecycle } from "../vocabulary/lifecycle.js";

export type { DataRelease };

export interface LifecycleSemantics {
  state: Lifecycle;
  /** The spoke (VNet, subnets, peering with the hub). */
  spoke: boolean;
  /** Site connections, gateway NAT rules and the municipality's firewall rule collection group. */
  siteConnectivity: boolean;
  /** VMs, NICs, agents, namespaces and pods. */
  compute: boolean;
  /** Whether the file may add a workload in this state. */
  acceptsNewWorkloads: boolean;
  /** Resource groups, Key Vault, keys, secrets, disk encryption set, data disks, backup items. */
  dataBearing: "none" | "protected" | "retained";
  /** Backup of VMs: running, or stopped with every recovery point kept. */
  backup: "none" | "running" | "stopped-retain-data";
  /** One sentence for the README. */
  meaning: string;
}

/** The lifecycle table. README tables are generated from this constant. */
export const LIFECYCLE_SEMANTICS: Readonly<Record<Lifecycle, LifecycleSemantics>> = {
  planned: {
    state: "planned",
    spoke: false,
    siteConnectivity: false,
    compute: false,
    acceptsNewWorkloads: true,
    dataBearing: "none",
    backup: "none",
    meaning:
      "The address range is reserved (the unit's overlap checks count it) and nothing is deployed; the tenant component exists with no children.",
  },
  migrating: {
    state: "migrating",
    spoke: true,
    siteConnectivity: true,
    compute: true,
    acceptsNewWorkloads: true,
    dataBearing: "protected",
    backup: "running",
    meaning: "Everything is built while servers and containers are being moved; data-bearing resources are protected.",
  },
  live: {
    state: "live",
    spoke: true,
    siteConnectivity: true,
    compute: true,
    acceptsNewWorkloads: true,
    dataBearing: "protected",
    backup: "running",
    meaning: "In production: everything is built; data-bearing resources are protected.",
  },
  offboarding: {
    state: "offboarding",
    spoke: true,
    siteConnectivity: true,
    compute: true,
    acceptsNewWorkloads: false,
    dataBearing: "protected",
    backup: "running",
    meaning:
      "Everything keeps running but the workload list is frozen: every workload must be listed in offboarding.frozenWorkloads (workloads can be removed, not added).",
  },
  retired: {
    state: "retired",
    spoke: true,
    siteConnectivity: false,
    compute: false,
    acceptsNewWorkloads: false,
    dataBearing: "retained",
    backup: "stopped-retain-data",
    meaning:
      "Servers, namespaces, site connections, NAT and firewall rules are removed; resource groups, Key Vault, keys, secrets, disks and recovery points stay (retainOnDelete) until a dated dataRelease entry arms their deletion. The spoke stays only as the home of the vault's private endpoint, so keys can still be handed over; no firewall rule or site connection reaches it any more.",
  },
};

/** The lifecycle states in table order, for generated documentation. */
export const LIFECYCLE_ORDER: readonly Lifecycle[] = LIFECYCLES;

export interface DataResourceOptions {
  protect: boolean;
  retainOnDelete: boolean;
}

/**
 * Resource options for every data-bearing resource of a tenant.
 *
 * `dataRelease` is accepted only for a retired municipality (the schema checks
 * it too); with it, deletion is armed: the resources stay declared but neither
 * protected nor retained, so the next update that drops them deletes them.
 */
export function dataResourceOptions(lifecycle: Lifecycle, dataRelease?: DataRelease): DataResourceOptions {
  if (dataRelease) {
    if (lifecycle !== "retired") {
      throw new Error(
        `dataRelease (approved ${dataRelease.date}, reference ${dataRelease.reference}) applies only to a retired municipality; lifecycle is '${lifecycle}'. ` +
          "Set lifecycle: retired first, or remove the dataRelease entry.",
      );
    }
    return { protect: false, retainOnDelete: false };
  }
  return { protect: LIFECYCLE_SEMANTICS[lifecycle].dataBearing === "protected", retainOnDelete: true };
}

/** The offboarding freeze has one implementation, beside the schema that enforces it. */
export { offboardingFreezeProblems } from "../vocabulary/lifecycle.js";

/** Markdown table of LIFECYCLE_SEMANTICS, for the README. */
export function lifecycleTableMarkdown(): string {
  const yes = (b: boolean) => (b ? "yes" : "no");
  const rows = LIFECYCLE_ORDER.map((s) => {
    const x = LIFECYCLE_SEMANTICS[s];
    return `| \`${s}\` | ${yes(x.spoke)} | ${yes(x.siteConnectivity)} | ${yes(x.compute)} | ${yes(x.acceptsNewWorkloads)} | ${x.dataBearing} | ${x.backup} | ${x.meaning} |`;
  });
  return [
    "| lifecycle | spoke | sites and firewall rules | compute | new workloads | data-bearing resources | backup | meaning |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
