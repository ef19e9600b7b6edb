import { asArray, show } from "../../lib/values.js";
import { vaultRule } from "./vault-rule.js";

export const requireKeyVaultRbacAuthorization = vaultRule({
  name: "azure-keyvault-require-rbac-authorization",
  description:
    "Every Key Vault authorises data access with Azure RBAC and has no access policies, so that access is granted to Entra groups at the vault's scope and shows up in access reviews.",
  severity: "high",
  remediation:
    "Set `properties.enableRbacAuthorization: true`, remove `accessPolicies`, and grant Key Vault data roles to the municipality's groups on the vault.",
  controls: { nis2: [9], iso27001: ["5.15", "5.18"], alz: ["Enforce-GR-KeyVault"] },
  problem: (p) => {
    if (p.enableRbacAuthorization !== true) {
      return `properties.enableRbacAuthorization is ${show(p.enableRbacAuthorization)} (must be true).`;
    }
    const policies = asArray(p.accessPolicies);
    return policies.length > 0 ? `properties.accessPolicies has ${policies.length} entr${policies.length === 1 ? "y" : "ies"}; use RBAC role assignments instead.` : undefined;
  },
});
