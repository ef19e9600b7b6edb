/**
 * A municipality's share of the unit's cluster: one namespace, `k<code>`.
 *
 * Isolation on a shared cluster, in layers: Pod Security Admission
 * `restricted` on the namespace (enforced, audited and warned); a quota and
 * default limits; NetworkPolicies that deny everything and then allow only
 * DNS, the declared ingress path from the unit's ingress controllers and the
 * declared egress; and a namespaced Role for the municipality's operators.
 *
 * Why a narrower Role and not ClusterRole `edit`: `edit` may create and change
 * NetworkPolicies, Services (including type LoadBalancer) and Ingresses, and
 * read every Secret in the namespace. NetworkPolicies and Ingresses are the
 * municipality's isolation and exposure, which come only from its reviewed
 * file; the operators get read access, logs, and pod deletion (a restart: the
 * Deployment recreates the pod from the reviewed spec).
 *
 * Ingress classes: AKS application routing. Internet exposure uses the
 * add-on's default class `webapprouting.kubernetes.azure.com` (public load
 * balancer behind the unit's firewall and DDoS plan); internal exposure uses
 * the class `nginx-internal`, an NginxIngressController of the same add-on on
 * an internal load balancer. Both controllers run in `app-routing-system`,
 * the only namespace ingress traffic may come from. Every Ingress is TLS-only.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { CLUSTER_INGRESS_CLASSES } from "../cluster/args.js";
import { rejectArgs } from "../errors.js";
import type { ResolvedContainers } from "./resolved.js";
import { createContainerWorkload } from "./container-workload.js";

export { PRIVATE_RANGES } from "./container-workload.js";

export const INGRESS_CONTROLLER_NAMESPACE = "app-routing-system";
// The cluster provides these classes; naming them once keeps the two sides from drifting apart.
export const INGRESS_CLASSES = { internet: CLUSTER_INGRESS_CLASSES.default, internal: CLUSTER_INGRESS_CLASSES.internal } as const;
export const KOMMUNEKODE_LABEL = "driftsenhed.dk/kommunekode";

/** Why an image may not run, or undefined when its registry is allowed. */
export function imageRegistryProblem(image: string, allowedRegistries: readonly string[]): string | undefined {
  const ok = allowedRegistries.some((r) => image.startsWith(`${r}/`));
  if (ok) return undefined;
  return `image '${image}' does not come from a registry the unit allows (${allowedRegistries.join(", ")}); push it to one of them or ask the unit to allow its registry in unit.yaml cluster.allowedRegistries`;
}

export interface MunicipalityNamespaceArgs {
  code: string;
  unitId: string;
  containers: ResolvedContainers;
  operatorGroupId: string;
  /** Municipality's Key Vault URI: TLS certificates of its Ingresses live there. */
  keyVaultUri: pulumi.Input<string>;
  provider: k8s.Provider;
}

const MUNICIPALITY_NAMESPACE_TYPE = "driftsenhed:tenant:MunicipalityNamespace";

export class MunicipalityNamespace extends pulumi.ComponentResource {
  public readonly namespace: string;

  constructor(name: string, args: MunicipalityNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MUNICIPALITY_NAMESPACE_TYPE, name, {}, opts);
    const c = args.containers;
    const ns = c.namespace;
    // Checked again here, not only by the tenant (a namespace built by other code must not
    // bypass it), and before any child is registered.
    rejectArgs(
      this,
      MUNICIPALITY_NAMESPACE_TYPE,
      name,
      c.workloads.flatMap((w, i) => {
        const p = imageRegistryProblem(w.image, c.allowedRegistries);
        return p ? [{ path: `containers.workloads.${i}.image`, message: p, value: w.image }] : [];
      }),
    );

    const o = { parent: this, provider: args.provider };
    const labels = { [KOMMUNEKODE_LABEL]: args.code, "driftsenhed.dk/unit": args.unitId, "app.kubernetes.io/managed-by": "driftsenhed" };
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: ns,
          labels: {
            ...labels,
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "latest",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
          },
        },
      },
      o,
    );
    const inNs = { ...o, dependsOn: [namespace] };
    const meta = (n: string, extra: Record<string, string> = {}) => ({ name: n, namespace: ns, labels: { ...labels, ...extra } });

    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      {
        metadata: meta("municipality-quota"),
        spec: {
          hard: {
            "requests.cpu": c.quota.cpu,
            "requests.memory": c.quota.memory,
            "limits.cpu": c.quota.cpu,
            "limits.memory": c.quota.memory,
            pods: String(c.quota.pods),
            // Exposure goes through the unit's ingress only, never a load balancer or node port of its own.
            "services.loadbalancers": "0",
            "services.nodeports": "0",
          },
        },
      },
      inNs,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      { metadata: meta("municipality-defaults"), spec: { limits: [{ type: "Container", default: { ...c.defaultLimits }, defaultRequest: { ...c.defaultRequests } }] } },
      inNs,
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-deny-all`,
      { metadata: meta("default-deny-all"), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
      inNs,
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-allow-dns`,
      {
        metadata: meta("allow-dns"),
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                  podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                },
              ],
              ports: [
                { protocol: "UDP", port: 53 },
                { protocol: "TCP", port: 53 },
              ],
            },
          ],
        },
      },
      inNs,
    );

    const role = new k8s.rbac.v1.Role(
      `${name}-operator-role`,
      {
        metadata: meta("municipality-operator"),
        rules: [
          {
            apiGroups: [""],
            resources: ["pods", "pods/log", "services", "endpoints", "configmaps", "events", "resourcequotas", "limitranges", "serviceaccounts"],
            verbs: ["get", "list", "watch"],
          },
          { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
          { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch"] },
          { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: ["get", "list", "watch"] },
          { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["get", "list", "watch"] },
        ],
      },
      inNs,
    );
    new k8s.rbac.v1.RoleBinding(
      `${name}-operators`,
      {
        metadata: meta("municipality-operators"),
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "municipality-operator" },
        subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: args.operatorGroupId }],
      },
      { ...inNs, dependsOn: [namespace, role] },
    );

    for (const w of c.workloads) {
      createContainerWorkload(`${name}-${w.name}`, w, {
        ingressControllerNamespace: c.ingressControllerNamespace,
        keyVaultUri: args.keyVaultUri,
        meta,
        opts: inNs,
        ...(w.renamedFrom !== undefined ? { previousKey: `${name}-${w.renamedFrom}` } : {}),
      });
    }

    this.namespace = ns;
    this.registerOutputs({ namespace: ns });
  }
}
