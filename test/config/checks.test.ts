/**
 * One valid fixture plus one change per failing case: every check of
 * `validate` names the file, the line, the field path, the bad value and what
 * is allowed.
 */
import { afterAll, describe, expect, it } from "vitest";
import { hasErrors } from "../../packages/config/load.js";
import { cleanup, lineOf, scenario, type Edit } from "./fixture.js";

afterAll(cleanup);

const AALBORG = "nord/municipalities/851-aalborg.yaml";
const MORSOE = "nord/municipalities/773-morsoe.yaml";
const LAESOE = "nord/municipalities/825-laesoe.yaml";
const SLAGELSE = "sjaelland/municipalities/330-slagelse.yaml";
const SOROE = "sjaelland/municipalities/340-soroe.yaml";
const NORD = "nord/unit.yaml";
const SJAELLAND = "sjaelland/unit.yaml";

interface Case {
  name: string;
  edits: Edit[];
  file: string;
  path: string;
  rule: string;
  severity?: "error" | "warning";
  /** Every fragment must appear in the message. */
  says: string[];
  /** The finding's line is the first line containing this text (in the edited file). */
  at?: string;
}

const containerIn = (image: string, extra: Record<string, unknown> = {}) => ({
  name: "app",
  kind: "container",
  image,
  port: 8080,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  ...extra,
});

