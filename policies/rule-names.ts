/**
 * Rule identity. A rule's name is part of the pack's public contract: stack
 * policy configuration, exemptions.yaml, `driftsenhed policy-config` output and
 * the plan's JSON all refer to rules by name. The name follows from the rule's
 * file under policies/rules/:
 *
 *   rules/<service>/<verb>-<subject>.ts             → azure-<service>-<verb>-<subject>
 *   rules/<provider>/<service>/<verb>-<subject>.ts  → <provider>-<service>-<verb>-<subject>
 *
 * Azure is the pack's default provider and has no folder of its own; the other
 * providers do (`kubernetes/<kind>/`, `policy/exemptions/`). Names stay explicit
 * in each rule's metadata so they can be read where the rule is defined;
 * test/policies/rule-names.test.ts reads every file under policies/rules/ and
 * fails for a rule whose name differs from the one its path gives.
 *
 * A renamed rule keeps its old name working: RENAMED_RULES maps it to the new
 * one, and the configuration and exemption loaders accept it with a
 * deprecation warning. Renames are listed in policies/CHANGELOG.md.
 */

/** The provider of a rule whose file sits directly in `rules/<service>/`. */
export const DEFAULT_PROVIDER = "azure";

/** Old rule name → current name. Every rename of a published rule adds an entry here and in CHANGELOG.md. */
export const RENAMED_RULES: Readonly<Record<string, string>> = Object.freeze({
  // 0.2.0: the rule lives with the other cross-cutting Azure resource rules in rules/resources/.
  "azure-paas-disallow-public-network-access": "azure-resources-disallow-public-network-access",
});

/** A folder name and a rule file name: lower-case words joined by `-`. */
const SEGMENT = /^[a-z0-9]+$/;
const FILE = /^[a-z0-9]+(-[a-z0-9]+)*\.ts$/;

/**
 * The name a rule must have given its file, as a path relative to
 * policies/rules/ with `/` separators (`network/disallow-public-ip-on-nic.ts`,
 * `kubernetes/pod/disallow-privileged.ts`).
 */
export function ruleNameForPath(relativePath: string): string {
  const parts = relativePath.split("/");
  const file = parts.pop() ?? "";
  if (!FILE.test(file) || !parts.every((p) => SEGMENT.test(p)) || parts.length < 1 || parts.length > 2) {
    throw new Error(
      `'${relativePath}' is not a rule path: expected <service>/<verb>-<subject>.ts or <provider>/<service>/<verb>-<subject>.ts under policies/rules/.`,
    );
  }
  const [provider, service] = parts.length === 1 ? [DEFAULT_PROVIDER, parts[0]!] : [parts[0]!, parts[1]!];
  return `${provider}-${service}-${file.slice(0, -".ts".length)}`;
}

function renamedTo(name: string): string | undefined {
  return Object.hasOwn(RENAMED_RULES, name) ? RENAMED_RULES[name] : undefined;
}

/** The current name for `name`: itself, or what it was renamed to. */
export function currentRuleName(name: string): string {
  return renamedTo(name) ?? name;
}

/** Whether `name` is an old name of a renamed rule. */
export function isRenamedRule(name: string): boolean {
  return renamedTo(name) !== undefined;
}

/** The deprecation message for an old name used at `where`. */
export function renamedRuleMessage(oldName: string, where: string): string {
  return (
    `${where}: rule '${oldName}' has been renamed to '${currentRuleName(oldName)}'. ` +
    `The old name is still accepted but deprecated and will stop working in a later major version; ` +
    `use the new name (see policies/CHANGELOG.md).`
  );
}

const warned = new Set<string>();

/**
 * Emits a Node `DeprecationWarning` (code DRIFTSENHED_RULE_RENAMED) once per
 * message per process: the plan validates the configuration and then
 * evaluates with it, and should say it once.
 */
export function warnRenamedRule(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { type: "DeprecationWarning", code: "DRIFTSENHED_RULE_RENAMED" });
}
