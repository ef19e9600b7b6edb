import { show } from "../../lib/values.js";
import { vaultRule } from "./vault-rule.js";

export const requireKeyVaultSoftDelete = vaultRule({
  name: "azure-keyvault-require-soft-delete",
  description: "Every Key Vault states soft delete enabled, so that a deleted key or secret can be recovered.",
  severity: "high",
  remediation: "Set `properties.enableSoftDelete: true` (and `softDeleteRetentionInDays`, 90 by default).",
  controls: { nis2: [3, 8], iso27001: ["8.24", "8.13"], alz: ["Enforce-GR-KeyVault"] },
  problem: (p) => (p.enableSoftDelete === true ? undefined : `properties.enableSoftDelete is ${show(p.enableSoftDelete)} (must be true).`),
});
