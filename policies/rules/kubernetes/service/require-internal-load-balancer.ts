import { noParams } from "../../../lib/params.js";
import { describeObject } from "../../../lib/pod.js";
import { K8S } from "../../../lib/types.js";
import { asRecord, at, eqi, show } from "../../../lib/values.js";
import { defineResourceRule } from "../../../rule.js";

export const INTERNAL_LB_ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-internal";

export const requireInternalLoadBalancer = defineResourceRule({
  name: "kubernetes-service-require-internal-load-balancer",
  kind: "resource",
  description: `No Service of type LoadBalancer gets a public IP: it must carry the annotation \`${INTERNAL_LB_ANNOTATION}: "true"\`. Publishing to the internet goes through the hub.`,
  severity: "critical",
  category: "security",
  remediation: `Add \`metadata.annotations["${INTERNAL_LB_ANNOTATION}"] = "true"\`, or use a ClusterIP service behind the unit's ingress.`,
  controls: { nis2: [9], iso27001: ["8.20", "8.21"], alz: ["Enforce-AKS-HTTPS"], alzNote: "Closest ALZ guardrail for AKS exposure; the internal-LB requirement is the platform's." },
  config: noParams(),
  resourceTypes: [K8S.service],
  validate(resource, ctx) {
    if (!eqi(at(resource.props, "spec", "type"), "LoadBalancer")) return ctx.notApplicable("Not a LoadBalancer service");
    const value = asRecord(at(resource.props, "metadata", "annotations"))?.[INTERNAL_LB_ANNOTATION];
    if (value !== "true") {
      ctx.report(
        `${describeObject(resource.type, resource.name, resource.props)} is a LoadBalancer without an internal load balancer (annotation ${INTERNAL_LB_ANNOTATION} is ${show(value)}, must be "true").`,
      );
    }
  },
});
