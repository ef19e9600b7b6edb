/**
 * A municipality's own keys: a hardened Key Vault (the platform's own
 * hardening, HardenedKeyVault), a customer-managed key for its disks, a disk
 * encryption set on that key, and the vault as the only home of the
 * municipality's generated secrets (server admin passwords, VPN shared keys).
 *
 * One vault and one key per municipality is what makes exit possible: the
 * municipality can be handed its vault (keys and secrets) or crypto-shredded
 * by deleting its key, without touching any other municipality's data.
 *
 * The key is RSA-HSM 3072 (Premium vault), rotated yearly by Key Vault and
 * expiring after two years if rotation ever stops. The disk encryption set
 * follows rotations itself (`rotationToLatestKeyVersionEnabled`) and is
 * pointed at the versionless key URI, so a rotation never shows up as drift.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as compute from "@pulumi/azure-native/compute/index.js";
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import { azureName } from "../vocabulary/naming.js";
import { roleAssignmentName } from "../identity/roles.js";
import { HardenedKeyVault } from "../identity/key-vault.js";
import type { DataResourceOptions } from "./lifecycle.js";

/** Built-in roles the tenant grants on its own vault. */
export const KEY_VAULT_ROLES = {
  /** Wrap/unwrap with the key: what a disk encryption set's identity needs. */
  cryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  /** Read secret values: the municipality's operators reading their servers' admin passwords. */
  secretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  /** Read certificates (with their private keys): what application routing needs for an Ingress's TLS. */
  certificateUser: "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
} as const;

export const DISK_KEY = {
  name: "cmk-disks",
  kty: "RSA-HSM",
  keySize: 3072,
  rotateAfter: "P1Y",
  expiresAfter: "P2Y",
  notifyBefore: "P30D",
} as const;

export interface TenantKeysArgs {
  unitId: string;
  code: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  entraTenantId: pulumi.Input<string>;
  privateEndpointSubnetId: pulumi.Input<string>;
  privateDnsZoneId: pulumi.Input<string>;
  workspaceId: pulumi.Input<string>;
  operatorGroupId: string;
  /**
   * Object id of the cluster's application routing identity, when the
   * municipality exposes container workloads: it syncs their TLS
   * certificates from this vault.
   */
  ingressCertificateReaderId?: pulumi.Input<string>;
  dataOptions: DataResourceOptions;
  tags: Record<string, string>;
}

/** Sets the lifecycle's data options on the Key Vault inside HardenedKeyVault, and on nothing else. */
export function dataBearingVault(options: DataResourceOptions): pulumi.ResourceTransformation {
  return (a) =>
    a.type === "azure-native:keyvault:Vault"
      ? { props: a.props, opts: { ...a.opts, protect: options.protect, retainOnDelete: options.retainOnDelete } }
      : undefined;
}

