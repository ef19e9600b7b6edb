/**
 * The record as Markdown, in Danish (the default: the terms municipalities'
 * data protection officers use) or English. Both languages render the same
 * RecordFacts with the same heading structure; only the words differ. Values
 * from the configuration and the plan are set in `code` so a reader (and the
 * test that compares the languages) can tell a fact from the prose around it.
 */
import type { CannotState, Contact, GlobalReason, Measure, MeasureKey, RecordFacts, Source } from "./facts.js";

export type Lang = "da" | "en";
export const LANGS: readonly Lang[] = ["da", "en"];

type Words = {
  title: (name: string, code: string) => string;
  intro: string;
  generated: (date: string, revision?: string) => string;
  h: Record<"parties" | "activities" | "location" | "subprocessors" | "measures" | "cannot" | "sources", string>;
  controller: string;
  processor: string;
  contactRole: Record<Contact["role"], string>;
  activitiesIntro: string;
  table: { workload: string; kind: string; description: string; classification: string; art9: string; source: string };
  kind: Record<"vm" | "container", string>;
  yes: string;
  no: string;
  regions: string;
  zones: string;
  backupCopies: (vault: string, region: string, redundancy: string, crr: string) => string;
  transfersNone: string;
  transfersSome: string;
  global: string;
  globalReason: Record<GlobalReason, string>;
  globalNoReason: string;
  subIntro: (date: string) => string;
  services: string;
  measureTitle: Record<MeasureKey, string>;
  measure: (m: Measure) => string;
  implementedBy: string;
  guardedBy: string;
  none: string;
  cannot: Record<CannotState, string>;
  cannotIntro: string;
};

const q = (v: string | number) => `\`${v}\``;
const list = (xs: readonly (string | number)[], none: string) => (xs.length ? xs.map(q).join(", ") : none);

