/**
 * The facts of a municipality's processor record (GDPR art. 30(2)) and of the
 * security measures (art. 32) the data processing agreement refers to, read
 * from the configuration and from the offline plan only. Every fact carries
 * its sources (a file and field, or a planned resource) and the policy rules
 * that guard it; the renderers (render.ts) only put words around them, in
 * Danish or English, so both languages state the same facts.
 */
import { EU_LOCATIONS } from "../../../components/vocabulary/defaults.js";
import { isDataBearingType } from "../../../components/vocabulary/data-bearing.js";
import { BUILT_IN_ROLES } from "../../../components/identity/roles.js";
import { KEY_VAULT_ROLES } from "../../../components/tenant/keys.js";
import { LIFECYCLE_SEMANTICS } from "../../../components/tenant/lifecycle.js";
import type { LoadedUnit } from "../../config/load.js";
import type { MunicipalityConfig } from "../../config/schema/municipality.js";
import type { PlanResource, UnitPlan } from "../plan/types.js";
import { AZURE_SERVICES, SUBPROCESSORS, SUBPROCESSORS_LISTED, type Subprocessor } from "./subprocessors.js";

export interface Source {
  /** A configuration file and the field path inside it. */
  file?: string;
  path?: string;
  /** A planned resource, by its logical name. */
  resource?: string;
}

export interface Contact {
  role: "securityOfficer" | "dataProtectionOfficer" | "technical" | "unitSecurityContact";
  name: string;
  email: string;
  source: Source;
}

export interface Activity {
  workload: string;
  kind: "vm" | "container";
  description?: string;
  classification: string;
  /** Art. 9: special categories, stated by the classification `sensitive-personal`. */
  specialCategories: boolean;
  source: Source;
}

export interface GlobalResource {
  type: string;
  name: string;
  /** Why it holds no personal data; undefined when no reason is recorded for the type. */
  reason?: GlobalReason;
}

/** Why a resource that Azure keeps outside any one region holds no personal data. */
export const GLOBAL_REASONS = {
  "privatedns:PrivateZone": "dnsRecords",
  "privatedns:VirtualNetworkLink": "configuration",
  "monitor:PrivateLinkScope": "configuration",
  "monitor:MetricAlert": "metricsRule",
  "monitor:ActionGroup": "notificationAddresses",
} as const;
export type GlobalReason = (typeof GLOBAL_REASONS)[keyof typeof GLOBAL_REASONS];

export type MeasureKey =
  | "encryptionAtRest"
  | "encryptionInTransit"
  | "networkIsolation"
  | "accessControl"
  | "logging"
  | "backup"
  | "patching"
  | "malwareProtection"
  | "deletion";

export interface Measure {
  key: MeasureKey;
  /** Language-neutral values the sentence is built from. */
  values: Record<string, string | number | boolean | string[]>;
  /** The resources that implement it. */
  resources: string[];
  /** The pack's rules that guard it. */
  rules: string[];
  sources: Source[];
}

export interface RecordFacts {
  unit: { id: string; name: string; file: string };
  municipality: { code: string; name: string; file: string; lifecycle: string; classification: string };
  generatedOn: string;
  configRevision?: string;
  contacts: Contact[];
  activities: Activity[];
  location: {
    regions: string[];
    zones: { workload: string; zone: string }[];
    backup?: { vault: string; region: string; redundancy: string; crossRegionRestore: string };
    outsideEu: { name: string; location: string }[];
    global: GlobalResource[];
  };
  subprocessors: { listed: string; entries: readonly Subprocessor[]; services: string[] };
  measures: Measure[];
  /** What the document cannot state from the configuration and plan. */
  cannotState: CannotState[];
}

export type CannotState =
  | "organisationalMeasures"
  | "agreementTerms"
  | "criminalOffences"
  | "reachability"
  | "unitSubprocessors"
  | "privilegedAccessEligibility"
  | "endpointConnectivity"
  | "globalReasonMissing";

export interface RecordInput {
  unit: LoadedUnit;
  code: string;
  plan: UnitPlan;
  /** YYYY-MM-DD. */
  generatedOn: string;
  configRevision?: string;
}

