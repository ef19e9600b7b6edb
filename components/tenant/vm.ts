/**
 * A lifted server of one municipality.
 *
 * Secure by default: no public address and no IP forwarding on its NIC;
 * Trusted Launch (secure boot, vTPM); OS and data disks encrypted with the
 * municipality's own key through its disk encryption set; patched by the
 * platform on the unit's schedule; Azure Monitor agent sending to the
 * platform's data collection rule; boot diagnostics in managed storage; the
 * admin password generated here and kept only in the municipality's Key Vault
 * (it reaches Azure as a secret and is never an output); backed up in the
 * unit's vault with the tier's policy, or tagged with the reason it is not.
 *
 * Data safety: the data disks and the backup item are data-bearing (see
 * lifecycle.ts). The OS disk lives inside the VM resource, so it is created
 * with `deleteOption: Detach`: when the VM is removed (a retired municipality,
 * a removed workload) Azure keeps the OS disk in the retained workloads
 * resource group instead of deleting it with the VM.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute/index.js";
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import * as maintenance from "@pulumi/azure-native/maintenance/index.js";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import * as network from "@pulumi/azure-native/network/index.js";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices/index.js";
import * as random from "@pulumi/random";
import { rejectArgs } from "../errors.js";
import { azureName } from "../vocabulary/naming.js";
import { TAG } from "../vocabulary/tags.js";
import type { ResolvedVm } from "./resolved.js";
import { MONITOR_AGENT } from "./images.js";
import type { DataResourceOptions } from "./lifecycle.js";
import { renameAliases } from "./rename.js";

/** Tag the policy pack reads on a VM that is deliberately not backed up. */
export const BACKUP_EXCLUSION_TAG = "backupExclusionReason";

/** Local administrator of every lifted server; the password is per server. */
export const VM_ADMIN_USERNAME = "driftadmin";

export interface VirtualMachineWorkloadArgs {
  unitId: string;
  code: string;
  location: string;
  vm: ResolvedVm;
  /** `active`: the server runs; `retained`: only its data disks, password and stopped backup item remain. */
  mode: "active" | "retained";
  resourceGroupName: pulumi.Input<string>;
  /** ARM id of the workloads resource group (to name the server's id once the server is gone). */
  resourceGroupId: pulumi.Input<string>;
  /** Required in `active` mode. */
  serversSubnetId?: pulumi.Input<string>;
  diskEncryptionSetId: pulumi.Input<string>;
  keyVaultName: pulumi.Input<string>;
  dataOptions: DataResourceOptions;
  dataCollectionRuleId: pulumi.Input<string>;
  maintenanceConfigurationId: pulumi.Input<string>;
  backupVaultName: pulumi.Input<string>;
  backupResourceGroupName: pulumi.Input<string>;
  tags: Record<string, string>;
  /**
   * The component's logical name before a deliberate rename of the workload:
   * every child logically named `<name>-...` gets an alias to `<previousName>-...`.
   * @default not renamed
   */
  previousName?: string;
}

/** Names of one server's Azure resources: derived from the kommunekode and workload name only. */
export function vmResourceNames(code: string, workload: string) {
  const k = `k${code}`;
  return {
    vm: azureName("virtualMachine", k, workload),
    nic: azureName("networkInterface", k, workload),
    osDisk: azureName("disk", k, workload, "os"),
    dataDisk: (disk: string) => azureName("disk", k, workload, disk),
    adminSecret: `${workload}-admin-password`,
  };
}

/** Azure Backup's container and item names for an Azure VM. */
export function backupItemNames(resourceGroupName: string, vmName: string): { container: string; item: string } {
  return {
    container: `iaasvmcontainer;iaasvmcontainerv2;${resourceGroupName};${vmName}`,
    item: `vm;iaasvmcontainerv2;${resourceGroupName};${vmName}`,
  };
}

const VM_WORKLOAD_TYPE = "driftsenhed:tenant:VirtualMachineWorkload";