const da: Words = {
  title: (name, code) => `Fortegnelse over behandlingsaktiviteter: ${name} (${code})`,
  intro:
    "Databehandlerens fortegnelse (databeskyttelsesforordningen art. 30, stk. 2) og de tekniske og organisatoriske sikkerhedsforanstaltninger (art. 32), som databehandleraftalen (art. 28, stk. 3) henviser til. Alt nedenfor er udledt af konfigurationen og den offline plan; hver oplysning henviser til sin kilde.",
  generated: (date, revision) => `Dannet ${q(date)} af konfigurationen${revision ? ` ${q(revision)}` : ""} og planen af samme dato.`,
  h: {
    parties: "Dataansvarlig og databehandler",
    activities: "Behandlingsaktiviteter",
    location: "Hvor data er",
    subprocessors: "Underdatabehandlere",
    measures: "Tekniske og organisatoriske sikkerhedsforanstaltninger",
    cannot: "Hvad denne fortegnelse ikke kan oplyse",
    sources: "Kilder",
  },
  controller: "Dataansvarlig",
  processor: "Databehandler",
  contactRole: {
    securityOfficer: "Informationssikkerhedsansvarlig",
    dataProtectionOfficer: "Databeskyttelsesrådgiver (DPO)",
    technical: "Teknisk kontakt",
    unitSecurityContact: "Databehandlerens sikkerhedskontakt",
  },
  activitiesIntro: "Databehandleren driver følgende arbejdsbelastninger på den dataansvarliges vegne:",
  table: { workload: "Arbejdsbelastning", kind: "Type", description: "Beskrivelse", classification: "Dataklassifikation", art9: "Art. 9-oplysninger", source: "Kilde" },
  kind: { vm: "server", container: "container" },
  yes: "ja",
  no: "nej",
  regions: "Azure-regioner med den dataansvarliges data",
  zones: "Tilgængelighedszoner for servere",
  backupCopies: (vault, region, redundancy, crr) =>
    `Backup i ${q(vault)} i ${q(region)}, lagerredundans ${q(redundancy)}, gendannelse på tværs af regioner ${q(crr)}.`,
  transfersNone: "Overførsel til tredjelande: ingen. Alle ressourcer med en placering ligger i EU-regioner.",
  transfersSome: "Overførsel til tredjelande: følgende ressourcer ligger uden for EU-regionerne:",
  global: "Globale ressourcer (ingen enkelt region) og hvorfor de ikke indeholder personoplysninger:",
  globalReason: {
    dnsRecords: "DNS-poster for private endepunkter (navne og private adresser), ingen personoplysninger",
    configuration: "konfiguration af netværk og adgang, ingen personoplysninger",
    metricsRule: "regel for platformens målinger, ingen personoplysninger",
    notificationAddresses: "adresser for alarmer til driftens SOC, ingen af den dataansvarliges personoplysninger",
  },
  globalNoReason: "ingen begrundelse registreret for denne type",
  subIntro: (date) => `Underdatabehandlere, som platformen selv anvender (liste af ${q(date)}):`,
  services: "Tjenester hos cloududbyderen, der behandler den dataansvarliges data",
  measureTitle: {
    encryptionAtRest: "Kryptering af lagrede data",
    encryptionInTransit: "Kryptering under overførsel",
    networkIsolation: "Netværksisolation",
    accessControl: "Adgangsstyring",
    logging: "Logning og opbevaring af log",
    backup: "Backup",
    patching: "Opdatering (patching)",
    malwareProtection: "Beskyttelse mod skadelig software",
    deletion: "Sletning ved ophør",
  },
  measure: (m) => {
    const v = m.values;
    switch (m.key) {
      case "encryptionAtRest":
        return v.customerManagedKey
          ? `Diske krypteres med den dataansvarliges egen nøgle (${q(String(v.keyType))}, ${q(Number(v.keySize))} bit, rotation ${q(String(v.rotation))}) i den dataansvarliges egen Key Vault ${list(v.vaults as string[], "-")}; ${q(Number(v.disks))} datadiske.`
          : `Ingen kundestyret nøgle i planen; ${q(Number(v.disks))} datadiske.`;
      case "encryptionInTransit":
        return `${q(Number(v.siteTunnels))} IPsec-tunneler til den dataansvarliges lokationer (IPsec ${list(v.ipsecEncryption as string[], "-")}, IKE ${list(v.ikeEncryption as string[], "-")}); offentligt udstillede tjenester kun over TLS: ${list(v.tlsHosts as string[], "ingen")}.`;
      case "networkIsolation":
        return `Eget netværk ${q(String(v.addressSpace))} (${q(Number(v.networks))} virtuelle netværk, ${q(Number(v.nsgs))} netværkssikkerhedsgrupper, ${q(Number(v.firewallGroups))} egen regelgruppe i firewallen), forbundet alene med driftens hub; ${q(Number(v.publicIps))} offentlige IP-adresser.`;
      case "accessControl":
        return `Roller tildelt inden for den dataansvarliges egne ressourcer: ${list(v.grants as string[], "ingen")}. Databehandlerens roller, der omfatter den dataansvarliges ressourcer eller data: ${list(v.processorGrants as string[], "ingen")}. Stående tildelinger: ${q(Number(v.standing))}; berettigede (PIM): ${q(Number(v.eligible))}.`;
      case "logging":
        return `Diagnostiske logs fra ${q(Number(v.diagnosticSettings))} ressourcer sendes til arbejdsområdet ${q(String(v.workspace))}, der opbevarer dem i ${q(Number(v.retentionDays))} dage.`;
      case "backup":
        return `${q(Number(v.protectedServers))} servere er i backup (niveauer ${list(v.tiers as string[], "ingen")}); uforanderlighed ${q(String(v.immutability))}, blød sletning ${q(Number(v.softDeleteDays))} dage. Undtaget fra backup: ${list(v.excluded as string[], "ingen")}.`;
      case "patching":
        return `${q(Number(v.servers))} servere opdateres af platformen i vinduet ${q(String(v.schedule))}.`;
      case "malwareProtection":
        return `Microsoft Defender for Cloud-planer: ${list(v.plans as string[], "ingen")}.`;
      case "deletion":
        return `Livscyklus ${q(String(v.lifecycle))}: ${q(Number(v.dataBearing))} dataholdige ressourcer, heraf ${q(Number(v.protected))} beskyttet mod sletning og ${q(Number(v.retained))} bevaret ved fjernelse. ${v.dataRelease ? `Dateret frigivelse af data: ${q(String(v.dataRelease))}.` : "Ingen frigivelse af data: data slettes ikke, før en dateret og godkendt frigivelse er registreret."}`;
    }
  },
  implementedBy: "Ressourcer",
  guardedBy: "Politikregler",
  none: "ingen",
  cannotIntro: "Følgende fremgår ikke af konfigurationen eller planen og skal tilføjes af parterne:",
  cannot: {
    organisationalMeasures: "Organisatoriske foranstaltninger: instrukser, uddannelse, fortrolighed, hændelseshåndtering og beredskab.",
    agreementTerms: "Databehandleraftalens egne vilkår: formål, varighed, instruks, revision og ophør.",
    criminalOffences: "Om en behandling omfatter oplysninger om strafbare forhold (art. 10): konfigurationen angiver det ikke.",
    unitSubprocessors: "Databehandlerens egne organisatoriske underdatabehandlere (f.eks. driftsleverandører).",
    reachability: "Et bevis for, hvem der kan nå hvad i netværket: planen viser reglerne, ikke de beregnede forbindelser.",
    privilegedAccessEligibility: "Hvem der er medlem af de grupper, der tildeles adgang; gruppernes medlemskab styres i Entra ID.",
    endpointConnectivity: "Om Defender for Endpoint og andre agenter når deres tjenester gennem firewallen: det viser kun en udrulning.",
    globalReasonMissing: "For mindst én global ressourcetype er der ikke registreret en begrundelse for, at den ikke indeholder personoplysninger.",
  },
};

