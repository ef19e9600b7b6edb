import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { HardenedKeyVault, type HardenedKeyVaultArgs } from "../../../components/identity/key-vault.js";
import { keyVaultName } from "../../../components/vocabulary/naming.js";
import {
  TAGS,
  descendantsOf,
  expectAzureParentsAreComponents,
  expectProtected,
  expectTagged,
  single,
  sortedTypes,
} from "../monitoring/harness.js";

const args = (overrides: Partial<HardenedKeyVaultArgs> = {}): HardenedKeyVaultArgs => ({
  unitId: "u1",
  scope: "k101",
  resourceGroupName: "rg-u1-k101-security",
  location: "denmarkeast",
  tenantId: "11111111-1111-1111-1111-111111111111",
  subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pep",
  privateDnsZoneId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net",
  workspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-u1",
  tags: { ...TAGS, kommunekode: "101" },
  ...overrides,
});

describe("HardenedKeyVault for a municipality scope", () => {
  let run: MockRunResult;
  let inside: RecordedResource[];
  beforeAll(async () => {
    run = await runWithMocks(
      () => {
        new HardenedKeyVault("k101-kv", args({ sku: "standard" }));
      },
      { stack: "kv" },
    );
    inside = descendantsOf(run, "driftsenhed:identity:HardenedKeyVault");
  });

  it("creates the vault, its private endpoint, DNS registration and diagnostics, nothing else", () => {
    expect(sortedTypes(inside)).toEqual(
      [
        "azure-native:keyvault:Vault",
        "azure-native:network:PrivateEndpoint",
        "azure-native:network:PrivateDnsZoneGroup",
        "azure-native:monitor:DiagnosticSetting",
      ].sort(),
    );
  });

  it("derives names from unit and scope and keeps the hardening with a standard SKU", () => {
    const kv = single(inside, "azure-native:keyvault:Vault");
    expect(kv.inputs.vaultName).toBe(keyVaultName("u1", "k101"));
    expect(kv.inputs.resourceGroupName).toBe("rg-u1-k101-security");
    expect(kv.inputs.properties).toMatchObject({
      sku: { family: "A", name: "standard" },
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    expectProtected(kv, true);
    expect(single(inside, "azure-native:network:PrivateEndpoint").inputs.privateEndpointName).toBe("pep-u1-k101-kv");
  });

  it("tags the taggable resources with the municipality's tags and parents to the component", () => {
    expectTagged(inside, { ...TAGS, kommunekode: "101" }, ["azure-native:network:PrivateDnsZoneGroup", "azure-native:monitor:DiagnosticSetting"]);
    expectAzureParentsAreComponents(run);
  });
});

describe("HardenedKeyVault errors", () => {
  it("rejects a scope that makes the global vault name too long, before registering anything", () => {
    expect(() => new HardenedKeyVault("kv", args({ scope: "a-very-long-scope-name" }))).toThrow(/exceeds 24 characters/);
  });
});
