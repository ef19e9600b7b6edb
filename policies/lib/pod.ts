/**
 * The pod template of a Kubernetes workload, wherever its kind keeps it
 * (`spec` of a Pod, `spec.template.spec` of a Deployment, deeper in a CronJob),
 * with every container, init container and ephemeral container.
 */
import { POD_SPEC_PATHS } from "./types.js";
import { asArray, asRecord, asString, at, pathOf } from "./values.js";

export interface ContainerView {
  path: string;
  name: string;
  props: Record<string, unknown>;
}

export interface PodView {
  path: string;
  spec: Record<string, unknown>;
  containers: ContainerView[];
}

const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

export function podOf(type: string, props: Record<string, unknown>): PodView | undefined {
  const specPath = POD_SPEC_PATHS[type];
  if (!specPath) return undefined;
  const spec = asRecord(at(props, ...specPath)) ?? {};
  const base = pathOf(...specPath);
  const containers: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(spec[list]).forEach((c, i) => {
      const cp = asRecord(c) ?? {};
      containers.push({ path: `${base}.${list}[${i}]`, name: asString(cp.name) ?? `${list}[${i}]`, props: cp });
    });
  }
  return { path: base, spec, containers };
}

/** `kind 'name'` of a Kubernetes object for messages, preferring metadata.name. */
export function describeObject(type: string, resourceName: string, props: Record<string, unknown>): string {
  const kind = type.split(":")[2] ?? type;
  const name = asString(at(props, "metadata", "name")) ?? resourceName;
  const ns = asString(at(props, "metadata", "namespace"));
  return `${kind} '${ns ? `${ns}/` : ""}${name}'`;
}
