/**
 * Fixtures for the tenant tests: a unit and municipalities parsed with the
 * real schemas, and platform references as plain strings, so a tenant can be
 * built before (and without) the platform.
 */
import * as k8s from "@pulumi/kubernetes";
import { municipalitySchema, type MunicipalityConfig, type MunicipalityConfigInput } from "../../../packages/config/schema/municipality.js";
import { unitSchema, type UnitConfig, type UnitConfigInput } from "../../../packages/config/schema/unit.js";
import type { LoadedUnit } from "../../../packages/config/load.js";
import type { PlatformRefsData } from "../../../components/platform/refs.js";
import type { MunicipalityTenantArgs, TenantPlatformRefs } from "../../../components/tenant/args.js";
import type { MockRunResult, RecordedResource } from "../../support/mocks.js";

export const UNIT_ID = "testenhed";
export const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const hubId = (kind: string, name: string) => `${SUB}/resourceGroups/rg-${UNIT_ID}-hub/providers/Microsoft.Network/${kind}/${name}`;

/** What the test unit's platform publishes (hub 10.64.0.0/20, cluster 10.64.16.0/20). */
export const BASTION_SUBNET = "10.64.0.192/26";
export const INTERNAL_INGRESS_ADDRESS = "10.64.23.254";
export const APP_ROUTING_IDENTITY = "e0e0e0e0-0000-4000-8000-00000000a99e";

export const FAKE_KUBECONFIG = [
  "apiVersion: v1",
  "kind: Config",
  'clusters: [{name: aks, cluster: {server: "https://aks.privatelink.example.invalid"}}]',
  "contexts: [{name: aks, context: {cluster: aks, user: aks}}]",
  "current-context: aks",
  "users: [{name: aks, user: {token: fake}}]",
].join("\n");

export function unitConfig(overrides: Partial<UnitConfigInput> = {}): UnitConfig {
  return unitSchema.parse({
    id: UNIT_ID,
    name: "Testenhed",
    addressSpace: "10.64.0.0/12",
    billing: { ean: "5798009910844", costCentre: "platform-test" },
    hub: { addressSpace: "10.64.0.0/20", expressRoute: { mode: "enabled" } },
    cluster: { mode: "enabled", addressSpace: "10.64.16.0/20", allowedRegistries: ["mcr.microsoft.com", "crtest.azurecr.io"] },
    identity: {
      platformAdminGroupId: "d1f83099-178e-5984-bcbc-ddc478069c4a",
      operatorGroupId: "a188d52b-df18-5d97-97b2-7b15b1a824b4",
      socGroupId: "6fd3d1a1-b38f-5b0b-98f9-178724544eb6",
    },
    monitoring: { socEmails: ["soc@test.example"], securityContact: { name: "SOC", email: "soc@test.example" } },
    ...overrides,
  });
}

