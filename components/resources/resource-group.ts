/**
 * Every component puts its resources into the resource group its caller
 * names, or into one of its own. One helper, so that the logical name of the
 * own group (`<component>-rg`, part of its URN) is the same everywhere.
 */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources/index.js";

export interface OwnResourceGroupArgs {
  resourceGroupName: string;
  location: string;
  tags: Record<string, string>;
}

/**
 * The given group's name, or the name of a new group `<name>-rg` parented to
 * `parent`. Deleting a resource group deletes everything in it, so an own
 * group is protected and retained on delete like every data-bearing resource
 * (`protectData`, default true, sets both).
 */
export function resourceGroupFor(
  parent: pulumi.ComponentResource,
  name: string,
  given: pulumi.Input<string> | undefined,
  own: OwnResourceGroupArgs,
  protectData = true,
): pulumi.Output<string> {
  if (given !== undefined) return pulumi.output(given);
  return new resources.ResourceGroup(`${name}-rg`, own, { parent, protect: protectData, retainOnDelete: protectData }).name;
}
