import { noParams } from "../../../lib/params.js";
import { asRecord, at } from "../../../lib/values.js";
import { podRule } from "./pod-rule.js";

export const requireResourceLimits = podRule({
  name: "kubernetes-pod-require-resource-limits",
  description:
    "Every container sets CPU and memory limits, so that one municipality's workload cannot starve the others on a shared node.",
  severity: "medium",
  remediation: "Set `resources.limits.cpu` and `resources.limits.memory` (and matching requests) on every container.",
  controls: { nis2: [3], iso27001: ["8.22", "8.9"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  problems: (pod) =>
    pod.containers.flatMap((c) => {
      const limits = asRecord(at(c.props, "resources", "limits")) ?? {};
      const missing = (["cpu", "memory"] as const).filter((k) => limits[k] === undefined || limits[k] === null || limits[k] === "");
      return missing.length > 0 ? [`container '${c.name}' has no ${missing.join(" or ")} limit (${c.path}.resources.limits).`] : [];
    }),
});
