/**
 * Identity and access for the unit's shared platform: managed identities
 * for the platform's own services, the unit's custom roles, the platform's
 * role assignments to Entra groups, and the platform Key Vault.
 *
 * People get access only through Entra groups (CFCS: few admin accounts,
 * MFA enforced by the tenant's Conditional Access on those groups); no
 * grant names a user. ISO 27001:2022 A.5.15-5.18.
 */
import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import { azureName, platformResourceGroupName } from "../vocabulary/naming.js";
import { HardenedKeyVault } from "./key-vault.js";
import {
  BUILT_IN_ROLES,
  MUNICIPALITY_OPERATOR_ROLE,
  UNIT_OPERATOR_ROLE,
  customRoleGuid,
  roleAssignmentName,
  type BuiltInRole,
  type CustomRole,
} from "./roles.js";
import { rejectArgs, type ArgsProblem } from "../errors.js";

export const IDENTITY_TYPE = "driftsenhed:identity:Identity";
import { resourceGroupFor } from "../resources/resource-group.js";

/** Entra ID group object ids (GUIDs). */
export interface IdentityGroups {
  /** The unit's operations staff: custom role `unitOperator` on the subscription. */
  unitOperators: string;
  /** SOC analysts: Log Analytics Reader and Microsoft Sentinel Responder on the workspace. */
  socReaders: string;
  /**
   * Platform administrators: Contributor on the subscription. Not Owner:
   * role assignments are made by the deployment pipeline, not by people.
   */
  platformAdmins: string;
}

export interface IdentityArgs {
  unitId: string;
  location: string;
  /** Subscription of the unit's platform (getClientConfig().subscriptionId). */
  subscriptionId: pulumi.Input<string>;
  /** Entra tenant id (getClientConfig().tenantId). */
  tenantId: pulumi.Input<string>;
  /**
   * Existing resource group.
   * @default a new `rg-<unit>-identity`
   */
  resourceGroupName?: pulumi.Input<string>;
  /**
   * Keys of the user-assigned identities the platform's services run as,
   * e.g. ["cluster", "backup"]. Lower case letters, digits and hyphens;
   * each becomes `id-<unit>-<key>`.
   */
  managedIdentities: string[];
  groups: IdentityGroups;
  /** Unit workspace: SOC grants are scoped to it and the vault logs to it. */
  workspaceId: pulumi.Input<string>;
  /** Where the platform Key Vault's private endpoint lives. */
  keyVault: {
    /** Subnet for private endpoints in the hub. */
    subnetId: pulumi.Input<string>;
    /** PlatformRefs.privateDnsZoneIds.keyVault. */
    privateDnsZoneId: pulumi.Input<string>;
  };
  tags: Record<string, string>;
  /**
   * Protect and retain the platform Key Vault. false only for test or sandbox units.
   * @default true
   */
  protectData?: boolean;
}

export interface PlatformIdentity {
  /** ARM id, for `identity.userAssignedIdentities`. */
  id: pulumi.Output<string>;
  /** Object id, for role assignments. */
  principalId: pulumi.Output<string>;
  /** Application id, for workload identity federation. */
  clientId: pulumi.Output<string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTITY_KEY = /^[a-z][a-z0-9-]{0,23}$/;

export class Identity extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly identities: Record<string, PlatformIdentity>;
  public readonly unitOperatorRoleDefinitionId: pulumi.Output<string>;
  /** Granted by tenants on a municipality's own scope (PlatformRefs). */
  public readonly municipalityOperatorRoleDefinitionId: pulumi.Output<string>;
  public readonly keyVaultId: pulumi.Output<string>;
  public readonly keyVaultName: pulumi.Output<string>;
  public readonly keyVaultUri: pulumi.Output<string>;

