/**
 * A synthetic national configuration for the benchmark: the 98
 * municipalities of the register in five units (one per region, as in the
 * examples), every one live, with sites, servers and container workloads, so
 * that the plan reaches the size of the real programme. Written as YAML files
 * that pass `driftsenhed validate`, into a folder the caller chooses.
 *
 * Everything is derived from the kommunekode and counters: the same options
 * always give the same files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { MUNICIPALITIES, municipalityFileName, type MunicipalityRecord } from "../../registry/index.js";
import {
  allocateBlocks,
  authorityName,
  exampleDomain,
  exampleGroupId,
  exampleMunicipalityEan,
  exampleUnitEan,
  EXAMPLE_UNIT_BY_REGION,
} from "../examples/plan.js";
import type { MunicipalityConfigInput } from "../../config/schema/municipality.js";
import type { UnitConfigInput } from "../../config/schema/unit.js";

export interface SyntheticOptions {
  /** Folder to write into; `<unit>/unit.yaml` and `<unit>/municipalities/*.yaml` are created in it. */
  dir: string;
  /** Servers per municipality. */
  vms: number;
  /** Container workloads per municipality. */
  containers: number;
  /** On-premises sites per municipality (VPN). */
  sites: number;
  /** At most this many municipalities per unit (the lowest kommunekoder); default: all of the unit's. */
  municipalitiesPerUnit?: number;
  /** Only these units (default: all five). */
  units?: readonly string[];
  /** `performance.stripProviderAliases` of every unit (default true). */
  stripProviderAliases?: boolean;
}

export interface SyntheticUnit {
  id: string;
  municipalities: string[];
}

export interface SyntheticConfig {
  dir: string;
  units: SyntheticUnit[];
  municipalities: number;
  workloads: number;
}

/** The five units and their supernets: the example layout, so that the ranges are known to fit. */
export const SYNTHETIC_UNITS: readonly { id: string; regionCode: string; addressSpace: string }[] = [
  { id: "hovedstaden", regionCode: "1084", addressSpace: "10.64.0.0/12" },
  { id: "sjaelland", regionCode: "1085", addressSpace: "10.80.0.0/12" },
  { id: "syddanmark", regionCode: "1083", addressSpace: "10.96.0.0/12" },
  { id: "midtjylland", regionCode: "1082", addressSpace: "10.112.0.0/12" },
  { id: "nordjylland", regionCode: "1081", addressSpace: "10.128.0.0/12" },
];

/** A day before which every synthetic cutover lies, so no date warning depends on when the benchmark runs. */
const CUTOVER = "2026-10-03";
const MAX_SITES = 4;
const MAX_WORKLOADS = 40;

function addressOf(base: number, index: number, prefixLength: number): string {
  const size = 2 ** (32 - prefixLength);
  const value = base + index * size;
  return `${[24, 16, 8, 0].map((s) => (value >>> s) & 255).join(".")}/${prefixLength}`;
}

/** 172.16.0.0/12 cut into /22s: one per site, unique across the country. */
const SITE_BASE = (172 << 24) + (16 << 16);

function unitConfig(id: string, regionCode: string, addressSpace: string, strip: boolean): UnitConfigInput {
  const base = addressSpace.split("/")[0]!.split(".").map(Number);
  const hub = `${base[0]}.${base[1]}.0.0/20`;
  const cluster = `${base[0]}.${base[1]}.16.0/20`;
  return {
    id,
    name: `Fælleskommunal it-driftsenhed ${id} (synthetic)`,
    location: "denmarkeast",
    secondaryLocation: "swedencentral",
    addressSpace,
    billing: { ean: exampleUnitEan(regionCode), costCentre: `platform-${id}` },
    tenancy: { layout: "unit-stack" },
    hub: {
      addressSpace: hub,
      vpnGateway: { mode: "enabled", sku: "VpnGw3AZ" },
      expressRoute: { mode: "disabled" },
      bastion: { mode: "enabled" },
    },
    cluster: { mode: "enabled", addressSpace: cluster },
    identity: {
      platformAdminGroupId: exampleGroupId(id, "platform-admins"),
      operatorGroupId: exampleGroupId(id, "operators"),
      socGroupId: exampleGroupId(id, "soc"),
    },
    monitoring: {
      socEmails: [`soc@soc.${id}.driftsenhed.example`],
      securityContact: { name: `SOC, ${id}`, email: `soc@soc.${id}.driftsenhed.example` },
    },
    performance: { stripProviderAliases: strip },
  };
}