const en: Words = {
  title: (name, code) => `Record of processing activities: ${name} (${code})`,
  intro:
    "The processor's record (GDPR art. 30(2)) and the technical and organisational security measures (art. 32) that the data processing agreement (art. 28(3)) refers to. Everything below is derived from the configuration and the offline plan; each statement names its source.",
  generated: (date, revision) => `Generated ${q(date)} from the configuration${revision ? ` ${q(revision)}` : ""} and the plan of the same date.`,
  h: {
    parties: "Controller and processor",
    activities: "Processing activities",
    location: "Where the data is",
    subprocessors: "Sub-processors",
    measures: "Technical and organisational security measures",
    cannot: "What this record cannot state",
    sources: "Sources",
  },
  controller: "Controller",
  processor: "Processor",
  contactRole: {
    securityOfficer: "Information security officer",
    dataProtectionOfficer: "Data protection officer (DPO)",
    technical: "Technical contact",
    unitSecurityContact: "Processor's security contact",
  },
  activitiesIntro: "The processor runs the following workloads on the controller's behalf:",
  table: { workload: "Workload", kind: "Kind", description: "Description", classification: "Data classification", art9: "Art. 9 data", source: "Source" },
  kind: { vm: "server", container: "container" },
  yes: "yes",
  no: "no",
  regions: "Azure regions holding the controller's data",
  zones: "Availability zones of servers",
  backupCopies: (vault, region, redundancy, crr) => `Backups in ${q(vault)} in ${q(region)}, storage redundancy ${q(redundancy)}, cross-region restore ${q(crr)}.`,
  transfersNone: "Transfers to third countries: none. Every resource with a location is in an EU region.",
  transfersSome: "Transfers to third countries: these resources are outside the EU regions:",
  global: "Global resources (in no single region) and why they hold no personal data:",
  globalReason: {
    dnsRecords: "DNS records of private endpoints (names and private addresses), no personal data",
    configuration: "network and access configuration, no personal data",
    metricsRule: "a rule over the platform's metrics, no personal data",
    notificationAddresses: "alert addresses of the unit's SOC, none of the controller's personal data",
  },
  globalNoReason: "no reason recorded for this type",
  subIntro: (date) => `Sub-processors the platform itself uses (list of ${q(date)}):`,
  services: "Services of the cloud provider that process the controller's data",
  measureTitle: {
    encryptionAtRest: "Encryption at rest",
    encryptionInTransit: "Encryption in transit",
    networkIsolation: "Network isolation",
    accessControl: "Access control",
    logging: "Logging and log retention",
    backup: "Backup",
    patching: "Patching",
    malwareProtection: "Malware protection",
    deletion: "Deletion at offboarding",
  },
  measure: (m) => {
    const v = m.values;
    switch (m.key) {
      case "encryptionAtRest":
        return v.customerManagedKey
          ? `Disks are encrypted with the controller's own key (${q(String(v.keyType))}, ${q(Number(v.keySize))} bits, rotation ${q(String(v.rotation))}) in the controller's own Key Vault ${list(v.vaults as string[], "-")}; ${q(Number(v.disks))} data disks.`
          : `No customer-managed key in the plan; ${q(Number(v.disks))} data disks.`;
      case "encryptionInTransit":
        return `${q(Number(v.siteTunnels))} IPsec tunnels to the controller's sites (IPsec ${list(v.ipsecEncryption as string[], "-")}, IKE ${list(v.ikeEncryption as string[], "-")}); services published to the internet over TLS only: ${list(v.tlsHosts as string[], "none")}.`;
      case "networkIsolation":
        return `Own network ${q(String(v.addressSpace))} (${q(Number(v.networks))} virtual networks, ${q(Number(v.nsgs))} network security groups, ${q(Number(v.firewallGroups))} own firewall rule collection group), connected to the unit's hub only; ${q(Number(v.publicIps))} public IP addresses.`;
      case "accessControl":
        return `Roles granted within the controller's own resources: ${list(v.grants as string[], "none")}. The processor's roles that reach the controller's resources or data: ${list(v.processorGrants as string[], "none")}. Standing assignments: ${q(Number(v.standing))}; eligible (PIM): ${q(Number(v.eligible))}.`;
      case "logging":
        return `Diagnostic logs of ${q(Number(v.diagnosticSettings))} resources go to the workspace ${q(String(v.workspace))}, which keeps them for ${q(Number(v.retentionDays))} days.`;
      case "backup":
        return `${q(Number(v.protectedServers))} servers are backed up (tiers ${list(v.tiers as string[], "none")}); immutability ${q(String(v.immutability))}, soft delete ${q(Number(v.softDeleteDays))} days. Excluded from backup: ${list(v.excluded as string[], "none")}.`;
      case "patching":
        return `${q(Number(v.servers))} servers are patched by the platform in the window ${q(String(v.schedule))}.`;
      case "malwareProtection":
        return `Microsoft Defender for Cloud plans: ${list(v.plans as string[], "none")}.`;
      case "deletion":
        return `Lifecycle ${q(String(v.lifecycle))}: ${q(Number(v.dataBearing))} data-bearing resources, ${q(Number(v.protected))} of them protected from deletion and ${q(Number(v.retained))} retained on removal. ${v.dataRelease ? `Dated data release: ${q(String(v.dataRelease))}.` : "No data release: nothing is deleted until a dated, approved release is recorded."}`;
    }
  },
  implementedBy: "Resources",
  guardedBy: "Policy rules",
  none: "none",
  cannotIntro: "The following is not in the configuration or the plan, and the parties must add it:",
  cannot: {
    organisationalMeasures: "Organisational measures: instructions, training, confidentiality, incident handling and contingency.",
    agreementTerms: "The data processing agreement's own terms: purpose, duration, instructions, audits and termination.",
    criminalOffences: "Whether processing includes data on criminal offences (art. 10): the configuration does not say.",
    unitSubprocessors: "The processor's own organisational sub-processors (for example operations suppliers).",
    reachability: "A proof of who can reach what on the network: the plan shows the rules, not the computed paths.",
    privilegedAccessEligibility: "Who is a member of the groups that are granted access; membership is managed in Entra ID.",
    endpointConnectivity: "Whether Defender for Endpoint and other agents reach their services through the firewall: only a deployment shows that.",
    globalReasonMissing: "For at least one global resource type no reason is recorded why it holds no personal data.",
  },
};

