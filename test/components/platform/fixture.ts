/**
 * A complete, valid OperatingUnitPlatformArgs for component tests.
 */
import type { OperatingUnitPlatformArgs } from "../../../components/platform/operating-unit-platform.js";
import { platformTags } from "../../../components/vocabulary/tags.js";

export const GROUPS = {
  platformAdmins: "d1f83099-178e-5984-bcbc-ddc478069c4a",
  unitOperators: "a188d52b-df18-5d97-97b2-7b15b1a824b4",
  socReaders: "6fd3d1a1-b38f-5b0b-98f9-178724544eb6",
};

export function platformArgs(overrides: Partial<OperatingUnitPlatformArgs> = {}): OperatingUnitPlatformArgs {
  return {
    unitId: "u1",
    location: "denmarkeast",
    unitAddressSpace: "10.64.0.0/12",
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    tenantId: "11111111-1111-1111-1111-111111111111",
    tags: platformTags({ unitId: "u1", ean: "5798009910844", costCentre: "platform-u1" }),
    hub: {
      addressSpace: "10.64.0.0/20",
      firewall: { sku: "Premium", zones: ["1", "2", "3"], threatIntelMode: "Deny", idpsMode: "Deny" },
      vpnGateway: { mode: "enabled", sku: "VpnGw2AZ", bgpAsn: 65515 },
      expressRoute: { mode: "disabled" },
      bastion: { mode: "enabled", sku: "Standard" },
      ddosProtection: { mode: "disabled" },
    },
    cluster: {
      mode: "enabled",
      addressSpace: "10.64.16.0/20",
      kubernetesVersion: "1.33",
      systemPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 5, availabilityZones: ["1", "2", "3"] },
      userPools: { user: { vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 20, availabilityZones: ["1", "2", "3"] } },
      upgradeChannel: "stable",
      nodeOSUpgradeChannel: "NodeImage",
      maintenanceWindow: { dayOfWeek: "Sunday", startTime: "01:00", durationHours: 4, utcOffset: "+01:00" },
      podCidr: "100.112.0.0/12",
      serviceCidr: "100.96.0.0/16",
      allowedRegistries: ["mcr.microsoft.com"],
      ingressSourcePrefixes: ["10.12.0.0/16"],
    },
    identity: { groups: GROUPS },
    monitoring: {
      retentionInDays: 395,
      defenderPlans: ["VirtualMachines", "KeyVaults"],
      socEmails: ["soc@u1.example"],
      securityContactEmails: ["soc@u1.example"],
    },
    backup: { redundancy: { type: "zone" }, immutability: "unlocked", softDeleteRetentionDays: 14 },
    servers: {
      patchSchedule: { startDateTime: "2025-01-09 22:00", duration: "03:55", timeZone: "Romance Standard Time", recurEvery: "Week Thursday" },
    },
    ...overrides,
  };
}
