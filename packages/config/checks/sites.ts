/**
 * On-premises sites of one unit share its VPN gateway, so the ranges Azure
 * sees from them must be unique: not overlapping each other nor any Azure
 * range. Many municipalities use the same private ranges today; such a site
 * declares static NAT, and then its external (translated) ranges are what
 * Azure sees. A prefix not covered by a NAT mapping stays visible as is.
 */
import { cidrContains, cidrOverlaps } from "../../../components/vocabulary/cidr.js";
import type { DraftFinding, PathSegment } from "../findings.js";
import type { MunicipalityConfig, SiteConfig } from "../schema/municipality.js";
import type { UnitConfig } from "../schema/unit.js";
import type { Check, MunicipalityEntry } from "./types.js";

/** A range as Azure sees it from one site. */
export interface VisibleRange {
  cidr: string;
  /** Field path of the range in the municipality file. */
  path: PathSegment[];
  /** `prefix` when untranslated, `NAT external range` when translated. */
  kind: "prefix" | "NAT external range";
}

/** The ranges Azure sees from a site: translated prefixes are replaced by their external ranges. */
export function visibleRanges(site: SiteConfig, siteIndex: number): VisibleRange[] {
  const base: PathSegment[] = ["network", "sites", siteIndex];
  const mappings = site.nat?.mappings ?? [];
  const ranges: VisibleRange[] = [];
  site.prefixes.forEach((prefix, j) => {
    if (!mappings.some((m) => cidrContains(m.internal, prefix))) ranges.push({ cidr: prefix, path: [...base, "prefixes", j], kind: "prefix" });
  });
  mappings.forEach((m, k) => ranges.push({ cidr: m.external, path: [...base, "nat", "mappings", k, "external"], kind: "NAT external range" }));
  return ranges;
}

interface Placed extends VisibleRange {
  entry: MunicipalityEntry;
  label: string;
  nat: boolean;
}

export const checkSites: Check = (units) => {
  const out: DraftFinding[] = [];
  for (const unit of units) {
    const placed: Placed[] = [];
    for (const entry of unit.municipalities) {
      const config = entry.config;
      if (!config) continue;
      config.network.sites.forEach((site, i) => {
        for (const r of visibleRanges(site, i)) placed.push({ ...r, entry, label: siteLabel(config, site), nat: site.nat !== undefined });
      });
    }

    const otherUnits = units.filter((u) => u !== unit).flatMap((u) => (u.config ? [{ id: u.folder, space: u.config.addressSpace }] : []));
    const azure = azureRanges(unit.config, otherUnits, unit.municipalities);
    placed.forEach((range, i) => {
      const fix = range.kind === "NAT external range" ? "pick an external range no other site or Azure range uses" : "declare nat.mappings for this site so Azure sees a unique external range";
      for (const other of placed.slice(0, i)) {
        if (!cidrOverlaps(range.cidr, other.cidr)) continue;
        const where = other.entry === range.entry ? other.path.join(".") : `${other.entry.file} ${other.path.join(".")}`;
        out.push({
          severity: "error",
          file: range.entry.file,
          path: range.path,
          value: range.cidr,
          rule: "site-overlap",
          message: `${range.kind} ${range.cidr} of site ${range.label} collides with ${other.kind} ${other.cidr} of site ${other.label} (${where}); ${fix}`,
        });
      }
      const hits = azure.filter((a) => cidrOverlaps(range.cidr, a.cidr));
      // The supernet is reported only when no more precise range explains the collision.
      const precise = hits.filter((h) => !h.reserve);
      const shown = precise.length > 0 ? precise : hits;
      if (shown.length > 0) {
        const list = shown.slice(0, 3).map((h) => `${h.label} ${h.cidr}`).join(", ") + (shown.length > 3 ? ` and ${shown.length - 3} more` : "");
        out.push({
          severity: "error",
          file: range.entry.file,
          path: range.path,
          value: range.cidr,
          rule: "site-overlap",
          message: `${range.kind} ${range.cidr} of site ${range.label} collides with Azure ranges: ${list}; ${fix}`,
        });
      }
    });
  }
  return out;
};

function siteLabel(config: MunicipalityConfig, site: SiteConfig): string {
  return `'${site.name}' (${config.code} ${config.name})`;
}

interface AzureRange {
  cidr: string;
  label: string;
  /** The supernet as a whole: free space is reserved for future spokes. */
  reserve?: boolean;
}

function azureRanges(
  unit: UnitConfig | undefined,
  otherUnits: { id: string; space: string }[],
  municipalities: readonly MunicipalityEntry[],
): AzureRange[] {
  const ranges: AzureRange[] = [];
  if (unit) {
    ranges.push({ cidr: unit.hub.addressSpace, label: "the hub" });
    if (unit.cluster.mode === "enabled") {
      ranges.push({ cidr: unit.cluster.addressSpace, label: "the cluster" });
      ranges.push({ cidr: unit.cluster.podCidr, label: "the cluster's pod range" });
      ranges.push({ cidr: unit.cluster.serviceCidr, label: "the cluster's service range" });
    }
  }
  for (const m of municipalities) {
    if (m.config) ranges.push({ cidr: m.config.network.addressSpace, label: `the spoke of ${m.config.code} ${m.config.name}` });
  }
  if (unit) ranges.push({ cidr: unit.addressSpace, label: "the unit's supernet (reserved for Azure spokes)", reserve: true });
  for (const other of otherUnits) ranges.push({ cidr: other.space, label: `unit '${other.id}'` });
  return ranges;
}
