/**
 * Pulumi entry point (`main: stacks/` in Pulumi.yaml). The stack name is the
 * unit id, and the configuration is read from this folder: `<unit>/unit.yaml`
 * and `<unit>/municipalities/*.yaml`. Pulumi stack configuration holds only
 * the Azure provider's settings.
 */
import * as pulumi from "@pulumi/pulumi";
import { runStackProgram } from "./run.js";

export = async (): Promise<Record<string, unknown>> => runStackProgram(__dirname, pulumi.getStack());
