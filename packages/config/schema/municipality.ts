/**
 * `stacks/<unit>/municipalities/<code>-<slug>.yaml`: one municipality's whole
 * onboarding. Checks that need other files (registry, other municipalities,
 * the unit's ranges) live in ../checks, not here.
 */
import { z } from "zod";
import { parseCidr, cidrOverlaps } from "../../../components/vocabulary/cidr.js";
import { DEFAULTS } from "../../../components/vocabulary/defaults.js";
import { LIFECYCLES, offboardingFreezeProblems, type Lifecycle } from "../../../components/vocabulary/lifecycle.js";
import { VM_OS } from "../../../components/vocabulary/os.js";
import { billing, cidr, contact, dataClassification, entraObjectId, ipv4Address, slug, zone } from "./common.js";

/** Re-exported so configuration code names them from the contract; the vocabulary owns them. */
export { LIFECYCLES, VM_OS, type Lifecycle };

const siteConnection = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("vpn"),
    gatewayAddress: ipv4Address.meta({ description: "The site's public VPN endpoint" }),
    bgp: z
      .strictObject({
        asn: z.int().min(1).max(4294967295).meta({ description: "The site's BGP autonomous system number" }),
        peeringAddress: ipv4Address.meta({ description: "The site's BGP peer address" }),
      })
      .meta({ description: "Dynamic routing with the site; without it the site's prefixes are routed statically" })
      .optional(),
  }),
  z.strictObject({
    type: z.literal("expressRoute"),
    circuitId: z.string().regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/expressRouteCircuits\/[^/]+$/i, {
      error: "expected an ExpressRoute circuit ARM id (/subscriptions/.../providers/Microsoft.Network/expressRouteCircuits/NAME)",
    })
      .meta({ description: "ARM id of the ExpressRoute circuit the site's provider authorised" }),
  }),
]);

const natMapping = z
  .strictObject({
    internal: cidr.meta({ description: "The range as the site uses it (one of its prefixes, or part of one)" }),
    external: cidr.meta({ description: "The range Azure sees instead; same size, unique in the unit" }),
  })
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

/** A deliberate rename: the old name, kept in the file so the resources keep their identity (URN alias, Azure names). */
const renamedFrom = (what: string) =>
  slug
    .meta({
      description: `The ${what}'s previous name, for a deliberate rename: its resources keep their Pulumi identity (an alias to the old logical names) and their Azure names; keep it in the file while the resources exist`,
    })
    .optional();

const site = z.strictObject({
  name: slug.meta({ description: "The site's key: part of resource names, referred to by workload ports" }),
  renamedFrom: renamedFrom("site"),
  prefixes: z
    .array(cidr)
    .min(1, { error: "a site announces at least one prefix" })
    .meta({ description: "The site's on-premises address ranges" }),
  connection: siteConnection.meta({ description: "How the site connects to the unit's hub" }),
  nat: z
    .strictObject({ mappings: z.array(natMapping).min(1).meta({ description: "One static mapping per translated range" }) })
    .meta({
      description:
        "Static NAT on the unit's VPN gateway for a site whose prefixes collide with another site or an Azure range: Azure sees external, the site keeps internal",
    })
    .optional(),
});

const port = z.strictObject({
  port: z.int().min(1).max(65535).meta({ description: "Port the server listens on" }),
  protocol: z.enum(["Tcp", "Udp"]).meta({ description: "Transport protocol" }).default(DEFAULTS.vm.port.protocol),
  from: z
    .union([z.literal("all"), z.array(slug).min(1)])
    .meta({ description: "Which of the municipality's own sites may reach the port: all, or a list of site names" })
    .default(DEFAULTS.vm.port.from),
});

const backup = z.discriminatedUnion("tier", [
  z.strictObject({ tier: z.literal("standard") }),
  z.strictObject({ tier: z.literal("critical") }),
  z.strictObject({
    tier: z.literal("none"),
    reason: z
      .string()
      .min(15, { error: "an exclusion from backup needs a reason of at least 15 characters, for the auditor" })
      .meta({ description: "Why the server needs no backup (at least 15 characters, for the auditor)" }),
  }),
]);

const workloadName = slug.meta({ description: "The workload's key, unique in the municipality: part of resource names, never reused" });
const workloadDescription = z.string().meta({ description: "What the workload is, for people" }).optional();
const workloadClassification = dataClassification
  .meta({ description: "The workload's data classification; defaults to the municipality's" })
  .optional();

