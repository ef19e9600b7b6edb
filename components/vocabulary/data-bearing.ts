/**
 * The resource types that hold data, or the only copy of a secret: deleting
 * one loses something a municipality (the data controller) or the unit cannot
 * get back. Every resource of these types is created with `retainOnDelete`
 * (and `protect` while its owner is active), and a change that would delete or
 * replace one must be visible in review. The estate test
 * (test/architecture/data-safety.test.ts) fails when a resource of one of these
 * types lacks the options, and when the plan holds a type that is in neither
 * this list nor the test's reviewed list of types without data.
 */
export const DATA_BEARING_TYPES = [
  // Resource groups: deleting one deletes everything in it.
  "azure-native:resources:ResourceGroup",
  // Keys and secrets: a deleted key makes every disk encrypted with it unreadable.
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:Key",
  "azure-native:keyvault:Secret",
  "azure-native:compute:DiskEncryptionSet",
  // Generated credentials: the only copy is in state and the vault.
  "random:index/randomPassword:RandomPassword",
  // Data.
  "azure-native:compute:Disk",
  "azure-native:operationalinsights:Workspace",
  "azure-native:recoveryservices:Vault",
  "azure-native:recoveryservices:ProtectedItem",
  "azure-native:storage:StorageAccount",
  "azure-native:containerregistry:Registry",
] as const;
export type DataBearingType = (typeof DATA_BEARING_TYPES)[number];

const DATA_BEARING = new Set<string>(DATA_BEARING_TYPES);

export function isDataBearingType(type: string): boolean {
  return DATA_BEARING.has(type);
}
