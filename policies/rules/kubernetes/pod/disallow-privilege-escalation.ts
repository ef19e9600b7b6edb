import { noParams } from "../../../lib/params.js";
import { asRecord, show } from "../../../lib/values.js";
import { podRule } from "./pod-rule.js";

export const disallowPrivilegeEscalation = podRule({
  name: "kubernetes-pod-disallow-privilege-escalation",
  description:
    "Every container sets `securityContext.allowPrivilegeEscalation: false`; Kubernetes allows escalation (setuid binaries) when the field is unset.",
  severity: "high",
  remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container, init container included.",
  controls: { nis2: [9], iso27001: ["5.15", "8.9"], alz: ["Deny-Priv-Esc-AKS"] },
  config: noParams(),
  problems: (pod) =>
    pod.containers
      .filter((c) => asRecord(c.props.securityContext)?.allowPrivilegeEscalation !== false)
      .map(
        (c) =>
          `container '${c.name}' may escalate privileges (${c.path}.securityContext.allowPrivilegeEscalation is ${show(asRecord(c.props.securityContext)?.allowPrivilegeEscalation)}, must be false).`,
      ),
});
