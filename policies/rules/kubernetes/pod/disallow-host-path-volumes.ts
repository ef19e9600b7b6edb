import { noParams } from "../../../lib/params.js";
import { asArray, asRecord, asString } from "../../../lib/values.js";
import { podRule } from "./pod-rule.js";

export const disallowHostPathVolumes = podRule({
  name: "kubernetes-pod-disallow-host-path-volumes",
  description: "No pod mounts a hostPath volume, which exposes the node's file system (and other pods' data on it).",
  severity: "high",
  remediation: "Use a persistent volume claim, emptyDir, configMap or secret volume instead of hostPath.",
  controls: { nis2: [9], iso27001: ["8.22", "5.15"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  problems: (pod) =>
    asArray(pod.spec.volumes)
      .map((v, i) => ({ v: asRecord(v) ?? {}, i }))
      .filter(({ v }) => asRecord(v.hostPath) !== undefined)
      .map(({ v, i }) => `volume '${asString(v.name) ?? i}' (${pod.path}.volumes[${i}]) mounts hostPath ${JSON.stringify(asRecord(v.hostPath)?.path ?? "")}.`),
});
