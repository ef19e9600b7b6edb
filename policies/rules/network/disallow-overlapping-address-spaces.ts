import { parseRange, overlaps, type IpRange } from "../../lib/ip.js";
import { addressPrefixesOfVnet } from "../../lib/network.js";
import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asRecord, asStrings } from "../../lib/values.js";
import { defineStackRule, type StackResource } from "../../rule.js";

function prefixesOf(r: StackResource): string[] {
  if (r.type === AZ.virtualNetwork) return addressPrefixesOfVnet(r.props);
  if (r.type === AZ.localNetworkGateway) return asStrings(asRecord(r.props.localNetworkAddressSpace)?.addressPrefixes);
  return [];
}

export const disallowOverlappingAddressSpaces = defineStackRule({
  name: "azure-network-disallow-overlapping-address-spaces",
  kind: "stack",
  description:
    "No two virtual networks (hub, spokes) or on-premises ranges of local network gateways share addresses. Overlapping spokes cannot both peer with the hub, and an overlap makes traffic unattributable to a municipality.",
  severity: "high",
  category: "security",
  remediation: "Give each municipality's spoke its own range from the unit's address plan.",
  controls: { nis2: [5], iso27001: ["8.22", "8.20"], alz: [], alzNote: "ALZ has no overlap check between spoke ranges (a gap named in controls.md)." },
  config: noParams(),
  validate(resources, ctx) {
    const seen: { r: StackResource; range: IpRange }[] = [];
    for (const r of resources) {
      for (const prefix of prefixesOf(r)) {
        const range = parseRange(prefix);
        if (!range) continue;
        for (const earlier of seen) {
          if (earlier.r === r || !overlaps(earlier.range, range)) continue;
          ctx.report(`Address range ${prefix} of '${r.name}' overlaps ${earlier.range.text} of '${earlier.r.name}'.`, { urn: r.urn });
        }
        seen.push({ r, range });
      }
    }
  },
});
