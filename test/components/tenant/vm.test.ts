import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import { BACKUP_EXCLUSION_TAG, VM_ADMIN_USERNAME } from "../../../components/tenant/vm.js";
import { VM_IMAGES } from "../../../components/tenant/images.js";
import { VM_OS } from "../../../components/vocabulary/os.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { byName, fakeRefsData, fakeRefs, fullMunicipality, ofType, SUB, unitConfig } from "./fixture.js";

const WORKLOADS_RG = `${SUB}/resourceGroups/rg-testenhed-k147-workloads`;
const DES_ID = `${WORKLOADS_RG}/providers/compute/DiskEncryptionSet/des-testenhed-k147`;
const refsData = fakeRefsData();

let run: MockRunResult;
beforeAll(async () => {
  run = await runWithMocks(
    () => {
      new MunicipalityTenant("k147", toTenantArgs(unitConfig(), fullMunicipality(), fakeRefs()));
    },
    { stack: "testenhed" },
  );
});

function inside(component: string): RecordedResource[] {
  const c = byName(run.resources, "driftsenhed:tenant:VirtualMachineWorkload", component);
  return run.resources.filter((r) => r.parentUrn === c.urn);
}

describe("VirtualMachineWorkload", () => {
  it("builds exactly the server's resources, under its own component named from the kommunekode and workload", () => {
    expect(inside("k147-esdh-sql").map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "azure-native:compute:Disk k147-esdh-sql-sqldata-disk",
        "azure-native:compute:Disk k147-esdh-sql-sqllog-disk",
        "azure-native:compute:VirtualMachine k147-esdh-sql-vm",
        "azure-native:compute:VirtualMachineExtension k147-esdh-sql-ama",
        "azure-native:keyvault:Secret k147-esdh-sql-admin-secret",
        "azure-native:maintenance:ConfigurationAssignment k147-esdh-sql-patching",
        "azure-native:monitor:DataCollectionRuleAssociation k147-esdh-sql-dcra",
        "azure-native:network:NetworkInterface k147-esdh-sql-nic",
        "azure-native:recoveryservices:ProtectedItem k147-esdh-sql-backup",
        "random:index/randomPassword:RandomPassword k147-esdh-sql-admin-password",
      ].sort(),
    );
    // tier none: no protected item, no data disks declared.
    expect(inside("k147-sftp-gw").map((r) => r.type).sort()).toEqual(
      [
        "azure-native:compute:VirtualMachine",
        "azure-native:compute:VirtualMachineExtension",
        "azure-native:keyvault:Secret",
        "azure-native:maintenance:ConfigurationAssignment",
        "azure-native:monitor:DataCollectionRuleAssociation",
        "azure-native:network:NetworkInterface",
        "random:index/randomPassword:RandomPassword",
      ].sort(),
    );
  });

  it("NIC: in the servers subnet, no public IP, no IP forwarding", () => {
    for (const name of ["k147-esdh-sql-nic", "k147-sftp-gw-nic"]) {
      const nic = byName(run.resources, "azure-native:network:NetworkInterface", name).inputs;
      expect(nic.enableIPForwarding).toBe(false);
      const configs = nic.ipConfigurations as Record<string, unknown>[];
      expect(configs).toHaveLength(1);
      expect(configs[0]!.publicIPAddress).toBeUndefined();
      expect(configs[0]!.subnet).toEqual({ id: `${SUB}/resourceGroups/rg-testenhed-k147-network/providers/network/Subnet/snet-servers` });
    }
  });

  it("VM: Trusted Launch with secure boot and vTPM, the allowed image, zone and size from the file", () => {
    const vm = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm").inputs;
    expect(vm.vmName).toBe("vm-k147-esdh-sql");
    expect(vm.securityProfile).toEqual({ securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } });
    expect(vm.zones).toEqual(["1"]);
    expect(vm.hardwareProfile).toEqual({ vmSize: "Standard_E8s_v5" });
    expect((vm.storageProfile as Record<string, unknown>).imageReference).toEqual({
      publisher: "MicrosoftWindowsServer",
      offer: "WindowsServer",
      sku: "2022-datacenter-azure-edition",
      version: "latest",
    });
    const linux = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-sftp-gw-vm").inputs;
    expect((linux.storageProfile as Record<string, unknown>).imageReference).toEqual({ publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" });
  });

  it("disks: OS and data disks encrypted with the municipality's disk encryption set; the OS disk survives the VM", () => {
    const storage = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm").inputs.storageProfile as Record<string, any>;
    expect(storage.osDisk).toEqual({
      name: "disk-k147-esdh-sql-os",
      createOption: "FromImage",
      caching: "ReadWrite",
      diskSizeGB: 128,
      deleteOption: "Detach",
      managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: DES_ID } },
    });
    expect(storage.dataDisks).toEqual([
      {
        lun: 0,
        name: "disk-k147-esdh-sql-sqldata",
        createOption: "Attach",
        deleteOption: "Detach",
        caching: "None",
        managedDisk: { id: `${WORKLOADS_RG}/providers/compute/Disk/disk-k147-esdh-sql-sqldata`, diskEncryptionSet: { id: DES_ID } },
      },
      {
        lun: 1,
        name: "disk-k147-esdh-sql-sqllog",
        createOption: "Attach",
        deleteOption: "Detach",
        caching: "None",
        managedDisk: { id: `${WORKLOADS_RG}/providers/compute/Disk/disk-k147-esdh-sql-sqllog`, diskEncryptionSet: { id: DES_ID } },
      },
    ]);
    const zrs = byName(run.resources, "azure-native:compute:Disk", "k147-esdh-sql-sqldata-disk").inputs;
    expect(zrs).toMatchObject({
      diskName: "disk-k147-esdh-sql-sqldata",
      diskSizeGB: 1024,
      sku: { name: "Premium_ZRS" },
      creationData: { createOption: "Empty" },
      encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: DES_ID },
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
    });
    expect(zrs.zones).toBeUndefined();
    expect(byName(run.resources, "azure-native:compute:Disk", "k147-esdh-sql-sqllog-disk").inputs.zones).toEqual(["1"]);
  });

  it("patching by the platform: AutomaticByPlatform with the user schedule, and the unit's maintenance configuration", () => {
    const patch = {
      patchMode: "AutomaticByPlatform",
      assessmentMode: "AutomaticByPlatform",
      automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true, rebootSetting: "IfRequired" },
    };
    const win = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm").inputs.osProfile as Record<string, any>;
    expect(win.windowsConfiguration).toEqual({ provisionVMAgent: true, enableAutomaticUpdates: true, patchSettings: patch });
    const lin = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-sftp-gw-vm").inputs.osProfile as Record<string, any>;
    expect(lin.linuxConfiguration).toEqual({ provisionVMAgent: true, disablePasswordAuthentication: false, patchSettings: patch });
    const assignment = byName(run.resources, "azure-native:maintenance:ConfigurationAssignment", "k147-esdh-sql-patching").inputs;
    expect(assignment).toMatchObject({
      maintenanceConfigurationId: refsData.serverMaintenanceConfigurationId,
      providerName: "Microsoft.Compute",
      resourceType: "virtualMachines",
      resourceName: "vm-k147-esdh-sql",
      resourceGroupName: "rg-testenhed-k147-workloads",
    });
  });

  it("monitoring: Azure Monitor agent per OS, the platform's DCR, boot diagnostics in managed storage", () => {
    expect(byName(run.resources, "azure-native:compute:VirtualMachineExtension", "k147-esdh-sql-ama").inputs).toMatchObject({
      publisher: "Microsoft.Azure.Monitor",
      type: "AzureMonitorWindowsAgent",
      vmName: "vm-k147-esdh-sql",
      autoUpgradeMinorVersion: true,
      enableAutomaticUpgrade: true,
    });
    expect(byName(run.resources, "azure-native:compute:VirtualMachineExtension", "k147-sftp-gw-ama").inputs.type).toBe("AzureMonitorLinuxAgent");
    expect(byName(run.resources, "azure-native:monitor:DataCollectionRuleAssociation", "k147-esdh-sql-dcra").inputs).toEqual({
      associationName: "server-data-collection",
      resourceUri: `${WORKLOADS_RG}/providers/compute/VirtualMachine/vm-k147-esdh-sql`,
      dataCollectionRuleId: refsData.serverDataCollectionRuleId,
    });
    const vm = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm").inputs;
    expect(vm.diagnosticsProfile).toEqual({ bootDiagnostics: { enabled: true } });
    expect(vm.identity).toEqual({ type: "SystemAssigned" });
  });

  it("admin credentials: generated, a secret everywhere, stored only in the municipality's vault", () => {
    // The password exists only inside the random provider (the mock runtime never
    // computes it), so what can be checked is where it flows: from the one
    // RandomPassword into the VM and the vault secret, and nowhere as plain text.
    const pw = byName(run.resources, "random:index/randomPassword:RandomPassword", "k147-esdh-sql-admin-password");
    expect(pw.inputs).toMatchObject({ length: 32, special: true, minLower: 2, minUpper: 2, minNumeric: 2, minSpecial: 2 });
    const vmRes = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm");
    const os = vmRes.inputs.osProfile as Record<string, unknown>;
    expect(os.adminUsername).toBe(VM_ADMIN_USERNAME);
    expect(typeof os.adminPassword).not.toBe("string");
    expect(vmRes.dependencies).toContain(pw.urn);
    const secret = byName(run.resources, "azure-native:keyvault:Secret", "k147-esdh-sql-admin-secret");
    expect(secret.inputs).toMatchObject({ vaultName: "kv-testenhed-k147-2dc2", resourceGroupName: "rg-testenhed-k147-workloads", secretName: "esdh-sql-admin-password" });
    expect(typeof (secret.inputs.properties as Record<string, unknown>).value).not.toBe("string");
    expect(secret.dependencies).toContain(pw.urn);
    // The only consumers of the password are the VM and its secret.
    const consumers = run.resources.filter((r) => r.dependencies.includes(pw.urn)).map((r) => r.name).sort();
    expect(consumers).toEqual(["k147-esdh-sql-admin-secret", "k147-esdh-sql-vm"]);
    expect(Object.keys(run.outputs)).toEqual([]);
  });

  it("backup: a protected item in the platform vault with the tier's policy", () => {
    const item = byName(run.resources, "azure-native:recoveryservices:ProtectedItem", "k147-esdh-sql-backup");
    expect(item.inputs).toEqual({
      vaultName: refsData.backupVaultName,
      resourceGroupName: refsData.backupResourceGroupName,
      fabricName: "Azure",
      containerName: "iaasvmcontainer;iaasvmcontainerv2;rg-testenhed-k147-workloads;vm-k147-esdh-sql",
      protectedItemName: "vm;iaasvmcontainerv2;rg-testenhed-k147-workloads;vm-k147-esdh-sql",
      properties: {
        protectedItemType: "Microsoft.Compute/virtualMachines",
        sourceResourceId: `${WORKLOADS_RG}/providers/compute/VirtualMachine/vm-k147-esdh-sql`,
        policyId: refsData.backupPolicyIds.critical,
      },
      tags: expect.objectContaining({ kommunekode: "147", dataClassification: "sensitive-personal" }),
    });
  });

  it("tier none: no protected item and the exclusion reason as a tag on the VM (read by the policy pack)", () => {
    const vm = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-sftp-gw-vm").inputs.tags as Record<string, string>;
    expect(vm[BACKUP_EXCLUSION_TAG]).toBe("Holds only files in transit; the payroll bureau keeps the originals.");
    expect(vm.dataClassification).toBe("personal");
    expect(ofType(run.resources, "azure-native:recoveryservices:ProtectedItem").map((r) => r.name)).toEqual(["k147-esdh-sql-backup"]);
    const sql = byName(run.resources, "azure-native:compute:VirtualMachine", "k147-esdh-sql-vm").inputs.tags as Record<string, string>;
    expect(sql[BACKUP_EXCLUSION_TAG]).toBeUndefined();
  });

  it("every allowed OS has one Gen2 image entry", () => {
    expect(Object.keys(VM_IMAGES).sort()).toEqual([...VM_OS].sort());
    for (const image of Object.values(VM_IMAGES)) expect(image.version).toBe("latest");
  });
});
