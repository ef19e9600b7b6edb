import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asRecord, asString, show } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

/** Confidential VMs include Trusted Launch's protections. */
const ACCEPTED_TYPES = ["trustedlaunch", "confidentialvm"];

export const requireTrustedLaunch = defineResourceRule({
  name: "azure-compute-require-trusted-launch",
  kind: "resource",
  description:
    "Every virtual machine runs as Trusted Launch (securityProfile.securityType TrustedLaunch, or ConfidentialVM) with Secure Boot and the virtual TPM enabled, so that boot kits and tampered boot chains are caught.",
  severity: "high",
  category: "security",
  remediation:
    "Set `securityProfile: { securityType: \"TrustedLaunch\", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } }` and use a Gen2 image.",
  controls: { nis2: [5], iso27001: ["8.9"], alz: ["Audit-TrustedLaunch"] },
  config: noParams(),
  resourceTypes: [AZ.virtualMachine],
  validate(resource, ctx) {
    const profile = asRecord(resource.props.securityProfile) ?? {};
    const securityType = asString(profile.securityType);
    const uefi = asRecord(profile.uefiSettings) ?? {};
    const problems: string[] = [];
    if (!securityType || !ACCEPTED_TYPES.includes(securityType.toLowerCase())) {
      problems.push(`securityProfile.securityType is ${show(profile.securityType)} (must be "TrustedLaunch")`);
    }
    if (uefi.secureBootEnabled !== true) {
      problems.push(`securityProfile.uefiSettings.secureBootEnabled is ${show(uefi.secureBootEnabled)} (must be true)`);
    }
    if (uefi.vTpmEnabled !== true) {
      problems.push(`securityProfile.uefiSettings.vTpmEnabled is ${show(uefi.vTpmEnabled)} (must be true)`);
    }
    if (problems.length > 0) ctx.report(`Virtual machine '${resource.name}' is not Trusted Launch: ${problems.join("; ")}.`);
  },
});
