/**
 * The rules behind the example configuration in stacks/: which unit a
 * municipality joins, which /18 it gets, its migration wave, and the example
 * identifiers (EAN numbers, Entra group ids) that stand in for real ones.
 * Everything here is pure and deterministic, so regenerating the examples
 * never changes a file whose inputs did not change.
 */
import { Address4 } from "ip-address";
import { v5 as uuidv5 } from "uuid";
import { eanCheckDigit } from "../../config/schema/common.js";
import { cidrOverlaps, parseCidr } from "../../../components/vocabulary/cidr.js";
import { municipalityFileName, nameSlugs, type MunicipalityRecord } from "../../registry/index.js";

/** A plan that cannot be made from the inputs (a full supernet, a wave without a date). */
export class PlanError extends Error {}

/** One row of the municipality registry (packages/registry). */
export type RegistryEntry = MunicipalityRecord;

/**
 * The example grouping: one unit per region. Real units are formed by the
 * municipalities' own agreements; this table is only how the examples are
 * laid out, and changing it (or adding a unit) touches no code elsewhere.
 */
export const EXAMPLE_UNIT_BY_REGION: Readonly<Record<string, string>> = {
  "1081": "nordjylland",
  "1082": "midtjylland",
  "1083": "syddanmark",
  "1084": "hovedstaden",
  "1085": "sjaelland",
};

/** Each municipality gets one block of this size from its unit's supernet. */
export const MUNICIPALITY_PREFIX_LENGTH = 18;

/**
 * The programme's cutover calendar. Wave 1 was the pilot (autumn 2026);
 * wave 2 the early adopters; waves 3-10 run through 2027 on Saturdays,
 * avoiding Easter, the July industrial holiday and the October school
 * holiday, and finish well before the end-2027 deadline.
 */
export const WAVE_CUTOVERS: Readonly<Record<number, string>> = {
  1: "2026-10-03",
  2: "2027-01-16",
  3: "2027-02-27",
  4: "2027-03-20",
  5: "2027-04-17",
  6: "2027-05-29",
  7: "2027-06-19",
  8: "2027-08-28",
  9: "2027-09-25",
  10: "2027-11-06",
};

/** Waves that planned (generated) municipalities are spread over. */
export const PLANNED_WAVES = [3, 4, 5, 6, 7, 8, 9, 10] as const;

/** ASCII slug of a Danish name (æ→ae, ø→oe, å→aa), as the registry spells file names. */
export function asciiSlug(name: string): string {
  return nameSlugs(name)[0]!;
}

/** `<code>-<slug>.yaml`, e.g. `851-aalborg.yaml`: the registry's canonical file name. */
export { municipalityFileName };

/** Appends the GS1 mod-10 check digit to 12 digits. */
export function withEanCheckDigit(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new PlanError(`expected 12 digits to complete an EAN, got '${first12}'`);
  return `${first12}${eanCheckDigit(first12)}`;
}

/**
 * Example EAN of a municipality: GS1 Denmark prefix 5798, then 009, the
 * kommunekode and 00. The shape is real; the numbers are not anyone's
 * invoicing address.
 */
export function exampleMunicipalityEan(code: string): string {
  return withEanCheckDigit(`5798009${code}00`);
}

/** Example EAN of a unit: 57980099 and the region code (kommunekoder never start with 9, so the two never meet). */
export function exampleUnitEan(regionCode: string): string {
  return withEanCheckDigit(`57980099${regionCode}`);
}

/** Namespace of the example Entra object ids; fixed so that the examples never change by themselves. */
export const EXAMPLE_ENTRA_NAMESPACE = uuidv5("entra.driftsenhed.example", uuidv5.DNS);

/** Example Entra object id: UUIDv5 of a description such as `nordjylland/k851/operators`. */
export function exampleGroupId(...parts: string[]): string {
  return uuidv5(parts.join("/"), EXAMPLE_ENTRA_NAMESPACE);
}

/** The authority's own name: "Aalborg Kommune", but "Københavns Kommune" and "Bornholms Regionskommune". */
export function authorityName(name: string): string {
  if (name === "København") return "Københavns Kommune";
  if (name === "Bornholm") return "Bornholms Regionskommune";
  return `${name} Kommune`;
}

/** Example DNS domain of a municipality, e.g. `aalborg.kommune.example`. */
export function exampleDomain(name: string): string {
  return `${asciiSlug(name)}.kommune.example`;
}