const vmWorkload = z.strictObject({
  name: workloadName,
  renamedFrom: renamedFrom("workload"),
  kind: z.literal("vm"),
  description: workloadDescription,
  os: z.enum(VM_OS, { error: `allowed server images: ${VM_OS.join(", ")}` }).meta({ description: "Server image" }),
  size: z
    .string()
    .regex(/^Standard_[A-Za-z0-9_]+$/, { error: "expected an Azure VM size such as Standard_D4s_v5" })
    .meta({ description: "Azure VM size, e.g. Standard_D4s_v5" }),
  zone: zone.meta({ description: "Availability zone of the server and its disks" }).default(DEFAULTS.vm.zone),
  osDiskSizeGb: z.int().min(30).max(4095).meta({ description: "OS disk size in GB" }).default(DEFAULTS.vm.osDiskSizeGb),
  dataDisks: z
    .array(
      z.strictObject({
        name: slug.meta({ description: "The disk's key: part of its resource name; a disk never changes owner" }),
        lun: z
          .int({ error: "lun is the disk's logical unit on its server: a whole number from 0 to 63, e.g. lun: 0" })
          .min(0, { error: "lun is 0 to 63 (Azure's logical units of a data disk)" })
          .max(63, { error: "lun is 0 to 63 (Azure's logical units of a data disk)" })
          .meta({ description: "The disk's logical unit on its server (0-63), unique per server; never change it for an attached disk" }),
        sizeGb: z.int().min(4).max(32767).meta({ description: "Disk size in GB" }),
        sku: z
          .enum(["Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS"])
          .meta({ description: "Managed disk type" })
          .default(DEFAULTS.vm.dataDiskSku),
      }),
    )
    .meta({ description: "Data disks, encrypted with the municipality's key" })
    .default([...DEFAULTS.vm.dataDisks]),
  dataClassification: workloadClassification,
  backup: backup.meta({ description: "Backup tier of the server (the unit defines the tiers' retention)" }),
  ports: z.array(port).meta({ description: "Ports the municipality's sites may reach; nothing else is open" }).default([...DEFAULTS.vm.ports]),
});

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi|Ki)?$/, { error: "expected a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi" });
const resourcePair = z.strictObject({
  cpu: quantity.meta({ description: "CPU, e.g. 500m or 2" }),
  memory: quantity.meta({ description: "Memory, e.g. 512Mi or 4Gi" }),
});

const exposure = z.discriminatedUnion("type", [
  /** Reachable only inside its namespace. */
  z.strictObject({ type: z.literal("none") }),
  /** Reachable from the municipality's own sites through the unit's internal ingress. */
  z.strictObject({
    type: z.literal("internal"),
    host: z.string().regex(/^[a-z0-9.-]+$/).meta({ description: "Host name on the internal ingress" }).optional(),
  }),
  /** Published to the internet through the unit's ingress (TLS only). */
  z.strictObject({
    type: z.literal("internet"),
    host: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: "expected a fully qualified host name" })
      .meta({ description: "Public host name (TLS only)" }),
  }),
]);

const egress = z.strictObject({
  to: z.string().min(1).meta({ description: "Destination: a CIDR, or a host name resolved by the firewall" }),
  ports: z.array(z.int().min(1).max(65535)).min(1).meta({ description: "Destination ports" }),
});

const containerWorkload = z.strictObject({
  name: workloadName,
  renamedFrom: renamedFrom("workload"),
  kind: z.literal("container"),
  description: workloadDescription,
  image: z
    .string().regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$/, {
    error: "expected registry/repository:tag or registry/repository@sha256:<digest>, e.g. mcr.microsoft.com/dotnet/aspnet:8.0",
    })
    .meta({ description: "Image as registry/repository:tag or registry/repository@sha256:digest, from one of the unit's allowedRegistries" }),
  replicas: z.int().min(1).max(50).meta({ description: "Number of pods" }).default(DEFAULTS.container.replicas),
  port: z
    .int()
    .min(1024, { error: "containers run as non-root and listen on 1024 or above" })
    .max(65535)
    .meta({ description: "Port the container listens on (1024 or above: containers run as non-root)" }),
  resources: z
    .strictObject({
      requests: resourcePair.meta({ description: "Resources reserved per pod" }),
      limits: resourcePair.meta({ description: "Most resources a pod may use" }),
    })
    .meta({ description: "Per-pod resources" }),
  healthPath: z.string().startsWith("/").meta({ description: "HTTP path of the health probe" }).default(DEFAULTS.container.healthPath),
  exposure: exposure
    .meta({ description: "Who can reach the workload: none (namespace only), internal (the municipality's sites) or internet" })
    .default({ ...DEFAULTS.container.exposure }),
  egress: z
    .array(egress)
    .meta({ description: "Destinations outside the cluster the workload may reach; everything else is denied" })
    .default([...DEFAULTS.container.egress]),
  dataClassification: workloadClassification,
});

