/**
 * Reading Azure identity from a resource whichever side of the engine we are
 * on: resource rules and the offline plan see inputs (`vaultName`,
 * `resourceGroupName`), the engine's stack rules see outputs (`name`, `id`).
 * ARM ids are case-insensitive, so every comparison goes through `normId`.
 */
import { AZ } from "./types.js";
import { asString } from "./values.js";

/** Input keys that hold the Azure name where the `<kind>Name` convention does not. */
const NAME_KEYS: Readonly<Record<string, string>> = {
  [AZ.publicIPAddress]: "publicIpAddressName",
  [AZ.virtualMachine]: "vmName",
  [AZ.managedCluster]: "resourceName",
  [AZ.storageAccount]: "accountName",
  [AZ.firewallPolicyRuleCollectionGroup]: "ruleCollectionGroupName",
  [AZ.protectionPolicy]: "policyName",
};

export function normId(id: string): string {
  return id.trim().replace(/\/+$/, "").toLowerCase();
}

export interface IdentifiedResource {
  type: string;
  props: Record<string, unknown>;
}

export function idOf(r: IdentifiedResource): string | undefined {
  return asString(r.props.id);
}

/** Last segment of an ARM id. */
export function lastSegment(id: string): string | undefined {
  const parts = id.replace(/\/+$/, "").split("/");
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

/** `/subscriptions/x/resourceGroups/<rg>/...` → `<rg>`. */
export function resourceGroupFromId(id: string): string | undefined {
  const m = /\/resourceGroups\/([^/]+)/i.exec(id);
  return m ? m[1] : undefined;
}

/**
 * The parent of a child ARM id (`.../virtualNetworks/v/subnets/s` → `.../virtualNetworks/v`).
 * `undefined` for top-level resources.
 */
export function parentId(id: string): string | undefined {
  const m = /^(.*\/providers\/[^/]+\/[^/]+\/[^/]+)\/[^/]+\/[^/]+$/i.exec(id.replace(/\/+$/, ""));
  return m ? m[1] : undefined;
}

export function azureNameOf(r: IdentifiedResource): string | undefined {
  const kind = r.type.split(":")[2] ?? "";
  const own = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`;
  const keys = [NAME_KEYS[r.type], own, "name"].filter((k): k is string => k !== undefined);
  if (r.type === AZ.resourceGroup) keys.unshift("resourceGroupName");
  for (const key of keys) {
    const v = asString(r.props[key]);
    if (v) return v;
  }
  const id = idOf(r);
  return id ? lastSegment(id) : undefined;
}

export function resourceGroupOf(r: IdentifiedResource): string | undefined {
  if (r.type === AZ.resourceGroup) return azureNameOf(r);
  const rg = asString(r.props.resourceGroupName);
  if (rg) return rg;
  const id = idOf(r);
  return id ? resourceGroupFromId(id) : undefined;
}

/** `rg/name`, lower-cased: how children refer to a parent by name. */
export function nameKey(resourceGroup: string | undefined, name: string | undefined): string | undefined {
  return resourceGroup && name ? `${resourceGroup}/${name}`.toLowerCase() : undefined;
}

/** Lower-case location without spaces: "Denmark East" → "denmarkeast". */
export function normLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** Key Vault name from a vault or key URI (`https://<vault>.vault.azure.net/keys/...`). */
export function vaultNameFromUri(uri: string): string | undefined {
  const m = /^https:\/\/([^./]+)\.vault\./i.exec(uri.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}
