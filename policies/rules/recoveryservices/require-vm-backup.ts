import { z } from "zod";
import { azureNameOf, idOf, normId, resourceGroupOf } from "../../lib/azure.js";
import { indexOf } from "../../lib/graph.js";
import { AZ } from "../../lib/types.js";
import { asString, at, tagsOf } from "../../lib/values.js";
import { defineStackRule } from "../../rule.js";

/** Tag on a VM that excludes it from backup; its value is the reason. */
export const BACKUP_EXCLUSION_TAG = "backupExclusionReason";

export const requireVmBackup = defineStackRule({
  name: "azure-recoveryservices-require-vm-backup",
  kind: "stack",
  description:
    `Every virtual machine is protected by a Recovery Services protected item with a backup policy, or is excluded with a reason in its \`${BACKUP_EXCLUSION_TAG}\` tag. A protected item matches a VM by properties.sourceResourceId, or by its name \`vm;iaasvmcontainerv2;<resource group>;<vm>\`.`,
  severity: "high",
  category: "security",
  remediation:
    `Protect the VM with a ProtectedItem in the unit's Recovery Services vault using one of the backup tiers' policies, or tag the VM \`${BACKUP_EXCLUSION_TAG}: "<why, e.g. stateless build agent rebuilt from image>"\`.`,
  controls: { nis2: [3], iso27001: ["8.13"], alz: ["Deploy-VM-Backup"] },
  config: z.strictObject({
    minimumReasonLength: z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe(`Shortest ${BACKUP_EXCLUSION_TAG} accepted as a reason.`),
  }),
  validate(resources, ctx) {
    const index = indexOf(resources);
    const vms = index.ofType(AZ.virtualMachine);
    if (vms.length === 0) return ctx.notApplicable("The stack has no virtual machines");
    const bySource = new Map<string, string | undefined>();
    const byName = new Map<string, string | undefined>();
    for (const item of index.ofType(AZ.protectedItem)) {
      const policy = asString(at(item.props, "properties", "policyId"));
      const source = asString(at(item.props, "properties", "sourceResourceId"));
      if (source) bySource.set(normId(source), policy);
      const name = azureNameOf(item);
      if (name) byName.set(name.toLowerCase(), policy);
    }
    for (const vm of vms) {
      const reason = asString(tagsOf(vm.props)[BACKUP_EXCLUSION_TAG]);
      if (reason !== undefined && reason.length >= ctx.config.minimumReasonLength) continue;
      const id = idOf(vm);
      const itemName = `vm;iaasvmcontainerv2;${resourceGroupOf(vm) ?? ""};${azureNameOf(vm) ?? ""}`.toLowerCase();
      const found = id && bySource.has(normId(id)) ? { policy: bySource.get(normId(id)) } : byName.has(itemName) ? { policy: byName.get(itemName) } : undefined;
      if (found && found.policy) continue;
      const why = found
        ? "its protected item names no backup policy (properties.policyId)"
        : reason !== undefined
          ? `its ${BACKUP_EXCLUSION_TAG} ${JSON.stringify(reason)} is too short to be a reason (at least ${ctx.config.minimumReasonLength} characters)`
          : `no protected item backs it up and it has no ${BACKUP_EXCLUSION_TAG} tag`;
      ctx.report(`Virtual machine '${vm.name}' is not backed up: ${why}.`, { urn: vm.urn });
    }
  },
});