export const workloadSchema = z.discriminatedUnion("kind", [vmWorkload, containerWorkload]);

const containers = z.strictObject({
  quota: z
    .strictObject({
      cpu: quantity.meta({ description: "CPU the namespace's pods may request in total" }),
      memory: quantity.meta({ description: "Memory the namespace's pods may request in total" }),
      pods: z.int().min(1).max(5000).meta({ description: "Most pods in the namespace" }),
    })
    .meta({ description: "Resource quota of the municipality's namespace" }),
  defaultLimits: resourcePair
    .meta({ description: "Limits for containers that set none" })
    .default({ ...DEFAULTS.municipality.containers.defaultLimits }),
  defaultRequests: resourcePair
    .meta({ description: "Requests for containers that set none" })
    .default({ ...DEFAULTS.municipality.containers.defaultRequests }),
});

export const municipalitySchema = z
  .strictObject({
    code: z
      .string({ error: "kommunekode must be a quoted 3-digit string, e.g. code: \"851\"" })
      .regex(/^\d{3}$/, {
        error: "kommunekode is 3 digits as a quoted string, e.g. \"101\" or \"851\"",
      })
      .meta({ title: "kommunekode", description: "Kommunekode, 3 digits as a quoted string; must be in the national register" }),
    name: z.string().min(2).meta({ description: "The municipality's name exactly as in the national register, e.g. Sorø" }),
    lifecycle: z.enum(LIFECYCLES).meta({ description: "Where the municipality is in its onboarding" }),
    dataClassification: dataClassification.meta({
      description:
        "Highest classification of the municipality's data: public < internal < confidential < personal (GDPR personal data) < sensitive-personal (GDPR art. 9/10 data, CPR numbers)",
    }),
    contacts: z
      .strictObject({
        securityOfficer: contact.meta({
          description: "The municipality's information security officer: receives incident notifications (NIS2 24 h / 72 h)",
        }),
        dataProtectionOfficer: contact.meta({ description: "The municipality's data protection officer (GDPR art. 37)" }).optional(),
        technical: contact.meta({ description: "Technical contact for the migration and operations" }).optional(),
      })
      .meta({ description: "Who the unit contacts at the municipality" }),
    billing: billing.meta({ description: "Where the municipality's costs are invoiced" }),
    operators: z
      .strictObject({
        groupId: entraObjectId.meta({ description: "Entra group of the municipality's own operators; scoped to its resources only" }),
        logReaderGroupId: entraObjectId
          .meta({ description: "Entra group that may read the municipality's logs (besides the unit SOC)" })
          .optional(),
      })
      .meta({ description: "The municipality's own Entra groups" }),
    migration: z
      .strictObject({
        wave: z.int().min(1).max(20).meta({ description: "Migration wave number" }),
        cutover: z.iso
          .date({ error: "expected a real calendar date as YYYY-MM-DD, e.g. 2027-03-15" })
          .meta({ description: "Planned (or actual) cutover date; the programme deadline is 2027-12-31" }),
      })
      .meta({ description: "The municipality's migration plan" }),
    offboarding: z
      .strictObject({
        since: z.iso
          .date({ error: "expected a real calendar date as YYYY-MM-DD, e.g. 2027-09-01" })
          .meta({ description: "Date the municipality entered offboarding" }),
        frozenWorkloads: z
          .array(slug)
          .meta({
            description:
              "Names of the workloads present when offboarding began; every workload in the file must be listed (workloads can be removed, not added)",
          }),
      })
      .meta({ description: "The offboarding freeze; required exactly when lifecycle is offboarding" })
      .optional(),
    dataRelease: z
      .strictObject({
        approvedBy: z.string().min(3).meta({ description: "Who approved the release on behalf of the municipality" }),
        date: z.iso.date({ error: "expected a real calendar date as YYYY-MM-DD" }).meta({ description: "Date of the approval" }),
        reference: z.string().min(3).meta({ description: "Case or document reference of the approval" }),
      })
      .meta({
        description:
          "The dated, approved release of a retired municipality's data; without it a retired municipality keeps every disk, key and recovery point",
      })
      .optional(),
    network: z
      .strictObject({
        addressSpace: cidr.meta({
          description: "The municipality's spoke inside the unit supernet; `driftsenhed ipam <unit>` proposes a free block",
        }),
        sites: z.array(site).meta({ description: "On-premises sites connected to the unit's hub" }).default([...DEFAULTS.municipality.sites]),
      })
      .meta({ description: "The municipality's network" }),
    containers: containers
      .meta({ description: "The municipality's namespace on the unit's cluster; required for container workloads" })
      .optional(),
    workloads: z
      .array(workloadSchema)
      .meta({ description: "Servers and containers the platform runs for the municipality" })
      .default([...DEFAULTS.municipality.workloads]),
  })
  .superRefine((m, ctx) => {
    if (m.lifecycle === "offboarding" && !m.offboarding) {
      ctx.addIssue({
        code: "custom",
        path: ["offboarding"],
        message:
          "an offboarding municipality accepts no new workloads: add offboarding: { since: YYYY-MM-DD, frozenWorkloads: [the names of today's workloads] }",
        input: m.offboarding,
      });
    }
    if (m.offboarding && m.lifecycle !== "offboarding") {
      ctx.addIssue({
        code: "custom",
        path: ["offboarding"],
        message: `offboarding applies only while lifecycle is offboarding; lifecycle is '${m.lifecycle}': remove the offboarding section or set lifecycle: offboarding`,
        input: m.offboarding,
      });
    }
    if (m.offboarding) {
      for (const problem of offboardingFreezeProblems(m.lifecycle, m.workloads.map((w) => w.name), m.offboarding.frozenWorkloads)) {
        ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
      }
    }
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
        const luns = new Map<number, number>();
        w.dataDisks.forEach((d, j) => {
          const first = luns.get(d.lun);
          if (first !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: ["workloads", i, "dataDisks", j, "lun"],
              message: `lun ${d.lun} is already used by dataDisks[${first}] ('${w.dataDisks[first]!.name}') of '${w.name}'; each data disk of a server has its own lun (0-63)`,
              input: d.lun,
            });
          } else luns.set(d.lun, j);
        });
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
    renamedFromProblems(m.workloads, ["workloads"], "workload", ctx);
    renamedFromProblems(m.network.sites, ["network", "sites"], "site", ctx);
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