const cases: Case[] = [
  // --- registry and files ---
  { name: "code not in the register", edits: [{ file: SOROE, set: [[["code"], "999"]] }], file: SOROE, path: "code", rule: "registry-code", says: ["'999'", "98 municipalities"], at: "code:" },
  { name: "name differs from the register", edits: [{ file: SOROE, set: [[["name"], "Soro"]] }], file: SOROE, path: "name", rule: "registry-name", says: ["'Soro'", "'Sorø'", "340"], at: "name:" },
  { name: "name of another municipality", edits: [{ file: SOROE, set: [[["name"], "Slagelse"]] }], file: SOROE, path: "name", rule: "registry-name", says: ["'Slagelse'", "'Sorø'"] },
  { name: "file name without the <code>-<slug> form", edits: [{ file: SOROE, renameTo: "sjaelland/municipalities/soroe.yaml" }], file: "sjaelland/municipalities/soroe.yaml", path: "", rule: "file-name", says: ["'soroe.yaml'", "340-soroe.yaml"] },
  { name: "file name with another municipality's slug", edits: [{ file: SOROE, renameTo: "sjaelland/municipalities/340-ringsted.yaml" }], file: "sjaelland/municipalities/340-ringsted.yaml", path: "", rule: "file-name", says: ["340-ringsted.yaml", "Sorø", "340-soroe.yaml or 340-soro.yaml"] },
  { name: "file name with another code", edits: [{ file: SOROE, renameTo: "sjaelland/municipalities/341-soroe.yaml" }], file: "sjaelland/municipalities/341-soroe.yaml", path: "code", rule: "file-name", says: ["kommunekode 341", "'340'"] },
  { name: "municipality onboarded in two units", edits: [{ file: LAESOE, copyTo: "sjaelland/municipalities/825-laesoe.yaml" }], file: "sjaelland/municipalities/825-laesoe.yaml", path: "code", rule: "duplicate-municipality", says: ["825", "unit 'nord'", "unit 'sjaelland'"] },
  { name: "municipality twice in one unit", edits: [{ file: SOROE, copyTo: "sjaelland/municipalities/340-soro.yaml" }], file: "sjaelland/municipalities/340-soroe.yaml", path: "code", rule: "duplicate-municipality", says: ["340", "again in unit 'sjaelland'"] },
  { name: "unit id differs from its folder", edits: [{ file: NORD, set: [[["id"], "nordjylland"]] }], file: NORD, path: "id", rule: "unit-id", says: ["'nordjylland'", "folder 'nord'"], at: "id:" },

  // --- CIDRs and Azure ranges ---
  { name: "CIDR with host bits", edits: [{ file: SOROE, set: [[["network", "addressSpace"], "10.72.32.1/20"]] }], file: SOROE, path: "network.addressSpace", rule: "schema", says: ["'10.72.32.1/20'", "not canonical", "10.72.32.0/20"], at: "10.72.32.1/20" },
  { name: "not a CIDR", edits: [{ file: SOROE, set: [[["network", "addressSpace"], "10.72.32.0/33"]] }], file: SOROE, path: "network.addressSpace", rule: "schema", says: ["'10.72.32.0/33'", "a.b.c.d/n"] },
  { name: "spoke outside the unit supernet", edits: [{ file: SOROE, set: [[["network", "addressSpace"], "10.80.0.0/20"]] }], file: SOROE, path: "network.addressSpace", rule: "cidr-outside-supernet", says: ["10.80.0.0/20", "10.72.0.0/14", "driftsenhed ipam sjaelland"], at: "10.80.0.0/20" },
  { name: "spoke overlaps the hub", edits: [{ file: SOROE, set: [[["network", "addressSpace"], "10.72.0.0/20"]] }], file: SOROE, path: "network.addressSpace", rule: "cidr-overlap", says: ["10.72.0.0/20", "hub", "10.72.0.0/22"] },
  { name: "spoke overlaps the cluster", edits: [{ file: LAESOE, set: [[["network", "addressSpace"], "10.64.16.0/21"]] }], file: LAESOE, path: "network.addressSpace", rule: "cidr-overlap", says: ["10.64.16.0/21", "cluster", "10.64.16.0/20"] },
  { name: "spoke overlaps another municipality of the unit", edits: [{ file: SOROE, set: [[["network", "addressSpace"], "10.72.16.0/21"]] }], file: SOROE, path: "network.addressSpace", rule: "cidr-overlap", says: ["10.72.16.0/21", "330 Slagelse", "10.72.16.0/20"] },
  { name: "spoke overlaps a municipality of another unit", edits: [{ file: SOROE, set: [[["network", "addressSpace"], "10.64.48.0/20"]] }], file: SOROE, path: "network.addressSpace", rule: "cidr-overlap", says: ["825 Læsø", "10.64.48.0/20"] },
  { name: "unit supernets overlap", edits: [{ file: SJAELLAND, set: [[["addressSpace"], "10.64.0.0/12"]] }], file: SJAELLAND, path: "addressSpace", rule: "cidr-overlap", says: ["10.64.0.0/12", "unit 'nord'", "10.64.0.0/14"], at: "10.64.0.0/12" },
  { name: "cluster pod range overlaps another unit", edits: [{ file: NORD, set: [[["cluster", "podCidr"], "10.72.0.0/16"]] }], file: NORD, path: "cluster.podCidr", rule: "cidr-overlap", says: ["10.72.0.0/16", "unit 'sjaelland'"] },
  { name: "hub outside the supernet", edits: [{ file: NORD, set: [[["hub", "addressSpace"], "10.80.0.0/22"]] }], file: NORD, path: "hub.addressSpace", rule: "schema", says: ["10.80.0.0/22", "outside", "10.64.0.0/14"] },
  { name: "hub smaller than a /22", edits: [{ file: NORD, set: [[["hub", "addressSpace"], "10.64.0.0/24"]] }], file: NORD, path: "hub.addressSpace", rule: "schema", says: ["/22", "/24"] },

  // --- on-premises sites ---
  { name: "two municipalities' sites use the same range", edits: [{ file: SOROE, set: [[["network", "sites", 0, "prefixes", 0], "10.10.0.0/16"]] }], file: SOROE, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["10.10.0.0/16", "'raadhus' (340 Sorø)", "'hovedkontor' (330 Slagelse)", "nat.mappings"], at: "10.10.0.0/16" },
  { name: "same range without the NAT that made it unique", edits: [{ file: MORSOE, remove: [["network", "sites", 0, "nat"]] }], file: AALBORG, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["10.0.0.0/16", "'raadhus' (851 Aalborg)", "'raadhus' (773 Morsø)"] },
  { name: "NAT external range collides with another site", edits: [{ file: MORSOE, set: [[["network", "sites", 0, "nat", "mappings", 0, "external"], "192.168.10.0/24"], [["network", "sites", 0, "nat", "mappings", 0, "internal"], "10.0.0.0/24"], [["network", "sites", 0, "prefixes", 0], "10.0.0.0/24"]] }], file: LAESOE, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["192.168.10.0/24", "NAT external range", "773 Morsø"] },
  { name: "site range inside a spoke", edits: [{ file: LAESOE, set: [[["network", "sites", 0, "prefixes", 0], "10.64.64.0/24"]] }], file: LAESOE, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["10.64.64.0/24", "the spoke of 851 Aalborg"] },
  { name: "site range inside the supernet's free space", edits: [{ file: LAESOE, set: [[["network", "sites", 0, "prefixes", 0], "10.66.0.0/16"]] }], file: LAESOE, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["10.66.0.0/16", "supernet"] },
  { name: "site range collides with the pod range", edits: [{ file: LAESOE, set: [[["network", "sites", 0, "prefixes", 0], "100.112.0.0/16"]] }], file: LAESOE, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["100.112.0.0/16", "pod range"] },
  { name: "site range collides with another unit", edits: [{ file: LAESOE, set: [[["network", "sites", 0, "prefixes", 0], "10.72.128.0/24"]] }], file: LAESOE, path: "network.sites.0.prefixes.0", rule: "site-overlap", says: ["unit 'sjaelland'"] },
  { name: "one site's prefixes overlap each other", edits: [{ file: SLAGELSE, set: [[["network", "sites", 0, "prefixes", 1], "10.10.4.0/24"]] }], file: SLAGELSE, path: "network.sites.0.prefixes.1", rule: "site-overlap", says: ["10.10.4.0/24", "10.10.0.0/16", "'hovedkontor' (330 Slagelse)"] },
  { name: "NAT for a range the site does not have", edits: [{ file: MORSOE, set: [[["network", "sites", 0, "nat", "mappings", 0, "internal"], "10.1.0.0/16"]] }], file: MORSOE, path: "network.sites.0.nat.mappings.0.internal", rule: "schema", says: ["10.1.0.0/16", "10.0.0.0/16"] },
  { name: "NAT between ranges of different size", edits: [{ file: MORSOE, set: [[["network", "sites", 0, "nat", "mappings", 0, "external"], "172.20.0.0/20"]] }], file: MORSOE, path: "network.sites.0.nat.mappings.0.external", rule: "schema", says: ["/16", "/20"] },

  // --- workloads ---
  { name: "workload names repeat", edits: [{ file: AALBORG, set: [[["workloads", 1, "name"], "sagsbehandling"]] }], file: AALBORG, path: "workloads.1.name", rule: "schema", says: ["'sagsbehandling'", "workloads[0]"] },
  { name: "sensitive personal data exposed to the internet", edits: [{ file: AALBORG, set: [[["workloads", 1, "dataClassification"], "sensitive-personal"]] }], file: AALBORG, path: "workloads.1.exposure.type", rule: "schema", says: ["sensitive personal data", "internal"] },
  { name: "container workload in a unit without cluster", edits: [{ file: SLAGELSE, set: [[["containers"], { quota: { cpu: "4", memory: "8Gi", pods: 10 } }], [["workloads", 1], containerIn("mcr.microsoft.com/dotnet/aspnet:8.0")]] }], file: SLAGELSE, path: "workloads.1.kind", rule: "workload-cluster", says: ["'app'", "unit 'sjaelland'", "disabled"] },
  { name: "container workload without a namespace", edits: [{ file: AALBORG, remove: [["containers"]] }], file: AALBORG, path: "workloads.1.kind", rule: "schema", says: ["'borgerportal'", "'containers'"] },
  { name: "image from a registry the unit does not allow", edits: [{ file: AALBORG, set: [[["workloads", 1, "image"], "docker.io/library/nginx:1.27"]] }], file: AALBORG, path: "workloads.1.image", rule: "workload-registry", says: ["'docker.io/library/nginx:1.27'", "mcr.microsoft.com, crnord.azurecr.io"], at: "docker.io" },
  { name: "unrestricted egress for personal data", edits: [{ file: AALBORG, set: [[["workloads", 1, "egress", 0, "to"], "0.0.0.0/0"]] }], file: AALBORG, path: "workloads.1.egress.0.to", rule: "workload-classification", says: ["personal", "0.0.0.0/0"] },
  { name: "egress to something that is no destination", edits: [{ file: AALBORG, set: [[["workloads", 1, "egress", 0, "to"], "not a host!"]] }], file: AALBORG, path: "workloads.1.egress.0.to", rule: "workload-egress", says: ["'not a host!'", "CIDR", "host name"] },
  { name: "request above limit", edits: [{ file: AALBORG, set: [[["workloads", 1, "resources", "requests", "memory"], "2Gi"]] }], file: AALBORG, path: "workloads.1.resources.requests.memory", rule: "workload-resources", says: ["2Gi", "1Gi"] },
  { name: "quota below what the workloads request", edits: [{ file: AALBORG, set: [[["containers", "quota", "cpu"], "200m"]] }], file: AALBORG, path: "containers.quota.cpu", rule: "workload-quota", says: ["200m", "500m"] },
  { name: "pods quota below the replicas", edits: [{ file: AALBORG, set: [[["containers", "quota", "pods"], 1]] }], file: AALBORG, path: "containers.quota.pods", rule: "workload-quota", says: ["1", "2 replicas"] },
  { name: "server port open to an unknown site", edits: [{ file: MORSOE, set: [[["workloads", 0, "ports", 0, "from", 0], "filial"]] }], file: MORSOE, path: "workloads.0.ports.0.from.0", rule: "schema", says: ["'filial'", "raadhus"] },
  { name: "container field on a server", edits: [{ file: SLAGELSE, set: [[["workloads", 0, "image"], "mcr.microsoft.com/x:1"]] }], file: SLAGELSE, path: "workloads.0.image", rule: "schema", says: ["unknown field 'image'", "os"], at: "image:" },
  { name: "backup exclusion without a real reason", edits: [{ file: SOROE, set: [[["workloads", 0, "backup", "reason"], "none"]] }], file: SOROE, path: "workloads.0.backup.reason", rule: "schema", says: ["15 characters"] },
  { name: "unknown workload kind", edits: [{ file: SOROE, set: [[["workloads", 0, "kind"], "function"]] }], file: SOROE, path: "workloads.0.kind", rule: "schema", says: ["'function'", "vm, container"], at: "kind: function" },

  // --- dates and lifecycle ---
  { name: "cutover that is no calendar date", edits: [{ file: SOROE, set: [[["migration", "cutover"], "2027-02-29"]] }], file: SOROE, path: "migration.cutover", rule: "schema", says: ["real calendar date", "2027-02-29"] },
  { name: "planned cutover after the programme deadline", edits: [{ file: SOROE, set: [[["migration", "cutover"], "2028-03-01"]] }], file: SOROE, path: "migration.cutover", rule: "cutover-deadline", severity: "warning", says: ["2028-03-01", "2027-12-31"], at: "2028-03-01" },
  { name: "migrating cutover after the programme deadline", edits: [{ file: AALBORG, set: [[["migration", "cutover"], "2028-01-02"]] }], file: AALBORG, path: "migration.cutover", rule: "cutover-deadline", severity: "warning", says: ["2028-01-02"] },
  { name: "live with a cutover in the future", edits: [{ file: LAESOE, set: [[["migration", "cutover"], "2026-12-01"]] }], file: LAESOE, path: "migration.cutover", rule: "cutover-future", severity: "warning", says: ["'live'", "2026-12-01"] },
  { name: "migrating with a cutover that has passed", edits: [{ file: AALBORG, set: [[["migration", "cutover"], "2026-03-01"]] }], file: AALBORG, path: "migration.cutover", rule: "cutover-past", severity: "warning", says: ["2026-03-01", "'migrating'"] },
  { name: "data release before retirement", edits: [{ file: SOROE, set: [[["dataRelease"], { approvedBy: "Kommunaldirektør", date: "2027-01-01", reference: "SAG-1" }]] }], file: SOROE, path: "dataRelease", rule: "schema", says: ["retired", "'planned'"] },

  // --- offboarding freeze ---
  { name: "offboarding without the frozen workload list", edits: [{ file: SOROE, set: [[["lifecycle"], "offboarding"]] }], file: SOROE, path: "offboarding", rule: "schema", says: ["required field 'offboarding' is missing", "frozenWorkloads"] },
  { name: "offboarding adds a workload", edits: [{ file: AALBORG, set: [[["lifecycle"], "offboarding"], [["offboarding"], { since: "2026-05-01", frozenWorkloads: ["sagsbehandling"] }]] }], file: AALBORG, path: "workloads.1.name", rule: "schema", says: ["'borgerportal'", "offboarding.frozenWorkloads (sagsbehandling)", "accepts no new workloads"], at: "name: borgerportal" },
  { name: "offboarding section on a live municipality", edits: [{ file: LAESOE, set: [[["offboarding"], { since: "2026-05-01", frozenWorkloads: [] }]] }], file: LAESOE, path: "offboarding", rule: "schema", says: ["only while lifecycle is offboarding", "'live'"], at: "since:" },
  { name: "offboarding start that is no calendar date", edits: [{ file: SOROE, set: [[["lifecycle"], "offboarding"], [["offboarding"], { since: "2026-13-01", frozenWorkloads: ["web"] }]] }], file: SOROE, path: "offboarding.since", rule: "schema", says: ["YYYY-MM-DD", "2026-13-01"] },
  { name: "offboarding field not in the freeze", edits: [{ file: SOROE, set: [[["lifecycle"], "offboarding"], [["offboarding"], { since: "2026-05-01", frozenWorkloads: ["web"], workloads: ["web"] }]] }], file: SOROE, path: "offboarding.workloads", rule: "schema", says: ["unknown field 'workloads'", "since, frozenWorkloads"] },

  // --- platform settings the components cannot honour ---
  { name: "Sentinel switched off", edits: [{ file: NORD, set: [[["monitoring", "sentinel"], { mode: "disabled" }]] }], file: NORD, path: "monitoring.sentinel.mode", rule: "schema", says: ["always on", "NIS2", "'disabled'", "enabled"], at: "mode: disabled" },
  { name: "unmanaged node OS updates", edits: [{ file: NORD, set: [[["cluster", "nodeOsUpgradeChannel"], "Unmanaged"]] }], file: NORD, path: "cluster.nodeOsUpgradeChannel", rule: "schema", says: ["Unmanaged", "NodeImage or SecurityPatch", "security patches"], at: "nodeOsUpgradeChannel:" },
  { name: "log retention beyond the workspace's interactive maximum", edits: [{ file: NORD, set: [[["monitoring", "retentionDays"], 731]] }], file: NORD, path: "monitoring.retentionDays", rule: "schema", says: ["731", "at most 730 days", "archive or export"], at: "retentionDays:" },
  { name: "log retention under 13 months", edits: [{ file: NORD, set: [[["monitoring", "retentionDays"], 394]] }], file: NORD, path: "monitoring.retentionDays", rule: "schema", says: ["394", "395", "CFCS"] },
  { name: "server patch window longer than Azure allows", edits: [{ file: NORD, set: [[["servers"], { patchWindow: { dayOfWeek: "Thursday", startTime: "22:00", durationMinutes: 240 } }]] }], file: NORD, path: "servers.patchWindow.durationMinutes", rule: "schema", says: ["240", "90-235 minutes", "3 h 55 min"], at: "durationMinutes:" },
  { name: "server patch window shorter than Azure allows", edits: [{ file: NORD, set: [[["servers"], { patchWindow: { dayOfWeek: "Thursday", startTime: "22:00", durationMinutes: 60 } }]] }], file: NORD, path: "servers.patchWindow.durationMinutes", rule: "schema", says: ["60", "1 h 30 min"] },
  { name: "server patch window in hours, the AKS window's unit", edits: [{ file: NORD, set: [[["servers"], { patchWindow: { dayOfWeek: "Thursday", startTime: "22:00", durationHours: 4 } }]] }], file: NORD, path: "servers.patchWindow.durationHours", rule: "schema", says: ["unknown field 'durationHours'", "durationMinutes"], at: "durationHours:" },
  { name: "cluster maintenance window shorter than AKS allows", edits: [{ file: NORD, set: [[["cluster", "maintenanceWindow"], { dayOfWeek: "Sunday", startTime: "01:00", durationHours: 3 }]] }], file: NORD, path: "cluster.maintenanceWindow.durationHours", rule: "schema", says: ["AKS", "at least 4 hours", "3"] },

  // --- schema and YAML ---
  { name: "misspelt field", edits: [{ file: SOROE, text: (t) => t.replace("lifecycle:", "lifecyle:") }], file: SOROE, path: "lifecyle", rule: "schema", says: ["unknown field 'lifecyle'", "did you mean 'lifecycle'"], at: "lifecyle:" },
  { name: "missing required field", edits: [{ file: SOROE, remove: [["contacts", "securityOfficer"]] }], file: SOROE, path: "contacts.securityOfficer", rule: "schema", says: ["required field 'securityOfficer' is missing"], at: "contacts:" },
  { name: "unquoted kommunekode", edits: [{ file: SOROE, text: (t) => t.replace('code: "340"', "code: 340") }], file: SOROE, path: "code", rule: "schema", says: ["quoted"], at: "code: 340" },
  { name: "enum value not allowed", edits: [{ file: NORD, set: [[["location"], "eastus"]] }], file: NORD, path: "location", rule: "schema", says: ["'eastus'", "denmarkeast"] },
  { name: "variant selector not allowed", edits: [{ file: NORD, set: [[["cluster", "mode"], "on"]] }], file: NORD, path: "cluster.mode", rule: "schema", says: ["'on'", "disabled, enabled"] },
  { name: "wrong type", edits: [{ file: SOROE, set: [[["migration", "wave"], "two"]] }], file: SOROE, path: "migration.wave", rule: "schema", says: ["'two'", "number"] },
  { name: "EAN with a wrong check digit", edits: [{ file: SOROE, set: [[["billing", "ean"], "5798000000071"]] }], file: SOROE, path: "billing.ean", rule: "schema", says: ["5798000000071", "expected 0"] },
  { name: "YAML syntax error", edits: [{ file: SOROE, text: (t) => t.replace("wave: 2", "wave: [2") }], file: SOROE, path: "", rule: "yaml", says: ["YAML syntax error"] },
  { name: "duplicate key", edits: [{ file: SOROE, text: (t) => t.replace("lifecycle: planned", "lifecycle: planned\nlifecycle: live") }], file: SOROE, path: "", rule: "yaml", says: ["unique"], at: "lifecycle: live" },
  { name: "empty file", edits: [{ file: SOROE, text: () => "" }], file: SOROE, path: "", rule: "schema", says: ["empty", "code, name"] },
];

