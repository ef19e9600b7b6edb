import { z } from "zod";
import { K8S } from "../../../lib/types.js";
import { asArray, asRecord, asString, asStrings, at } from "../../../lib/values.js";
import { defineStackRule, type StackResource } from "../../../rule.js";

/** A policy selecting every pod of its namespace and denying the given directions unless allowed elsewhere. */
function defaultDenies(policy: StackResource, requireEgress: boolean): boolean {
  const selector = asRecord(at(policy.props, "spec", "podSelector"));
  const selectsAll =
    selector !== undefined &&
    Object.keys(asRecord(selector.matchLabels) ?? {}).length === 0 &&
    asArray(selector.matchExpressions).length === 0;
  const types = asStrings(at(policy.props, "spec", "policyTypes")).map((t) => t.toLowerCase());
  return selectsAll && types.includes("ingress") && (!requireEgress || types.includes("egress"));
}

export const requireDefaultDenyNetworkPolicy = defineStackRule({
  name: "kubernetes-namespace-require-default-deny-network-policy",
  kind: "stack",
  description:
    "Every namespace the stack creates has a NetworkPolicy that selects all its pods (`podSelector: {}`) with policy type Ingress (and Egress when `requireEgress`), so that nothing from another municipality's namespace reaches it unless a further policy allows it.",
  severity: "high",
  category: "security",
  remediation:
    "Create a NetworkPolicy in the namespace with `podSelector: {}` and `policyTypes: [\"Ingress\", \"Egress\"]`, then allow the flows the workloads need. Give namespaces an explicit metadata.name so that the policy can name it.",
  controls: { nis2: [9], iso27001: ["8.22"], alz: [], alzNote: "ALZ has no in-cluster tenancy; this is the Kubernetes side of tenant isolation." },
  config: z.strictObject({
    requireEgress: z.boolean().default(false).describe("Also require default-deny for egress."),
  }),
  validate(resources, ctx) {
    const namespaces = resources.filter((r) => r.type === K8S.namespace);
    if (namespaces.length === 0) return ctx.notApplicable("The stack creates no namespaces");
    const covered = new Set(
      resources
        .filter((r) => r.type === K8S.networkPolicy && defaultDenies(r, ctx.config.requireEgress))
        .map((r) => asString(at(r.props, "metadata", "namespace")))
        .filter((ns): ns is string => ns !== undefined),
    );
    for (const ns of namespaces) {
      const name = asString(at(ns.props, "metadata", "name"));
      if (name !== undefined && covered.has(name)) continue;
      ctx.report(
        name === undefined
          ? `Namespace '${ns.name}' has no explicit metadata.name, so no NetworkPolicy can be shown to cover it.`
          : `Namespace '${name}' has no default-deny NetworkPolicy (podSelector {} with policyTypes Ingress${ctx.config.requireEgress ? " and Egress" : ""}).`,
        { urn: ns.urn },
      );
    }
  },
});
