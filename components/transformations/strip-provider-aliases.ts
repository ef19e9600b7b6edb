/**
 * Removes the type aliases that @pulumi/azure-native merges into every
 * resource's options, and nothing else.
 *
 * Why: each azure-native class appends one `{ type: "azure-native:<module>/v<date>:<Type>" }`
 * alias per historical API version (about 60 for a VirtualNetwork, 113 for a
 * ManagedCluster), plus the type under its pre-v3 module name
 * (`azure-native:insights:DiagnosticSetting` for `monitor:DiagnosticSetting`).
 * The SDK's `Resource` constructor turns every alias into URN outputs eagerly,
 * which costs about 30 ms and 2 MB per resource in `pulumi preview`/`up` and
 * under mocks alike; a unit with a few thousand resources would not fit in the
 * default heap (pulumi/pulumi#10010).
 *
 * Why it is safe: those aliases only matter for state written under an older
 * type token. This project's stacks were created with azure-native v3 and the
 * unversioned type tokens, so no state of ours has ever held a versioned or
 * legacy-module type.
 *
 * Why a legacy `ResourceTransformation`: it runs at the top of the `Resource`
 * constructor, before the aliases are collapsed into URNs
 * (`@pulumi/pulumi/resource.js`). The engine-side `transforms` run after that
 * work has been done, which is too late to save anything.
 *
 * Opt-out: `performance.stripProviderAliases: false` in the unit's `unit.yaml`,
 * for a stack whose state does hold a resource under an older type token.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "../vocabulary/defaults.js";

const AZURE_NATIVE = "azure-native";

/** `azure-native:<module>[/<version>]:<Type>`; the version is `v<YYYYMMDD>` plus an optional suffix such as `preview`. */
const TYPE_TOKEN = /^azure-native:([A-Za-z0-9]+)(?:\/(v\d{8}[A-Za-z0-9]*))?:([A-Za-z0-9]+)$/;

interface ParsedToken {
  module: string;
  version?: string;
  resource: string;
}

function parseToken(token: string): ParsedToken | undefined {
  const m = TYPE_TOKEN.exec(token);
  if (!m) return undefined;
  return { module: m[1]!, version: m[2], resource: m[3]! };
}

/**
 * True only for the aliases azure-native generates: a plain object whose one
 * key is `type`, naming the same resource as `resourceType` under a versioned
 * module (`network/v20230201`) or under another, legacy module (`insights`).
 *
 * Everything else is ours and is kept: aliases with a name, parent, project or
 * stack; URN strings; outputs and promises; a type alias to a different
 * resource (a rename we made, or the provider's own cross-type aliases such as
 * `network:InterfaceEndpoint` on `PrivateEndpoint`, which cannot be told apart
 * from one we might write); and an alias equal to the resource's own type.
 */
export function isProviderTypeAlias(resourceType: string, alias: unknown): boolean {
  if (alias === null || typeof alias !== "object" || Array.isArray(alias)) return false;
  if (pulumi.Output.isInstance(alias) || typeof (alias as { then?: unknown }).then === "function") return false;
  const keys = Object.keys(alias);
  if (keys.length !== 1 || keys[0] !== "type") return false;
  const aliasType = (alias as { type: unknown }).type;
  if (typeof aliasType !== "string") return false;
  const own = parseToken(resourceType);
  const other = parseToken(aliasType);
  if (!own || own.version !== undefined || !other) return false;
  if (other.resource !== own.resource) return false;
  return other.version !== undefined || other.module !== own.module;
}

/** The aliases with the provider-generated ones removed, order preserved. */
export function withoutProviderAliases<T>(resourceType: string, aliases: readonly T[]): T[] {
  return aliases.filter((a) => !isProviderTypeAlias(resourceType, a));
}

/**
 * The transformation itself. Resources of other packages, and azure-native
 * resources with no provider alias, pass through untouched (`undefined`).
 */
export const stripProviderAliases: pulumi.ResourceTransformation = (args) => {
  if (!args.type.startsWith(`${AZURE_NATIVE}:`)) return undefined;
  const aliases = args.opts.aliases;
  if (!aliases || aliases.length === 0) return undefined;
  const kept = withoutProviderAliases(args.type, aliases);
  if (kept.length === aliases.length) return undefined;
  return { props: args.props, opts: { ...args.opts, aliases: kept } };
};

export interface PlatformTransformationOptions {
  /**
   * Strip the provider's versioned type aliases (unit.yaml
   * `performance.stripProviderAliases`). Turn off only for a stack whose
   * state still holds resources under an older versioned type token.
   * @default DEFAULTS.performance.stripProviderAliases (true)
   */
  stripProviderAliases?: boolean;
}

/**
 * Registers the platform's stack-wide transformations. Call it inside the
 * stack, before any resource is constructed: a stack transformation applies
 * only to resources created after it is registered.
 *
 * Returns the transformations registered, so that callers and tests can see
 * what is in effect.
 */
export function applyPlatformTransformations(options: PlatformTransformationOptions = {}): pulumi.ResourceTransformation[] {
  const registered: pulumi.ResourceTransformation[] = [];
  if (options.stripProviderAliases ?? DEFAULTS.performance.stripProviderAliases) {
    pulumi.runtime.registerStackTransformation(stripProviderAliases);
    registered.push(stripProviderAliases);
  }
  return registered;
}
