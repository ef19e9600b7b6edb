/**
 * Static NAT of on-premises sites: which addresses Azure, the firewall and
 * the gateways see for a site. One function, so the tenant's firewall rules,
 * the cluster's ingress rules and the configuration checks agree on a site's
 * sources.
 */
import { Address4 } from "ip-address";
import { cidrContains, parseCidr } from "./cidr.js";

export interface NatMapping {
  /** The site's own range. */
  internal: string;
  /** The range Azure sees instead. */
  external: string;
}

export interface NattedSite {
  prefixes: readonly string[];
  nat?: { mappings: readonly NatMapping[] };
}

/**
 * A site's prefixes as Azure and the firewall see them: a prefix inside a
 * static NAT mapping's internal range is moved by the same offset into the
 * external range; a prefix that only contains a mapping keeps its own
 * address (the rest of it is not translated) and adds the external range.
 */
export function siteAzurePrefixes(site: NattedSite): string[] {
  const mappings = site.nat?.mappings ?? [];
  const out = new Set<string>();
  for (const prefix of site.prefixes) {
    const mapping = mappings.find((m) => cidrContains(m.internal, prefix));
    if (mapping) {
      const p = parseCidr(prefix)!;
      const offset = p.address.startAddress().bigInt() - parseCidr(mapping.internal)!.address.startAddress().bigInt();
      const moved = new Address4(`${parseCidr(mapping.external)!.address.startAddress().correctForm()}/32`).offset(offset);
      out.add(`${moved.correctForm()}/${p.prefixLength}`);
      continue;
    }
    out.add(prefix);
    for (const m of mappings) if (cidrContains(prefix, m.internal)) out.add(m.external);
  }
  return [...out].sort();
}
