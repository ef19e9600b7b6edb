/**
 * One municipality of the compliant world: its resource groups, spoke, keys,
 * server with backup, storage, private endpoint and namespace on the cluster.
 */
import { AZ, K8S } from "../../../policies/lib/types.js";
import type { PlatformRefs } from "./world-platform.js";
import { keyVault, LOCATION, platform, tenant } from "./world-parts.js";

export function addTenant(refs: PlatformRefs, code: string, cidr: string, octet: string): void {
  const { add, diag, hubVnet, ddos, hubZone, backupPolicy, mgmtRgName } = refs;
  const hubRgName = "rg-u1-hub";
  const tags = tenant(code);
  const netRg = `rg-u1-k${code}-net`;
  const appRg = `rg-u1-k${code}-app`;
  add(AZ.resourceGroup, `rg-${code}-net`, { resourceGroupName: netRg, location: LOCATION, tags });
  add(AZ.resourceGroup, `rg-${code}-app`, { resourceGroupName: appRg, location: LOCATION, tags });
  const vnet = add(AZ.virtualNetwork, `vnet-${code}`, {
    resourceGroupName: netRg,
    virtualNetworkName: `vnet-u1-k${code}`,
    location: LOCATION,
    addressSpace: { addressPrefixes: [cidr] },
    enableDdosProtection: true,
    ddosProtectionPlan: { id: ddos.id },
    tags,
  });
  diag(vnet);
  add(AZ.virtualNetworkPeering, `peer-${code}-hub`, {
    resourceGroupName: netRg,
    virtualNetworkName: `vnet-u1-k${code}`,
    virtualNetworkPeeringName: "to-hub",
    remoteVirtualNetwork: { id: hubVnet.id },
    allowForwardedTraffic: true,
    useRemoteGateways: true,
  });
  add(AZ.virtualNetworkPeering, `peer-hub-${code}`, {
    resourceGroupName: hubRgName,
    virtualNetworkName: "vnet-u1-hub",
    virtualNetworkPeeringName: `to-k${code}`,
    remoteVirtualNetwork: { id: vnet.id },
    allowGatewayTransit: true,
  });
  const nsg = add(AZ.networkSecurityGroup, `nsg-${code}-app`, {
    resourceGroupName: netRg,
    networkSecurityGroupName: `nsg-u1-k${code}-app`,
    location: LOCATION,
    securityRules: [
      { name: "allow-bastion-rdp", access: "Allow", direction: "Inbound", protocol: "Tcp", priority: 100, sourceAddressPrefix: "10.0.0.64/26", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRanges: ["22", "3389"] },
      { name: "allow-https-internet", access: "Allow", direction: "Inbound", protocol: "Tcp", priority: 110, sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "443" },
      { name: "deny-all", access: "Deny", direction: "Inbound", protocol: "*", priority: 4000, sourceAddressPrefix: "*", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "*" },
    ],
    tags,
  });
  diag(nsg);
  add(AZ.securityRule, `nsgr-${code}-hub-mgmt`, {
    resourceGroupName: netRg,
    networkSecurityGroupName: `nsg-u1-k${code}-app`,
    securityRuleName: "allow-hub-ssh",
    access: "Allow",
    direction: "Inbound",
    protocol: "Tcp",
    priority: 120,
    sourceAddressPrefixes: ["10.0.0.0/22"],
    destinationAddressPrefix: "*",
    sourcePortRange: "*",
    destinationPortRange: "22",
  });
  const rt = add(AZ.routeTable, `rt-${code}`, {
    resourceGroupName: netRg,
    routeTableName: `rt-u1-k${code}`,
    location: LOCATION,
    routes: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" }],
    tags,
  });
  add(AZ.route, `route-${code}-onprem`, {
    resourceGroupName: netRg,
    routeTableName: `rt-u1-k${code}`,
    routeName: "onprem",
    addressPrefix: "192.168.0.0/16",
    nextHopType: "VirtualAppliance",
    nextHopIpAddress: "10.0.0.4",
  });
  const subnet = add(AZ.subnet, `snet-${code}-app`, {
    resourceGroupName: netRg,
    virtualNetworkName: `vnet-u1-k${code}`,
    subnetName: "snet-app",
    addressPrefix: `10.${octet}.0.0/24`,
    networkSecurityGroup: { id: nsg.id },
    routeTable: { id: rt.id },
    defaultOutboundAccess: false,
  });

  const vault = keyVault(add, `kv-${code}`, appRg, `kv-u1-k${code}-9f9f`, tags);
  diag(vault);
  add(AZ.key, `key-${code}-des`, { resourceGroupName: appRg, vaultName: `kv-u1-k${code}-9f9f`, keyName: "des", properties: { kty: "RSA", keySize: 4096 }, tags });
  add(AZ.secret, `secret-${code}-app`, { resourceGroupName: appRg, vaultName: `kv-u1-k${code}-9f9f`, secretName: "app", properties: { value: "[secret]" }, tags });
  const des = add(AZ.diskEncryptionSet, `des-${code}`, {
    resourceGroupName: appRg,
    diskEncryptionSetName: `des-u1-k${code}`,
    location: LOCATION,
    encryptionType: "EncryptionAtRestWithCustomerKey",
    activeKey: { keyUrl: `https://kv-u1-k${code}-9f9f.vault.azure.net/keys/des/1`, sourceVault: { id: vault.id } },
    tags,
  });
  const nic = add(AZ.networkInterface, `nic-${code}-app`, {
    resourceGroupName: appRg,
    networkInterfaceName: `nic-u1-k${code}-app`,
    location: LOCATION,
    enableIPForwarding: false,
    ipConfigurations: [{ name: "ipconfig", subnet: { id: subnet.id }, privateIPAllocationMethod: "Dynamic" }],
    tags,
  });
  const dataDisk = add(AZ.disk, `disk-${code}-data`, {
    resourceGroupName: appRg,
    diskName: `disk-u1-k${code}-data`,
    location: LOCATION,
    creationData: { createOption: "Empty" },
    diskSizeGB: 128,
    encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: des.id },
    publicNetworkAccess: "Disabled",
    networkAccessPolicy: "DenyAll",
    tags,
  });
  const vm = add(AZ.virtualMachine, `vm-${code}-app`, {
    resourceGroupName: appRg,
    vmName: `vm-u1-k${code}-app`,
    location: LOCATION,
    hardwareProfile: { vmSize: "Standard_D2s_v5" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
    osProfile: {
      computerName: `vm${code}`,
      adminUsername: "azureuser",
      linuxConfiguration: {
        disablePasswordAuthentication: true,
        patchSettings: { patchMode: "AutomaticByPlatform", assessmentMode: "AutomaticByPlatform" },
      },
    },
    storageProfile: {
      osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: des.id } } },
      dataDisks: [{ lun: 0, createOption: "Attach", managedDisk: { id: dataDisk.id } }],
    },
    tags,
  });
  add(AZ.protectedItem, `bkp-${code}-app`, {
    resourceGroupName: mgmtRgName,
    vaultName: "rsv-u1",
    fabricName: "Azure",
    containerName: `iaasvmcontainer;iaasvmcontainerv2;${appRg};vm-u1-k${code}-app`,
    protectedItemName: `vm;iaasvmcontainerv2;${appRg};vm-u1-k${code}-app`,
    properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: vm.id, policyId: backupPolicy.id },
    tags: platform,
  });
  const storage = add(AZ.storageAccount, `st-${code}`, {
    resourceGroupName: appRg,
    accountName: `stu1k${code}`,
    location: LOCATION,
    kind: "StorageV2",
    sku: { name: "Standard_ZRS" },
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: "TLS1_2",
    allowBlobPublicAccess: false,
    publicNetworkAccess: "Disabled",
    encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyVaultUri: `https://kv-u1-k${code}-9f9f.vault.azure.net/`, keyName: "des" } },
    tags,
  });
  diag(storage, "/blobServices/default");
  add(AZ.privateEndpoint, `pep-${code}-kv`, {
    resourceGroupName: appRg,
    privateEndpointName: `pep-u1-k${code}-kv`,
    location: LOCATION,
    subnet: { id: subnet.id },
    privateLinkServiceConnections: [{ name: "kv", privateLinkServiceId: vault.id, groupIds: ["vault"] }],
    tags,
  });
  add(AZ.privateDnsZoneGroup, `pdzg-${code}-kv`, {
    resourceGroupName: appRg,
    privateEndpointName: `pep-u1-k${code}-kv`,
    privateDnsZoneGroupName: "default",
    privateDnsZoneConfigs: [{ name: "kv", privateDnsZoneId: hubZone.id }],
  });

  // --- the municipality's namespace on the unit's cluster --------------------
  const ns = `k${code}`;
  add(K8S.namespace, `ns-${code}`, { metadata: { name: ns, labels: { kommunekode: code } } });
  add(K8S.networkPolicy, `netpol-${code}-default-deny`, {
    metadata: { name: "default-deny", namespace: ns },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  add(K8S.deployment, `deploy-${code}-web`, {
    metadata: { name: "web", namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001 },
          initContainers: [
            {
              name: "migrate",
              image: "mcr.microsoft.com/dotnet/runtime:8.0",
              securityContext: { allowPrivilegeEscalation: false },
              resources: { limits: { cpu: "250m", memory: "128Mi" } },
            },
          ],
          containers: [
            {
              name: "web",
              image: "mcr.microsoft.com/dotnet/aspnet:8.0",
              securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true },
              resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  });
  add(K8S.service, `svc-${code}-web`, {
    metadata: {
      name: "web",
      namespace: ns,
      annotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
    },
    spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 443, targetPort: 8443 }] },
  });
}
