import { azureNameOf, normLocation, resourceGroupOf } from "../../lib/azure.js";
import { indexOf } from "../../lib/graph.js";
import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asString } from "../../lib/values.js";
import { defineStackRule } from "../../rule.js";

export const requireResourceGroupLocation = defineStackRule({
  name: "azure-resources-require-resource-group-location",
  kind: "stack",
  description:
    "A resource's location equals its resource group's. Hygiene: residency itself is enforced on every resource by azure-resources-restrict-locations, so a mismatch only scatters a municipality's resources and their metadata across EU regions.",
  severity: "low",
  category: "hygiene",
  remediation: "Omit `location` (the resource then inherits its resource group's) or set it to the resource group's location.",
  controls: { nis2: [1], iso27001: ["8.9"], alz: ["Audit-ResourceRGLocation"] },
  config: noParams(),
  validate(resources, ctx) {
    const index = indexOf(resources);
    for (const r of resources) {
      if (!r.type.startsWith("azure-native:") || r.type === AZ.resourceGroup) continue;
      const location = asString(r.props.location);
      if (!location || normLocation(location) === "global") continue;
      const rg = index.resourceGroupNamed(resourceGroupOf(r));
      const rgLocation = rg ? asString(rg.props.location) : undefined;
      if (rg && rgLocation && normLocation(rgLocation) !== normLocation(location)) {
        ctx.report(
          `'${r.name}' is in ${location} but its resource group '${azureNameOf(rg)}' is in ${rgLocation}.`,
          { urn: r.urn },
        );
      }
    }
  },
});
