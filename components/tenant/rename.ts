/**
 * Deliberate renames of a workload or a site (`renamedFrom` in the file):
 * every resource whose logical name derives from the old name keeps its
 * identity in state through an alias to the old logical name, and every Azure
 * name that derives from it keeps the old name (Azure renames neither disks
 * nor servers nor secrets: a new name would replace them and lose the data).
 * See CONTRIBUTING.md, "Recipe: rename deliberately".
 */
import type * as pulumi from "@pulumi/pulumi";

/** Key the Azure names derive from: the first name the workload or site had. */
export function azureKey(item: { name: string; renamedFrom?: string | undefined }): string {
  return item.renamedFrom ?? item.name;
}

/**
 * Options of a resource logically named `${key}${suffix}` whose key was
 * `${previousKey}`: an alias to `${previousKey}${suffix}`, or nothing when the
 * key was not renamed.
 */
export function renameAliases(previousKey: string | undefined, suffix: string): { aliases?: pulumi.Alias[] } {
  return previousKey === undefined ? {} : { aliases: [{ name: `${previousKey}${suffix}` }] };
}
