/**
 * Test-only addition to a unit's stack: an NSG that opens RDP to the
 * internet, the change azure-network-disallow-management-ports-from-internet
 * must stop at preview.
 */
import * as network from "@pulumi/azure-native/network/index.js";

export = async (): Promise<void> => {
  new network.NetworkSecurityGroup("engine-test-open-rdp", {
    resourceGroupName: "rg-nordjylland-hub",
    networkSecurityGroupName: "nsg-engine-test-open-rdp",
    location: "denmarkeast",
    securityRules: [
      {
        name: "allow-rdp-from-internet",
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefix: "Internet",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "3389",
      },
    ],
  });
};
