import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { FAKE_SUBSCRIPTION_ID, FAKE_TENANT_ID } from "../../../packages/tools/mock-runtime/index.js";
import { Identity, type IdentityArgs } from "../../../components/identity/identity.js";
import {
  BUILT_IN_ROLES,
  MUNICIPALITY_OPERATOR_ROLE,
  UNIT_OPERATOR_ROLE,
  customRoleGuid,
  roleAssignmentName,
} from "../../../components/identity/roles.js";
import { DIAGNOSTIC_SETTING_NAME } from "../../../components/monitoring/diagnostics.js";
import {
  TAGS,
  descendantsOf,
  expectAzureParentsAreComponents,
  expectProtected,
  expectTagged,
  ofType,
  single,
  sortedTypes,
} from "../monitoring/harness.js";

const SUB = `/subscriptions/${FAKE_SUBSCRIPTION_ID}`;
const WORKSPACE = `${SUB}/resourceGroups/rg-u1-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-u1`;
const SUBNET = `${SUB}/resourceGroups/rg-u1-hub/providers/Microsoft.Network/virtualNetworks/vnet-u1-hub/subnets/snet-pep`;
const KV_ZONE = `${SUB}/resourceGroups/rg-u1-hub/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
const GROUPS = {
  unitOperators: "aaaaaaaa-0000-4000-8000-000000000001",
  socReaders: "aaaaaaaa-0000-4000-8000-000000000002",
  platformAdmins: "aaaaaaaa-0000-4000-8000-000000000003",
};

function args(overrides: Partial<IdentityArgs> = {}): IdentityArgs {
  return {
    unitId: "u1",
    location: "denmarkeast",
    subscriptionId: FAKE_SUBSCRIPTION_ID,
    tenantId: FAKE_TENANT_ID,
    managedIdentities: ["cluster", "backup"],
    groups: GROUPS,
    workspaceId: WORKSPACE,
    keyVault: { subnetId: SUBNET, privateDnsZoneId: KV_ZONE },
    tags: TAGS,
    ...overrides,
  };
}

const NOT_TAGGABLE = [
  "azure-native:authorization:RoleDefinition",
  "azure-native:authorization:RoleAssignment",
  "azure-native:network:PrivateDnsZoneGroup",
  "azure-native:monitor:DiagnosticSetting",
];

async function register(a: IdentityArgs, stack: string): Promise<{ run: MockRunResult; inside: RecordedResource[] }> {
  const run = await runWithMocks(
    () => {
      new Identity("idn", a);
    },
    { stack },
  );
  return { run, inside: descendantsOf(run, "driftsenhed:identity:Identity") };
}

const assignmentsOf = (inside: RecordedResource[]) =>
  ofType(inside, "azure-native:authorization:RoleAssignment").map((r) => r.inputs as Record<string, string>);

describe("Identity", () => {
  let run: MockRunResult;
  let inside: RecordedResource[];
  let again: RecordedResource[];
  let otherGroup: RecordedResource[];
  beforeAll(async () => {
    ({ run, inside } = await register(args(), "identity"));
    // The same inputs in a fresh run, and one group changed.
    ({ inside: again } = await register(args(), "identity-again"));
    ({ inside: otherGroup } = await register(
      args({ groups: { ...GROUPS, socReaders: "bbbbbbbb-0000-4000-8000-000000000002" } }),
      "identity-other",
    ));
  });

  it("creates exactly the expected resources", () => {
    expect(sortedTypes(inside)).toEqual(
      [
        "azure-native:resources:ResourceGroup",
        "azure-native:managedidentity:UserAssignedIdentity",
        "azure-native:managedidentity:UserAssignedIdentity",
        "azure-native:authorization:RoleDefinition",
        "azure-native:authorization:RoleDefinition",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:RoleAssignment",
        "driftsenhed:identity:HardenedKeyVault",
        "azure-native:keyvault:Vault",
        "azure-native:network:PrivateEndpoint",
        "azure-native:network:PrivateDnsZoneGroup",
        "azure-native:monitor:DiagnosticSetting",
      ].sort(),
    );
  });

  it("names the managed identities from their keys", () => {
    const names = ofType(inside, "azure-native:managedidentity:UserAssignedIdentity").map((r) => r.inputs.resourceName);
    expect(names.sort()).toEqual(["id-u1-backup", "id-u1-cluster"]);
  });

  it("defines both custom roles on the subscription with deterministic GUIDs and no run command", () => {
    const defs = ofType(inside, "azure-native:authorization:RoleDefinition").map((r) => r.inputs as any);
    expect(defs.map((d) => d.roleDefinitionId).sort()).toEqual(
      [customRoleGuid("u1", "unitOperator"), customRoleGuid("u1", "municipalityOperator")].sort(),
    );
    for (const d of defs) {
      expect(d.scope).toBe(SUB);
      expect(d.assignableScopes).toEqual([SUB]);
      const actions: string[] = d.permissions[0].actions;
      expect(actions).toContain("*/read");
      expect(actions).toContain("Microsoft.Compute/virtualMachines/restart/action");
      expect(actions.filter((a) => /runCommand|\*\/write|\*\/action|^\*$|Microsoft\.Authorization/i.test(a))).toEqual([]);
      expect(actions.filter((a) => a.endsWith("/write") || a.endsWith("/delete"))).toEqual([]);
    }
    const muni = defs.find((d) => d.roleDefinitionId === customRoleGuid("u1", "municipalityOperator"));
    expect(muni.permissions[0].actions).toContain(
      "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read",
    );
    const unit = defs.find((d) => d.roleDefinitionId === customRoleGuid("u1", "unitOperator"));
    expect(unit.permissions[0].notActions).toContain("Microsoft.OperationalInsights/workspaces/query/*/read");
    expect(UNIT_OPERATOR_ROLE.actions).not.toEqual(MUNICIPALITY_OPERATOR_ROLE.actions);
  });

  it("grants each group its role on the right scope, as a Group principal", () => {
    const ra = assignmentsOf(inside);
    const find = (principal: string, role: string) =>
      ra.filter((r) => r.principalId === principal && r.roleDefinitionId.endsWith(role));
    const unitRole = ofType(inside, "azure-native:authorization:RoleDefinition").find(
      (d) => d.inputs.roleDefinitionId === customRoleGuid("u1", "unitOperator"),
    )!;
    expect(find(GROUPS.unitOperators, unitRole.id)).toMatchObject([{ scope: SUB }]);
    expect(find(GROUPS.platformAdmins, BUILT_IN_ROLES.contributor)).toMatchObject([{ scope: SUB }]);
    expect(find(GROUPS.socReaders, BUILT_IN_ROLES.logAnalyticsReader)).toMatchObject([{ scope: WORKSPACE }]);
    expect(find(GROUPS.socReaders, BUILT_IN_ROLES.sentinelResponder)).toMatchObject([{ scope: WORKSPACE }]);
    for (const r of ra) expect(r.principalType).toBe("Group");
  });

  it("names role assignments with UUIDv5 of stable inputs: same inputs, same names", () => {
    const names = assignmentsOf(inside).map((r) => r.roleAssignmentName).sort();
    expect(names).toEqual(assignmentsOf(again).map((r) => r.roleAssignmentName).sort());
    for (const n of names) expect(n).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(names).toContain(roleAssignmentName("u1", "workspace", "sentinelResponder", GROUPS.socReaders));
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives a different group a different assignment name, and leaves the others alone", () => {
    const before = new Set(assignmentsOf(inside).map((r) => r.roleAssignmentName));
    const after = new Set(assignmentsOf(otherGroup).map((r) => r.roleAssignmentName));
    const changed = [...after].filter((n) => !before.has(n));
    expect(changed).toHaveLength(2); // the two SOC grants
    expect([...after].filter((n) => before.has(n))).toHaveLength(2);
  });

  it("hardens the platform Key Vault", () => {
    const kv = single(inside, "azure-native:keyvault:Vault");
    expect(kv.inputs.vaultName).toMatch(/^kv-u1-platform-[0-9a-f]{4}$/);
    expect(kv.inputs.properties).toMatchObject({
      tenantId: FAKE_TENANT_ID,
      sku: { family: "A", name: "premium" },
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    expect((kv.inputs.properties as any).accessPolicies).toBeUndefined();
    expectProtected(kv, true);
  });

  it("reaches the vault only through a private endpoint registered in the hub zone", () => {
    const kv = single(inside, "azure-native:keyvault:Vault");
    const pep = single(inside, "azure-native:network:PrivateEndpoint").inputs as any;
    expect(pep.subnet).toMatchObject({ id: SUBNET });
    expect(pep.privateLinkServiceConnections).toMatchObject([{ privateLinkServiceId: kv.id, groupIds: ["vault"] }]);
    const zoneGroup = single(inside, "azure-native:network:PrivateDnsZoneGroup").inputs as any;
    expect(zoneGroup.privateEndpointName).toBe(pep.privateEndpointName);
    expect(zoneGroup.privateDnsZoneConfigs).toMatchObject([{ privateDnsZoneId: KV_ZONE }]);
  });

  it("sends the vault's audit logs to the workspace", () => {
    const kv = single(inside, "azure-native:keyvault:Vault");
    expect(single(inside, "azure-native:monitor:DiagnosticSetting").inputs).toMatchObject({
      name: DIAGNOSTIC_SETTING_NAME,
      resourceUri: kv.id,
      workspaceId: WORKSPACE,
    });
  });

  it("tags every taggable resource", () => {
    expectTagged(inside, TAGS, NOT_TAGGABLE);
  });

  it("parents every azure-native resource to a driftsenhed component", () => {
    expectAzureParentsAreComponents(run);
  });
});

describe("Identity opt-outs and errors", () => {
  it("leaves the vault unprotected only when protectData is false, and uses a given resource group", async () => {
    const { inside } = await register(args({ protectData: false, resourceGroupName: "rg-given" }), "identity-sandbox");
    expect(ofType(inside, "azure-native:resources:ResourceGroup")).toHaveLength(0);
    const kv = single(inside, "azure-native:keyvault:Vault");
    expectProtected(kv, false);
    expect(kv.inputs.resourceGroupName).toBe("rg-given");
  });

  it("rejects a group id that is not a GUID, naming the field", () => {
    expect(() => new Identity("idn", args({ groups: { ...GROUPS, socReaders: "SOC-Readers" } }))).toThrow(
      /driftsenhed:identity:Identity idn  groups\.socReaders  is "SOC-Readers"; expected an Entra group object id/,
    );
  });

  it("rejects bad or duplicate identity keys", () => {
    expect(() => new Identity("idn", args({ managedIdentities: ["Cluster"] }))).toThrow(
      /managedIdentities\.0  is "Cluster"/,
    );
    expect(() => new Identity("idn", args({ managedIdentities: ["backup", "backup"] }))).toThrow(/lists "backup" twice/);
  });
});
