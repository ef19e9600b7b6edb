/**
 * The hub of the compliant world: platform networking, logging, backup, keys
 * and the unit's cluster, all tagged kommunekode=platform.
 */
import type { EvaluatedResource } from "../../../policies/evaluate.js";
import { AZ } from "../../../policies/lib/types.js";
import { diagnosticsTo, keyVault, LOCATION, platform, type Add } from "./world-parts.js";

/** What the tenants refer to. */
export interface PlatformRefs {
  add: Add;
  diag: (target: EvaluatedResource, suffix?: string) => EvaluatedResource;
  hubVnet: EvaluatedResource;
  ddos: EvaluatedResource;
  hubZone: EvaluatedResource;
  backupPolicy: EvaluatedResource;
  mgmtRgName: string;
}

export function addPlatform(add: Add): PlatformRefs {
  const hubRgName = "rg-u1-hub";
  const mgmtRgName = "rg-u1-mgmt";
  add(AZ.resourceGroup, "rg-hub", { resourceGroupName: hubRgName, location: LOCATION, tags: platform });
  add(AZ.resourceGroup, "rg-mgmt", { resourceGroupName: mgmtRgName, location: LOCATION, tags: platform });
  const workspace = add(AZ.workspace, "log-u1", {
    resourceGroupName: mgmtRgName,
    workspaceName: "log-u1",
    location: LOCATION,
    retentionInDays: 395,
    publicNetworkAccessForIngestion: "Disabled",
    publicNetworkAccessForQuery: "Disabled",
    sku: { name: "PerGB2018" },
    tags: platform,
  });
  const diag = diagnosticsTo(add, workspace);
  diag(workspace);

  const ddos = add(AZ.ddosProtectionPlan, "ddos-u1", { resourceGroupName: hubRgName, ddosProtectionPlanName: "ddos-u1", location: LOCATION, tags: platform });
  const hubVnet = add(AZ.virtualNetwork, "vnet-hub", {
    resourceGroupName: hubRgName,
    virtualNetworkName: "vnet-u1-hub",
    location: LOCATION,
    addressSpace: { addressPrefixes: ["10.0.0.0/22"] },
    enableDdosProtection: true,
    ddosProtectionPlan: { id: ddos.id },
    tags: platform,
  });
  diag(hubVnet);
  const hubRt = add(AZ.routeTable, "rt-hub", {
    resourceGroupName: hubRgName,
    routeTableName: "rt-u1-hub",
    location: LOCATION,
    routes: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" }],
    tags: platform,
  });
  const hubNsg = add(AZ.networkSecurityGroup, "nsg-hub-dns", {
    resourceGroupName: hubRgName,
    networkSecurityGroupName: "nsg-u1-hub-dns",
    location: LOCATION,
    securityRules: [
      { name: "allow-dns", access: "Allow", direction: "Inbound", protocol: "Udp", priority: 100, sourceAddressPrefix: "10.0.0.0/8", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "53" },
    ],
    tags: platform,
  });
  diag(hubNsg);
  for (const fixed of ["AzureFirewallSubnet", "GatewaySubnet", "AzureBastionSubnet"]) {
    add(AZ.subnet, `snet-hub-${fixed}`, {
      resourceGroupName: hubRgName,
      virtualNetworkName: "vnet-u1-hub",
      subnetName: fixed,
      addressPrefix: "10.0.0.0/26",
      // Azure forbids an NSG on the firewall and gateway subnets; Bastion's subnet has one.
      ...(fixed === "AzureBastionSubnet" ? { networkSecurityGroup: { id: hubNsg.id } } : {}),
    });
  }
  add(AZ.subnet, "snet-hub-dns", {
    resourceGroupName: hubRgName,
    virtualNetworkName: "vnet-u1-hub",
    subnetName: "snet-dns",
    addressPrefix: "10.0.1.0/26",
    networkSecurityGroup: { id: hubNsg.id },
    routeTable: { id: hubRt.id },
    defaultOutboundAccess: false,
  });
  for (const pip of ["pip-afw", "pip-vgw", "pip-bas"]) {
    diag(add(AZ.publicIPAddress, pip, { resourceGroupName: hubRgName, publicIpAddressName: `${pip}-u1`, location: LOCATION, sku: { name: "Standard" }, tags: platform }));
  }
  const fwPolicy = add(AZ.firewallPolicy, "afwp-u1", { resourceGroupName: hubRgName, firewallPolicyName: "afwp-u1", location: LOCATION, tags: platform });
  add(AZ.firewallPolicyRuleCollectionGroup, "rcg-u1", {
    resourceGroupName: hubRgName,
    firewallPolicyName: "afwp-u1",
    ruleCollectionGroupName: "rcg-spokes",
    priority: 200,
    ruleCollections: [
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "spokes-to-platform",
        priority: 100,
        action: { type: "Allow" },
        rules: [
          { ruleType: "NetworkRule", name: "dns", sourceAddresses: ["10.1.0.0/16", "10.2.0.0/16"], destinationAddresses: ["10.0.1.0/26"], destinationPorts: ["53"], ipProtocols: ["UDP"] },
          { ruleType: "NetworkRule", name: "egress-https", sourceAddresses: ["10.1.0.0/16"], destinationAddresses: ["*"], destinationPorts: ["443"], ipProtocols: ["TCP"] },
        ],
      },
    ],
  });
  diag(add(AZ.azureFirewall, "afw-u1", { resourceGroupName: hubRgName, azureFirewallName: "afw-u1", location: LOCATION, firewallPolicy: { id: fwPolicy.id }, tags: platform }));
  diag(add(AZ.virtualNetworkGateway, "vgw-u1", { resourceGroupName: hubRgName, virtualNetworkGatewayName: "vgw-u1", location: LOCATION, gatewayType: "Vpn", tags: platform }));
  add(AZ.localNetworkGateway, "lgw-onprem", {
    resourceGroupName: hubRgName,
    localNetworkGatewayName: "lgw-onprem",
    location: LOCATION,
    localNetworkAddressSpace: { addressPrefixes: ["192.168.0.0/16"] },
    tags: platform,
  });
  add(AZ.virtualNetworkGatewayConnection, "con-onprem", { resourceGroupName: hubRgName, connectionType: "IPsec", location: LOCATION, tags: platform });
  diag(add(AZ.bastionHost, "bas-u1", { resourceGroupName: hubRgName, bastionHostName: "bas-u1", location: LOCATION, tags: platform }));
  const hubZone = add(AZ.privateZone, "pdz-kv", { resourceGroupName: hubRgName, privateZoneName: "privatelink.vaultcore.azure.net", location: "global", tags: platform });

  const recoveryVault = add(AZ.recoveryVault, "rsv-u1", {
    resourceGroupName: mgmtRgName,
    vaultName: "rsv-u1",
    location: LOCATION,
    sku: { name: "RS0", tier: "Standard" },
    properties: {
      publicNetworkAccess: "Disabled",
      securitySettings: { immutabilitySettings: { state: "Locked" }, softDeleteSettings: { softDeleteState: "AlwaysON" } },
    },
    tags: platform,
  });
  diag(recoveryVault);
  const backupPolicy = add(AZ.protectionPolicy, "bkpol-standard", { resourceGroupName: mgmtRgName, vaultName: "rsv-u1", policyName: "standard", location: LOCATION, tags: platform });

  const platformVault = keyVault(add, "kv-platform", mgmtRgName, "kv-u1-platform-1a2b", platform);
  diag(platformVault);
  const platformDes = add(AZ.diskEncryptionSet, "des-platform", {
    resourceGroupName: mgmtRgName,
    diskEncryptionSetName: "des-u1-platform",
    location: LOCATION,
    activeKey: { keyUrl: "https://kv-u1-platform-1a2b.vault.azure.net/keys/des/1", sourceVault: { id: platformVault.id } },
    tags: platform,
  });
  diag(
    add(AZ.managedCluster, "aks-u1", {
      resourceGroupName: mgmtRgName,
      resourceName: "aks-u1",
      location: LOCATION,
      apiServerAccessProfile: { enablePrivateCluster: true },
      disableLocalAccounts: true,
      enableRBAC: true,
      aadProfile: { managed: true, enableAzureRBAC: true },
      networkProfile: { networkPlugin: "azure", networkPolicy: "cilium" },
      publicNetworkAccess: "Disabled",
      diskEncryptionSetID: platformDes.id,
      agentPoolProfiles: [{ name: "system", mode: "System", count: 3, enableNodePublicIP: false }],
      tags: platform,
    }),
  );
  add(AZ.agentPool, "aks-u1-user", { resourceGroupName: mgmtRgName, resourceName: "aks-u1", agentPoolName: "user", enableNodePublicIP: false, tags: platform });

  return { add, diag, hubVnet, ddos, hubZone, backupPolicy, mgmtRgName };
}
