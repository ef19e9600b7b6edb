import { z } from "zod";
import { normLocation } from "../../lib/azure.js";
import { DEFAULT_ALLOWED_LOCATIONS } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asString, show } from "../../lib/values.js";
import { ALL_AZURE_NATIVE, defineResourceRule } from "../../rule.js";

/**
 * Types whose only location Azure accepts is `global`: a regional value is
 * rejected, so the residency check cannot apply to them. Each is listed for a
 * documented reason; `global` on any other type is a finding, because there it
 * is a choice that lets Azure store or process the resource outside the EU.
 *
 * Deliberately absent although `global` is accepted there: `monitor:ActionGroup`
 * (regional action groups keep the receivers, i.e. contact data, and their
 * processing in the chosen region; `global` may process them anywhere) and
 * `monitor:ActivityLogAlert` (Azure also offers West and North Europe).
 * `monitor:ScheduledQueryRule` is regional.
 */
export const GLOBAL_ONLY_TYPES: ReadonlyMap<string, string> = new Map([
  [AZ.privateZone, "Private DNS zones are global; records resolve only inside linked networks."],
  ["azure-native:privatedns:VirtualNetworkLink", "Links of a private DNS zone take the zone's location, `global`."],
  ["azure-native:dns:Zone", "Public DNS zones are served from Azure DNS's global anycast network."],
  [
    "azure-native:monitor:PrivateLinkScope",
    "An Azure Monitor Private Link Scope is a global object; the workspaces it scopes keep their own region.",
  ],
  [
    "azure-native:monitor:MetricAlert",
    "Metric alert rules are created with location `global` (Azure's templates and cmdlets); the rule holds criteria and resource ids, not data.",
  ],
]);

export const restrictLocations = defineResourceRule({
  name: "azure-resources-restrict-locations",
  kind: "resource",
  description:
    "Every Azure resource is created in an allowed EU region (Denmark East first). A resource without a location inherits its resource group's, which this rule checks in turn; a resource group must state its location. `global` is accepted only on the types Azure requires to be global: private DNS zones and their network links, public DNS zones, Azure Monitor private link scopes and metric alert rules.",
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
    if (norm === "global" && GLOBAL_ONLY_TYPES.has(resource.type)) return;
    if (!allowed.includes(norm)) {
      const globalHint =
        norm === "global"
          ? ` '${resource.type}' is not among the types Azure requires to be global; use an allowed region.`
          : "";
      ctx.report(
        `${resource.type.split(":")[2]} '${resource.name}' is in location ${show(location)}, outside the allowed EU regions (${allowed.join(", ")}).${globalHint}`,
      );
    }
  },
});