/** `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>` from any ARM id in that subscription. */
export function roleDefinitionIdFrom(armId: string, roleGuid: string): string {
  const m = /^\/subscriptions\/[^/]+/i.exec(armId);
  if (!m) throw new Error(`roleDefinitionIdFrom: '${armId}' is not an ARM id inside a subscription`);
  return `${m[0]}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

export class TenantKeys extends pulumi.ComponentResource {
  public readonly vault: HardenedKeyVault;
  public readonly vaultId: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  public readonly vaultUri: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;
  public readonly diskEncryptionSetId: pulumi.Output<string>;

  constructor(name: string, args: TenantKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:tenant:TenantKeys", name, {}, opts);
    const k = `k${args.code}`;
    const data = { parent: this, protect: args.dataOptions.protect, retainOnDelete: args.dataOptions.retainOnDelete };

    this.vault = new HardenedKeyVault(
      `${name}-kv`,
      {
        unitId: args.unitId,
        scope: k,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        tenantId: args.entraTenantId,
        subnetId: args.privateEndpointSubnetId,
        privateDnsZoneId: args.privateDnsZoneId,
        workspaceId: args.workspaceId,
        sku: "premium",
        tags: args.tags,
        protectData: args.dataOptions.retainOnDelete,
      },
      // protectData sets protect and retainOnDelete together; the tenant's
      // lifecycle separates them (a retired vault is retained, not protected).
      { parent: this, transformations: [dataBearingVault(args.dataOptions)] },
    );

    const key = new keyvault.Key(
      `${name}-disk-key`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: this.vault.vaultName,
        keyName: DISK_KEY.name,
        properties: {
          kty: DISK_KEY.kty,
          keySize: DISK_KEY.keySize,
          keyOps: ["wrapKey", "unwrapKey"],
          attributes: { enabled: true, exportable: false },
          rotationPolicy: {
            attributes: { expiryTime: DISK_KEY.expiresAfter },
            lifetimeActions: [
              { trigger: { timeAfterCreate: DISK_KEY.rotateAfter }, action: { type: "rotate" } },
              { trigger: { timeBeforeExpiry: DISK_KEY.notifyBefore }, action: { type: "notify" } },
            ],
          },
        },
        tags: args.tags,
      },
      data,
    );

    const des = new compute.DiskEncryptionSet(
      `${name}-des`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        diskEncryptionSetName: azureName("diskEncryptionSet", args.unitId, k),
        encryptionType: "EncryptionAtRestWithCustomerKey",
        identity: { type: "SystemAssigned" },
        activeKey: { keyUrl: key.keyUri, sourceVault: { id: this.vault.vaultId } },
        rotationToLatestKeyVersionEnabled: true,
        tags: args.tags,
      },
      data,
    );

    new authorization.RoleAssignment(
      `${name}-des-key-access`,
      {
        roleAssignmentName: roleAssignmentName(args.unitId, `${k}/key-vault`, "keyVaultCryptoServiceEncryptionUser", `${k}/disk-encryption-set`),
        scope: this.vault.vaultId,
        roleDefinitionId: this.vault.vaultId.apply((id) => roleDefinitionIdFrom(id, KEY_VAULT_ROLES.cryptoServiceEncryptionUser)),
        principalId: des.identity.apply((i) => i?.principalId ?? ""),
        principalType: "ServicePrincipal",
        description: `Disk encryption set of municipality ${args.code} wraps its disk keys with the municipality's own key.`,
      },
      { parent: this },
    );
    new authorization.RoleAssignment(
      `${name}-operators-secrets`,
      {
        roleAssignmentName: roleAssignmentName(args.unitId, `${k}/key-vault`, "keyVaultSecretsUser", args.operatorGroupId),
        scope: this.vault.vaultId,
        roleDefinitionId: this.vault.vaultId.apply((id) => roleDefinitionIdFrom(id, KEY_VAULT_ROLES.secretsUser)),
        principalId: args.operatorGroupId,
        principalType: "Group",
        description: `Operators of municipality ${args.code} read their own servers' admin passwords (break-glass).`,
      },
      { parent: this },
    );

    if (args.ingressCertificateReaderId !== undefined) {
      new authorization.RoleAssignment(
        `${name}-ingress-certificates`,
        {
          // Keyed by what the identity is, not its object id: that is unknown until the cluster exists.
          roleAssignmentName: roleAssignmentName(args.unitId, `${k}/key-vault`, "keyVaultCertificateUser", "cluster/app-routing"),
          scope: this.vault.vaultId,
          roleDefinitionId: this.vault.vaultId.apply((id) => roleDefinitionIdFrom(id, KEY_VAULT_ROLES.certificateUser)),
          principalId: args.ingressCertificateReaderId,
          principalType: "ServicePrincipal",
          description: `The unit cluster's application routing reads the TLS certificates of municipality ${args.code}'s Ingresses.`,
        },
        { parent: this },
      );
    }

    this.vaultId = this.vault.vaultId;
    this.vaultName = this.vault.vaultName;
    this.vaultUri = this.vault.vaultUri;
    this.keyId = key.id;
    this.diskEncryptionSetId = des.id;
    this.registerOutputs({ vaultId: this.vaultId, keyId: this.keyId, diskEncryptionSetId: this.diskEncryptionSetId });
  }
}
