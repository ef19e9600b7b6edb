/**
 * The platform references across a stack boundary, for units that run one
 * stack per municipality: the unit stack exports `refsData` under
 * PLATFORM_REFS_OUTPUT, and each municipality stack reads it back here.
 *
 * The kubernetes provider cannot be exported, so it is rebuilt from the
 * cluster's kubeconfig, which stays secret on both sides.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider.js";
import type { BackupTier, PlatformRefs, PlatformRefsData, PrivateDnsZoneKey } from "./refs.js";

/** Name of the unit stack's output that carries the references. */
export const PLATFORM_REFS_OUTPUT = "platformRefs";

const REQUIRED_STRINGS = [
  "unitId",
  "location",
  "hubResourceGroupName",
  "hubVnetId",
  "hubVnetName",
  "hubAddressSpace",
  "firewallPrivateIp",
  "firewallPolicyId",
  "firewallPolicyName",
  "workspaceId",
  "serverDataCollectionRuleId",
  "serverMaintenanceConfigurationId",
  "backupVaultName",
  "backupResourceGroupName",
  "backupVaultId",
  "municipalityOperatorRoleDefinitionId",
] as const;
const OPTIONAL_STRINGS = [
  "hubPrivateEndpointSubnetId",
  "socActionGroupId",
  "vpnGatewayId",
  "vpnGatewayName",
  "expressRouteGatewayId",
  "expressRouteGatewayName",
  "gatewayRouteTableName",
  "ddosProtectionPlanId",
  "bastionSubnetPrefix",
  "internalIngressAddress",
] as const;
const DNS_KEYS: readonly PrivateDnsZoneKey[] = ["keyVault", "blob", "file", "monitor", "oms", "ods", "agentSvc", "aks"];
const TIERS: readonly BackupTier[] = ["standard", "critical"];

/**
 * Checks an exported value and returns it typed, or throws one error listing
 * every missing or mistyped field: usually a unit stack deployed with an
 * older version of the platform.
 */
export function parsePlatformRefsData(value: unknown, where: string): PlatformRefsData {
  const problems: string[] = [];
  const obj = (value ?? {}) as Record<string, unknown>;
  if (value === null || typeof value !== "object") {
    throw new Error(`${where}: output '${PLATFORM_REFS_OUTPUT}' is ${JSON.stringify(value)}, not an object; deploy the unit stack first`);
  }
  const isStr = (v: unknown) => typeof v === "string" && v.length > 0;
  for (const k of REQUIRED_STRINGS) if (!isStr(obj[k])) problems.push(`${k} is missing or not a string`);
  for (const k of OPTIONAL_STRINGS) if (obj[k] !== undefined && !isStr(obj[k])) problems.push(`${k} is not a string`);
  const record = (field: string, keys: readonly string[]) => {
    const r = obj[field] as Record<string, unknown> | undefined;
    for (const k of keys) if (!isStr(r?.[k])) problems.push(`${field}.${k} is missing or not a string`);
  };
  record("privateDnsZoneIds", DNS_KEYS);
  record("backupPolicyIds", TIERS);
  const cluster = obj.cluster as Record<string, unknown> | undefined;
  if (cluster !== undefined) {
    for (const k of ["id", "name", "resourceGroupName", "kubeconfig"]) if (!isStr(cluster[k])) problems.push(`cluster.${k} is missing or not a string`);
    if (!Array.isArray(cluster.allowedRegistries) || !cluster.allowedRegistries.every(isStr)) {
      problems.push("cluster.allowedRegistries is not a list of strings");
    }
    if (cluster.appRoutingIdentityObjectId !== undefined && typeof cluster.appRoutingIdentityObjectId !== "string") {
      problems.push("cluster.appRoutingIdentityObjectId is not a string");
    }
    if (cluster.addressSpace !== undefined && !isStr(cluster.addressSpace)) problems.push("cluster.addressSpace is not a string");
  }
  if (problems.length > 0) {
    throw new Error(
      `${where}: output '${PLATFORM_REFS_OUTPUT}' does not match this version of the platform:\n  - ${problems.join("\n  - ")}\n` +
        "Run `pulumi up` on the unit stack with the same version of the code, then retry.",
    );
  }
  return obj as unknown as PlatformRefsData;
}

/** The part of a StackReference this needs; a real `pulumi.StackReference` fits. */
export interface StackOutputSource {
  readonly name: pulumi.Output<string> | string;
  getOutputDetails(name: string): Promise<pulumi.StackReferenceOutputDetails>;
}

export interface FromStackReferenceOptions {
  /**
   * Logical name of the rebuilt kubernetes provider.
   * @default "platform-k8s"
   */
  providerName?: string;
  parent?: pulumi.Resource;
}

export async function platformRefsFromStackReference(
  ref: StackOutputSource,
  options: FromStackReferenceOptions = {},
): Promise<PlatformRefs> {
  // The name may be an output; a message must not wait on it.
  const where = typeof ref.name === "string" ? `Stack reference '${ref.name}'` : "The unit stack reference";
  const details = await ref.getOutputDetails(PLATFORM_REFS_OUTPUT);
  const value = details.value ?? details.secretValue;
  if (value === undefined) {
    throw new Error(`${where} has no output '${PLATFORM_REFS_OUTPUT}'. Deploy the unit stack (it exports the platform references) before its municipality stacks.`);
  }
  const data = parsePlatformRefsData(value, where);
  if (!data.cluster) return { ...data, hubGateways: [] };
  // Empty when the unit stack ran where Azure did not report the add-on's identity: nothing to grant.
  if (data.cluster.appRoutingIdentityObjectId === "") {
    const { appRoutingIdentityObjectId: _empty, ...cluster } = data.cluster;
    data.cluster = cluster;
  }
  const kubeconfig = pulumi.secret(data.cluster.kubeconfig);
  const provider = new Provider(
    options.providerName ?? "platform-k8s",
    { kubeconfig, enableServerSideApply: true },
    options.parent ? { parent: options.parent } : {},
  );
  return { ...data, cluster: { ...data.cluster, kubeconfig }, kubernetesProvider: provider, hubGateways: [] };
}
