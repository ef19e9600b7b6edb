/** AKS and Kubernetes workload rules. */
import { disallowLocalAccounts } from "../../../../policies/rules/containerservice/disallow-local-accounts.js";
import { disallowNodePublicIp } from "../../../../policies/rules/containerservice/disallow-node-public-ip.js";
import { requireEntraRbac } from "../../../../policies/rules/containerservice/require-entra-rbac.js";
import { requireNetworkPolicy } from "../../../../policies/rules/containerservice/require-network-policy.js";
import { requirePrivateCluster } from "../../../../policies/rules/containerservice/require-private-cluster.js";
import { disallowHostNamespaces } from "../../../../policies/rules/kubernetes/pod/disallow-host-namespaces.js";
import { disallowHostPathVolumes } from "../../../../policies/rules/kubernetes/pod/disallow-host-path-volumes.js";
import { disallowPrivilegeEscalation } from "../../../../policies/rules/kubernetes/pod/disallow-privilege-escalation.js";
import { disallowPrivileged } from "../../../../policies/rules/kubernetes/pod/disallow-privileged.js";
import { requireResourceLimits } from "../../../../policies/rules/kubernetes/pod/require-resource-limits.js";
import { requireRunAsNonRoot } from "../../../../policies/rules/kubernetes/pod/require-run-as-non-root.js";
import { restrictImageRegistries } from "../../../../policies/rules/kubernetes/pod/restrict-image-registries.js";
import { requireInternalLoadBalancer } from "../../../../policies/rules/kubernetes/service/require-internal-load-balancer.js";
import type { ResourceCase } from "./types.js";
import { K8S } from "../../../../policies/lib/types.js";

const podSpec = (i: Record<string, any>) => i.spec.template.spec;
const webContainer = (i: Record<string, any>) => podSpec(i).containers[0];

