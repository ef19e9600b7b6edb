import { indexOf, type StackIndex } from "../../lib/graph.js";
import { isWildcard, parseRange } from "../../lib/ip.js";
import { noParams } from "../../lib/params.js";
import { isTenantCode } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, asString, asStrings, eqi, pathOf } from "../../lib/values.js";
import { defineStackRule } from "../../rule.js";

/** Municipalities an address list names explicitly, and whether it is a wildcard. */
function tenantsOf(index: StackIndex, addresses: readonly string[]): { tenants: Set<string>; any: boolean } {
  const tenants = new Set<string>();
  let any = false;
  for (const a of addresses) {
    if (isWildcard(a)) {
      any = true;
      continue;
    }
    const range = parseRange(a);
    if (range) for (const t of index.tenantsTouching(range)) tenants.add(t);
  }
  return { tenants, any };
}

export const disallowCrossTenantFirewallRules = defineStackRule({
  name: "azure-network-disallow-cross-tenant-firewall-rules",
  kind: "stack",
  description:
    "No allow rule in a firewall policy rule collection group lets one municipality's range reach another's: a network or application rule whose sources cover municipality A (or are `*`) and whose destination addresses cover municipality B, or a DNAT rule from A translated into B. Destinations given only as `*` or FQDNs count as egress and are not attributed.",
  severity: "critical",
  category: "security",
  remediation:
    "Narrow the rule's sources or destinations so that each municipality reaches only its own ranges and shared platform services. A flow between two municipalities needs both data controllers' agreement and an exemption in policies/exemptions.yaml.",
  controls: { nis2: [9], iso27001: ["8.22", "8.20", "8.21"], alz: [], alzNote: "ALZ deploys no firewall rules per landing zone (a gap named in controls.md)." },
  config: noParams(),
  validate(resources, ctx) {
    const index = indexOf(resources);
    for (const r of index.ofType(AZ.firewallPolicyRuleCollectionGroup)) {
      asArray(r.props.ruleCollections).forEach((rawCollection, i) => {
        const collection = asRecord(rawCollection) ?? {};
        const collectionName = asString(collection.name) ?? `ruleCollections[${i}]`;
        const isNat = eqi(collection.ruleCollectionType, "FirewallPolicyNatRuleCollection");
        const action = asString(asRecord(collection.action)?.type);
        if (!isNat && !eqi(action, "Allow")) return;
        asArray(collection.rules).forEach((rawRule, j) => {
          const rule = asRecord(rawRule) ?? {};
          const ruleName = asString(rule.name) ?? `rules[${j}]`;
          const sources = tenantsOf(index, asStrings(rule.sourceAddresses));
          const destinationList = isNat ? asStrings([rule.translatedAddress]) : asStrings(rule.destinationAddresses);
          const destinations = tenantsOf(index, destinationList);
          for (const to of destinations.tenants) {
            const from = [...sources.tenants].filter((t) => t !== to);
            if (from.length === 0 && !(sources.any && !isNat)) continue;
            const who = from.length > 0 ? `municipality ${from.join(", ")}` : "any source, including every other municipality,";
            ctx.report(
              `Firewall rule '${ruleName}' (${pathOf("ruleCollections", i, "rules", j)}, collection '${collectionName}') in '${r.name}' lets ${who} reach municipality ${to}'s network (${destinationList.join(", ")}).`,
              { urn: r.urn, kommunekode: isTenantCode(to) ? to : undefined },
            );
          }
        });
      });
    }
  },
});
