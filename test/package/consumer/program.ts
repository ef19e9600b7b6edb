/**
 * What another operating unit writes: one platform and one municipality
 * tenant, from the packages' public exports only.
 */
// readme:begin
import { MunicipalityTenant, OperatingUnitPlatform, applyPlatformTransformations, type OperatingUnitPlatformArgs } from "@driftsenhed/components";
import { DEFAULTS, platformTags } from "@driftsenhed/components/vocabulary";

applyPlatformTransformations();

const unitId = "fynsdrift";
const platformArgs: OperatingUnitPlatformArgs = {
  unitId,
  location: DEFAULTS.location,
  unitAddressSpace: "10.64.0.0/12",
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  tenantId: "11111111-1111-1111-1111-111111111111",
  tags: platformTags({ unitId, ean: "5798009910844", costCentre: "platform" }),
  hub: {
    addressSpace: "10.64.0.0/20",
    firewall: { sku: "Premium", zones: ["1", "2", "3"], threatIntelMode: "Deny", idpsMode: "Deny" },
    vpnGateway: { mode: "enabled", sku: "VpnGw2AZ", bgpAsn: 65515 },
    expressRoute: { mode: "disabled" },
    bastion: { mode: "enabled", sku: "Standard" },
    ddosProtection: { mode: "disabled" },
  },
  cluster: { mode: "disabled" },
  identity: {
    groups: {
      platformAdmins: "d1f83099-178e-5984-bcbc-ddc478069c4a",
      unitOperators: "a188d52b-df18-5d97-97b2-7b15b1a824b4",
      socReaders: "6fd3d1a1-b38f-5b0b-98f9-178724544eb6",
    },
  },
  monitoring: {
    retentionInDays: 395,
    defenderPlans: ["VirtualMachines", "KeyVaults"],
    socEmails: ["soc@fynsdrift.example"],
    securityContactEmails: ["soc@fynsdrift.example"],
  },
  backup: { redundancy: { type: "zone" }, immutability: "unlocked", softDeleteRetentionDays: 14 },
  servers: {
    patchSchedule: { startDateTime: "2025-01-09 22:00", duration: "03:55", timeZone: "Romance Standard Time", recurEvery: "Week Thursday" },
  },
};

export const platform = new OperatingUnitPlatform(unitId, platformArgs);

// One municipality, stated as intent: its names, firewall priority, subnets
// and images are derived by the component from the kommunekode.
export const odense = new MunicipalityTenant("k461", {
  unitId,
  code: "461",
  municipalityName: "Odense",
  lifecycle: "live",
  dataClassification: "personal",
  billing: { ean: "5798007461002", costCentre: "k461-it" },
  network: {
    addressSpace: "10.66.0.0/20",
    sites: [{ name: "raadhus", prefixes: ["10.46.0.0/16"], connection: { type: "vpn", gatewayAddress: "198.51.100.46" } }],
  },
  access: { operatorGroupId: "3c1f0e1a-8d51-4e0b-9b8e-2f6b7c461aa1" },
  workloads: [
    { kind: "vm", name: "sagsbehandling", os: "windows-server-2022", size: "Standard_D4s_v5", backup: { tier: "standard" }, dataDisks: [{ name: "data", sizeGb: 256, lun: 0 }], ports: [{ port: 443 }] },
  ],
  platform: platform.refs,
});

// readme:end
import * as pulumi from "@pulumi/pulumi";

/** Resolves when the component tree has been constructed. */
export const ready: Promise<void> = new Promise((resolve) => pulumi.all([platform.urn, odense.urn]).apply(() => resolve()));
