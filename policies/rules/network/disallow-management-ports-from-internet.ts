import { z } from "zod";
import { isWildcard } from "../../lib/ip.js";
import { securityRulesOf, where } from "../../lib/network.js";
import { reachedPorts } from "../../lib/ports.js";
import { AZ } from "../../lib/types.js";
import { asString } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

/** Source prefixes that mean "anyone on the internet". */
function isInternetSource(prefix: string): boolean {
  return isWildcard(prefix) || prefix.trim().toLowerCase() === "internet";
}

export const disallowManagementPortsFromInternet = defineResourceRule({
  name: "azure-network-disallow-management-ports-from-internet",
  kind: "resource",
  description:
    "No NSG rule allows SSH (22) or RDP (3389) inbound from `*`, `Internet`, `0.0.0.0/0` or `Any`, whether the rule is inline in the NSG or a separate SecurityRule, and whether the port is written alone, as a range (`3000-4000`), as `*` or in a port list; source lists are read as well.",
  severity: "critical",
  category: "security",
  remediation:
    "Delete the rule or narrow its source to the Bastion subnet or the VPN address pool. Administration goes through Azure Bastion or the VPN with MFA, never directly from the internet.",
  controls: { nis2: [9, 10], iso27001: ["8.20", "5.15"], alz: ["Deny-MgmtPorts-Internet"] },
  config: z.strictObject({
    ports: z
      .array(z.number().int().min(1).max(65535))
      .min(1)
      .default([22, 3389])
      .describe("Management ports that must never be open to the internet."),
  }),
  resourceTypes: [AZ.networkSecurityGroup, AZ.securityRule],
  validate(resource, ctx) {
    const nsg =
      resource.type === AZ.securityRule ? (asString(resource.props.networkSecurityGroupName) ?? "(unknown NSG)") : resource.name;
    for (const rule of securityRulesOf(resource.type, resource.props, resource.name)) {
      if (rule.access !== "allow" || rule.direction !== "inbound") continue;
      if (["icmp", "esp", "ah"].includes(rule.protocol)) continue;
      const sources = rule.sourcePrefixes.filter(isInternetSource);
      if (sources.length === 0) continue;
      const ports = reachedPorts(rule.destinationPorts, ctx.config.ports);
      if (ports.length === 0) continue;
      ctx.report(
        `NSG rule ${where(rule.path, rule.name)} of NSG '${nsg}' allows port(s) ${ports.join(", ")} ` +
          `(destination ports ${JSON.stringify(rule.destinationPorts)}) inbound from ${JSON.stringify(sources)}.`,
      );
    }
  },
});
