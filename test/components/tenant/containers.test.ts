import { beforeAll, describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import { imageRegistryProblem, MunicipalityNamespace, PRIVATE_RANGES } from "../../../components/tenant/containers.js";
import { tenantPlan } from "../../../components/tenant/plan.js";
import { ComponentArgsError } from "../../../components/errors.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { byName, fakeRefs, fakeRefsData, fullMunicipality, tenantResources, unitConfig } from "./fixture.js";

const m = fullMunicipality();

let run: MockRunResult;
beforeAll(async () => {
  run = await runWithMocks(
    () => {
      new MunicipalityTenant("k147", toTenantArgs(unitConfig(), m, fakeRefs()));
    },
    { stack: "testenhed" },
  );
});

const k8sResources = (): RecordedResource[] => tenantResources(run, "147").filter((r) => r.type.startsWith("kubernetes:"));
const get = (type: string, name: string) => byName(run.resources, type, name).inputs as Record<string, any>;

describe("namespace", () => {
  it("builds exactly the namespace's resources and each workload's", () => {
    expect(k8sResources().map((r) => `${r.type.slice("kubernetes:".length).replace(/:[A-Za-z]+$/, (k) => ":" + k.slice(1))} ${r.inputs.metadata && (r.inputs.metadata as any).name}`).sort()).toEqual(
      [
        "apps/v1:Deployment sags-api",
        "apps/v1:Deployment selvbetjening",
        "core/v1:LimitRange municipality-defaults",
        "core/v1:Namespace k147",
        "core/v1:ResourceQuota municipality-quota",
        "core/v1:Service sags-api",
        "core/v1:Service selvbetjening",
        "networking.k8s.io/v1:Ingress sags-api",
        "networking.k8s.io/v1:Ingress selvbetjening",
        "networking.k8s.io/v1:NetworkPolicy allow-dns",
        "networking.k8s.io/v1:NetworkPolicy default-deny-all",
        "networking.k8s.io/v1:NetworkPolicy sags-api-egress",
        "networking.k8s.io/v1:NetworkPolicy sags-api-from-ingress",
        "networking.k8s.io/v1:NetworkPolicy selvbetjening-egress",
        "networking.k8s.io/v1:NetworkPolicy selvbetjening-from-ingress",
        // PodDisruptionBudget only for selvbetjening (3 replicas); sags-api runs one.
        "policy/v1:PodDisruptionBudget selvbetjening",
        "rbac.authorization.k8s.io/v1:Role municipality-operator",
        "rbac.authorization.k8s.io/v1:RoleBinding municipality-operators",
      ].sort(),
    );
    for (const r of k8sResources()) {
      if (r.type !== "kubernetes:core/v1:Namespace") expect((r.inputs.metadata as any).namespace, r.name).toBe("k147");
    }
  });

  it("k<code>, labelled with its kommunekode, Pod Security Admission restricted enforced, audited and warned", () => {
    const ns = get("kubernetes:core/v1:Namespace", "k147-containers-namespace");
    expect(ns.metadata.name).toBe("k147");
    expect(ns.metadata.labels).toMatchObject({
      "driftsenhed.dk/kommunekode": "147",
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  it("quota and default limits from the file; no load balancer or node port of its own", () => {
    expect(get("kubernetes:core/v1:ResourceQuota", "k147-containers-quota").spec.hard).toEqual({
      "requests.cpu": "12",
      "requests.memory": "24Gi",
      "limits.cpu": "12",
      "limits.memory": "24Gi",
      pods: "40",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
    expect(get("kubernetes:core/v1:LimitRange", "k147-containers-limits").spec.limits).toEqual([
      { type: "Container", default: { cpu: "500m", memory: "512Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } },
    ]);
  });

  it("deny all by default, then DNS to kube-dns only", () => {
    expect(get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "k147-containers-deny-all").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "k147-containers-allow-dns").spec).toEqual({
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    });
  });

  it("ingress only from the unit's ingress controllers, on the workload's port", () => {
    expect(get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "k147-containers-sags-api-from-ingress").spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "sags-api" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "app-routing-system" } } }], ports: [{ protocol: "TCP", port: 8443 }] }],
    });
  });

  it("egress as declared: a CIDR as itself, a host name only to public addresses", () => {
    expect(get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "k147-containers-sags-api-egress").spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.64.128.0/18" } }], ports: [{ protocol: "TCP", port: 443 }] },
    ]);
    expect(get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "k147-containers-selvbetjening-egress").spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }], ports: [{ protocol: "TCP", port: 443 }] },
    ]);
    expect(PRIVATE_RANGES).toEqual(expect.arrayContaining(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]));
  });

  it("the operator group gets a namespaced Role: read, logs and pod restarts; no secrets, no writes to policies or exposure", () => {
    const role = get("kubernetes:rbac.authorization.k8s.io/v1:Role", "k147-containers-operator-role");
    const rules = role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    for (const r of rules) expect(r.resources).not.toContain("secrets");
    const writes = rules.filter((r) => r.verbs.some((v) => !["get", "list", "watch"].includes(v)));
    expect(writes).toEqual([{ apiGroups: [""], resources: ["pods"], verbs: ["delete"] }]);
    const binding = get("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "k147-containers-operators");
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "municipality-operator" });
    expect(binding.subjects).toEqual([{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: m.operators.groupId }]);
  });
});