describe("validation checks", () => {
  it("the valid fixture has no findings at all", () => {
    const { findings, result } = scenario([]);
    expect(findings).toEqual([]);
    expect(result.units.map((u) => u.id)).toEqual(["nord", "sjaelland"]);
  });

  it.each(cases)("$name", (c) => {
    const { dir, findings } = scenario(c.edits);
    const severity = c.severity ?? "error";
    const match = findings.find((f) => f.file === c.file && f.path === c.path && f.rule === c.rule && f.severity === severity);
    expect(match, `no ${severity} ${c.rule} at ${c.file} ${c.path}; got:\n${findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.path} [${f.rule}] ${f.message}`).join("\n")}`).toBeDefined();
    for (const fragment of c.says) expect(match!.message).toContain(fragment);
    if (c.at) expect(match!.line).toBe(lineOf(dir, c.file, c.at));
    expect(match!.line).toBeGreaterThanOrEqual(1);
    expect(match!.column).toBeGreaterThanOrEqual(1);
    if (severity === "warning") expect(hasErrors(findings)).toBe(false);
  });
});

describe("checks that must stay quiet", () => {
  it("a site that shares a private range is accepted with NAT (the fixture's Morsø and Aalborg)", () => {
    const { findings } = scenario([]);
    expect(findings.filter((f) => f.rule === "site-overlap")).toEqual([]);
  });

  it("a live or retired municipality after the deadline gets no deadline warning", () => {
    const { findings } = scenario([{ file: LAESOE, set: [[["migration", "cutover"], "2028-05-01"], [["lifecycle", ], "retired"]] }]);
    expect(findings.filter((f) => f.rule === "cutover-deadline")).toEqual([]);
  });

  it.each<[string, Edit[]]>([
    ["offboarding with every workload frozen", [{ file: AALBORG, set: [[["lifecycle"], "offboarding"], [["offboarding"], { since: "2026-05-01", frozenWorkloads: ["sagsbehandling", "borgerportal"] }]] }]],
    ["offboarding after a workload was removed (its name stays in the list)", [{ file: SOROE, set: [[["lifecycle"], "offboarding"], [["offboarding"], { since: "2026-05-01", frozenWorkloads: ["web", "gammel-app"] }]] }]],
    ["offboarding with every workload removed", [{ file: SOROE, set: [[["lifecycle"], "offboarding"], [["workloads"], []], [["offboarding"], { since: "2026-05-01", frozenWorkloads: ["web"] }]] }]],
    ["Sentinel written out as enabled", [{ file: NORD, set: [[["monitoring", "sentinel"], { mode: "enabled" }]] }]],
    ["SecurityPatch node OS updates", [{ file: NORD, set: [[["cluster", "nodeOsUpgradeChannel"], "SecurityPatch"]] }]],
    ["the longest interactive log retention", [{ file: NORD, set: [[["monitoring", "retentionDays"], 730]] }]],
    ["the longest server patch window", [{ file: NORD, set: [[["servers"], { patchWindow: { dayOfWeek: "Thursday", startTime: "22:00", durationMinutes: 235 } }]] }]],
    ["the shortest server patch window", [{ file: NORD, set: [[["servers"], { patchWindow: { dayOfWeek: "Sunday", startTime: "02:00", durationMinutes: 90 } }]] }]],
    ["a 24-hour cluster maintenance window", [{ file: NORD, set: [[["cluster", "maintenanceWindow"], { dayOfWeek: "Sunday", startTime: "00:00", durationHours: 24 }]] }]],
  ])("accepts %s", (_name, edits) => {
    expect(scenario(edits).findings).toEqual([]);
  });

  it("an image from a registry path prefix is allowed", () => {
    const { findings } = scenario([{ file: NORD, set: [[["cluster", "allowedRegistries"], ["crnord.azurecr.io/borger"]]] }, { file: AALBORG, set: [] }]);
    expect(findings.filter((f) => f.rule === "workload-registry")).toEqual([]);
  });

  it("reports every problem of the dir at once, across files and rules", () => {
    const { findings } = scenario([
      { file: SOROE, set: [[["name"], "Soro"], [["network", "addressSpace"], "10.80.0.0/20"]] },
      { file: NORD, set: [[["location"], "eastus"]] },
      { file: SLAGELSE, text: (t) => t.replace("wave: 1", "wave: [1") },
    ]);
    const rules = new Set(findings.map((f) => `${f.file}:${f.rule}`));
    expect(rules).toEqual(new Set([`${SOROE}:registry-name`, `${SOROE}:cidr-outside-supernet`, `${NORD}:schema`, `${SLAGELSE}:yaml`]));
  });
});
