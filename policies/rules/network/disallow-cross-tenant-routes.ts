import { PLATFORM_SCOPE } from "../../../components/vocabulary/tags.js";
import { z } from "zod";
import { indexOf } from "../../lib/graph.js";
import { contains, parseRange, parseRanges } from "../../lib/ip.js";
import { routesOf, where } from "../../lib/network.js";
import { isTenantCode } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { defineStackRule } from "../../rule.js";

export const disallowCrossTenantRoutes = defineStackRule({
  name: "azure-network-disallow-cross-tenant-routes",
  kind: "stack",
  description:
    "No route in a municipality's route table (inline or a Route resource) hands traffic to a next hop inside another municipality's network, or sends traffic for another municipality's range anywhere but to a platform appliance (a next hop in a platform network) or nowhere (`None`). Broader routes (0.0.0.0/0, 10.0.0.0/8) are left to the firewall they point at.",
  severity: "critical",
  category: "security",
  remediation:
    "Point the route at the hub firewall's private IP, or remove it: a spoke needs only its default route to the firewall.",
  controls: { nis2: [9], iso27001: ["8.22", "8.20"], alz: ["Deny-UDR-With-Specific-NextHop (definition)"] },
  config: z.strictObject({
    trustedNextHops: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Extra next-hop addresses (IPs or CIDRs) of platform appliances that live outside this stack, e.g. the hub firewall when spokes are deployed separately.",
      ),
  }),
  validate(resources, ctx) {
    const index = indexOf(resources);
    const trusted = parseRanges(ctx.config.trustedNextHops);
    for (const r of resources) {
      if (r.type !== AZ.routeTable && r.type !== AZ.route) continue;
      const table = r.type === AZ.routeTable ? r : index.parentOf(r);
      const owner = index.ownerOf(table ?? r);
      if (!isTenantCode(owner)) continue;
      const tableName = table?.name ?? r.name;
      for (const route of routesOf(r.type, r.props, r.name)) {
        const hop = route.nextHopIpAddress ? parseRange(route.nextHopIpAddress) : undefined;
        if (hop) {
          for (const other of index.tenantsTouching(hop)) {
            if (other === owner) continue;
            ctx.report(
              `Route ${where(route.path, route.name)} in municipality ${owner}'s route table '${tableName}' uses next hop ${route.nextHopIpAddress}, inside municipality ${other}'s network.`,
              { urn: r.urn, kommunekode: owner },
            );
          }
        }
        const prefix = route.addressPrefix ? parseRange(route.addressPrefix) : undefined;
        if (!prefix) continue;
        const targets = index
          .ownedRanges()
          .filter((o) => isTenantCode(o.owner) && o.owner !== owner && contains(o.range, prefix))
          .map((o) => o.owner);
        if (targets.length === 0) continue;
        const hopType = route.nextHopType.toLowerCase();
        if (hopType === "none") continue;
        const toPlatform =
          hopType === "virtualappliance" &&
          hop !== undefined &&
          ([...index.ownersContaining(hop)].some((o) => o === PLATFORM_SCOPE) || trusted.some((t) => contains(t, hop)));
        if (toPlatform) continue;
        ctx.report(
          `Route ${where(route.path, route.name)} in municipality ${owner}'s route table '${tableName}' sends ${route.addressPrefix} ` +
            `(municipality ${[...new Set(targets)].join(", ")}) to ${route.nextHopType}${route.nextHopIpAddress ? ` ${route.nextHopIpAddress}` : ""} instead of a platform appliance.`,
          { urn: r.urn, kommunekode: owner },
        );
      }
    }
  },
});
