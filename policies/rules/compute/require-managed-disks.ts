import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, pathOf } from "../../lib/values.js";
import { defineResourceRule } from "../../rule.js";

export const requireManagedDisks = defineResourceRule({
  name: "azure-compute-require-managed-disks",
  kind: "resource",
  description:
    "Virtual machines use managed disks only: no OS or data disk is an unmanaged VHD in a storage account (`vhd` or `image` blob URIs), which would escape disk encryption sets, backup policy and RBAC on disks.",
  severity: "medium",
  category: "security",
  remediation: "Remove `vhd`/`image` from the disk and let Azure create a managed disk (`managedDisk`).",
  controls: { nis2: [3, 8], iso27001: ["8.9", "8.13"], alz: ["Deny-UnmanagedDisk"] },
  config: noParams(),
  resourceTypes: [AZ.virtualMachine],
  validate(resource, ctx) {
    const storage = asRecord(resource.props.storageProfile) ?? {};
    const disks = [
      { path: pathOf("storageProfile", "osDisk"), disk: asRecord(storage.osDisk) },
      ...asArray(storage.dataDisks).map((d, i) => ({ path: pathOf("storageProfile", "dataDisks", i), disk: asRecord(d) })),
    ];
    for (const { path, disk } of disks) {
      for (const field of ["vhd", "image"] as const) {
        if (disk && asRecord(disk[field])) {
          ctx.report(`Virtual machine '${resource.name}' uses an unmanaged disk: ${path}.${field} is set.`);
        }
      }
    }
  },
});