/**
 * Cuts `supernet` into blocks of `prefixLength` and hands them out in the
 * order of `codes`, skipping blocks that touch a reserved range (hub,
 * cluster). The caller sorts `codes` by kommunekode so a municipality keeps
 * its block however the registry file is ordered.
 */
export function allocateBlocks(
  supernet: string,
  reserved: readonly string[],
  codes: readonly string[],
  prefixLength = MUNICIPALITY_PREFIX_LENGTH,
): Map<string, string> {
  const parsed = parseCidr(supernet);
  if (!parsed) throw new PlanError(`'${supernet}' is not an IPv4 CIDR`);
  if (parsed.prefixLength > prefixLength) {
    throw new PlanError(`supernet ${supernet} is smaller than one /${prefixLength} block`);
  }
  const start = parsed.address.startAddress().bigInt();
  const blockSize = 1n << BigInt(32 - prefixLength);
  const blockCount = 1n << BigInt(prefixLength - parsed.prefixLength);
  const result = new Map<string, string>();
  let next = 0n;
  for (const code of codes) {
    let block: string | undefined;
    while (next < blockCount && block === undefined) {
      const candidate = `${Address4.fromBigInt(start + next * blockSize).correctForm()}/${prefixLength}`;
      next++;
      if (!reserved.some((r) => cidrOverlaps(r, candidate))) block = candidate;
    }
    if (block === undefined) {
      throw new PlanError(`supernet ${supernet} has no free /${prefixLength} left for kommunekode ${code}; give the unit a larger addressSpace`);
    }
    result.set(code, block);
  }
  return result;
}

/**
 * Spreads `count` municipalities (already in kommunekode order) over the
 * planned waves in contiguous groups of nearly equal size. Hand-written
 * municipalities count too (their own wave wins), so a municipality's
 * planned wave depends only on its place in the registry.
 */
export function planWaves(count: number): number[] {
  return Array.from({ length: count }, (_, i) => PLANNED_WAVES[Math.floor((i * PLANNED_WAVES.length) / count)]!);
}

export interface PlannedMunicipality {
  entry: RegistryEntry;
  unitId: string;
  addressSpace: string;
  wave: number;
}

/** First line of every generated file; a file without it is hand-written and never overwritten. */
export const GENERATED_MARKER = "# Generated by packages/tools/examples/generate.ts.";

/** The YAML of a planned municipality: identity, owners, billing, wave and address block; no workloads yet. */
export function renderPlannedMunicipality(p: PlannedMunicipality): string {
  const { entry, unitId } = p;
  const domain = exampleDomain(entry.name);
  const cutover = WAVE_CUTOVERS[p.wave];
  if (!cutover) throw new PlanError(`wave ${p.wave} has no cutover date in WAVE_CUTOVERS`);
  const lines = [
    "# yaml-language-server: $schema=../../.schema/municipality.schema.json",
    GENERATED_MARKER,
    "# It rewrites this file while this header is here. When onboarding starts, delete the",
    "# header, set lifecycle: migrating and add sites and workloads by hand.",
    "# The address block follows the plan at the top of ../unit.yaml. Contacts, EAN and group",
    "# ids are examples; replace them with the municipality's own at onboarding.",
    `code: "${entry.code}"`,
    `name: ${entry.name}`,
    "lifecycle: planned",
    "# A municipality's case work includes social, health and CPR data (GDPR art. 9/10).",
    "dataClassification: sensitive-personal",
    "contacts:",
    "  securityOfficer:",
    `    name: Informationssikkerhed, ${authorityName(entry.name)}`,
    `    email: informationssikkerhed@${domain}`,
    "  dataProtectionOfficer:",
    `    name: Databeskyttelsesrådgiver, ${authorityName(entry.name)}`,
    `    email: dpo@${domain}`,
    "billing:",
    `  ean: "${exampleMunicipalityEan(entry.code)}"`,
    `  costCentre: k${entry.code}-drift`,
    "operators:",
    `  groupId: ${exampleGroupId(unitId, `k${entry.code}`, "operators")}`,
    `  logReaderGroupId: ${exampleGroupId(unitId, `k${entry.code}`, "log-readers")}`,
    "migration:",
    `  wave: ${p.wave}`,
    `  cutover: "${cutover}"`,
    "network:",
    `  addressSpace: ${p.addressSpace}`,
    "  sites: []",
    "workloads: []",
    "",
  ];
  return lines.join("\n");
}
