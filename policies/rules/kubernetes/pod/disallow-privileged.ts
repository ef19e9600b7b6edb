import { noParams } from "../../../lib/params.js";
import { asRecord } from "../../../lib/values.js";
import { podRule } from "./pod-rule.js";

export const disallowPrivileged = podRule({
  name: "kubernetes-pod-disallow-privileged",
  description: "No container runs privileged (`securityContext.privileged: true`), which would give it the node and, through it, every municipality's workloads on that node.",
  severity: "critical",
  remediation: "Remove `privileged: true`; grant only the specific capability needed, if any.",
  controls: { nis2: [9], iso27001: ["8.22", "5.15"], alz: ["Deny-Privileged-AKS"] },
  config: noParams(),
  problems: (pod) =>
    pod.containers
      .filter((c) => asRecord(c.props.securityContext)?.privileged === true)
      .map((c) => `container '${c.name}' is privileged (${c.path}.securityContext.privileged is true).`),
});