export class VirtualMachineWorkload extends pulumi.ComponentResource {
  /** Undefined when the server is retained (no running server). */
  public readonly vmId?: pulumi.Output<string>;
  public readonly nicId?: pulumi.Output<string>;
  /** Private address of the NIC (known after creation): the firewall rules' destination. */
  public readonly privateIp?: pulumi.Output<string>;
  public readonly nic?: network.NetworkInterface;
  public readonly adminSecretName: string;
  /** The workload's name in the municipality's file. */
  public readonly workload: string;

  constructor(name: string, args: VirtualMachineWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super(VM_WORKLOAD_TYPE, name, {}, opts);
    rejectArgs(
      this,
      VM_WORKLOAD_TYPE,
      name,
      args.mode === "active" && args.serversSubnetId === undefined ? [{ path: "serversSubnetId", message: "an active server needs the spoke's servers subnet" }] : [],
    );
    const w = args.vm;
    // Azure names come from the workload's first name: Azure renames no server, disk or secret.
    const names = vmResourceNames(args.code, w.azureKey);
    const was = (suffix: string) => renameAliases(args.previousName, suffix);
    const common = { resourceGroupName: args.resourceGroupName, location: args.location };
    const data = (o: DataResourceOptions, suffix: string) => ({ parent: this, protect: o.protect, retainOnDelete: o.retainOnDelete, ...was(suffix) });
    const tags: Record<string, string> = {
      ...args.tags,
      [TAG.dataClassification]: w.dataClassification,
      ...(w.backup.tier === "none" ? { [BACKUP_EXCLUSION_TAG]: w.backup.reason } : {}),
    };
    this.adminSecretName = names.adminSecret;
    this.workload = w.name;

    // The password is created once and kept for the server's lifetime (and
    // after it, with the retained OS disk): nothing here feeds a keeper.
    const password = new random.RandomPassword(
      `${name}-admin-password`,
      { length: 32, special: true, overrideSpecial: "!#%*()-_=+[]{}:?", minLower: 2, minUpper: 2, minNumeric: 2, minSpecial: 2 },
      data(args.dataOptions, "-admin-password"),
    );
    new keyvault.Secret(
      `${name}-admin-secret`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: args.keyVaultName,
        secretName: names.adminSecret,
        properties: { value: password.result, contentType: `password; username=${VM_ADMIN_USERNAME}; computer=${w.computerName}` },
        tags,
      },
      data(args.dataOptions, "-admin-secret"),
    );