/** Rules of the pack that guard each measure (their names; the pack's registry is the source). */
export const MEASURE_RULES: Readonly<Record<MeasureKey, readonly string[]>> = {
  encryptionAtRest: ["azure-compute-require-disk-encryption-set", "azure-keyvault-restrict-keys-to-owner", "azure-keyvault-require-purge-protection", "azure-keyvault-require-soft-delete"],
  encryptionInTransit: [],
  networkIsolation: [
    "azure-network-disallow-cross-tenant-peering",
    "azure-network-disallow-cross-tenant-routes",
    "azure-network-disallow-cross-tenant-nsg-rules",
    "azure-network-disallow-cross-tenant-firewall-rules",
    "azure-network-disallow-public-ip-on-nic",
    "azure-network-disallow-management-ports-from-internet",
    "azure-network-require-subnet-nsg",
  ],
  accessControl: ["azure-keyvault-require-rbac-authorization", "azure-resources-restrict-tenant-resource-group"],
  logging: ["azure-monitor-require-diagnostic-settings", "azure-monitor-require-workspace-retention"],
  backup: ["azure-recoveryservices-require-vm-backup", "azure-recoveryservices-require-immutability", "azure-recoveryservices-require-soft-delete"],
  patching: ["azure-compute-require-platform-patching"],
  malwareProtection: [],
  deletion: [],
};

/** Built-in role names by their definition id: the roles the components grant (their constants are the source). */
const ROLE_NAMES: Readonly<Record<string, string>> = {
  [BUILT_IN_ROLES.contributor]: "Contributor",
  [BUILT_IN_ROLES.logAnalyticsReader]: "Log Analytics Reader",
  [BUILT_IN_ROLES.sentinelResponder]: "Microsoft Sentinel Responder",
  [BUILT_IN_ROLES.networkContributor]: "Network Contributor",
  [BUILT_IN_ROLES.privateDnsZoneContributor]: "Private DNS Zone Contributor",
  [KEY_VAULT_ROLES.cryptoServiceEncryptionUser]: "Key Vault Crypto Service Encryption User",
  [KEY_VAULT_ROLES.secretsUser]: "Key Vault Secrets User",
  [KEY_VAULT_ROLES.certificateUser]: "Key Vault Certificate User",
};

function roleName(roleDefinitionId: unknown): string {
  const id = typeof roleDefinitionId === "string" ? (roleDefinitionId.split("/").pop() ?? "") : "";
  return ROLE_NAMES[id] ?? `custom role ${id}`;
}

const moduleOf = (type: string) => type.split(":")[1] ?? "";
const kindOf = (type: string) => type.split(":").slice(1).join(":");
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "[unknown]" && v !== "[secret]" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

export function findMunicipality(unit: LoadedUnit, code: string): { file: string; config: MunicipalityConfig } | undefined {
  return unit.municipalities.find((m) => m.config.code === code);
}