  constructor(name: string, args: IdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(IDENTITY_TYPE, name, {}, opts);
    rejectArgs(this, IDENTITY_TYPE, name, identityArgsProblems(args));
    const { unitId, location, tags } = args;
    const subscriptionScope = pulumi.interpolate`/subscriptions/${args.subscriptionId}`;

    const resourceGroupName = resourceGroupFor(
      this,
      name,
      args.resourceGroupName,
      { resourceGroupName: platformResourceGroupName(unitId, "identity"), location, tags },
      args.protectData ?? true,
    );

    const identities: Record<string, PlatformIdentity> = {};
    for (const key of args.managedIdentities) {
      const id = new managedidentity.UserAssignedIdentity(
        `${name}-id-${key}`,
        { resourceName: azureName("managedIdentity", unitId, key), resourceGroupName, location, tags },
        { parent: this },
      );
      identities[key] = { id: id.id, principalId: id.principalId, clientId: id.clientId };
    }

    const customRole = (role: CustomRole) =>
      new authorization.RoleDefinition(
        `${name}-role-${role.key}`,
        {
          roleDefinitionId: customRoleGuid(unitId, role.key),
          // Role names are unique per Entra tenant, which several units may share.
          roleName: `driftsenhed ${unitId} ${role.key}`,
          description: role.description,
          roleType: "CustomRole",
          scope: subscriptionScope,
          assignableScopes: [subscriptionScope],
          permissions: [{ actions: role.actions, notActions: role.notActions, dataActions: [], notDataActions: [] }],
        },
        { parent: this },
      );
    const unitOperatorRole = customRole(UNIT_OPERATOR_ROLE);
    const municipalityOperatorRole = customRole(MUNICIPALITY_OPERATOR_ROLE);

    const grant = (
      scopeKey: string,
      scope: pulumi.Input<string>,
      roleKey: string,
      roleDefinitionId: pulumi.Input<string>,
      principalId: string,
    ) =>
      new authorization.RoleAssignment(
        `${name}-ra-${scopeKey}-${roleKey}`,
        {
          roleAssignmentName: roleAssignmentName(unitId, scopeKey, roleKey, principalId),
          scope,
          roleDefinitionId,
          principalId,
          principalType: "Group",
        },
        { parent: this },
      );
    const builtIn = (role: BuiltInRole) =>
      pulumi.interpolate`/subscriptions/${args.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;

    grant("subscription", subscriptionScope, UNIT_OPERATOR_ROLE.key, unitOperatorRole.id, args.groups.unitOperators);
    grant("subscription", subscriptionScope, "contributor", builtIn("contributor"), args.groups.platformAdmins);
    grant("workspace", args.workspaceId, "logAnalyticsReader", builtIn("logAnalyticsReader"), args.groups.socReaders);
    grant("workspace", args.workspaceId, "sentinelResponder", builtIn("sentinelResponder"), args.groups.socReaders);

    const vault = new HardenedKeyVault(
      `${name}-kv`,
      {
        unitId,
        scope: "platform",
        resourceGroupName,
        location,
        tenantId: args.tenantId,
        subnetId: args.keyVault.subnetId,
        privateDnsZoneId: args.keyVault.privateDnsZoneId,
        workspaceId: args.workspaceId,
        tags,
        protectData: args.protectData,
      },
      { parent: this },
    );

    this.resourceGroupName = resourceGroupName;
    this.identities = identities;
    this.unitOperatorRoleDefinitionId = unitOperatorRole.id;
    this.municipalityOperatorRoleDefinitionId = municipalityOperatorRole.id;
    this.keyVaultId = vault.vaultId;
    this.keyVaultName = vault.vaultName;
    this.keyVaultUri = vault.vaultUri;
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      identities: this.identities,
      unitOperatorRoleDefinitionId: this.unitOperatorRoleDefinitionId,
      municipalityOperatorRoleDefinitionId: this.municipalityOperatorRoleDefinitionId,
      keyVaultId: this.keyVaultId,
      keyVaultName: this.keyVaultName,
      keyVaultUri: this.keyVaultUri,
    });
  }
}

function identityArgsProblems(args: IdentityArgs): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  for (const [field, value] of Object.entries(args.groups)) {
    if (!GUID.test(value)) {
      problems.push({
        path: `groups.${field}`,
        value,
        message:
          `is ${JSON.stringify(value)}; expected an Entra group object id ` +
          "(a GUID such as 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b). Copy it from the group's Overview in Entra ID.",
      });
    }
  }
  const seen = new Set<string>();
  args.managedIdentities.forEach((key, i) => {
    if (!IDENTITY_KEY.test(key)) {
      problems.push({
        path: `managedIdentities.${i}`,
        value: key,
        message: `is ${JSON.stringify(key)}; allowed: 1-24 lower-case letters, digits and hyphens, starting with a letter (e.g. "cluster").`,
      });
    } else if (seen.has(key)) {
      problems.push({ path: `managedIdentities.${i}`, value: key, message: `lists ${JSON.stringify(key)} twice; keys must be unique.` });
    }
    seen.add(key);
  });
  return problems;
}
