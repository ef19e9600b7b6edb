import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult } from "../../support/mocks.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import { DISK_KEY, KEY_VAULT_ROLES } from "../../../components/tenant/keys.js";
import { BUILT_IN_ROLES, roleAssignmentName } from "../../../components/identity/roles.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { APP_ROUTING_IDENTITY, byName, fakeRefs, fakeRefsData, fullMunicipality, ofType, SUB, tenantResources, unitConfig } from "./fixture.js";

const refsData = fakeRefsData();
const m = fullMunicipality();
const WORKLOADS = `${SUB}/resourceGroups/rg-testenhed-k147-workloads`;
const NETWORK = `${SUB}/resourceGroups/rg-testenhed-k147-network`;
const VAULT_ID = `${WORKLOADS}/providers/keyvault/Vault/kv-testenhed-k147-2dc2`;

let run: MockRunResult;
beforeAll(async () => {
  run = await runWithMocks(
    () => {
      new MunicipalityTenant("k147", toTenantArgs(unitConfig(), m, fakeRefs()));
    },
    { stack: "testenhed" },
  );
});

describe("resource groups and tags", () => {
  it("two resource groups named from the unit id and the kommunekode", () => {
    const rgs = ofType(tenantResources(run, "147"), "azure-native:resources:ResourceGroup");
    expect(rgs.map((r) => r.inputs.resourceGroupName).sort()).toEqual(["rg-testenhed-k147-network", "rg-testenhed-k147-workloads"]);
  });

  it("every taggable Azure resource carries kommunekode, municipality, unit, classification, cost reference and lifecycle", () => {
    // Local network gateways and connections are the hub's (see the network tests).
    const hubSide = ["azure-native:network:LocalNetworkGateway", "azure-native:network:VirtualNetworkGatewayConnection"];
    const taggable = tenantResources(run, "147").filter((r) => r.type.startsWith("azure-native:") && r.inputs.tags !== undefined && !hubSide.includes(r.type));
    expect(taggable.length).toBeGreaterThan(20);
    for (const r of taggable) {
      expect(r.inputs.tags, `${r.type} ${r.name}`).toMatchObject({
        kommunekode: "147",
        municipality: "Frederiksberg",
        unit: "testenhed",
        costReference: "5798009147004/k147-it",
        lifecycle: "live",
      });
      expect(["sensitive-personal", "personal"]).toContain((r.inputs.tags as Record<string, string>).dataClassification);
    }
    // Types that take tags but got none would escape billing and the policy pack.
    const untaggedTypes = new Set(
      tenantResources(run, "147")
        .filter((r) => r.type.startsWith("azure-native:") && r.inputs.tags === undefined)
        .map((r) => r.type),
    );
    expect([...untaggedTypes].sort()).toEqual([
      "azure-native:authorization:RoleAssignment",
      "azure-native:maintenance:ConfigurationAssignment",
      "azure-native:monitor:DataCollectionRuleAssociation",
      "azure-native:monitor:DiagnosticSetting",
      "azure-native:network:FirewallPolicyRuleCollectionGroup",
      "azure-native:network:PrivateDnsZoneGroup",
      "azure-native:network:Route",
      "azure-native:network:Subnet",
      "azure-native:network:VirtualNetworkGatewayNatRule",
      "azure-native:network:VirtualNetworkPeering",
    ]);
  });
});

