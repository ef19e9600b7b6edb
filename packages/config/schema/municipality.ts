/**
 * `stacks/<unit>/municipalities/<code>-<slug>.yaml`: one municipality's whole
 * onboarding. Checks that need other files (registry, other municipalities,
 * the unit's ranges) live in ../checks, not here.
 */
import { z } from "zod";
import { parseCidr, cidrOverlaps } from "../../ipam/cidr.js";
import { DEFAULTS } from "../defaults.js";
import { billing, cidr, contact, dataClassification, entraObjectId, ipv4Address, slug, zone } from "./common.js";

export const LIFECYCLES = ["planned", "migrating", "live", "offboarding", "retired"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

/** Server images the platform builds from, by OS name (publisher/offer/sku are mapped in the tenant component). */
export const VM_OS = ["windows-server-2019", "windows-server-2022", "windows-server-2025", "ubuntu-22.04", "ubuntu-24.04", "rhel-9"] as const;

const siteConnection = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("vpn"),
    /** The site's public VPN endpoint. */
    gatewayAddress: ipv4Address,
    bgp: z.strictObject({ asn: z.int().min(1).max(4294967295), peeringAddress: ipv4Address }).optional(),
  }),
  z.strictObject({
    type: z.literal("expressRoute"),
    /** ARM id of the ExpressRoute circuit authorisation the site's provider issued. */
    circuitId: z.string().regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/expressRouteCircuits\/[^/]+$/i, {
      error: "expected an ExpressRoute circuit ARM id (/subscriptions/.../providers/Microsoft.Network/expressRouteCircuits/NAME)",
    }),
  }),
]);

const natMapping = z
  .strictObject({ internal: cidr, external: cidr })
  .superRefine((m, ctx) => {
    const a = parseCidr(m.internal);
    const b = parseCidr(m.external);
    if (a && b && a.prefixLength !== b.prefixLength) {
      ctx.addIssue({
        code: "custom",
        path: ["external"],
        message: `static NAT maps ranges of equal size: internal is /${a.prefixLength}, external is /${b.prefixLength}`,
        input: m.external,
      });
    }
  });

const site = z.strictObject({
  name: slug,
  prefixes: z.array(cidr).min(1, { error: "a site announces at least one prefix" }),
  connection: siteConnection,
  /**
   * Static NAT on the unit's VPN gateway for a site whose prefixes collide with
   * another site or an Azure range: Azure sees `external`, the site keeps `internal`.
   */
  nat: z.strictObject({ mappings: z.array(natMapping).min(1) }).optional(),
});

const port = z.strictObject({
  port: z.int().min(1).max(65535),
  protocol: z.enum(["Tcp", "Udp"]).default("Tcp"),
  /** Which of the municipality's own sites may reach this port; `all` means every site. */
  from: z.union([z.literal("all"), z.array(slug).min(1)]).default("all"),
});

const backup = z.discriminatedUnion("tier", [
  z.strictObject({ tier: z.literal("standard") }),
  z.strictObject({ tier: z.literal("critical") }),
  z.strictObject({
    tier: z.literal("none"),
    reason: z.string().min(15, { error: "an exclusion from backup needs a reason of at least 15 characters, for the auditor" }),
  }),
]);

const vmWorkload = z.strictObject({
  name: slug,
  kind: z.literal("vm"),
  description: z.string().optional(),
  os: z.enum(VM_OS, { error: `allowed server images: ${VM_OS.join(", ")}` }),
  size: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, { error: "expected an Azure VM size such as Standard_D4s_v5" }),
  zone: zone.default(DEFAULTS.vm.zone),
  osDiskSizeGb: z.int().min(30).max(4095).default(DEFAULTS.vm.osDiskSizeGb),
  dataDisks: z
    .array(
      z.strictObject({
        name: slug,
        sizeGb: z.int().min(4).max(32767),
        sku: z.enum(["Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS"]).default("Premium_ZRS"),
      }),
    )
    .default([]),
  dataClassification: dataClassification.optional(),
  backup,
  ports: z.array(port).default([]),
});

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi|Ki)?$/, { error: "expected a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi" });
const resourcePair = z.strictObject({ cpu: quantity, memory: quantity });

const exposure = z.discriminatedUnion("type", [
  /** Reachable only inside its namespace. */
  z.strictObject({ type: z.literal("none") }),
  /** Reachable from the municipality's own sites through the unit's internal ingress. */
  z.strictObject({ type: z.literal("internal"), host: z.string().regex(/^[a-z0-9.-]+$/).optional() }),
  /** Published to the internet through the unit's ingress (TLS only). */
  z.strictObject({ type: z.literal("internet"), host: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: "expected a fully qualified host name" }) }),
]);

const egress = z.strictObject({
  /** Destination: a CIDR, or a host name resolved by the firewall. */
  to: z.string().min(1),
  ports: z.array(z.int().min(1).max(65535)).min(1),
});

const containerWorkload = z.strictObject({
  name: slug,
  kind: z.literal("container"),
  description: z.string().optional(),
  /** Image by registry/repository:tag or @sha256 digest. */
  image: z.string().regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$/, {
    error: "expected registry/repository:tag or registry/repository@sha256:<digest>, e.g. mcr.microsoft.com/dotnet/aspnet:8.0",
  }),
  replicas: z.int().min(1).max(50).default(DEFAULTS.container.replicas),
  port: z.int().min(1024, { error: "containers run as non-root and listen on 1024 or above" }).max(65535),
  resources: z.strictObject({ requests: resourcePair, limits: resourcePair }),
  healthPath: z.string().startsWith("/").default(DEFAULTS.container.healthPath),
  exposure: exposure.default({ ...DEFAULTS.container.exposure }),
  egress: z.array(egress).default([]),
  dataClassification: dataClassification.optional(),
});