function municipalityConfig(
  record: MunicipalityRecord,
  unitId: string,
  addressSpace: string,
  siteIndex: number,
  options: SyntheticOptions,
): MunicipalityConfigInput {
  const domain = exampleDomain(record.name);
  // Documentation ranges (RFC 5737) for the sites' public VPN endpoints: one address per municipality and site.
  const endpoints = ["203.0.113", "198.51.100", "192.0.2", "203.0.113"];
  const host = (Math.floor(siteIndex / MAX_SITES) % 250) + 1;
  const sites = Array.from({ length: options.sites }, (_, s) => ({
    name: `site-${s + 1}`,
    prefixes: [addressOf(SITE_BASE, siteIndex + s, 22)],
    connection: { type: "vpn" as const, gatewayAddress: `${endpoints[s]}.${s === 3 ? 255 - host : host}` },
  }));
  const vms = Array.from({ length: options.vms }, (_, v) => ({
    name: `server-${String(v + 1).padStart(2, "0")}`,
    kind: "vm" as const,
    os: v % 3 === 2 ? ("ubuntu-24.04" as const) : ("windows-server-2022" as const),
    size: "Standard_D4s_v5",
    zone: String((v % 3) + 1) as "1" | "2" | "3",
    dataDisks: v % 2 === 0 ? [{ name: "data", lun: 0, sizeGb: 256 }] : [],
    backup: { tier: v % 4 === 0 ? ("critical" as const) : ("standard" as const) },
    ports: [{ port: 443, from: "all" as const }],
  }));
  const containers = Array.from({ length: options.containers }, (_, c) => ({
    name: `service-${String(c + 1).padStart(2, "0")}`,
    kind: "container" as const,
    image: "mcr.microsoft.com/dotnet/aspnet:8.0",
    replicas: 2,
    port: 8080,
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    exposure: c % 2 === 0 ? { type: "internal" as const, host: `service-${c + 1}.${domain}` } : { type: "none" as const },
  }));
  return {
    code: record.code,
    name: record.name,
    lifecycle: "live",
    dataClassification: "personal",
    contacts: { securityOfficer: { name: `Informationssikkerhed, ${authorityName(record.name)}`, email: `informationssikkerhed@${domain}` } },
    billing: { ean: exampleMunicipalityEan(record.code), costCentre: `k${record.code}-drift` },
    operators: { groupId: exampleGroupId(unitId, `k${record.code}`, "operators") },
    migration: { wave: 1, cutover: CUTOVER },
    network: { addressSpace, sites },
    ...(options.containers > 0
      ? { containers: { quota: { cpu: String(Math.max(8, options.containers)), memory: `${Math.max(32, options.containers * 2)}Gi`, pods: Math.max(50, options.containers * 4) } } }
      : {}),
    workloads: [...vms, ...containers],
  };
}

/** Writes the configuration; returns what it wrote. */
export function writeSyntheticConfig(options: SyntheticOptions): SyntheticConfig {
  if (options.sites > MAX_SITES) throw new Error(`at most ${MAX_SITES} sites per municipality (got ${options.sites})`);
  if (options.vms + options.containers > MAX_WORKLOADS) {
    throw new Error(`at most ${MAX_WORKLOADS} workloads per municipality (got ${options.vms} servers and ${options.containers} containers)`);
  }
  const strip = options.stripProviderAliases ?? true;
  const units: SyntheticUnit[] = [];
  let siteIndex = 0;
  let workloads = 0;
  for (const u of SYNTHETIC_UNITS) {
    if (options.units && !options.units.includes(u.id)) continue;
    if (EXAMPLE_UNIT_BY_REGION[u.regionCode] !== u.id) throw new Error(`region ${u.regionCode} is not unit '${u.id}' in the example grouping`);
    const members = MUNICIPALITIES.filter((m) => m.regionCode === u.regionCode)
      .slice()
      .sort((a, b) => a.code.localeCompare(b.code))
      .slice(0, options.municipalitiesPerUnit ?? Number.MAX_SAFE_INTEGER);
    const unit = unitConfig(u.id, u.regionCode, u.addressSpace, strip);
    const blocks = allocateBlocks(u.addressSpace, [unit.hub.addressSpace, (unit.cluster as { addressSpace: string }).addressSpace], members.map((m) => m.code));
    const unitDir = path.join(options.dir, u.id);
    mkdirSync(path.join(unitDir, "municipalities"), { recursive: true });
    writeFileSync(path.join(unitDir, "unit.yaml"), stringify(unit), "utf8");
    for (const m of members) {
      const config = municipalityConfig(m, u.id, blocks.get(m.code)!, siteIndex, options);
      siteIndex += MAX_SITES;
      workloads += config.workloads?.length ?? 0;
      writeFileSync(path.join(unitDir, "municipalities", municipalityFileName(m)), stringify(config), "utf8");
    }
    units.push({ id: u.id, municipalities: members.map((m) => m.code) });
  }
  return { dir: options.dir, units, municipalities: units.reduce((n, u) => n + u.municipalities.length, 0), workloads };
}