describe("keys", () => {
  it("its own hardened Key Vault: RBAC, purge protection, no public access, private endpoint in its own spoke, audit logs", () => {
    const vault = byName(run.resources, "azure-native:keyvault:Vault", "k147-keys-kv-vault").inputs;
    expect(vault.vaultName).toBe("kv-testenhed-k147-2dc2");
    expect(vault.resourceGroupName).toBe("rg-testenhed-k147-workloads");
    expect(vault.properties).toMatchObject({
      sku: { family: "A", name: "premium" },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      enablePurgeProtection: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    const pep = byName(run.resources, "azure-native:network:PrivateEndpoint", "k147-keys-kv-pep").inputs;
    expect(pep.subnet).toMatchObject({ id: `${NETWORK}/providers/network/Subnet/snet-private-endpoints` });
    const dns = byName(run.resources, "azure-native:network:PrivateDnsZoneGroup", "k147-keys-kv-pep-dns").inputs;
    expect(dns.privateDnsZoneConfigs).toEqual([{ name: "privatelink-vaultcore-azure-net", privateDnsZoneId: refsData.privateDnsZoneIds.keyVault }]);
    const diag = byName(run.resources, "azure-native:monitor:DiagnosticSetting", "k147-keys-kv-vault-diag").inputs;
    expect(diag).toMatchObject({ resourceUri: VAULT_ID, workspaceId: refsData.workspaceId });
  });

  it("its own customer-managed key: RSA-HSM 3072, wrap/unwrap only, not exportable, rotated yearly", () => {
    const key = byName(run.resources, "azure-native:keyvault:Key", "k147-keys-disk-key").inputs;
    expect(key).toMatchObject({ vaultName: "kv-testenhed-k147-2dc2", keyName: DISK_KEY.name });
    expect(key.properties).toEqual({
      kty: "RSA-HSM",
      keySize: 3072,
      keyOps: ["wrapKey", "unwrapKey"],
      attributes: { enabled: true, exportable: false },
      rotationPolicy: {
        attributes: { expiryTime: "P2Y" },
        lifetimeActions: [
          { trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } },
          { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
        ],
      },
    });
    expect([3072, 4096]).toContain((key.properties as Record<string, number>).keySize);
  });

  it("a disk encryption set on that key, with its own identity granted Crypto Service Encryption User on the vault", () => {
    const des = byName(run.resources, "azure-native:compute:DiskEncryptionSet", "k147-keys-des");
    expect(des.inputs).toMatchObject({
      diskEncryptionSetName: "des-testenhed-k147",
      encryptionType: "EncryptionAtRestWithCustomerKey",
      identity: { type: "SystemAssigned" },
      rotationToLatestKeyVersionEnabled: true,
      activeKey: { sourceVault: { id: VAULT_ID } },
    });
    expect(des.dependencies).toContain(byName(run.resources, "azure-native:keyvault:Key", "k147-keys-disk-key").urn);
    const grant = byName(run.resources, "azure-native:authorization:RoleAssignment", "k147-keys-des-key-access");
    expect(grant.inputs).toMatchObject({
      roleAssignmentName: roleAssignmentName("testenhed", "k147/key-vault", "keyVaultCryptoServiceEncryptionUser", "k147/disk-encryption-set"),
      scope: VAULT_ID,
      roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_ROLES.cryptoServiceEncryptionUser}`,
      principalType: "ServicePrincipal",
    });
    expect(grant.inputs.roleAssignmentName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(grant.dependencies).toContain(des.urn);
  });
});

describe("access", () => {
  const grants = () =>
    ofType(tenantResources(run, "147"), "azure-native:authorization:RoleAssignment").map((r) => ({
      name: r.name,
      scope: r.inputs.scope,
      role: r.inputs.roleDefinitionId,
      principal: r.inputs.principalId,
      type: r.inputs.principalType,
    }));

  it("the operator group gets the platform's municipality role on its own resource groups, and reads its own secrets", () => {
    const ops = grants().filter((g) => g.principal === m.operators.groupId);
    expect(ops.map((g) => [g.scope, g.role]).sort()).toEqual(
      [
        [NETWORK, refsData.municipalityOperatorRoleDefinitionId],
        [WORKLOADS, refsData.municipalityOperatorRoleDefinitionId],
        [VAULT_ID, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_ROLES.secretsUser}`],
      ].sort(),
    );
    for (const g of ops) expect(g.type).toBe("Group");
  });

  it("the log reader group gets Log Analytics Reader on its own resource groups only (resource-context access)", () => {
    const readers = grants().filter((g) => g.principal === m.operators.logReaderGroupId);
    expect(readers.map((g) => [g.scope, g.role]).sort()).toEqual(
      [
        [NETWORK, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.logAnalyticsReader}`],
        [WORKLOADS, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.logAnalyticsReader}`],
      ].sort(),
    );
  });

  it("grants nothing outside the municipality's own resource groups, and nothing on the workspace", () => {
    for (const g of grants()) {
      expect(String(g.scope).startsWith(NETWORK) || String(g.scope).startsWith(WORKLOADS), `${g.name} on ${String(g.scope)}`).toBe(true);
      expect(String(g.scope)).not.toContain("OperationalInsights");
    }
    expect(grants()).toHaveLength(7);
  });

  it("the cluster's application routing identity reads certificates on the municipality's own vault, and nothing else", () => {
    const ingress = grants().filter((g) => g.principal === APP_ROUTING_IDENTITY);
    expect(ingress).toEqual([
      {
        name: "k147-keys-ingress-certificates",
        scope: VAULT_ID,
        role: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_ROLES.certificateUser}`,
        principal: APP_ROUTING_IDENTITY,
        type: "ServicePrincipal",
      },
    ]);
    // Named from stable keys, not the identity's object id (unknown until the cluster exists).
    expect(byName(run.resources, "azure-native:authorization:RoleAssignment", "k147-keys-ingress-certificates").inputs.roleAssignmentName).toBe(
      roleAssignmentName("testenhed", "k147/key-vault", "keyVaultCertificateUser", "cluster/app-routing"),
    );
  });

  it("role assignment names are UUIDv5 of stable keys, so the same grant keeps its name", () => {
    const names = ofType(tenantResources(run, "147"), "azure-native:authorization:RoleAssignment").map((r) => r.inputs.roleAssignmentName);
    expect(new Set(names).size).toBe(names.length);
    expect(byName(run.resources, "azure-native:authorization:RoleAssignment", "k147-workloads-operators").inputs.roleAssignmentName).toBe(
      roleAssignmentName("testenhed", "k147/rg/workloads", "municipalityOperator", m.operators.groupId),
    );
  });
});
