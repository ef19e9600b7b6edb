import { PLATFORM_SCOPE } from "../../../components/vocabulary/tags.js";
import { noParams } from "../../lib/params.js";
import { taggedOwner } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { defineResourceRule } from "../../rule.js";

export const disallowIpForwardingOnNic = defineResourceRule({
  name: "azure-network-disallow-ip-forwarding-on-nic",
  kind: "resource",
  description:
    "No network interface forwards IP traffic, except the platform's own network appliances (tagged kommunekode=platform). A forwarding NIC in a spoke could route one municipality's traffic around the firewall.",
  severity: "high",
  category: "security",
  remediation:
    "Set `enableIPForwarding: false`. Routing between networks is the hub firewall's job; a platform appliance that must forward is tagged with `platformTags(...)`.",
  controls: { nis2: [9], iso27001: ["8.20", "8.22"], alz: ["Deny-IP-forwarding"] },
  config: noParams(),
  resourceTypes: [AZ.networkInterface],
  validate(resource, ctx) {
    if (resource.props.enableIPForwarding !== true) return;
    const owner = taggedOwner(resource.props);
    if (owner === PLATFORM_SCOPE) return;
    ctx.report(
      `Network interface '${resource.name}' has enableIPForwarding=true but is not a platform appliance (kommunekode is ${owner ?? "not set"}).`,
    );
  },
});
