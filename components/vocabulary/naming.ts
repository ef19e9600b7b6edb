/**
 * Names are part of a resource's identity: Azure names and Pulumi logical
 * names both derive from stable keys (unit id, kommunekode, workload name)
 * so that a re-ordered file or an added municipality never renames anything.
 */
import { v5 as uuidv5 } from "uuid";
import { createHash } from "node:crypto";

/**
 * Fixed namespace for every GUID this project derives. Changing it would
 * rename every role assignment in every unit, so it never changes.
 */
export const DRIFTSENHED_UUID_NAMESPACE = "5b0f4a3e-9c1d-5e8a-8f3b-2d6c7a1e4b90";

/** UUIDv5 of stable inputs, for Azure resources whose name must be a GUID. */
export function stableGuid(...parts: string[]): string {
  if (parts.length === 0 || parts.some((p) => p.length === 0)) {
    throw new Error(`stableGuid needs non-empty parts, got [${parts.map((p) => JSON.stringify(p)).join(", ")}]`);
  }
  return uuidv5(parts.join("/"), DRIFTSENHED_UUID_NAMESPACE);
}

/**
 * Short deterministic suffix for globally unique Azure names (Key Vault,
 * storage). Derived from the unit id and the scope so that the same unit
 * always gets the same names.
 */
export function shortHash(input: string, length = 4): string {
  return createHash("sha256").update(input).digest("hex").slice(0, length);
}

/** Cloud Adoption Framework abbreviations used in Azure resource names. */
export const abbreviations = {
  resourceGroup: "rg",
  virtualNetwork: "vnet",
  subnet: "snet",
  networkSecurityGroup: "nsg",
  routeTable: "rt",
  firewall: "afw",
  firewallPolicy: "afwp",
  publicIp: "pip",
  vpnGateway: "vgw",
  localNetworkGateway: "lgw",
  connection: "con",
  bastion: "bas",
  keyVault: "kv",
  logAnalytics: "log",
  managedIdentity: "id",
  aksCluster: "aks",
  recoveryVault: "rsv",
  diskEncryptionSet: "des",
  virtualMachine: "vm",
  networkInterface: "nic",
  disk: "disk",
  privateEndpoint: "pep",
  actionGroup: "ag",
  dataCollectionRule: "dcr",
  maintenanceConfiguration: "mc",
  ddosPlan: "ddos",
} as const;

export type ResourceKind = keyof typeof abbreviations;

/** `<abbr>-<part>-<part>...`, lower case. */
export function azureName(kind: ResourceKind, ...parts: string[]): string {
  return [abbreviations[kind], ...parts].join("-").toLowerCase();
}

/**
 * Key Vault names are global, 3-24 characters, letters, digits and hyphens.
 * `kv-<unit>-<scope>-<hash>`, shortened on the unit part when needed.
 */
export function keyVaultName(unitId: string, scope: string): string {
  const hash = shortHash(`${unitId}/${scope}`);
  const fixed = `kv--${scope}-${hash}`.length;
  const unit = unitId.slice(0, Math.max(1, 24 - fixed));
  const name = `kv-${unit}-${scope}-${hash}`.toLowerCase();
  if (name.length > 24) {
    throw new Error(`Key Vault name '${name}' exceeds 24 characters; use a shorter scope than '${scope}'.`);
  }
  return name;
}

/** Resource group of a platform area: `rg-<unit>-<area>`. */
export function platformResourceGroupName(unitId: string, area: string): string {
  return azureName("resourceGroup", unitId, area);
}

/** Resource group of a municipality tenant: `rg-<unit>-k<code>-<purpose>`. */
export function tenantResourceGroupName(unitId: string, code: string, purpose: string): string {
  return azureName("resourceGroup", unitId, `k${code}`, purpose);
}
