import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asRecord, eqi, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requirePlatformPatching = defineResourceRule({
  name: "azure-compute-require-platform-patching",
  kind: "resource",
  description:
    "Every virtual machine is assessed for and patched with updates by the platform: `patchMode` and `assessmentMode` are `AutomaticByPlatform` in the Linux or Windows configuration, so that Azure Update Manager and the unit's maintenance configuration keep it current.",
  severity: "medium",
  category: "security",
  remediation:
    "Set `osProfile.<linux|windows>Configuration.patchSettings: { patchMode: \"AutomaticByPlatform\", assessmentMode: \"AutomaticByPlatform\" }` and assign the unit's maintenance configuration.",
  controls: { nis2: [5], iso27001: ["8.9", "8.32"], alz: ["Enable-AUM-CheckUpdates"] },
  config: noParams(),
  resourceTypes: [AZ.virtualMachine],
  validate(resource, ctx) {
    const os = asRecord(resource.props.osProfile) ?? {};
    const linux = asRecord(os.linuxConfiguration);
    const windows = asRecord(os.windowsConfiguration);
    const config = linux ?? windows;
    const base = linux ? "osProfile.linuxConfiguration" : "osProfile.windowsConfiguration";
    if (!config) {
      ctx.report(
        `Virtual machine '${resource.name}' sets neither osProfile.linuxConfiguration nor osProfile.windowsConfiguration, so platform patching is not configured.`,
      );
      return;
    }
    const patch = asRecord(config.patchSettings) ?? {};
    for (const field of ["patchMode", "assessmentMode"] as const) {
      if (!eqi(patch[field], "AutomaticByPlatform")) {
        ctx.report(
          `Virtual machine '${resource.name}': ${base}.patchSettings.${field} is ${show(patch[field])} (must be "AutomaticByPlatform").`,
        );
      }
    }
  },
});
