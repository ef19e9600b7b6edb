/**
 * The national register of municipalities. Which operating unit a
 * municipality belongs to is configuration (the folder its file sits in);
 * nothing here knows about units.
 */
import { MUNICIPALITIES } from "./municipalities.js";
import type { MunicipalityRecord } from "./types.js";

export type { MunicipalityRecord } from "./types.js";
export { MUNICIPALITIES } from "./municipalities.js";

export const REGION_NAMES = ["Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"] as const;
export type RegionName = (typeof REGION_NAMES)[number];

const byCode = new Map<string, MunicipalityRecord>(MUNICIPALITIES.map((m) => [m.code, m]));

/** The municipality with this kommunekode, or undefined. */
export function findMunicipality(code: string): MunicipalityRecord | undefined {
  return byCode.get(code);
}

export function municipalitiesInRegion(region: RegionName): MunicipalityRecord[] {
  return MUNICIPALITIES.filter((m) => m.regionName === region);
}

/**
 * File-name slugs for a municipality name. The Danish transliteration
 * (æ→ae, ø→oe, å→aa) comes first; the plain one (ø→o, å→a) is accepted too
 * because both are in everyday use ("soroe" and "soro").
 */
export function nameSlugs(name: string): string[] {
  const danish = slugify(name.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa"));
  const plain = slugify(name.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a"));
  return danish === plain ? [danish] : [danish, plain];
}

function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The canonical municipality file name: `<code>-<slug>.yaml`. */
export function municipalityFileName(record: MunicipalityRecord): string {
  return `${record.code}-${nameSlugs(record.name)[0]}.yaml`;
}

/**
 * True when two spellings differ only in case, diacritics or transliteration
 * ("Koebenhavn" for "København"), so that a near miss gets a precise hint.
 */
export function sameNameLoosely(a: string, b: string): boolean {
  const slugsOfB = new Set(nameSlugs(b));
  return nameSlugs(a).some((s) => slugsOfB.has(s));
}
