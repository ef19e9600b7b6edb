/**
 * One container workload of a municipality, inside its namespace: the
 * workload's own NetworkPolicies (ingress only from the unit's ingress
 * controllers, egress only as declared), a Deployment that passes Pod
 * Security Admission `restricted`, a ClusterIP Service, a PodDisruptionBudget
 * when there is more than one replica, and a TLS-only Ingress when exposed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { ResolvedContainerWorkload } from "./resolved.js";
import { renameAliases } from "./rename.js";

/**
 * Destinations a host-name egress may not reach: the private ranges (other
 * municipalities' spokes, the hub, on-premises sites) and the link-local
 * metadata range. A private destination must be declared as a CIDR.
 */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];

export interface ContainerWorkloadContext {
  ingressControllerNamespace: string;
  /** Municipality's Key Vault URI: the Ingress's TLS certificate lives there. */
  keyVaultUri: pulumi.Input<string>;
  /** Metadata in the municipality's namespace with its labels. */
  meta: (name: string, extra?: Record<string, string>) => { name: string; namespace: string; labels: Record<string, string> };
  /** Provider, parent and the namespace dependency. */
  opts: pulumi.CustomResourceOptions;
  /**
   * The workload's logical key before a deliberate rename: each resource `<key>-...` gets an alias to `<previousKey>-...`.
   * @default not renamed
   */
  previousKey?: string;
}

export function createContainerWorkload(key: string, w: ResolvedContainerWorkload, ctx: ContainerWorkloadContext): void {
  const { meta, opts } = ctx;
  // A renamed workload: each resource keeps its URN through an alias to its old logical name.
  const was = (suffix: string): pulumi.CustomResourceOptions => ({ ...opts, ...renameAliases(ctx.previousKey, suffix) });
  const app = { "app.kubernetes.io/name": w.name };
  const ingressNs = ctx.ingressControllerNamespace;

  if (w.exposure.type !== "none") {
    new k8s.networking.v1.NetworkPolicy(
      `${key}-from-ingress`,
      {
        metadata: meta(`${w.name}-from-ingress`, app),
        spec: {
          podSelector: { matchLabels: app },
          policyTypes: ["Ingress"],
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ingressNs } } }],
              ports: [{ protocol: "TCP", port: w.port }],
            },
          ],
        },
      },
      was("-from-ingress"),
    );
  }
  if (w.egress.length > 0) {
    new k8s.networking.v1.NetworkPolicy(
      `${key}-egress`,
      {
        metadata: meta(`${w.name}-egress`, app),
        spec: {
          podSelector: { matchLabels: app },
          policyTypes: ["Egress"],
          egress: w.egress.map((e) => ({
            // A host name cannot be expressed in a NetworkPolicy: the pod may reach public
            // addresses on the declared ports, never a private range; the unit firewall
            // decides which public names are reachable at all.
            to: [isCidr(e.to) ? { ipBlock: { cidr: e.to } } : { ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }],
            ports: e.ports.map((port) => ({ protocol: "TCP", port })),
          })),
        },
      },
      was("-egress"),
    );
  }

  const restricted = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
  const probe = (initialDelaySeconds: number) => ({ httpGet: { path: w.healthPath, port: "http" }, initialDelaySeconds, periodSeconds: 10 });
  new k8s.apps.v1.Deployment(
    `${key}-deployment`,
    {
      metadata: meta(w.name, app),
      spec: {
        replicas: w.replicas,
        selector: { matchLabels: app },
        template: {
          metadata: { labels: { ...meta(w.name).labels, ...app, "driftsenhed.dk/data-classification": w.dataClassification } },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: w.name,
                image: w.image,
                ports: [{ name: "http", containerPort: w.port, protocol: "TCP" }],
                resources: { requests: { ...w.resources.requests }, limits: { ...w.resources.limits } },
                securityContext: restricted,
                livenessProbe: probe(15),
                readinessProbe: probe(5),
                // A read-only root file system still needs somewhere to write temporary files.
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
              },
            ],
            volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: app } },
            ],
          },
        },
      },
    },
    was("-deployment"),
  );
  new k8s.core.v1.Service(
    `${key}-service`,
    { metadata: meta(w.name, app), spec: { type: "ClusterIP", selector: app, ports: [{ name: "http", port: w.port, targetPort: "http", protocol: "TCP" }] } },
    was("-service"),
  );
  if (w.replicas > 1) {
    new k8s.policy.v1.PodDisruptionBudget(
      `${key}-pdb`,
      { metadata: meta(w.name, app), spec: { minAvailable: 1, selector: { matchLabels: app } } },
      was("-pdb"),
    );
  }
  if (w.exposure.type !== "none") {
    const certUri = pulumi.interpolate`${ctx.keyVaultUri}certificates/${w.name}-tls`;
    new k8s.networking.v1.Ingress(
      `${key}-ingress`,
      {
        metadata: {
          ...meta(w.name, app),
          annotations: {
            // HTTPS only: plain HTTP is redirected, never served.
            "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
            "nginx.ingress.kubernetes.io/ssl-redirect": "true",
            // Application routing syncs the certificate from the municipality's own vault.
            "kubernetes.azure.com/tls-cert-keyvault-uri": certUri,
            // The internal controller is shared by the unit: it routes by host name, so
            // without this another municipality's site could reach this host through it.
            ...(w.exposure.type === "internal"
              ? { "nginx.ingress.kubernetes.io/whitelist-source-range": w.exposure.allowedSourceRanges.join(",") }
              : {}),
          },
        },
        spec: {
          ingressClassName: w.exposure.ingressClassName,
          tls: [{ hosts: [w.exposure.host], secretName: `keyvault-${w.name}` }],
          rules: [
            {
              host: w.exposure.host,
              http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: w.name, port: { name: "http" } } } }] },
            },
          ],
        },
      },
      was("-ingress"),
    );
  }
}

function isCidr(value: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value);
}