/** `renamedFrom` names a name no longer in use, once: a rename onto a current name would hand that one's resources over. */
function renamedFromProblems(
  items: readonly { name: string; renamedFrom?: string | undefined }[],
  at: (string | number)[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  const current = new Set(items.map((x) => x.name));
  const seen = new Map<string, number>();
  items.forEach((x, i) => {
    if (x.renamedFrom === undefined) return;
    const path = [...at, i, "renamedFrom"];
    if (current.has(x.renamedFrom)) {
      ctx.addIssue({
        code: "custom",
        path,
        message:
          x.renamedFrom === x.name
            ? `renamedFrom '${x.renamedFrom}' is the ${what}'s own name; remove renamedFrom, or give the ${what} its new name`
            : `renamedFrom '${x.renamedFrom}' is the name of another ${what} in this file; a ${what}'s resources never pass to another: rename to a name never used`,
        input: x.renamedFrom,
      });
    }
    const first = seen.get(x.renamedFrom);
    if (first !== undefined) {
      ctx.addIssue({ code: "custom", path, message: `renamedFrom '${x.renamedFrom}' is already claimed by ${at.join(".")}[${first}]; one ${what} keeps an old name's resources`, input: x.renamedFrom });
    } else seen.set(x.renamedFrom, i);
  });
}

export type MunicipalityConfigInput = z.input<typeof municipalitySchema>;
export type MunicipalityConfig = z.output<typeof municipalitySchema>;
export type WorkloadConfig = z.output<typeof workloadSchema>;
export type VmWorkloadConfig = Extract<WorkloadConfig, { kind: "vm" }>;
export type ContainerWorkloadConfig = Extract<WorkloadConfig, { kind: "container" }>;
export type SiteConfig = MunicipalityConfig["network"]["sites"][number];
