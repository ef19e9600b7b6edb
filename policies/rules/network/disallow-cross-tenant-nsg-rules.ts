import { indexOf } from "../../lib/graph.js";
import { parseRange } from "../../lib/ip.js";
import { securityRulesOf, where } from "../../lib/network.js";
import { noParams } from "../../lib/params.js";
import { isTenantCode } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { defineStackRule } from "../../rule.js";

export const disallowCrossTenantNsgRules = defineStackRule({
  name: "azure-network-disallow-cross-tenant-nsg-rules",
  kind: "stack",
  description:
    "No allow rule in a municipality's NSG (inline or a SecurityRule resource) names an address range that covers another municipality's network: inbound as source, outbound as destination. Wildcards and service tags are not attributed to anyone; the firewall rules and routes decide those paths.",
  severity: "critical",
  category: "security",
  remediation:
    "Narrow the prefix to the municipality's own ranges, the hub or on-premises ranges. Flows between municipalities are decided in the hub firewall, not opened in a spoke NSG.",
  controls: { nis2: [9], iso27001: ["8.22", "8.20"], alz: [], alzNote: "ALZ has no tenant concept; this is the per-municipality segregation GDPR Art. 32 asks of a processor serving several controllers." },
  config: noParams(),
  validate(resources, ctx) {
    const index = indexOf(resources);
    for (const r of resources) {
      if (r.type !== AZ.networkSecurityGroup && r.type !== AZ.securityRule) continue;
      const nsg = r.type === AZ.networkSecurityGroup ? r : index.parentOf(r);
      const owner = index.ownerOf(nsg ?? r);
      if (!isTenantCode(owner)) continue;
      for (const rule of securityRulesOf(r.type, r.props, r.name)) {
        if (rule.access !== "allow") continue;
        const remote =
          rule.direction === "inbound" ? rule.sourcePrefixes : rule.direction === "outbound" ? rule.destinationPrefixes : [];
        for (const prefix of remote) {
          const range = parseRange(prefix);
          if (!range) continue;
          for (const other of index.tenantsTouching(range)) {
            if (other === owner) continue;
            ctx.report(
              `NSG rule ${where(rule.path, rule.name)} of municipality ${owner}'s NSG '${nsg?.name ?? r.name}' allows ${rule.direction} ` +
                `traffic ${rule.direction === "inbound" ? "from" : "to"} ${prefix}, which covers municipality ${other}'s network.`,
              { urn: r.urn, kommunekode: owner },
            );
          }
        }
      }
    }
  },
});