export const WORDS: Readonly<Record<Lang, Words>> = { da, en };

function sourceText(s: Source): string {
  if (s.resource) return q(s.resource);
  return s.path ? `${q(s.file ?? "")} ${q(s.path)}` : q(s.file ?? "");
}

export function renderRecord(f: RecordFacts, lang: Lang = "da"): string {
  const w = WORDS[lang];
  const out: string[] = [];
  const m = f.municipality;
  out.push(`# ${w.title(m.name, m.code)}`, "", w.intro, "", w.generated(f.generatedOn, f.configRevision), "");

  out.push(`## 1. ${w.h.parties}`, "");
  out.push(`- ${w.controller}: ${m.name}, kommunekode ${q(m.code)} (${sourceText({ file: m.file, path: "code" })})`);
  for (const c of f.contacts.filter((x) => x.role !== "unitSecurityContact")) out.push(`  - ${w.contactRole[c.role]}: ${c.name} <${c.email}> (${sourceText(c.source)})`);
  out.push(`- ${w.processor}: ${f.unit.name}, ${q(f.unit.id)} (${sourceText({ file: f.unit.file, path: "name" })})`);
  for (const c of f.contacts.filter((x) => x.role === "unitSecurityContact")) out.push(`  - ${w.contactRole[c.role]}: ${c.name} <${c.email}> (${sourceText(c.source)})`);
  out.push("");

  out.push(`## 2. ${w.h.activities}`, "", w.activitiesIntro, "");
  const t = w.table;
  out.push(`| ${t.workload} | ${t.kind} | ${t.description} | ${t.classification} | ${t.art9} | ${t.source} |`, "|---|---|---|---|---|---|");
  for (const a of f.activities) {
    out.push(`| ${q(a.workload)} | ${w.kind[a.kind]} | ${a.description ?? ""} | ${q(a.classification)} | ${a.specialCategories ? w.yes : w.no} | ${sourceText(a.source)} |`);
  }
  if (f.activities.length === 0) out.push(`| ${w.none} | | | | | |`);
  out.push("");

  out.push(`## 3. ${w.h.location}`, "");
  out.push(`- ${w.regions}: ${list(f.location.regions, w.none)}`);
  out.push(`- ${w.zones}: ${f.location.zones.length ? f.location.zones.map((z) => `${q(z.workload)} ${q(z.zone)}`).join(", ") : w.none}`);
  if (f.location.backup) {
    const b = f.location.backup;
    out.push(`- ${w.backupCopies(b.vault, b.region, b.redundancy, b.crossRegionRestore)}`);
  }
  if (f.location.outsideEu.length === 0) out.push(`- ${w.transfersNone}`);
  else {
    out.push(`- ${w.transfersSome}`);
    for (const r of f.location.outsideEu) out.push(`  - ${q(r.name)} ${q(r.location)}`);
  }
  out.push(`- ${w.global}`);
  const byType = new Map<string, typeof f.location.global>();
  for (const g of f.location.global) byType.set(g.type, [...(byType.get(g.type) ?? []), g]);
  for (const [type, gs] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const reason = gs[0]!.reason;
    out.push(`  - ${q(type)} (${gs.length}): ${reason ? w.globalReason[reason] : w.globalNoReason}; ${gs.map((g) => q(g.name)).join(", ")}`);
  }
  out.push("");

  out.push(`## 4. ${w.h.subprocessors}`, "", w.subIntro(f.subprocessors.listed), "");
  for (const s of f.subprocessors.entries) out.push(`- ${s.name}: ${s.role[lang]}. ${s.location[lang]}. ${s.source} (<${s.url}>)`);
  out.push(`- ${w.services}: ${list(f.subprocessors.services, w.none)}`, "");

  out.push(`## 5. ${w.h.measures}`, "");
  f.measures.forEach((x, i) => {
    out.push(`### 5.${i + 1} ${w.measureTitle[x.key]}`, "", w.measure(x), "");
    out.push(`- ${w.implementedBy}: ${list(x.resources, w.none)}`);
    out.push(`- ${w.guardedBy}: ${list(x.rules, w.none)}`);
    out.push(`- ${w.h.sources}: ${x.sources.map(sourceText).join(", ")}`, "");
  });

  out.push(`## 6. ${w.h.cannot}`, "", w.cannotIntro, "");
  for (const c of f.cannotState) out.push(`- ${w.cannot[c]}`);
  out.push("");
  return out.join("\n");
}
