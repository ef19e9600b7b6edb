/**
 * Pulumi entry point (`main: stacks/` in Pulumi.yaml). The stack name is the
 * unit id (`<unit>`), or `<unit>-<code>` for a municipality's own stack when
 * the unit uses the stack-per-municipality layout. The configuration is read
 * from this folder: `<unit>/unit.yaml` and `<unit>/municipalities/*.yaml`.
 *
 * Pulumi stack configuration holds only the Azure provider's settings and
 * what must never be in the repository:
 * - `driftsenhed:expressRouteKey.<code>.<site>` (secret): the authorisation
 *   key of a municipality site's ExpressRoute circuit;
 * - `driftsenhed:platformStack` (municipality stacks only): the unit stack to
 *   read the platform from, when it is not `<organization>/driftsenhed/<unit>`.
 */
import * as pulumi from "@pulumi/pulumi";
import { runStackProgram } from "./run.js";

export = async (): Promise<Record<string, unknown>> => {
  const config = new pulumi.Config("driftsenhed");
  const platformStackName = config.get("platformStack");
  return runStackProgram(__dirname, pulumi.getStack(), {
    secret: (name) => config.getSecret(name),
    ...(platformStackName ? { platformStackName } : {}),
  });
};
