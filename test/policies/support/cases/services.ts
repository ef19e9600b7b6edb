/** Keys, compute, storage, logging and backup rules. */
import { requireDiskEncryptionSet } from "../../../../policies/rules/compute/require-disk-encryption-set.js";
import { requireManagedDisks } from "../../../../policies/rules/compute/require-managed-disks.js";
import { requirePlatformPatching } from "../../../../policies/rules/compute/require-platform-patching.js";
import { requireTrustedLaunch } from "../../../../policies/rules/compute/require-trusted-launch.js";
import { requireKeyVaultNetworkDefaultDeny } from "../../../../policies/rules/keyvault/require-network-default-deny.js";
import { requireKeyVaultPurgeProtection } from "../../../../policies/rules/keyvault/require-purge-protection.js";
import { requireKeyVaultRbacAuthorization } from "../../../../policies/rules/keyvault/require-rbac-authorization.js";
import { requireKeyVaultSoftDelete } from "../../../../policies/rules/keyvault/require-soft-delete.js";
import { requireWorkspaceRetention } from "../../../../policies/rules/monitor/require-workspace-retention.js";
import { requireImmutability } from "../../../../policies/rules/recoveryservices/require-immutability.js";
import { requireRecoveryVaultSoftDelete } from "../../../../policies/rules/recoveryservices/require-soft-delete.js";
import { disallowBlobPublicAccess } from "../../../../policies/rules/storage/disallow-blob-public-access.js";
import { requireHttpsOnly } from "../../../../policies/rules/storage/require-https-only.js";
import { requireMinimumTls } from "../../../../policies/rules/storage/require-minimum-tls.js";
import type { ResourceCase } from "./types.js";

