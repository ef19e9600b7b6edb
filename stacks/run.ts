/**
 * The stack program's steps, separate from the entry file so that tests can
 * run them: load and check the configuration (the same code and messages as
 * `driftsenhed validate`), register the stack transformations, build.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, formatFindings, loadUnitOrThrow, type LoadOptions } from "../packages/config/load.js";
import { applyPlatformTransformations } from "../packages/pulumi-support/strip-provider-aliases.js";
import { buildUnitStack, type BuildUnitStackOptions } from "./program.js";
import { PlatformArgsError } from "./platform-args.js";

export interface RunStackOptions extends BuildUnitStackOptions {
  load?: LoadOptions;
}

/**
 * Builds the stack `stackName` (a unit id) from the configuration in
 * `configDir`. A configuration mistake becomes one RunError listing every
 * located message, raised before any resource is registered: Pulumi prints
 * a RunError's message without a stack trace.
 */
export async function runStackProgram(configDir: string, stackName: string, options: RunStackOptions = {}): Promise<Record<string, unknown>> {
  let loaded;
  try {
    loaded = loadUnitOrThrow(configDir, stackName, options.load ?? {});
  } catch (e) {
    if (e instanceof ConfigError) {
      throw new pulumi.RunError(
        `The configuration of stack '${stackName}' has ${e.findings.length} error(s); nothing was changed:\n` +
          `${formatFindings(e.findings)}\n` +
          "Run `driftsenhed validate` to check a change before deploying it.",
      );
    }
    throw e;
  }
  // Before the first resource: a stack transformation only sees resources created after it.
  applyPlatformTransformations({ stripProviderAliases: loaded.config.performance.stripProviderAliases });
  try {
    return await buildUnitStack(loaded, options);
  } catch (e) {
    if (e instanceof PlatformArgsError) {
      throw new pulumi.RunError(`The configuration of stack '${stackName}' cannot be deployed as written:\n${e.message}`);
    }
    throw e;
  }
}