/** Every fact of the record; throws a plain Error only for a code the caller did not check. */
export function recordFacts(input: RecordInput): RecordFacts {
  const { unit, code, plan } = input;
  const entry = findMunicipality(unit, code);
  if (!entry) throw new Error(`municipality ${code} is not onboarded in unit ${unit.id}`);
  const m = entry.config;
  const file = entry.file;
  const all = plan.stacks.flatMap((s) => s.resources).filter((r) => r.custom);
  const own = all.filter((r) => r.municipality === code);
  const platform = all.filter((r) => r.municipality === undefined);
  const ofType = (list: readonly PlanResource[], kind: string) => list.filter((r) => kindOf(r.type) === kind);
  const names = (list: readonly PlanResource[]) => list.map((r) => r.name).sort();

  const contacts: Contact[] = [];
  const c = m.contacts as Record<string, { name: string; email: string } | undefined>;
  for (const role of ["securityOfficer", "dataProtectionOfficer", "technical"] as const) {
    const x = c[role];
    if (x) contacts.push({ role, name: x.name, email: x.email, source: { file, path: `contacts.${role}` } });
  }
  const sc = unit.config.monitoring.securityContact;
  contacts.push({ role: "unitSecurityContact", name: sc.name, email: sc.email, source: { file: unit.file, path: "monitoring.securityContact" } });

  const activities: Activity[] = m.workloads.map((w, i) => {
    const classification = w.dataClassification ?? m.dataClassification;
    return {
      workload: w.name,
      kind: w.kind,
      ...(w.description ? { description: w.description } : {}),
      classification,
      specialCategories: classification === "sensitive-personal",
      source: { file, path: `workloads.${i}` },
    };
  });

  // Where the data is: the municipality's own resources and the platform's that hold its data (logs, backups).
  const holders = [...own, ...ofType(platform, "operationalinsights:Workspace"), ...ofType(platform, "recoveryservices:Vault")];
  const regions = [...new Set(holders.map((r) => str(r.inputs.location)).filter((l): l is string => l !== undefined && l !== "global"))].sort();
  const zones = ofType(own, "compute:VirtualMachine")
    .map((r) => ({ workload: r.name, zone: ((r.inputs.zones as string[] | undefined) ?? []).join(", ") }))
    .sort((a, b) => a.workload.localeCompare(b.workload));
  const vault = ofType(platform, "recoveryservices:Vault")[0];
  const redundancy = obj(obj(vault?.inputs.properties).redundancySettings);
  const outsideEu = holders
    .filter((r) => {
      const l = str(r.inputs.location);
      return l !== undefined && l !== "global" && !(EU_LOCATIONS as readonly string[]).includes(l);
    })
    .map((r) => ({ name: r.name, location: str(r.inputs.location)! }));
  const global = all
    .filter((r) => r.inputs.location === "global" && (r.municipality === undefined || r.municipality === code))
    .map((r): GlobalResource => {
      const reason = (GLOBAL_REASONS as Readonly<Record<string, GlobalReason | undefined>>)[kindOf(r.type)];
      return { type: kindOf(r.type), name: r.name, ...(reason ? { reason } : {}) };
    });

  const services = [...new Set(holders.map((r) => AZURE_SERVICES[moduleOf(r.type)]).filter((s): s is string => s !== undefined))].sort();

  const measures = buildMeasures({ m, file, unit, own, platform, ofType, names });

  const cannotState: CannotState[] = ["organisationalMeasures", "agreementTerms", "criminalOffences", "unitSubprocessors", "reachability", "privilegedAccessEligibility", "endpointConnectivity"];
  if (global.some((g) => g.reason === undefined)) cannotState.push("globalReasonMissing");

  return {
    unit: { id: unit.id, name: unit.config.name, file: unit.file },
    municipality: { code, name: m.name, file, lifecycle: m.lifecycle, classification: m.dataClassification },
    generatedOn: input.generatedOn,
    ...(input.configRevision ? { configRevision: input.configRevision } : {}),
    contacts,
    activities,
    location: {
      regions,
      zones,
      ...(vault
        ? {
            backup: {
              vault: vault.name,
              region: str(vault.inputs.location) ?? "",
              redundancy: str(redundancy.standardTierStorageRedundancy) ?? "",
              crossRegionRestore: str(redundancy.crossRegionRestore) ?? "",
            },
          }
        : {}),
      outsideEu,
      global,
    },
    subprocessors: { listed: SUBPROCESSORS_LISTED, entries: SUBPROCESSORS, services },
    measures,
    cannotState,
  };
}

interface MeasureContext {
  m: MunicipalityConfig;
  file: string;
  unit: LoadedUnit;
  own: PlanResource[];
  platform: PlanResource[];
  ofType: (list: readonly PlanResource[], kind: string) => PlanResource[];
  names: (list: readonly PlanResource[]) => string[];
}

