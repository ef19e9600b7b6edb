/**
 * Pod security rules share their shape: find the pod template of any workload
 * kind and check it.
 */
import { z } from "zod";
import type { ControlMapping } from "../../../controls.js";
import { describeObject, podOf, type PodView } from "../../../lib/pod.js";
import { WORKLOAD_TYPES } from "../../../lib/types.js";
import { defineResourceRule, type ResourceRule, type Severity } from "../../../rule.js";

export interface PodCheck<S extends z.ZodObject> {
  name: string;
  description: string;
  severity: Severity;
  remediation: string;
  controls: ControlMapping;
  config: S;
  /** Problems with the pod, one message each. */
  problems(pod: PodView, config: z.output<S>): string[];
}

export function podRule<S extends z.ZodObject>(check: PodCheck<S>): ResourceRule<S> {
  return defineResourceRule({
    name: check.name,
    kind: "resource",
    description: check.description,
    severity: check.severity,
    category: "security",
    remediation: check.remediation,
    controls: check.controls,
    config: check.config,
    resourceTypes: WORKLOAD_TYPES,
    validate(resource, ctx) {
      const pod = podOf(resource.type, resource.props);
      if (!pod) return ctx.notApplicable("Not a workload with a pod template");
      const what = describeObject(resource.type, resource.name, resource.props);
      for (const problem of check.problems(pod, ctx.config)) ctx.report(`${what}: ${problem}`);
    },
  });
}