describe("workloads", () => {
  it("Deployment: non-root, read-only root, no capabilities, no escalation, RuntimeDefault seccomp, no token, probes and resources", () => {
    const d = get("kubernetes:apps/v1:Deployment", "k147-containers-sags-api-deployment");
    expect(d.spec.replicas).toBe(1);
    const pod = d.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    const [c] = pod.containers;
    expect(c.image).toBe("crtest.azurecr.io/k147/sags-api:1.0.0");
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(c.resources).toEqual({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } });
    expect(c.ports).toEqual([{ name: "http", containerPort: 8443, protocol: "TCP" }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: "/health/ready", port: "http" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/health/ready", port: "http" });
    expect(get("kubernetes:apps/v1:Deployment", "k147-containers-selvbetjening-deployment").spec.template.spec.containers[0].livenessProbe.httpGet.path).toBe("/healthz");
  });

  it("Service: ClusterIP on the workload's port; PodDisruptionBudget minAvailable 1 with more than one replica", () => {
    expect(get("kubernetes:core/v1:Service", "k147-containers-selvbetjening-service").spec).toEqual({
      type: "ClusterIP",
      selector: { "app.kubernetes.io/name": "selvbetjening" },
      ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }],
    });
    expect(get("kubernetes:policy/v1:PodDisruptionBudget", "k147-containers-selvbetjening-pdb").spec).toEqual({
      minAvailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "selvbetjening" } },
    });
  });

  it("internet exposure: application routing's public class, TLS for the host, HTTPS only", () => {
    const ing = get("kubernetes:networking.k8s.io/v1:Ingress", "k147-containers-selvbetjening-ingress");
    expect(ing.spec.ingressClassName).toBe("webapprouting.kubernetes.azure.com");
    expect(ing.spec.tls).toEqual([{ hosts: ["selvbetjening.frederiksberg.kommune.example"], secretName: "keyvault-selvbetjening" }]);
    expect(ing.spec.rules[0].host).toBe("selvbetjening.frederiksberg.kommune.example");
    expect(ing.metadata.annotations).toMatchObject({
      "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
      "kubernetes.azure.com/tls-cert-keyvault-uri": "https://kv-testenhed-k147-2dc2.vault.azure.net/certificates/selvbetjening-tls",
    });
    expect(ing.metadata.annotations["nginx.ingress.kubernetes.io/whitelist-source-range"]).toBeUndefined();
  });

  it("internal exposure: the internal class, admitting only the municipality's own sites and spoke", () => {
    const ing = get("kubernetes:networking.k8s.io/v1:Ingress", "k147-containers-sags-api-ingress");
    expect(ing.spec.ingressClassName).toBe("nginx-internal");
    expect(ing.spec.tls[0].hosts).toEqual(["sags-api.k147.testenhed.internal"]);
    expect(ing.metadata.annotations["nginx.ingress.kubernetes.io/whitelist-source-range"]).toBe("10.20.0.0/16,10.21.0.0/20,10.224.0.0/16,10.64.128.0/18");
    expect(ing.metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]).toBe("true");
  });
});

describe("image allow-list", () => {
  it.each([
    ["mcr.microsoft.com/dotnet/aspnet:8.0", undefined],
    ["crtest.azurecr.io/k147/x@sha256:" + "a".repeat(64), undefined],
    ["crtest.azurecr.io.evil.example/x:1", "does not come from a registry the unit allows"],
    ["docker.io/library/nginx:1", "does not come from a registry the unit allows"],
  ])("%s", (image, problem) => {
    const p = imageRegistryProblem(image, ["mcr.microsoft.com", "crtest.azurecr.io"]);
    if (problem) expect(p).toContain(problem);
    else expect(p).toBeUndefined();
  });

  it("is checked again when the namespace is built, whatever built its arguments, before any child is registered", async () => {
    const containers = tenantPlan(toTenantArgs(unitConfig(), m, fakeRefsData())).containers!;
    const bad = { ...containers, workloads: [{ ...containers.workloads[0]!, image: "docker.io/library/nginx:1.27" }] };
    const provider = {} as k8s.Provider;
    let caught: unknown;
    const rejected = await runWithMocks(
      () => {
        try {
          new MunicipalityNamespace("k147-containers", { code: "147", unitId: "testenhed", containers: bad, operatorGroupId: m.operators.groupId, keyVaultUri: "https://kv/", provider });
        } catch (e) {
          caught = e;
        }
      },
      { stack: "testenhed" },
    );
    expect(caught).toBeInstanceOf(ComponentArgsError);
    expect((caught as ComponentArgsError).findings).toEqual([
      expect.objectContaining({
        source: "driftsenhed:tenant:MunicipalityNamespace k147-containers",
        path: "containers.workloads.0.image",
        message: expect.stringContaining("image 'docker.io/library/nginx:1.27' does not come from a registry the unit allows"),
      }),
    ]);
    expect(rejected.resources.filter((r) => r.type.startsWith("kubernetes:"))).toEqual([]);
  });
});
