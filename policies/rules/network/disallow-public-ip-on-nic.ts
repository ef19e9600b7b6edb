import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, asString, pathOf, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const disallowPublicIpOnNic = defineResourceRule({
  name: "azure-network-disallow-public-ip-on-nic",
  kind: "resource",
  description:
    "No network interface has a public IP address. Servers are reached through Bastion or the VPN, and leave through the hub firewall.",
  severity: "critical",
  category: "security",
  remediation:
    "Remove `publicIPAddress` from the NIC's IP configurations. Publish services through the hub (firewall DNAT or an application gateway) and administer servers through Azure Bastion.",
  controls: { nis2: [9, 10], iso27001: ["8.20", "8.21"], alz: ["Deny-Public-IP-On-NIC"] },
  config: noParams(),
  resourceTypes: [AZ.networkInterface],
  validate(resource, ctx) {
    asArray(resource.props.ipConfigurations).forEach((raw, i) => {
      const pip = asRecord(asRecord(raw)?.publicIPAddress);
      if (pip === undefined) return;
      const ref = asString(pip.id) ?? show(pip);
      ctx.report(
        `Network interface '${resource.name}' attaches public IP ${ref} at ${pathOf("ipConfigurations", i, "publicIPAddress")}; servers must not be reachable from the internet directly.`,
      );
    });
  },
});
