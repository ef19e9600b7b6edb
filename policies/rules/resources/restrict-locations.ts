import { z } from "zod";
import { normLocation } from "../../lib/azure.js";
import { DEFAULT_ALLOWED_LOCATIONS } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asString, show } from "../../lib/values.js";
import { ALL_AZURE_NATIVE, defineResourceRule } from "../../rule.js";

/** Types that Azure only offers as `global` (name resolution, not data). */
const GLOBAL_ONLY = new Set<string>([AZ.privateZone, "azure-native:privatedns:VirtualNetworkLink", "azure-native:network:DnsZone"]);

export const restrictLocations = defineResourceRule({
  name: "azure-resources-restrict-locations",
  kind: "resource",
  description:
    "Every Azure resource is created in an allowed EU region (Denmark East first). A resource without a location inherits its resource group's, which this rule checks in turn; a resource group must state its location.",
  severity: "critical",
  category: "security",
  remediation:
    "Set `location` to one of the allowed regions (the unit's configured location, normally `denmarkeast`). To use another EU region, add it to `allowedLocations` in the policy pack configuration after the data-protection review.",
  controls: {
    nis2: [1],
    iso27001: ["8.9"],
    alz: [],
    alzNote: "The ALZ core set restricts no regions (a gap named in controls.md); GDPR chapter V and Datatilsynet require EU residency.",
  },
  config: z.strictObject({
    allowedLocations: z
      .array(z.string().min(1))
      .min(1)
      .default([...DEFAULT_ALLOWED_LOCATIONS])
      .describe("Azure regions resources may be created in."),
  }),
  resourceTypes: [ALL_AZURE_NATIVE],
  validate(resource, ctx) {
    const allowed = ctx.config.allowedLocations.map(normLocation);
    const location = asString(resource.props.location);
    if (location === undefined) {
      if (resource.type === AZ.resourceGroup) {
        ctx.report(
          `Resource group '${resource.name}' does not state its location (location is ${show(resource.props.location)}); ` +
            `the provider default would decide where its resources' metadata lives. Set one of: ${allowed.join(", ")}.`,
        );
      }
      return;
    }
    const norm = normLocation(location);
    if (norm === "global" && GLOBAL_ONLY.has(resource.type)) return;
    if (!allowed.includes(norm)) {
      ctx.report(
        `${resource.type.split(":")[2]} '${resource.name}' is in location ${show(location)}, outside the allowed EU regions (${allowed.join(", ")}).`,
      );
    }
  },
});
