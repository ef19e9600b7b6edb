/**
 * Workloads against their unit and their data: containers need the unit's
 * cluster and an allowed registry, personal data gets no unrestricted egress,
 * and a namespace quota that cannot fit its own workloads is caught before
 * Kubernetes refuses the pods.
 */
import { cidrProblem, parseCidr } from "../../../components/vocabulary/cidr.js";
import type { DraftFinding } from "../findings.js";
import type { ContainerWorkloadConfig } from "../schema/municipality.js";
import { parsedMunicipalities, type Check } from "./types.js";

const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const PERSONAL = new Set(["personal", "sensitive-personal"]);

/** Whether an image comes from one of the allowed registries (a registry entry may include a path prefix). */
export function imageAllowed(image: string, allowedRegistries: readonly string[]): boolean {
  return allowedRegistries.some((r) => image.startsWith(`${r}/`));
}

/** A Kubernetes quantity as a number (cores or bytes); undefined when not understood. */
export function parseQuantity(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(text);
  if (!match) return undefined;
  const factor = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[match[2] ?? ""] ?? 1;
  return Number(match[1]) * factor;
}

export const checkWorkloads: Check = (units) => {
  const out: DraftFinding[] = [];
  for (const { unit, entry, config } of parsedMunicipalities(units)) {
    const error = (path: (string | number)[], rule: string, message: string, value: unknown) =>
      out.push({ severity: "error", file: entry.file, path, rule, message, value });
    const cluster = unit.config?.cluster;
    const containers: { w: ContainerWorkloadConfig; i: number }[] = [];

    config.workloads.forEach((w, i) => {
      const classification = w.dataClassification ?? config.dataClassification;
      if (w.kind !== "container") return;
      containers.push({ w, i });
      if (cluster?.mode === "disabled") {
        error(["workloads", i, "kind"], "workload-cluster", `container workload '${w.name}' needs the unit's cluster, but unit '${unit.folder}' has cluster mode 'disabled' (${unit.file}); enable the cluster or run it as kind: vm`, w.kind);
      }
      if (cluster?.mode === "enabled" && !imageAllowed(w.image, cluster.allowedRegistries)) {
        error(["workloads", i, "image"], "workload-registry", `image '${w.image}' is not from an allowed registry (${cluster.allowedRegistries.join(", ")}); mirror it into one or add the registry to cluster.allowedRegistries in ${unit.file}`, w.image);
      }
      w.egress.forEach((e, j) => {
        const path = ["workloads", i, "egress", j, "to"];
        if (e.to.includes("/")) {
          const problem = cidrProblem(e.to);
          if (problem) return error(path, "workload-egress", `egress destination ${problem}`, e.to);
          if (parseCidr(e.to)!.prefixLength === 0 && PERSONAL.has(classification)) {
            error(path, "workload-classification", `'${w.name}' handles ${classification} data and may not have unrestricted egress (${e.to}); list the destinations it needs`, e.to);
          }
        } else if (!HOST_NAME.test(e.to)) {
          error(path, "workload-egress", `egress destination '${e.to}' is neither a CIDR (10.0.0.0/24) nor a host name (api.example.dk)`, e.to);
        }
      });
      for (const key of ["cpu", "memory"] as const) {
        const request = parseQuantity(w.resources.requests[key]);
        const limit = parseQuantity(w.resources.limits[key]);
        if (request !== undefined && limit !== undefined && request > limit) {
          error(["workloads", i, "resources", "requests", key], "workload-resources", `${key} request ${w.resources.requests[key]} exceeds the limit ${w.resources.limits[key]}; Kubernetes rejects such a pod`, w.resources.requests[key]);
        }
      }
    });

    const ns = config.containers;
    if (!ns) continue;
    for (const key of ["cpu", "memory"] as const) {
      const request = parseQuantity(ns.defaultRequests[key]);
      const limit = parseQuantity(ns.defaultLimits[key]);
      if (request !== undefined && limit !== undefined && request > limit) {
        error(["containers", "defaultRequests", key], "workload-resources", `default ${key} request ${ns.defaultRequests[key]} exceeds the default limit ${ns.defaultLimits[key]}`, ns.defaultRequests[key]);
      }
      const quota = parseQuantity(ns.quota[key]);
      const needed = containers.reduce((sum, { w }) => sum + w.replicas * (parseQuantity(w.resources.requests[key]) ?? 0), 0);
      if (quota !== undefined && needed > quota + 1e-9) {
        error(["containers", "quota", key], "workload-quota", `${key} quota ${ns.quota[key]} is less than the workloads request (replicas × requests = ${formatAmount(key, needed)}); raise the quota or lower the requests`, ns.quota[key]);
      }
    }
    const pods = containers.reduce((sum, { w }) => sum + w.replicas, 0);
    if (pods > ns.quota.pods) {
      error(["containers", "quota", "pods"], "workload-quota", `pods quota ${ns.quota.pods} is less than the workloads' ${pods} replicas; raise the quota`, ns.quota.pods);
    }
  }
  return out;
};

function formatAmount(key: "cpu" | "memory", amount: number): string {
  if (key === "cpu") return `${Math.round(amount * 1000)}m`;
  return `${Math.round((amount / 1024 ** 2) * 100) / 100}Mi`;
}
