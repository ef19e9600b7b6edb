/** Residency, tenancy and network rules. */
import { disallowDefaultOutboundAccess } from "../../../../policies/rules/network/disallow-default-outbound-access.js";
import { disallowIpForwardingOnNic } from "../../../../policies/rules/network/disallow-ip-forwarding-on-nic.js";
import { disallowManagementPortsFromInternet } from "../../../../policies/rules/network/disallow-management-ports-from-internet.js";
import { disallowPublicIpOnNic } from "../../../../policies/rules/network/disallow-public-ip-on-nic.js";
import { requireSubnetNsg } from "../../../../policies/rules/network/require-subnet-nsg.js";
import { requireSubnetRouteTable } from "../../../../policies/rules/network/require-subnet-route-table.js";
import { restrictGatewaysToHub } from "../../../../policies/rules/network/restrict-gateways-to-hub.js";
import { disallowPublicNetworkAccess } from "../../../../policies/rules/resources/disallow-public-network-access.js";
import { requireTags } from "../../../../policies/rules/resources/require-tags.js";
import { restrictLocations } from "../../../../policies/rules/resources/restrict-locations.js";
import { restrictTenantResourceGroup } from "../../../../policies/rules/resources/restrict-tenant-resource-group.js";
import type { ResourceCase } from "./types.js";

const nsgRule = (i: Record<string, any>) => i.securityRules[0];

