import { PLATFORM_SCOPE, TAG } from "../../../components/vocabulary/tags.js";
import { azureNameOf } from "../../lib/azure.js";
import { noParams } from "../../lib/params.js";
import { isTenantCode, parseTenantResourceGroup } from "../../lib/tenancy.js";
import { AZ } from "../../lib/types.js";
import { asString, tagsOf } from "../../lib/values.js";
import { ALL_AZURE_NATIVE, defineResourceRule } from "../../rule.js";

/**
 * Children that Azure creates in their parent's resource group: a backup item
 * of municipality A lives with the unit's shared Recovery Services vault, a
 * node pool with its cluster. Their tag attributes them; their place is not a choice.
 */
const PLACED_BY_PARENT = new Set<string>([AZ.protectedItem, AZ.agentPool]);

export const restrictTenantResourceGroup = defineResourceRule({
  name: "azure-resources-restrict-tenant-resource-group",
  kind: "resource",
  description:
    "A municipality's resources live only in its own resource groups, named `rg-<unit>-k<code>-<purpose>`, and platform resources never in a municipality's. Resource groups are the scope of each municipality's access and of its evidence. Backup items and node pools, which Azure places with their vault or cluster, are exempt.",
  severity: "high",
  category: "security",
  remediation:
    "Create the resource in the municipality's resource group (`tenantResourceGroupName(unit, code, purpose)` from components/vocabulary/naming.ts), or tag it with the municipality that actually owns it. Platform resources belong in the platform's resource groups (`platformResourceGroupName`).",
  controls: { nis2: [9], iso27001: ["5.15", "5.18", "8.22"], alz: [] , alzNote: "ALZ separates workloads by subscription; this platform separates municipalities by resource group." },
  config: noParams(),
  resourceTypes: [ALL_AZURE_NATIVE],
  validate(resource, ctx) {
    if (PLACED_BY_PARENT.has(resource.type)) return ctx.notApplicable("Azure places this resource in its parent's resource group");
    const tags = tagsOf(resource.props);
    const owner = asString(tags[TAG.kommunekode]);
    if (owner === undefined) return ctx.notApplicable("The resource carries no kommunekode tag");
    const rg =
      resource.type === AZ.resourceGroup ? azureNameOf({ type: resource.type, props: resource.props }) : asString(resource.props.resourceGroupName);
    if (rg === undefined) return ctx.notApplicable("The resource is not declared in a resource group");
    const parsed = parseTenantResourceGroup(rg);
    const what = resource.type === AZ.resourceGroup ? `Resource group '${rg}'` : `'${resource.name}' (resource group '${rg}')`;
    if (isTenantCode(owner)) {
      const unit = asString(tags[TAG.unit])?.toLowerCase();
      if (!parsed || parsed.code !== owner) {
        ctx.report(
          `${what} is tagged kommunekode=${owner} but the resource group is not one of municipality ${owner}'s (expected a name like 'rg-<unit>-k${owner}-<purpose>').`,
          { kommunekode: owner },
        );
      } else if (unit !== undefined && parsed.unit !== unit) {
        ctx.report(`${what} belongs to unit '${unit}' but the resource group is named for unit '${parsed.unit}'.`, { kommunekode: owner });
      }
    } else if (owner === PLATFORM_SCOPE && parsed) {
      ctx.report(
        `${what} is a platform resource (kommunekode=platform) in municipality ${parsed.code}'s resource group; platform resources live in the platform's resource groups.`,
        { kommunekode: PLATFORM_SCOPE },
      );
    }
  },
});