export const CLUSTERS_CASES: ResourceCase[] = [
  {
    rule: requirePrivateCluster,
    fixture: "aks-u1",
    failing: [
      { name: "public API server", change: (i) => (i.apiServerAccessProfile.enablePrivateCluster = false) },
      { name: "no access profile", change: (i) => delete i.apiServerAccessProfile },
    ],
  },
  {
    rule: disallowLocalAccounts,
    fixture: "aks-u1",
    failing: [
      { name: "local accounts on", change: (i) => (i.disableLocalAccounts = false) },
      { name: "not set", change: (i) => delete i.disableLocalAccounts },
    ],
  },
  {
    rule: requireEntraRbac,
    fixture: "aks-u1",
    failing: [
      { name: "no Azure RBAC", change: (i) => (i.aadProfile.enableAzureRBAC = false), message: /enableAzureRBAC/ },
      { name: "no AAD profile", change: (i) => delete i.aadProfile },
      { name: "Kubernetes RBAC disabled", change: (i) => (i.enableRBAC = false), message: /enableRBAC/ },
    ],
  },
  {
    rule: requireNetworkPolicy,
    fixture: "aks-u1",
    failing: [
      { name: "no network policy", change: (i) => delete i.networkProfile.networkPolicy },
      { name: "policy none", change: (i) => (i.networkProfile.networkPolicy = "none") },
    ],
    passing: [{ name: "calico", change: (i) => (i.networkProfile.networkPolicy = "calico") }],
  },
  {
    rule: disallowNodePublicIp,
    fixture: "aks-u1",
    failing: [{ name: "a pool profile with node public IPs", change: (i) => (i.agentPoolProfiles[0].enableNodePublicIP = true), message: /agentPoolProfiles\[0\]/ }],
  },
  {
    rule: disallowNodePublicIp,
    fixture: "aks-u1-user",
    failing: [{ name: "an agent pool with node public IPs", change: (i) => (i.enableNodePublicIP = true) }],
  },
  {
    rule: disallowPrivileged,
    fixture: "deploy-101-web",
    failing: [
      { name: "a privileged container", change: (i) => (webContainer(i).securityContext.privileged = true), message: /container 'web' is privileged/ },
      { name: "a privileged init container", change: (i) => (podSpec(i).initContainers[0].securityContext.privileged = true), message: /initContainers\[0\]/ },
    ],
  },
  {
    rule: disallowPrivilegeEscalation,
    fixture: "deploy-101-web",
    failing: [
      { name: "escalation allowed", change: (i) => (webContainer(i).securityContext.allowPrivilegeEscalation = true) },
      { name: "not set (Kubernetes allows it)", change: (i) => delete podSpec(i).initContainers[0].securityContext },
    ],
  },
  {
    rule: requireRunAsNonRoot,
    fixture: "deploy-101-web",
    failing: [
      { name: "no runAsNonRoot anywhere", change: (i) => delete podSpec(i).securityContext },
      { name: "a container overriding to false", change: (i) => (webContainer(i).securityContext.runAsNonRoot = false) },
      { name: "a container running as uid 0", change: (i) => (webContainer(i).securityContext.runAsUser = 0), message: /user 0/ },
    ],
    passing: [
      {
        name: "set on every container instead of the pod",
        change: (i) => {
          delete podSpec(i).securityContext;
          webContainer(i).securityContext.runAsNonRoot = true;
          podSpec(i).initContainers[0].securityContext.runAsNonRoot = true;
        },
      },
    ],
  },
  {
    rule: disallowHostNamespaces,
    fixture: "deploy-101-web",
    failing: [
      { name: "hostNetwork", change: (i) => (podSpec(i).hostNetwork = true), message: /hostNetwork/ },
      { name: "hostPID", change: (i) => (podSpec(i).hostPID = true), message: /hostPID/ },
      { name: "hostIPC", change: (i) => (podSpec(i).hostIPC = true), message: /hostIPC/ },
    ],
  },
  {
    rule: disallowHostPathVolumes,
    fixture: "deploy-101-web",
    failing: [{ name: "a hostPath volume", change: (i) => podSpec(i).volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } }), message: /docker\.sock/ }],
  },
  {
    rule: requireResourceLimits,
    fixture: "deploy-101-web",
    failing: [
      { name: "no limits", change: (i) => delete webContainer(i).resources.limits },
      { name: "no memory limit", change: (i) => delete webContainer(i).resources.limits.memory, message: /memory/ },
      { name: "an init container without limits", change: (i) => delete podSpec(i).initContainers[0].resources },
    ],
  },
  {
    rule: restrictImageRegistries,
    fixture: "deploy-101-web",
    failing: [
      { name: "Docker Hub by implicit default", change: (i) => (webContainer(i).image = "nginx:1.27"), message: /nginx/ },
      { name: "a look-alike host", change: (i) => (webContainer(i).image = "mcr.microsoft.com.evil.example/aspnet:8.0") },
      { name: "a public registry", change: (i) => (webContainer(i).image = "ghcr.io/x/y:1") },
      { name: "no image", change: (i) => delete webContainer(i).image },
    ],
  },
  {
    rule: requireInternalLoadBalancer,
    fixture: "svc-101-web",
    failing: [
      { name: "no annotation", change: (i) => delete i.metadata.annotations },
      { name: "annotation false", change: (i) => (i.metadata.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"] = "false") },
    ],
    passing: [{ name: "a ClusterIP service without annotation", change: (i) => ((i.spec.type = "ClusterIP"), delete i.metadata.annotations) }],
  },

];

/** Workload kinds whose pod template the pod rules must find, with a privileged container placed in it. */
export const WORKLOAD_SHAPES: { type: string; inputs: Record<string, any> }[] = [
  { type: K8S.pod, inputs: { metadata: { name: "p" }, spec: { containers: [{ name: "c", securityContext: { privileged: true } }] } } },
  ...[K8S.deployment, K8S.statefulSet, K8S.daemonSet, K8S.replicaSet, K8S.job].map((type) => ({
    type,
    inputs: { metadata: { name: "w" }, spec: { template: { spec: { containers: [{ name: "c", securityContext: { privileged: true } }] } } } },
  })),
  {
    type: K8S.cronJob,
    inputs: {
      metadata: { name: "cj" },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", securityContext: { privileged: true } }] } } } } },
    },
  },
];
