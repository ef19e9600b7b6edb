import { noParams } from "../../../lib/params.js";
import { podRule } from "./pod-rule.js";

const FIELDS = ["hostNetwork", "hostPID", "hostIPC"] as const;

export const disallowHostNamespaces = podRule({
  name: "kubernetes-pod-disallow-host-namespaces",
  description: "No pod shares the node's network, process or IPC namespace (`hostNetwork`, `hostPID`, `hostIPC`), from which it could see other municipalities' traffic and processes.",
  severity: "high",
  remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.",
  controls: { nis2: [9], iso27001: ["8.22"], alz: ["Enforce-GR-Kubernetes0"] },
  config: noParams(),
  problems: (pod) => FIELDS.filter((f) => pod.spec[f] === true).map((f) => `${pod.path}.${f} is true.`),
});