/** The platform's references as strings; `kubernetesProvider` only when called inside a mock run. */
export function fakeRefsData(): PlatformRefsData {
  return {
    unitId: UNIT_ID,
    location: "denmarkeast",
    hubResourceGroupName: `rg-${UNIT_ID}-hub`,
    hubVnetId: hubId("virtualNetworks", `vnet-${UNIT_ID}-hub`),
    hubVnetName: `vnet-${UNIT_ID}-hub`,
    hubAddressSpace: "10.64.0.0/20",
    hubPrivateEndpointSubnetId: hubId("virtualNetworks", `vnet-${UNIT_ID}-hub/subnets/snet-private-endpoints`),
    firewallPrivateIp: "10.64.0.4",
    firewallPolicyId: hubId("firewallPolicies", `afwp-${UNIT_ID}`),
    firewallPolicyName: `afwp-${UNIT_ID}`,
    vpnGatewayId: hubId("virtualNetworkGateways", `vgw-${UNIT_ID}`),
    vpnGatewayName: `vgw-${UNIT_ID}`,
    expressRouteGatewayId: hubId("virtualNetworkGateways", `vgw-${UNIT_ID}-er`),
    expressRouteGatewayName: `vgw-${UNIT_ID}-er`,
    gatewayRouteTableName: `rt-${UNIT_ID}-gateway`,
    bastionSubnetPrefix: BASTION_SUBNET,
    internalIngressAddress: INTERNAL_INGRESS_ADDRESS,
    socActionGroupId: `${SUB}/resourceGroups/rg-${UNIT_ID}-monitoring/providers/Microsoft.Insights/actionGroups/ag-${UNIT_ID}-soc`,
    privateDnsZoneIds: {
      keyVault: hubId("privateDnsZones", "privatelink.vaultcore.azure.net"),
      blob: hubId("privateDnsZones", "privatelink.blob.core.windows.net"),
      file: hubId("privateDnsZones", "privatelink.file.core.windows.net"),
      monitor: hubId("privateDnsZones", "privatelink.monitor.azure.com"),
      oms: hubId("privateDnsZones", "privatelink.oms.opinsights.azure.com"),
      ods: hubId("privateDnsZones", "privatelink.ods.opinsights.azure.com"),
      agentSvc: hubId("privateDnsZones", "privatelink.agentsvc.azure-automation.net"),
      aks: hubId("privateDnsZones", "privatelink.denmarkeast.azmk8s.io"),
    },
    workspaceId: `${SUB}/resourceGroups/rg-${UNIT_ID}-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-${UNIT_ID}`,
    serverDataCollectionRuleId: `${SUB}/resourceGroups/rg-${UNIT_ID}-monitoring/providers/Microsoft.Insights/dataCollectionRules/dcr-${UNIT_ID}-servers`,
    serverMaintenanceConfigurationId: `${SUB}/resourceGroups/rg-${UNIT_ID}-servers/providers/Microsoft.Maintenance/maintenanceConfigurations/mc-${UNIT_ID}`,
    backupVaultName: `rsv-${UNIT_ID}`,
    backupResourceGroupName: `rg-${UNIT_ID}-backup`,
    backupVaultId: `${SUB}/resourceGroups/rg-${UNIT_ID}-backup/providers/Microsoft.RecoveryServices/vaults/rsv-${UNIT_ID}`,
    backupPolicyIds: {
      standard: `${SUB}/resourceGroups/rg-${UNIT_ID}-backup/providers/Microsoft.RecoveryServices/vaults/rsv-${UNIT_ID}/backupPolicies/standard`,
      critical: `${SUB}/resourceGroups/rg-${UNIT_ID}-backup/providers/Microsoft.RecoveryServices/vaults/rsv-${UNIT_ID}/backupPolicies/critical`,
    },
    municipalityOperatorRoleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/0c2b8b2e-6a2d-5a5e-9b5e-municipality`,
    cluster: {
      id: `${SUB}/resourceGroups/rg-${UNIT_ID}-cluster/providers/Microsoft.ContainerService/managedClusters/aks-${UNIT_ID}`,
      name: `aks-${UNIT_ID}`,
      resourceGroupName: `rg-${UNIT_ID}-cluster`,
      kubeconfig: FAKE_KUBECONFIG,
      allowedRegistries: ["mcr.microsoft.com", "crtest.azurecr.io"],
      appRoutingIdentityObjectId: APP_ROUTING_IDENTITY,
      addressSpace: "10.64.16.0/20",
    },
  };
}

/** Call inside runWithMocks: the kubernetes provider is a real resource with an explicit fake kubeconfig. */
export function fakeRefs(extra: Partial<TenantPlatformRefs> = {}): TenantPlatformRefs {
  const provider = new k8s.Provider("test-cluster", { kubeconfig: FAKE_KUBECONFIG, enableServerSideApply: true });
  return { ...fakeRefsData(), kubernetesProvider: provider, ...extra };
}

/**
 * A tenant's args written by hand, as a caller without configuration files
 * would: intent only, every optional field left to its default.
 */
export function handWrittenArgs(platform: TenantPlatformRefs, overrides: Partial<MunicipalityTenantArgs> = {}): MunicipalityTenantArgs {
  return {
    unitId: UNIT_ID,
    code: "851",
    municipalityName: "Aalborg",
    lifecycle: "live",
    dataClassification: "personal",
    billing: { ean: "5798009851001", costCentre: "k851-it" },
    network: {
      addressSpace: "10.66.0.0/20",
      sites: [
        {
          name: "raadhus",
          prefixes: ["192.168.10.0/24"],
          connection: { type: "vpn", gatewayAddress: "198.51.100.85" },
          nat: { mappings: [{ internal: "192.168.10.0/24", external: "10.226.10.0/24" }] },
        },
      ],
    },
    access: { operatorGroupId: "3c1f0e1a-8d51-4e0b-9b8e-2f6b7c851aa1" },
    workloads: [
      { kind: "vm", name: "journal-db", os: "rhel-9", size: "Standard_D4s_v5", backup: { tier: "standard" }, dataDisks: [{ name: "data", lun: 0, sizeGb: 256 }], ports: [{ port: 5432 }] },
      {
        kind: "container",
        name: "borgerportal",
        image: "mcr.microsoft.com/dotnet/aspnet:8.0",
        port: 8080,
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
        exposure: { type: "internal" },
      },
    ],
    containers: { quota: { cpu: "4", memory: "8Gi", pods: 20 } },
    platform,
    ...overrides,
  };
}

const contacts = { securityOfficer: { name: "ISO", email: "iso@kommune.example" } };

/** A municipality with every feature: VPN sites (BGP, NAT), an ExpressRoute site, servers and containers. */
export function fullMunicipality(overrides: Partial<MunicipalityConfigInput> = {}): MunicipalityConfig {
  return municipalitySchema.parse({
    code: "147",
    name: "Frederiksberg",
    lifecycle: "live",
    dataClassification: "sensitive-personal",
    contacts,
    billing: { ean: "5798009147004", costCentre: "k147-it" },
    operators: { groupId: "a5735dc6-91cf-5fc5-88b2-750219d7b18c", logReaderGroupId: "df7f0ab7-ff81-5217-a77b-48be8f0cee9a" },
    migration: { wave: 1, cutover: "2026-10-03" },
    network: {
      addressSpace: "10.64.128.0/18",
      sites: [
        { name: "raadhus", prefixes: ["10.20.0.0/16"], connection: { type: "vpn", gatewayAddress: "198.51.100.12", bgp: { asn: 65147, peeringAddress: "10.20.255.254" } } },
        {
          name: "datacenter",
          prefixes: ["10.0.0.0/16"],
          connection: { type: "vpn", gatewayAddress: "198.51.100.14" },
          nat: { mappings: [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }] },
        },
        {
          name: "fiber",
          prefixes: ["10.21.0.0/20"],
          connection: {
            type: "expressRoute",
            circuitId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-k147-connectivity/providers/Microsoft.Network/expressRouteCircuits/erc-k147",
          },
        },
      ],
    },
    containers: { quota: { cpu: "12", memory: "24Gi", pods: 40 } },
    workloads: [
      {
        name: "esdh-sql",
        kind: "vm",
        os: "windows-server-2022",
        size: "Standard_E8s_v5",
        zone: "1",
        dataDisks: [
          { name: "sqldata", lun: 0, sizeGb: 1024, sku: "Premium_ZRS" },
          { name: "sqllog", lun: 1, sizeGb: 256, sku: "Premium_LRS" },
        ],
        backup: { tier: "critical" },
        ports: [{ port: 1433, from: ["datacenter"] }],
      },
      {
        name: "sftp-gw",
        kind: "vm",
        os: "ubuntu-24.04",
        size: "Standard_B2s",
        zone: "2",
        dataClassification: "personal",
        backup: { tier: "none", reason: "Holds only files in transit; the payroll bureau keeps the originals." },
        ports: [{ port: 22, from: ["datacenter"] }, { port: 443 }],
      },
      {
        name: "selvbetjening",
        kind: "container",
        image: "crtest.azurecr.io/k147/selvbetjening:3.2.0",
        replicas: 3,
        port: 8080,
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        dataClassification: "personal",
        exposure: { type: "internet", host: "selvbetjening.frederiksberg.kommune.example" },
        egress: [{ to: "login.mitid-broker.example", ports: [443] }],
      },
      {
        name: "sags-api",
        kind: "container",
        image: "crtest.azurecr.io/k147/sags-api:1.0.0",
        replicas: 1,
        port: 8443,
        resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        healthPath: "/health/ready",
        exposure: { type: "internal" },
        egress: [{ to: "10.64.128.0/18", ports: [443] }],
      },
    ],
    ...overrides,
  });
}

/** A second, smaller municipality for isolation tests. */
export function otherMunicipality(overrides: Partial<MunicipalityConfigInput> = {}): MunicipalityConfig {
  return municipalitySchema.parse({
    code: "400",
    name: "Bornholm",
    lifecycle: "migrating",
    dataClassification: "personal",
    contacts,
    billing: { ean: "5798009400000", costCentre: "k400-it" },
    operators: { groupId: "0b1e6c2a-4f0d-4c55-9a51-3f1f0a2b7c11" },
    migration: { wave: 2, cutover: "2027-03-15" },
    network: {
      addressSpace: "10.65.0.0/18",
      sites: [
        {
          name: "datacenter",
          prefixes: ["10.0.0.0/16"],
          connection: { type: "vpn", gatewayAddress: "198.51.100.40" },
          nat: { mappings: [{ internal: "10.0.0.0/16", external: "10.225.0.0/16" }] },
        },
      ],
    },
    containers: { quota: { cpu: "4", memory: "8Gi", pods: 20 } },
    workloads: [
      { name: "esdh-app", kind: "vm", os: "windows-server-2025", size: "Standard_D4s_v5", backup: { tier: "standard" }, ports: [{ port: 443 }] },
      {
        name: "portal",
        kind: "container",
        image: "mcr.microsoft.com/dotnet/aspnet:8.0",
        port: 8080,
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
        exposure: { type: "internal", host: "portal.bornholm.kommune.example" },
      },
    ],
    ...overrides,
  });
}

/** A LoadedUnit of the given municipalities, as loadConfigDir would return it. */
export function loadedUnit(municipalities: MunicipalityConfig[], unit: UnitConfig = unitConfig()): LoadedUnit {
  return {
    dir: `stacks/${unit.id}`,
    id: unit.id,
    file: `stacks/${unit.id}/unit.yaml`,
    config: unit,
    municipalities: municipalities.map((m) => ({ file: `stacks/${unit.id}/municipalities/${m.code}-${m.name.toLowerCase()}.yaml`, config: m })),
    rejected: [],
    findings: [],
  };
}

/** Every resource inside the tenant component `k<code>` (not the component itself). */
export function tenantResources(run: MockRunResult, code: string): RecordedResource[] {
  const root = run.resources.find((r) => r.type === "driftsenhed:tenant:MunicipalityTenant" && r.name === `k${code}`);
  if (!root) throw new Error(`no tenant k${code} in the run`);
  const inside = new Set([root.urn]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of run.resources) {
      if (r.parentUrn && inside.has(r.parentUrn) && !inside.has(r.urn)) {
        inside.add(r.urn);
        grew = true;
      }
    }
  }
  return run.resources.filter((r) => r.urn !== root.urn && inside.has(r.urn));
}

export function byName(resources: RecordedResource[], type: string, name: string): RecordedResource {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) {
    const names = resources.filter((x) => x.type === type).map((x) => x.name);
    throw new Error(`no ${type} named ${name}; have: ${names.join(", ") || "none"}`);
  }
  return r;
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

/** Every string anywhere in a value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}
