/**
 * The stack program's steps, separate from the entry file so that tests can
 * run them: load and check the configuration (the same code and messages as
 * `driftsenhed validate`), register the stack transformations, build.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, formatFindings, loadUnitOrThrow, type LoadedUnit, type LoadOptions } from "../packages/config/load.js";
import { applyPlatformTransformations } from "../components/transformations/strip-provider-aliases.js";
import { buildUnitStack, type BuildUnitStackOptions } from "./program.js";
import { brandInputError, isInputError } from "../components/vocabulary/errors.js";
import { parseMunicipalityStackName, runMunicipalityStack } from "./municipality-stack.js";

export interface RunStackOptions extends BuildUnitStackOptions {
  load?: LoadOptions;
  /**
   * For a `<unit>-<code>` stack: the unit stack to read the platform from.
   * Default `<organization>/<project>/<unit>`, which names it on Pulumi Cloud
   * and on self-managed backends alike.
   */
  platformStackName?: string;
  /** Reads a secret of the stack's configuration (stacks/index.ts); absent in the offline plan. */
  secret?: (name: string) => pulumi.Output<string> | undefined;
}

/** Configuration key of a site's ExpressRoute authorisation key. */
export function expressRouteKeyName(code: string, site: string): string {
  return `expressRouteKey.${code}.${site}`;
}

/** The ExpressRoute authorisation keys the unit's municipality files need, by kommunekode and site. */
export function expressRouteKeys(
  loaded: LoadedUnit,
  secret: (name: string) => pulumi.Output<string> | undefined,
): Record<string, Record<string, pulumi.Output<string>>> {
  const out: Record<string, Record<string, pulumi.Output<string>>> = {};
  for (const m of loaded.municipalities) {
    for (const site of m.config.network.sites) {
      if (site.connection.type !== "expressRoute") continue;
      const key = secret(expressRouteKeyName(m.config.code, site.name));
      if (key) (out[m.config.code] ??= {})[site.name] = key;
    }
  }
  return out;
}

/**
 * Which stack this is: a unit's own stack (`<unit>`, a folder in the config
 * dir), or a municipality's stack in the stack-per-municipality layout
 * (`<unit>-<code>`). A folder with the full name wins, so a unit whose id
 * ends in three digits is never mistaken for a municipality.
 */
export function resolveStack(configDir: string, stackName: string): { unitId: string; code?: string } {
  if (existsSync(join(configDir, stackName))) return { unitId: stackName };
  const parsed = parseMunicipalityStackName(stackName);
  if (parsed && existsSync(join(configDir, parsed.unitId))) return parsed;
  return { unitId: stackName };
}

/**
 * Builds the stack `stackName` (a unit id) from the configuration in
 * `configDir`. A configuration mistake becomes one RunError listing every
 * located message, raised before any resource is registered: Pulumi prints
 * a RunError's message without a stack trace.
 */
export async function runStackProgram(configDir: string, stackName: string, options: RunStackOptions = {}): Promise<Record<string, unknown>> {
  const { unitId, code } = resolveStack(configDir, stackName);
  let loaded;
  try {
    loaded = loadUnitOrThrow(configDir, unitId, options.load ?? {});
  } catch (e) {
    if (e instanceof ConfigError) {
      throw brandInputError(
        new pulumi.RunError(
          `The configuration of stack '${stackName}' has ${e.findings.length} error(s); nothing was changed:\n` +
            `${formatFindings(e.findings)}\n` +
            "Run `driftsenhed validate` to check a change before deploying it.",
        ),
        e.findings,
      );
    }
    throw e;
  }
  if (options.secret) {
    const keys = expressRouteKeys(loaded, options.secret);
    options = { ...options, tenantOptions: { ...(options.tenantOptions ?? {}), expressRouteAuthorizationKeys: keys } };
  }
  try {
    if (code !== undefined) {
      const platformStack = options.platformStackName ?? `${pulumi.getOrganization()}/${pulumi.getProject()}/${unitId}`;
      const result = await runMunicipalityStack({
        unit: loaded,
        code,
        platform: { stackName: platformStack },
        ...(options.tenantOptions ? { tenantOptions: options.tenantOptions } : {}),
      });
      return result.outputs;
    }
    // Before the first resource: a stack transformation only sees resources created after it.
    applyPlatformTransformations({ stripProviderAliases: loaded.config.performance.stripProviderAliases });
    return await buildUnitStack(loaded, options);
  } catch (e) {
    // A component's args error is a ResourceError already: Pulumi prints it against the resource, without a stack trace.
    if (e instanceof pulumi.ResourceError) throw e;
    if (isInputError(e)) {
      throw brandInputError(new pulumi.RunError(`The configuration of stack '${stackName}' cannot be deployed as written:\n${e.message}`), e.findings);
    }
    throw e;
  }
}