export const SERVICES_CASES: ResourceCase[] = [
  ...(
    [
      [requireKeyVaultSoftDelete, "enableSoftDelete", [undefined, false]],
      [requireKeyVaultPurgeProtection, "enablePurgeProtection", [undefined, false]],
      [requireKeyVaultRbacAuthorization, "enableRbacAuthorization", [undefined, false]],
    ] as const
  ).map(([rule, field, bad]) => ({
    rule,
    fixture: "kv-101",
    failing: bad.map((value) => ({
      name: `${field} ${String(value)}`,
      change: (i: Record<string, any>) => {
        if (value === undefined) delete i.properties[field];
        else i.properties[field] = value;
      },
      message: new RegExp(field),
    })),
  })),
  {
    rule: requireKeyVaultRbacAuthorization,
    fixture: "kv-101",
    failing: [{ name: "access policies next to RBAC", change: (i) => (i.properties.accessPolicies = [{ objectId: "x", tenantId: "y", permissions: { keys: ["get"] } }]), message: /accessPolicies/ }],
  },
  {
    rule: requireKeyVaultNetworkDefaultDeny,
    fixture: "kv-101",
    failing: [
      { name: "Allow", change: (i) => (i.properties.networkAcls.defaultAction = "Allow") },
      { name: "no network ACLs", change: (i) => delete i.properties.networkAcls },
    ],
  },
  {
    rule: requireDiskEncryptionSet,
    fixture: "vm-101-app",
    failing: [
      { name: "OS disk without DES", change: (i) => delete i.storageProfile.osDisk.managedDisk.diskEncryptionSet, message: /osDisk/ },
      { name: "OS disk without managedDisk", change: (i) => delete i.storageProfile.osDisk.managedDisk },
      { name: "a new data disk without DES", change: (i) => i.storageProfile.dataDisks.push({ lun: 1, createOption: "Empty", diskSizeGB: 64 }), message: /dataDisks\[1\]/ },
    ],
    passing: [{ name: "an attached existing disk (checked on the Disk)", change: () => undefined }],
  },
  {
    rule: requireDiskEncryptionSet,
    fixture: "disk-101-data",
    failing: [
      { name: "platform key", change: (i) => (i.encryption = { type: "EncryptionAtRestWithPlatformKey" }) },
      { name: "no encryption settings", change: (i) => delete i.encryption },
      { name: "customer key type without DES", change: (i) => delete i.encryption.diskEncryptionSetId },
    ],
  },
  {
    rule: requireTrustedLaunch,
    fixture: "vm-101-app",
    failing: [
      { name: "standard security type", change: (i) => (i.securityProfile.securityType = "Standard"), message: /securityType/ },
      { name: "no security profile", change: (i) => delete i.securityProfile },
      { name: "secure boot off", change: (i) => (i.securityProfile.uefiSettings.secureBootEnabled = false), message: /secureBootEnabled/ },
      { name: "no vTPM", change: (i) => delete i.securityProfile.uefiSettings.vTpmEnabled, message: /vTpmEnabled/ },
    ],
  },
  {
    rule: requireManagedDisks,
    fixture: "vm-101-app",
    failing: [
      { name: "an unmanaged OS disk", change: (i) => (i.storageProfile.osDisk = { createOption: "FromImage", vhd: { uri: "https://st.blob.core.windows.net/vhds/os.vhd" } }), message: /osDisk\.vhd/ },
      { name: "an unmanaged data disk", change: (i) => i.storageProfile.dataDisks.push({ lun: 2, createOption: "Empty", vhd: { uri: "https://x/d.vhd" } }) },
    ],
  },
  {
    rule: requirePlatformPatching,
    fixture: "vm-101-app",
    failing: [
      { name: "image default patching", change: (i) => (i.osProfile.linuxConfiguration.patchSettings.patchMode = "ImageDefault"), message: /patchMode/ },
      { name: "no assessment mode", change: (i) => delete i.osProfile.linuxConfiguration.patchSettings.assessmentMode, message: /assessmentMode/ },
      { name: "no OS configuration", change: (i) => delete i.osProfile.linuxConfiguration },
      { name: "a Windows VM with manual patching", change: (i) => ((i.osProfile = { windowsConfiguration: { patchSettings: { patchMode: "Manual", assessmentMode: "AutomaticByPlatform" } } })) },
    ],
    passing: [
      { name: "a Windows VM patched by the platform", change: (i) => (i.osProfile = { windowsConfiguration: { patchSettings: { patchMode: "AutomaticByPlatform", assessmentMode: "AutomaticByPlatform" } } }) },
    ],
  },
  {
    rule: requireHttpsOnly,
    fixture: "st-101",
    failing: [
      { name: "false", change: (i) => (i.enableHttpsTrafficOnly = false) },
      { name: "not set", change: (i) => delete i.enableHttpsTrafficOnly },
    ],
  },
  {
    rule: requireMinimumTls,
    fixture: "st-101",
    failing: [
      { name: "TLS 1.0", change: (i) => (i.minimumTlsVersion = "TLS1_0") },
      { name: "TLS 1.1", change: (i) => (i.minimumTlsVersion = "TLS1_1") },
      { name: "not set", change: (i) => delete i.minimumTlsVersion },
    ],
    passing: [{ name: "TLS 1.3", change: (i) => (i.minimumTlsVersion = "TLS1_3") }],
  },
  {
    rule: disallowBlobPublicAccess,
    fixture: "st-101",
    failing: [
      { name: "true", change: (i) => (i.allowBlobPublicAccess = true) },
      { name: "not set", change: (i) => delete i.allowBlobPublicAccess },
    ],
  },
  {
    rule: requireWorkspaceRetention,
    fixture: "log-u1",
    failing: [
      { name: "30 days", change: (i) => (i.retentionInDays = 30), message: /retentionInDays is 30/ },
      { name: "one day short", change: (i) => (i.retentionInDays = 394) },
      { name: "not set (Azure's default is 30)", change: (i) => delete i.retentionInDays, message: /default is 30/ },
    ],
    passing: [{ name: "two years", change: (i) => (i.retentionInDays = 730) }],
  },
  {
    rule: requireImmutability,
    fixture: "rsv-u1",
    failing: [
      { name: "disabled", change: (i) => (i.properties.securitySettings.immutabilitySettings.state = "Disabled") },
      { name: "not set", change: (i) => delete i.properties.securitySettings.immutabilitySettings },
      { name: "no properties", change: (i) => delete i.properties },
    ],
    passing: [{ name: "unlocked", change: (i) => (i.properties.securitySettings.immutabilitySettings.state = "Unlocked") }],
  },
  {
    rule: requireRecoveryVaultSoftDelete,
    fixture: "rsv-u1",
    failing: [
      { name: "disabled", change: (i) => (i.properties.securitySettings.softDeleteSettings.softDeleteState = "Disabled") },
      { name: "not set", change: (i) => delete i.properties.securitySettings.softDeleteSettings },
    ],
    passing: [{ name: "enabled", change: (i) => (i.properties.securitySettings.softDeleteSettings.softDeleteState = "Enabled") }],
  },
];
