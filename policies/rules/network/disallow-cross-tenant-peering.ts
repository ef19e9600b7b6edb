import { resourceGroupFromId } from "../../lib/azure.js";
import { indexOf } from "../../lib/graph.js";
import { parseRanges } from "../../lib/ip.js";
import { peeringsOf, where } from "../../lib/network.js";
import { noParams } from "../../lib/params.js";
import { isTenantCode, parseTenantResourceGroup } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { defineStackRule } from "../../rule.js";

export const disallowCrossTenantPeering = defineStackRule({
  name: "azure-network-disallow-cross-tenant-peering",
  kind: "stack",
  description:
    "No virtual network peering (inline or separate) connects two municipalities' networks. Spokes peer only with the hub, so that every path between municipalities crosses the hub firewall. The remote side is identified by the peered network in the stack, else by its resource group name or the address space the peering states.",
  severity: "critical",
  category: "security",
  remediation:
    "Remove the peering. If two municipalities must exchange data, allow the specific flow in the hub firewall policy after both data controllers have agreed to it.",
  controls: {
    nis2: [9],
    iso27001: ["8.22", "8.20"],
    alz: ["Deny-VNET-Peering-To-Non-Approved-VNETs (definition)"],
  },
  config: noParams(),
  validate(resources, ctx) {
    const index = indexOf(resources);
    for (const r of resources) {
      if (r.type !== AZ.virtualNetworkPeering && r.type !== AZ.virtualNetwork) continue;
      const peerings = peeringsOf(r.type, r.props, r.name);
      if (peerings.length === 0) continue;
      const local = r.type === AZ.virtualNetwork ? r : index.parentOf(r);
      const localOwner = index.ownerOf(local ?? r);
      if (!isTenantCode(localOwner)) continue;
      for (const p of peerings) {
        const remotes = new Set<string>();
        const remoteVnet = index.byId(p.remoteVnetId);
        const remoteOwner = remoteVnet ? index.ownerOf(remoteVnet) : undefined;
        if (remoteOwner) remotes.add(remoteOwner);
        if (!remoteVnet && p.remoteVnetId) {
          const rg = resourceGroupFromId(p.remoteVnetId);
          const code = rg ? parseTenantResourceGroup(rg)?.code : undefined;
          if (code) remotes.add(code);
        }
        for (const range of parseRanges(p.remotePrefixes)) for (const t of index.tenantsTouching(range)) remotes.add(t);
        for (const other of remotes) {
          if (!isTenantCode(other) || other === localOwner) continue;
          ctx.report(
            `Peering ${where(p.path, p.name)} connects municipality ${localOwner}'s network${local ? ` '${local.name}'` : ""} ` +
              `with municipality ${other}'s network (${p.remoteVnetId ?? p.remotePrefixes.join(", ")}).`,
            { urn: r.urn, kommunekode: localOwner },
          );
        }
      }
    }
  },
});
