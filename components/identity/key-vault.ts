/**
 * A Key Vault hardened the same way wherever the platform creates one: the
 * unit's platform vault and every municipality's own vault.
 *
 * Mirrors the landing-zone Key Vault guardrails: soft delete with purge
 * protection (a deleted key cannot be destroyed before 90 days, so a
 * compromised admin cannot crypto-shred a municipality's disks), RBAC
 * authorisation instead of access policies (grants are Entra role
 * assignments, auditable and scoped), no public network access, reachable
 * only through a private endpoint registered in the hub's
 * privatelink.vaultcore.azure.net zone, and audit logs to the unit workspace.
 * ISO 27001:2022 A.8.24 (cryptography), NIS2 § 6.
 */
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import { privateEndpoint } from "../network/private-endpoint.js";
import { azureName, keyVaultName } from "../vocabulary/naming.js";
import { rejectArgs } from "../errors.js";

export const HARDENED_KEY_VAULT_TYPE = "driftsenhed:identity:HardenedKeyVault";
import { attachDiagnostics } from "../monitoring/diagnostics.js";

/** Longest soft-delete retention Azure allows; purge protection holds keys this long. */
export const KEY_VAULT_SOFT_DELETE_DAYS = 90;

export interface HardenedKeyVaultArgs {
  unitId: string;
  /**
   * Stable key of what the vault serves: "platform" for the unit, the
   * municipality's `k<kommunekode>` for a tenant. Part of the globally
   * unique vault name (keyVaultName), so it never changes.
   */
  scope: string;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** Entra tenant id (getClientConfig().tenantId). */
  tenantId: pulumi.Input<string>;
  /** Subnet for the private endpoint (the hub's or the spoke's endpoint subnet). */
  subnetId: pulumi.Input<string>;
  /** ARM id of the privatelink.vaultcore.azure.net zone (PlatformRefs.privateDnsZoneIds.keyVault). */
  privateDnsZoneId: pulumi.Input<string>;
  /** Unit workspace for the vault's audit log (AZKVAuditLogs). */
  workspaceId: pulumi.Input<string>;
  /**
   * Keys can be HSM-protected, which customer-managed disk keys should be.
   * @default "premium"
   */
  sku?: "standard" | "premium";
  tags: Record<string, string>;
  /**
   * Protect and retain the vault. false only for test or sandbox units.
   * @default true
   */
  protectData?: boolean;
}

/** The vault properties every platform Key Vault carries. */
function keyVaultHardening(
  tenantId: pulumi.Input<string>,
  sku: "standard" | "premium" = "premium",
): keyvault.VaultArgs["properties"] {
  return {
    tenantId,
    sku: { family: "A", name: sku },
    enableRbacAuthorization: true,
    enableSoftDelete: true,
    softDeleteRetentionInDays: KEY_VAULT_SOFT_DELETE_DAYS,
    enablePurgeProtection: true,
    publicNetworkAccess: "Disabled",
    // AzureServices bypass lets trusted services (disk encryption sets,
    // Azure Backup) reach the vault; everything else comes through the
    // private endpoint.
    networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
    enabledForDeployment: false,
    enabledForTemplateDeployment: false,
    enabledForDiskEncryption: false,
  };
}

export class HardenedKeyVault extends pulumi.ComponentResource {
  public readonly vaultId: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  /** https://<name>.vault.azure.net/, resolved privately through the hub zone. */
  public readonly vaultUri: pulumi.Output<string>;
  public readonly privateEndpointId: pulumi.Output<string>;

  constructor(name: string, args: HardenedKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HARDENED_KEY_VAULT_TYPE, name, {}, opts);
    // Key Vault names are global and at most 24 characters: a long scope is the caller's to shorten.
    let vaultName = "";
    try {
      vaultName = keyVaultName(args.unitId, args.scope);
    } catch (err) {
      rejectArgs(this, HARDENED_KEY_VAULT_TYPE, name, [{ path: "scope", value: args.scope, message: (err as Error).message }]);
    }
    const protectData = args.protectData ?? true;

    const vault = new keyvault.Vault(
      `${name}-vault`,
      {
        vaultName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        properties: keyVaultHardening(args.tenantId, args.sku ?? "premium"),
        tags: args.tags,
      },
      { parent: this, protect: protectData, retainOnDelete: protectData },
    );

    const endpointName = azureName("privateEndpoint", args.unitId, args.scope, "kv");
    const endpoint = privateEndpoint(this, name, {
      endpointName,
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      subnetId: args.subnetId,
      targetId: vault.id,
      groupIds: ["vault"],
      dnsZones: [{ name: "privatelink-vaultcore-azure-net", privateDnsZoneId: args.privateDnsZoneId }],
      tags: args.tags,
    });

    attachDiagnostics(this, { key: `${name}-vault`, resourceId: vault.id }, args.workspaceId);

    this.vaultId = vault.id;
    this.vaultName = vault.name;
    this.vaultUri = vault.properties.apply((p) => p.vaultUri ?? `https://${vaultName}.vault.azure.net/`);
    this.privateEndpointId = endpoint.id;
    this.registerOutputs({
      vaultId: this.vaultId,
      vaultName: this.vaultName,
      vaultUri: this.vaultUri,
      privateEndpointId: this.privateEndpointId,
    });
  }
}