function buildMeasures({ m, file, unit, own, platform, ofType, names }: MeasureContext): Measure[] {
  const measure = (key: MeasureKey, values: Measure["values"], resources: string[], sources: Source[]): Measure => ({
    key,
    values,
    resources,
    rules: [...MEASURE_RULES[key]],
    sources,
  });
  const out: Measure[] = [];

  const des = ofType(own, "compute:DiskEncryptionSet");
  const keys = ofType(own, "keyvault:Key");
  const vaults = ofType(own, "keyvault:Vault");
  const key = obj(keys[0]?.inputs.properties);
  const actions = (obj(key.rotationPolicy).lifetimeActions as { action?: { type?: string }; trigger?: { timeAfterCreate?: string } }[] | undefined) ?? [];
  out.push(
    measure(
      "encryptionAtRest",
      {
        customerManagedKey: des.length > 0,
        keyType: str(key.kty) ?? "",
        keySize: typeof key.keySize === "number" ? key.keySize : 0,
        rotation: actions.find((x) => x.action?.type === "rotate")?.trigger?.timeAfterCreate ?? "",
        vaults: vaults.map((v) => str(v.inputs.vaultName) ?? v.name),
        disks: ofType(own, "compute:Disk").length,
      },
      names([...des, ...keys, ...vaults]),
      [{ file, path: "workloads" }],
    ),
  );

  const connections = ofType(own, "network:VirtualNetworkGatewayConnection").concat(ofType(platform, "network:VirtualNetworkGatewayConnection").filter((r) => r.name.startsWith(`k${m.code}-`)));
  const ipsec = connections.flatMap((r) => (r.inputs.ipsecPolicies as Record<string, unknown>[] | undefined) ?? []);
  const tlsHosts = m.workloads.filter((w) => w.kind === "container" && w.exposure.type === "internet").map((w) => (w.kind === "container" && w.exposure.type === "internet" ? w.exposure.host : ""));
  out.push(
    measure(
      "encryptionInTransit",
      {
        siteTunnels: connections.length,
        ipsecEncryption: [...new Set(ipsec.map((p) => String(p.ipsecEncryption ?? "")).filter(Boolean))],
        ikeEncryption: [...new Set(ipsec.map((p) => String(p.ikeEncryption ?? "")).filter(Boolean))],
        tlsHosts,
      },
      names(connections),
      m.network.sites.map((_, i) => ({ file, path: `network.sites.${i}` })),
    ),
  );

  const vnets = ofType(own, "network:VirtualNetwork");
  const nsgs = ofType(own, "network:NetworkSecurityGroup");
  const groups = ofType(platform, "network:FirewallPolicyRuleCollectionGroup").concat(ofType(own, "network:FirewallPolicyRuleCollectionGroup"));
  const ownGroup = groups.filter((g) => g.name.includes(`k${m.code}`));
  const publicIps = ofType(own, "network:PublicIPAddress");
  out.push(
    measure(
      "networkIsolation",
      { addressSpace: m.network.addressSpace, networks: vnets.length, nsgs: nsgs.length, firewallGroups: ownGroup.length, publicIps: publicIps.length },
      names([...vnets, ...nsgs, ...ownGroup]),
      [{ file, path: "network.addressSpace" }],
    ),
  );

  const assignments = ofType(own, "authorization:RoleAssignment");
  const principal = (a: PlanResource) => `${str(a.inputs.principalType) ?? "principal"} ${str(a.inputs.principalId) || "(assigned at deployment)"}`;
  const grants = [...new Set(assignments.map((a) => `${roleName(a.inputs.roleDefinitionId)}: ${principal(a)}`))].sort();
  // The processor's own roles that reach the controller's resources or data: the whole subscription,
  // the municipality's resource groups, and the platform resources that hold its data (logs, backups).
  const ownGroups = [...new Set(own.map((r) => str(r.inputs.resourceGroupName)).filter((g): g is string => g !== undefined))];
  const holders = [...ofType(platform, "operationalinsights:Workspace"), ...ofType(platform, "recoveryservices:Vault")].map((r) => r.id ?? "").filter(Boolean);
  const reaches = (scope: string) =>
    /^\/subscriptions\/[^/]+$/.test(scope) ||
    ownGroups.some((g) => scope.endsWith(`/resourceGroups/${g}`)) ||
    holders.some((h) => scope === h || h.startsWith(`${scope}/`));
  const processorAssignments = ofType(platform, "authorization:RoleAssignment").filter((a) => reaches(str(a.inputs.scope) ?? ""));
  const processorGrants = [...new Set(processorAssignments.map((a) => `${roleName(a.inputs.roleDefinitionId)}: ${principal(a)}`))].sort();
  out.push(
    measure(
      "accessControl",
      { grants, processorGrants, standing: assignments.length + processorAssignments.length, eligible: 0, operatorGroup: m.operators.groupId },
      names([...assignments, ...processorAssignments]),
      [{ file, path: "operators" }, { file: unit.file, path: "identity" }],
    ),
  );

  const workspace = ofType(platform, "operationalinsights:Workspace")[0];
  const diagnostics = ofType(own, "monitor:DiagnosticSetting");
  out.push(
    measure(
      "logging",
      {
        workspace: str(workspace?.inputs.workspaceName) ?? "",
        retentionDays: typeof workspace?.inputs.retentionInDays === "number" ? workspace.inputs.retentionInDays : 0,
        diagnosticSettings: diagnostics.length,
      },
      names([...(workspace ? [workspace] : []), ...diagnostics]),
      [{ file: unit.file, path: "monitoring.retentionDays" }],
    ),
  );

  const items = ofType(own, "recoveryservices:ProtectedItem");
  const vault = ofType(platform, "recoveryservices:Vault")[0];
  const security = obj(obj(vault?.inputs.properties).securitySettings);
  const excluded = m.workloads.flatMap((w, i) => (w.kind === "vm" && w.backup.tier === "none" ? [{ name: w.name, reason: w.backup.reason, path: `workloads.${i}.backup` }] : []));
  const tiers = unit.config.backup.tiers as Record<string, { dailyRetentionDays: number; monthlyRetentionMonths: number; yearlyRetentionYears: number }>;
  const usedTiers = [...new Set(m.workloads.flatMap((w) => (w.kind === "vm" && w.backup.tier !== "none" ? [w.backup.tier] : [])))].sort();
  out.push(
    measure(
      "backup",
      {
        protectedServers: items.length,
        tiers: usedTiers.map((t) => `${t}: ${tiers[t]?.dailyRetentionDays ?? "?"}d/${tiers[t]?.monthlyRetentionMonths ?? "?"}m/${tiers[t]?.yearlyRetentionYears ?? "?"}y`),
        immutability: str(obj(security.immutabilitySettings).state) ?? "",
        softDeleteDays: Number(obj(security.softDeleteSettings).softDeleteRetentionPeriodInDays ?? 0),
        excluded: excluded.map((e) => `${e.name}: ${e.reason}`),
      },
      names([...items, ...(vault ? [vault] : [])]),
      [{ file: unit.file, path: "backup" }, ...excluded.map((e) => ({ file, path: e.path }))],
    ),
  );

  const maintenance = ofType(platform, "maintenance:MaintenanceConfiguration")[0];
  const assigned = ofType(own, "maintenance:ConfigurationAssignment");
  out.push(
    measure(
      "patching",
      {
        servers: assigned.length,
        schedule: maintenance ? `${str(maintenance.inputs.recurEvery) ?? ""} ${str(maintenance.inputs.startDateTime)?.split(" ")[1] ?? ""} (${str(maintenance.inputs.duration) ?? ""}, ${str(maintenance.inputs.timeZone) ?? ""})` : "",
      },
      names([...(maintenance ? [maintenance] : []), ...assigned]),
      [{ file: unit.file, path: "servers.patchWindow" }],
    ),
  );

  const defender = ofType(platform, "security:Pricing").filter((p) => p.inputs.pricingTier === "Standard");
  out.push(
    measure("malwareProtection", { plans: defender.map((p) => str(p.inputs.pricingName) ?? p.name).sort() }, names(defender), [{ file: unit.file, path: "monitoring.defenderPlans" }]),
  );

  const data = own.filter((r) => isDataBearingType(r.type));
  out.push(
    measure(
      "deletion",
      {
        lifecycle: m.lifecycle,
        dataBearing: data.length,
        retained: data.filter((r) => r.retainOnDelete).length,
        protected: data.filter((r) => r.protect).length,
        dataRelease: m.dataRelease ? `${m.dataRelease.date} ${m.dataRelease.reference} (${m.dataRelease.approvedBy})` : "",
        meaning: LIFECYCLE_SEMANTICS[m.lifecycle].dataBearing,
      },
      names(data),
      [{ file, path: "lifecycle" }, ...(m.dataRelease ? [{ file, path: "dataRelease" }] : [])],
    ),
  );
  return out;
}
