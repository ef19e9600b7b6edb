import { noParams } from "../../../lib/params.js";
import { asRecord } from "../../../lib/values.js";
import { podRule } from "./pod-rule.js";

export const requireRunAsNonRoot = podRule({
  name: "kubernetes-pod-require-run-as-non-root",
  description:
    "Every container runs as a non-root user: `runAsNonRoot: true` on the pod or the container, not overridden to false, and no `runAsUser: 0`.",
  severity: "high",
  remediation: "Set `securityContext.runAsNonRoot: true` on the pod (and a non-zero `runAsUser` if the image has no non-root user).",
  controls: { nis2: [9], iso27001: ["5.15", "8.9"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  problems: (pod) => {
    const podContext = asRecord(pod.spec.securityContext) ?? {};
    const out: string[] = [];
    for (const c of pod.containers) {
      const own = asRecord(c.props.securityContext) ?? {};
      const nonRoot = own.runAsNonRoot ?? podContext.runAsNonRoot;
      const user = own.runAsUser ?? podContext.runAsUser;
      if (nonRoot !== true) {
        out.push(`container '${c.name}' may run as root (runAsNonRoot is ${nonRoot === undefined ? "not set" : String(nonRoot)} on the container and the pod).`);
      } else if (user === 0) {
        out.push(`container '${c.name}' runs as user 0 (root).`);
      }
    }
    return out;
  },
});
