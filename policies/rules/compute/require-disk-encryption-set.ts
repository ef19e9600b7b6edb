import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, asString, eqi, pathOf, show } from "../../lib/values.js";
import { defineResourceRule, type ResourceUnderTest, type RuleContext } from "../../rule.js";

const CUSTOMER_KEY_TYPES = ["encryptionatrestwithcustomerkey", "encryptionatrestwithplatformandcustomerkeys"];

function checkVm(resource: ResourceUnderTest, ctx: RuleContext<unknown>): void {
  const storage = asRecord(resource.props.storageProfile) ?? {};
  const disks: { path: string; disk: Record<string, unknown> }[] = [
    { path: pathOf("storageProfile", "osDisk"), disk: asRecord(storage.osDisk) ?? {} },
    ...asArray(storage.dataDisks).map((d, i) => ({ path: pathOf("storageProfile", "dataDisks", i), disk: asRecord(d) ?? {} })),
  ];
  for (const { path, disk } of disks) {
    const managed = asRecord(disk.managedDisk) ?? {};
    // An attached existing disk is encrypted by its own Disk resource, which this rule checks separately.
    if (eqi(disk.createOption, "Attach") && asString(managed.id)) continue;
    if (asString(asRecord(managed.diskEncryptionSet)?.id) === undefined) {
      ctx.report(
        `Virtual machine '${resource.name}': ${path}.managedDisk.diskEncryptionSet.id is not set; the disk would be encrypted with a platform key instead of the municipality's key.`,
      );
    }
  }
}

function checkDisk(resource: ResourceUnderTest, ctx: RuleContext<unknown>): void {
  const encryption = asRecord(resource.props.encryption) ?? {};
  const type = asString(encryption.type);
  const des = asString(encryption.diskEncryptionSetId);
  if (!type || !CUSTOMER_KEY_TYPES.includes(type.toLowerCase()) || des === undefined) {
    ctx.report(
      `Disk '${resource.name}' is not encrypted with a disk encryption set (encryption.type is ${show(encryption.type)}, encryption.diskEncryptionSetId is ${show(des)}).`,
    );
  }
}

export const requireDiskEncryptionSet = defineResourceRule({
  name: "azure-compute-require-disk-encryption-set",
  kind: "resource",
  description:
    "Managed disks (a VM's OS and data disks, and Disk resources) are encrypted at rest with a disk encryption set, i.e. with a customer-managed key from the owning municipality's Key Vault.",
  severity: "high",
  category: "security",
  remediation:
    "On VMs set `managedDisk.diskEncryptionSet.id` for the OS disk and every new data disk; on Disk resources set `encryption: { type: \"EncryptionAtRestWithCustomerKey\", diskEncryptionSetId }`. Use the municipality's own disk encryption set.",
  controls: { nis2: [8], iso27001: ["8.24"], alz: ["Enforce-Encrypt-CMK0"] },
  config: noParams(),
  resourceTypes: [AZ.virtualMachine, AZ.disk],
  validate(resource, ctx) {
    if (resource.type === AZ.virtualMachine) checkVm(resource, ctx);
    else checkDisk(resource, ctx);
  },
});