export const workloadSchema = z.discriminatedUnion("kind", [vmWorkload, containerWorkload]);

const containers = z.strictObject({
  quota: z.strictObject({ cpu: quantity, memory: quantity, pods: z.int().min(1).max(5000) }),
  defaultLimits: resourcePair.default({ ...DEFAULTS.municipality.containers.defaultLimits }),
  defaultRequests: resourcePair.default({ ...DEFAULTS.municipality.containers.defaultRequests }),
});

export const municipalitySchema = z
  .strictObject({
    code: z.string({ error: "kommunekode must be a quoted 3-digit string, e.g. code: \"851\"" }).regex(/^\d{3}$/, {
      error: "kommunekode is 3 digits as a quoted string, e.g. \"101\" or \"851\"",
    }),
    name: z.string().min(2),
    lifecycle: z.enum(LIFECYCLES),
    dataClassification,
    contacts: z.strictObject({
      /** The municipality's information security officer: receives incident notifications (NIS2 24 h / 72 h). */
      securityOfficer: contact,
      dataProtectionOfficer: contact.optional(),
      technical: contact.optional(),
    }),
    billing,
    operators: z.strictObject({
      /** Entra group of the municipality's own operators; scoped to its resources only. */
      groupId: entraObjectId,
      /** Entra group that may read the municipality's logs (besides the unit SOC). */
      logReaderGroupId: entraObjectId.optional(),
    }),
    migration: z.strictObject({
      wave: z.int().min(1).max(20),
      cutover: z.iso.date({ error: "expected a real calendar date as YYYY-MM-DD, e.g. 2027-03-15" }),
    }),
    /**
     * The dated, approved release of a retired municipality's data. Without it
     * a retired municipality keeps every disk, key and recovery point.
     */
    dataRelease: z
      .strictObject({
        approvedBy: z.string().min(3),
        date: z.iso.date({ error: "expected a real calendar date as YYYY-MM-DD" }),
        reference: z.string().min(3),
      })
      .optional(),
    network: z.strictObject({
      addressSpace: cidr,
      sites: z.array(site).default([]),
    }),
    containers: containers.optional(),
    workloads: z.array(workloadSchema).default([]),
  })
  .superRefine((m, ctx) => {
    if (m.dataRelease && m.lifecycle !== "retired") {
      ctx.addIssue({
        code: "custom",
        path: ["dataRelease"],
        message: `dataRelease applies only to a retired municipality; lifecycle is '${m.lifecycle}'`,
        input: m.lifecycle,
      });
    }
    const names = new Map<string, number>();
    m.workloads.forEach((w, i) => {
      const first = names.get(w.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["workloads", i, "name"],
          message: `workload name '${w.name}' is already used by workloads[${first}]; names are identities and must be unique`,
          input: w.name,
        });
      } else names.set(w.name, i);
      const classification = w.dataClassification ?? m.dataClassification;
      if (w.kind === "container" && w.exposure.type === "internet" && classification === "sensitive-personal") {
        ctx.addIssue({
          code: "custom",
          path: ["workloads", i, "exposure", "type"],
          message: `'${w.name}' handles sensitive personal data and cannot be exposed to the internet; use exposure type internal`,
          input: w.exposure.type,
        });
      }
      if (w.kind === "container") {
        if (!m.containers) {
          ctx.addIssue({
            code: "custom",
            path: ["workloads", i, "kind"],
            message: `container workload '${w.name}' needs a 'containers' section (namespace quota) in this file`,
            input: w.kind,
          });
        }
      }
      if (w.kind === "vm") {
        const siteNames = new Set(m.network.sites.map((s) => s.name));
        w.ports.forEach((p, j) => {
          if (p.from === "all") return;
          p.from.forEach((s, k) => {
            if (!siteNames.has(s)) {
              ctx.addIssue({
                code: "custom",
                path: ["workloads", i, "ports", j, "from", k],
                message: `site '${s}' is not one of this municipality's sites (${[...siteNames].join(", ") || "none declared"})`,
                input: s,
              });
            }
          });
        });
      }
    });
    const siteNames = new Map<string, number>();
    m.network.sites.forEach((s, i) => {
      const first = siteNames.get(s.name);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["network", "sites", i, "name"], message: `site name '${s.name}' is already used by sites[${first}]`, input: s.name });
      } else siteNames.set(s.name, i);
      s.nat?.mappings.forEach((mapping, j) => {
        const covered = s.prefixes.some((p) => parseCidr(p) && parseCidr(mapping.internal) && cidrOverlaps(p, mapping.internal));
        if (!covered) {
          ctx.addIssue({
            code: "custom",
            path: ["network", "sites", i, "nat", "mappings", j, "internal"],
            message: `NAT internal range ${mapping.internal} is not one of the site's prefixes (${s.prefixes.join(", ")})`,
            input: mapping.internal,
          });
        }
      });
    });
  });

export type MunicipalityConfigInput = z.input<typeof municipalitySchema>;
export type MunicipalityConfig = z.output<typeof municipalitySchema>;
export type WorkloadConfig = z.output<typeof workloadSchema>;
export type VmWorkloadConfig = Extract<WorkloadConfig, { kind: "vm" }>;
export type ContainerWorkloadConfig = Extract<WorkloadConfig, { kind: "container" }>;
export type SiteConfig = MunicipalityConfig["network"]["sites"][number];