    const disks = w.dataDisks.map(
      (d) =>
        new compute.Disk(
          `${name}-${d.name}-disk`,
          {
            ...common,
            diskName: names.dataDisk(d.name),
            creationData: { createOption: "Empty" },
            diskSizeGB: d.sizeGb,
            sku: { name: d.sku },
            // Zone-redundant disks have no zone; locally redundant ones sit in the server's zone.
            ...(d.sku.endsWith("_LRS") ? { zones: [w.zone] } : {}),
            encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: args.diskEncryptionSetId },
            networkAccessPolicy: "DenyAll",
            publicNetworkAccess: "Disabled",
            tags,
          },
          data(args.dataOptions, `-${d.name}-disk`),
        ),
    );

    let vm: compute.VirtualMachine | undefined;
    if (args.mode === "active" && args.serversSubnetId !== undefined) {
      const nic = new network.NetworkInterface(
        `${name}-nic`,
        {
          ...common,
          networkInterfaceName: names.nic,
          enableIPForwarding: false,
          ipConfigurations: [{ name: "ipconfig", primary: true, privateIPAllocationMethod: "Dynamic", subnet: { id: args.serversSubnetId } }],
          tags,
        },
        { parent: this, ...was("-nic") },
      );
      this.nic = nic;
      const patchSettings = {
        patchMode: "AutomaticByPlatform",
        assessmentMode: "AutomaticByPlatform",
        automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true, rebootSetting: "IfRequired" },
      };
      vm = new compute.VirtualMachine(
        `${name}-vm`,
        {
          ...common,
          vmName: names.vm,
          zones: [w.zone],
          hardwareProfile: { vmSize: w.size },
          identity: { type: "SystemAssigned" },
          securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
          storageProfile: {
            imageReference: { publisher: w.image.publisher, offer: w.image.offer, sku: w.image.sku, version: w.image.version },
            osDisk: {
              name: names.osDisk,
              createOption: "FromImage",
              caching: "ReadWrite",
              diskSizeGB: w.osDiskSizeGb,
              deleteOption: "Detach",
              managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: args.diskEncryptionSetId } },
            },
            dataDisks: w.dataDisks.map((d, i) => ({
              lun: d.lun,
              name: names.dataDisk(d.name),
              createOption: "Attach",
              deleteOption: "Detach",
              caching: "None",
              managedDisk: { id: disks[i]!.id, diskEncryptionSet: { id: args.diskEncryptionSetId } },
            })),
          },
          osProfile: {
            computerName: w.computerName,
            adminUsername: VM_ADMIN_USERNAME,
            adminPassword: password.result,
            ...(w.image.osType === "Windows"
              ? { windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true, patchSettings } }
              : { linuxConfiguration: { provisionVMAgent: true, disablePasswordAuthentication: false, patchSettings } }),
          },
          networkProfile: { networkInterfaces: [{ id: nic.id, primary: true, deleteOption: "Detach" }] },
          // Managed boot diagnostics storage: no storage account to expose or key.
          diagnosticsProfile: { bootDiagnostics: { enabled: true } },
          tags,
        },
        { parent: this, ...was("-vm") },
      );
      const agent = MONITOR_AGENT[w.image.osType];
      new compute.VirtualMachineExtension(
        `${name}-ama`,
        {
          ...common,
          vmName: vm.name,
          vmExtensionName: agent.type,
          publisher: agent.publisher,
          type: agent.type,
          typeHandlerVersion: agent.typeHandlerVersion,
          autoUpgradeMinorVersion: true,
          enableAutomaticUpgrade: true,
          tags,
        },
        { parent: this, ...was("-ama") },
      );
      new monitor.DataCollectionRuleAssociation(
        `${name}-dcra`,
        { associationName: "server-data-collection", resourceUri: vm.id, dataCollectionRuleId: args.dataCollectionRuleId },
        { parent: this, ...was("-dcra") },
      );
      new maintenance.ConfigurationAssignment(
        `${name}-patching`,
        {
          ...common,
          configurationAssignmentName: `patching-${names.vm}`,
          providerName: "Microsoft.Compute",
          resourceType: "virtualMachines",
          resourceName: vm.name,
          maintenanceConfigurationId: args.maintenanceConfigurationId,
        },
        { parent: this, ...was("-patching") },
      );
      this.vmId = vm.id;
      this.nicId = nic.id;
      this.privateIp = nic.ipConfigurations.apply((c) => c?.[0]?.privateIPAddress ?? "");
    }

    if (w.backup.tier !== "none") {
      const item = pulumi
        .output(args.resourceGroupName)
        .apply((rg) => backupItemNames(rg, names.vm));
      const sourceResourceId = vm
        ? vm.id
        : pulumi.interpolate`${args.resourceGroupId}/providers/Microsoft.Compute/virtualMachines/${names.vm}`;
      new recoveryservices.ProtectedItem(
        `${name}-backup`,
        {
          vaultName: args.backupVaultName,
          resourceGroupName: args.backupResourceGroupName,
          fabricName: "Azure",
          containerName: item.container,
          protectedItemName: item.item,
          properties:
            args.mode === "active"
              ? { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId, policyId: w.backup.policyId }
              : // Stop protection, keep every recovery point: the server is gone, its backups are not.
                { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId, protectionState: "ProtectionStopped" },
          tags,
        },
        { ...data(args.dataOptions, "-backup"), ...(vm ? { dependsOn: [vm] } : {}) },
      );
    }

    this.registerOutputs({ vmId: this.vmId, nicId: this.nicId, adminSecretName: this.adminSecretName });
  }
}