export const NETWORK_CASES: ResourceCase[] = [
  {
    rule: restrictLocations,
    fixture: "vnet-101",
    failing: [
      { name: "a non-EU region", change: (i) => (i.location = "eastus"), message: /"eastus"/ },
      { name: "an EU region not allowed by default", change: (i) => (i.location = "francecentral") },
      { name: "global on a type that is not global-only", change: (i) => (i.location = "global") },
    ],
    passing: [
      { name: "a fallback EU region", change: (i) => (i.location = "swedencentral") },
      { name: "a display-name spelling", change: (i) => (i.location = "Denmark East") },
      { name: "no location (inherited from the resource group)", change: (i) => delete i.location },
    ],
  },
  {
    rule: restrictLocations,
    fixture: "rg-101-app",
    failing: [{ name: "a resource group without location", change: (i) => delete i.location, message: /does not state its location/ }],
  },
  {
    rule: requireTags,
    fixture: "nic-101-app",
    failing: [
      { name: "no tags", change: (i) => delete i.tags, message: /lacks required tag/ },
      { name: "no kommunekode", change: (i) => delete i.tags.kommunekode, message: /'kommunekode'/ },
      { name: "blank unit", change: (i) => (i.tags.unit = " "), message: /'unit'/ },
      { name: "no costReference", change: (i) => delete i.tags.costReference },
      { name: "no dataClassification", change: (i) => delete i.tags.dataClassification },
      { name: "a kommunekode that is neither 3 digits nor platform", change: (i) => (i.tags.kommunekode = "1010"), message: /kommunekode="1010"/ },
      { name: "an unknown data classification", change: (i) => (i.tags.dataClassification = "secret") },
      { name: "a cost reference without cost centre", change: (i) => (i.tags.costReference = "5798000000001") },
    ],
  },
  {
    rule: restrictTenantResourceGroup,
    fixture: "vm-101-app",
    failing: [
      { name: "another municipality's resource group", change: (i) => (i.resourceGroupName = "rg-u1-k147-app"), message: /not one of municipality 101/ },
      { name: "a platform resource group", change: (i) => (i.resourceGroupName = "rg-u1-mgmt") },
      { name: "another unit's resource group", change: (i) => (i.resourceGroupName = "rg-u2-k101-app"), message: /unit 'u1'/ },
      { name: "a platform resource in a tenant resource group", change: (i) => (i.tags.kommunekode = "platform"), message: /platform resource/ },
    ],
  },
  {
    rule: restrictTenantResourceGroup,
    fixture: "bkp-101-app",
    failing: [],
    passing: [
      { name: "a municipality's backup item in the shared vault's resource group", change: (i) => (i.tags.kommunekode = "101") },
      { name: "even when the vault's resource group is another municipality's", change: (i) => ((i.tags.kommunekode = "101"), (i.resourceGroupName = "rg-u1-k147-app")) },
    ],
  },
  {
    rule: restrictTenantResourceGroup,
    fixture: "rg-101-app",
    failing: [{ name: "a tenant resource group named for another municipality", change: (i) => (i.resourceGroupName = "rg-u1-k147-app") }],
  },
  {
    rule: disallowPublicNetworkAccess,
    fixture: "kv-101",
    failing: [
      { name: "Key Vault public access enabled", change: (i) => (i.properties.publicNetworkAccess = "Enabled"), message: /properties\.publicNetworkAccess/ },
      { name: "Key Vault public access not set", change: (i) => delete i.properties.publicNetworkAccess },
    ],
  },
  {
    rule: disallowPublicNetworkAccess,
    fixture: "st-101",
    failing: [{ name: "storage public access not set", change: (i) => delete i.publicNetworkAccess }],
  },
  {
    rule: disallowPublicNetworkAccess,
    fixture: "log-u1",
    failing: [
      { name: "workspace ingestion public", change: (i) => (i.publicNetworkAccessForIngestion = "Enabled"), message: /ForIngestion/ },
      { name: "workspace query public", change: (i) => delete i.publicNetworkAccessForQuery, message: /ForQuery/ },
    ],
  },
  {
    rule: disallowPublicNetworkAccess,
    fixture: "rsv-u1",
    failing: [{ name: "backup vault public", change: (i) => (i.properties.publicNetworkAccess = "Enabled") }],
  },
  {
    rule: disallowPublicNetworkAccess,
    fixture: "aks-u1",
    failing: [{ name: "cluster public", change: (i) => (i.publicNetworkAccess = "Enabled") }],
  },
  {
    rule: disallowPublicNetworkAccess,
    fixture: "disk-101-data",
    failing: [{ name: "disk public", change: (i) => (i.publicNetworkAccess = "Enabled") }],
  },
  {
    rule: disallowPublicIpOnNic,
    fixture: "nic-101-app",
    failing: [
      { name: "a public IP on the first IP configuration", change: (i) => (i.ipConfigurations[0].publicIPAddress = { id: "/x/pip" }), message: /ipConfigurations\[0\]\.publicIPAddress/ },
      {
        name: "a public IP on a second IP configuration",
        change: (i) => i.ipConfigurations.push({ name: "second", publicIPAddress: { id: "/x/pip2" } }),
        message: /ipConfigurations\[1\]/,
      },
    ],
  },
  {
    rule: disallowIpForwardingOnNic,
    fixture: "nic-101-app",
    failing: [{ name: "IP forwarding on a tenant NIC", change: (i) => (i.enableIPForwarding = true) }],
    passing: [{ name: "IP forwarding on a platform appliance", change: (i) => ((i.enableIPForwarding = true), (i.tags.kommunekode = "platform")) }],
  },
  {
    rule: disallowManagementPortsFromInternet,
    fixture: "nsg-101-app",
    failing: [
      { name: "RDP from Internet", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", destinationPortRanges: undefined, destinationPortRange: "3389" }), message: /3389/ },
      { name: "SSH from *", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "*", destinationPortRanges: ["22"] }), message: /port\(s\) 22/ },
      { name: "a port range covering 3389", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "0.0.0.0/0", destinationPortRanges: undefined, destinationPortRange: "3000-4000" }) },
      { name: "a port list with a range covering 22", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", destinationPortRanges: ["80", "20-25"] }) },
      { name: "all ports", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", destinationPortRanges: undefined, destinationPortRange: "*" }) },
      { name: "Internet in a source list", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "Internet"] }) },
      { name: "source Any", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Any" }) },
      { name: "protocol *", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", protocol: "*" }) },
      { name: "a malformed port expression (read as any port)", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", destinationPortRanges: ["ssh"] }) },
    ],
    passing: [
      { name: "the same rule denying", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", access: "Deny" }) },
      { name: "the same rule outbound", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", direction: "Outbound" }) },
      { name: "ICMP from the internet", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", protocol: "Icmp" }) },
      { name: "other ports from the internet", change: (i) => Object.assign(nsgRule(i), { sourceAddressPrefix: "Internet", destinationPortRanges: ["443", "8000-8080"] }) },
    ],
  },
  {
    rule: disallowManagementPortsFromInternet,
    fixture: "nsgr-101-hub-mgmt",
    failing: [
      { name: "a separate rule resource open to the internet", change: (i) => (i.sourceAddressPrefixes = ["Internet"]), message: /allow-hub-ssh/ },
      { name: "a separate rule with a covering range", change: (i) => ((i.sourceAddressPrefixes = ["*"]), (i.destinationPortRange = "1-1024")) },
    ],
  },
  {
    rule: requireSubnetNsg,
    fixture: "snet-101-app",
    failing: [{ name: "no NSG", change: (i) => delete i.networkSecurityGroup, message: /snet-app/ }],
  },
  {
    rule: requireSubnetNsg,
    fixture: "snet-hub-GatewaySubnet",
    failing: [
      { name: "a normal subnet name without NSG", change: (i) => (i.subnetName = "snet-other") },
      { name: "AzureBastionSubnet without NSG", change: (i) => (i.subnetName = "AzureBastionSubnet"), message: /'AzureBastionSubnet' has no network security group/ },
    ],
    passing: [
      { name: "GatewaySubnet without NSG (Azure forbids one)", change: () => undefined },
      { name: "AzureFirewallSubnet without NSG (Azure forbids one)", change: (i) => (i.subnetName = "AzureFirewallSubnet") },
      { name: "AzureFirewallManagementSubnet without NSG (Azure forbids one)", change: (i) => (i.subnetName = "AzureFirewallManagementSubnet") },
      { name: "a fixed name in another case", change: (i) => (i.subnetName = "azurefirewallsubnet") },
    ],
  },
  {
    rule: requireSubnetNsg,
    fixture: "snet-hub-AzureBastionSubnet",
    failing: [{ name: "its NSG removed", change: (i) => delete i.networkSecurityGroup, message: /AzureBastionSubnet/ }],
  },
  {
    rule: requireSubnetNsg,
    fixture: "vnet-101",
    failing: [
      { name: "an inline subnet without NSG", change: (i) => (i.subnets = [{ name: "inline", addressPrefix: "10.1.9.0/24", defaultOutboundAccess: false, routeTable: { id: "/rt" } }]), message: /subnets\[0\]/ },
      { name: "an inline AzureBastionSubnet without NSG", change: (i) => (i.subnets = [{ name: "AzureBastionSubnet", addressPrefix: "10.1.9.0/26" }]), message: /AzureBastionSubnet/ },
    ],
    passing: [{ name: "an inline GatewaySubnet without NSG", change: (i) => (i.subnets = [{ name: "GatewaySubnet", addressPrefix: "10.1.9.0/26" }]) }],
  },
  {
    rule: disallowDefaultOutboundAccess,
    fixture: "snet-101-app",
    failing: [
      { name: "not set", change: (i) => delete i.defaultOutboundAccess, message: /not set/ },
      { name: "true", change: (i) => (i.defaultOutboundAccess = true) },
    ],
  },
  {
    rule: disallowDefaultOutboundAccess,
    fixture: "vnet-101",
    failing: [{ name: "an inline subnet with default outbound access", change: (i) => (i.subnets = [{ name: "inline", networkSecurityGroup: { id: "/nsg" }, routeTable: { id: "/rt" } }]) }],
  },
  {
    rule: requireSubnetRouteTable,
    fixture: "snet-101-app",
    failing: [{ name: "no route table", change: (i) => delete i.routeTable }],
  },
  {
    rule: requireSubnetRouteTable,
    fixture: "vnet-101",
    failing: [{ name: "an inline subnet without route table", change: (i) => (i.subnets = [{ name: "inline", networkSecurityGroup: { id: "/nsg" }, defaultOutboundAccess: false }]) }],
  },
  {
    rule: restrictGatewaysToHub,
    fixture: "vgw-u1",
    failing: [
      { name: "a VPN gateway of a municipality", change: (i) => (i.tags.kommunekode = "101"), message: /kommunekode is 101/ },
      { name: "an untagged gateway", change: (i) => delete i.tags },
    ],
  },
  {
    rule: restrictGatewaysToHub,
    fixture: "lgw-onprem",
    failing: [{ name: "a local network gateway of a municipality", change: (i) => (i.tags.kommunekode = "147") }],
  },
  {
    rule: restrictGatewaysToHub,
    fixture: "con-onprem",
    failing: [{ name: "a connection of a municipality", change: (i) => (i.tags.kommunekode = "147") }],
  },
];
