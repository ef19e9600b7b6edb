import { asRecord, eqi, show } from "../../lib/values.js";
import { vaultRule } from "./vault-rule.js";

export const requireKeyVaultNetworkDefaultDeny = vaultRule({
  name: "azure-keyvault-require-network-default-deny",
  description:
    "Every Key Vault's network rules deny by default (`networkAcls.defaultAction: Deny`), so that only its private endpoint and explicitly allowed networks reach it.",
  severity: "high",
  remediation: "Set `properties.networkAcls: { defaultAction: \"Deny\", bypass: \"AzureServices\" }` and reach the vault through its private endpoint.",
  controls: { nis2: [9], iso27001: ["8.20", "8.21"], alz: ["Enforce-GR-KeyVault"] },
  problem: (p) => {
    const action = asRecord(p.networkAcls)?.defaultAction;
    return eqi(action, "Deny") ? undefined : `properties.networkAcls.defaultAction is ${show(action)} (must be "Deny").`;
  },
});
