import { show } from "../../lib/values.js";
import { vaultRule } from "./vault-rule.js";

export const requireKeyVaultPurgeProtection = vaultRule({
  name: "azure-keyvault-require-purge-protection",
  description:
    "Every Key Vault has purge protection, so that nobody (including an attacker with the vault's admin rights) can permanently destroy a municipality's keys before the retention period ends; disks encrypted with them would be lost.",
  severity: "high",
  remediation: "Set `properties.enablePurgeProtection: true`. It cannot be turned off again, which is the point.",
  controls: { nis2: [3, 8], iso27001: ["8.24", "8.13"], alz: ["Enforce-GR-KeyVault"] },
  problem: (p) =>
    p.enablePurgeProtection === true ? undefined : `properties.enablePurgeProtection is ${show(p.enablePurgeProtection)} (must be true).`,
});
