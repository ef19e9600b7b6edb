import { PLATFORM_SCOPE } from "../../../components/vocabulary/tags.js";
import { idOf, normId, resourceGroupFromId } from "../../lib/azure.js";
import { indexOf } from "../../lib/graph.js";
import { noParams } from "../../lib/params.js";
import { parseTenantResourceGroup } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, asString } from "../../lib/values.js";
import { defineStackRule } from "../../rule.js";

export const requirePrivateDnsRegistration = defineStackRule({
  name: "azure-network-require-private-dns-registration",
  kind: "stack",
  description:
    "Every private endpoint registers in the hub's private DNS zones through a private DNS zone group, so that the service's name resolves to the private address for everyone and nobody falls back to the public endpoint. Zones are the platform's private DNS zones in the stack, or, when none are in it, zones outside any municipality's resource group.",
  severity: "medium",
  category: "security",
  remediation:
    "Add a PrivateDnsZoneGroup for the endpoint whose privateDnsZoneConfigs name the hub's zone for the service (PlatformRefs.privateDnsZoneIds).",
  controls: { nis2: [9], iso27001: ["8.21"], alz: ["Deploy-Private-DNS-Zones", "Audit-PeDnsZones"] },
  config: noParams(),
  validate(resources, ctx) {
    const index = indexOf(resources);
    const endpoints = index.ofType(AZ.privateEndpoint);
    if (endpoints.length === 0) return ctx.notApplicable("The stack has no private endpoints");
    const hubZones = new Set(
      index
        .ofType(AZ.privateZone)
        .filter((z) => index.ownerOf(z) === PLATFORM_SCOPE)
        .map(idOf)
        .filter((id): id is string => id !== undefined)
        .map(normId),
    );
    const groups = index.ofType(AZ.privateDnsZoneGroup);
    for (const pe of endpoints) {
      const zoneIds = groups
        .filter((g) => index.parentOf(g) === pe)
        .flatMap((g) => asArray(g.props.privateDnsZoneConfigs).map((c) => asString(asRecord(c)?.privateDnsZoneId)))
        .filter((id): id is string => id !== undefined);
      if (zoneIds.length === 0) {
        ctx.report(`Private endpoint '${pe.name}' registers in no private DNS zone (no PrivateDnsZoneGroup names a zone for it).`, {
          urn: pe.urn,
        });
        continue;
      }
      for (const zoneId of zoneIds) {
        const rg = resourceGroupFromId(zoneId);
        const isHub = hubZones.size > 0 ? hubZones.has(normId(zoneId)) : !(rg && parseTenantResourceGroup(rg));
        if (!isHub) {
          ctx.report(`Private endpoint '${pe.name}' registers in zone ${zoneId}, which is not one of the hub's private DNS zones.`, {
            urn: pe.urn,
          });
        }
      }
    }
  },
});
