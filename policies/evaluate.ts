/**
 * Offline evaluation: runs the pack's own CrossGuard policies (adapter.ts) over
 * resources recorded by the mock runtime, the way the policy server does:
 * enforcement levels from the pack configuration (`disabled` skips a rule,
 * `remediate` reports as mandatory), the type fast-path of
 * validateResourceOfType, not-applicable results, values unknown during
 * preview reported as advisory, stack rules over the whole graph, exemptions.
 *
 * Differences from a real `pulumi preview` are listed in policies/README.md.
 */
import * as policy from "@pulumi/policy";
import type {
  Policy,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { isUnknown } from "@pulumi/pulumi/output";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { buildPolicies, PACK_ENFORCEMENT, VIOLATION_SINK, type DetailedReportViolation, type ViolationDetail } from "./adapter.js";
import { isInputError } from "../components/vocabulary/errors.js";
import { normalizePackConfig, type EnforcementLevel, type PolicyPackConfig } from "./config.js";
import { loadExemptions, type ExemptionSet } from "./exemptions.js";
import { isUndecidedInPreview } from "./lib/preview.js";
import { RULES } from "./registry.js";
import type { AnyRule, Severity } from "./rule.js";

/** A resource as the mock runtime records it (packages/tools/mock-runtime RecordedResource fits as is). */
export interface EvaluatedResource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parentUrn?: string;
  protect?: boolean;
  /** Provider id; empty or absent for components and for ids unknown during preview. */
  id?: string;
  dependencies?: readonly string[];
}

export interface Violation {
  policy: string;
  enforcementLevel: "advisory" | "mandatory";
  severity: Severity;
  urn?: string;
  message: string;
  kommunekode?: string;
}

export interface EvaluateOptions {
  /** What `--policy-pack-config` would hold. */
  config?: PolicyPackConfig;
  /** Where `config` came from, for error messages (e.g. its file name). */
  configSource?: string;
  /** Defaults to the committed policies/exemptions.yaml, as the policy server loads it. */
  exemptions?: ExemptionSet;
  /** "Today" for exemption expiry; defaults to the current time. */
  now?: Date;
  /** Rules to run; defaults to the pack's registry. */
  rules?: readonly AnyRule[];
  /**
   * Receives deprecation warnings: the configuration or an exemption names a
   * renamed rule by its old name (policies/rule-names.ts). Defaults to a Node
   * DeprecationWarning on stderr, once per message.
   */
  warn?: (message: string) => void;
}

/**
 * The policy server's own proxy and error for values unknown during preview.
 * @pulumi/policy exports both at run time but strips their declarations.
 */
const engine = policy as unknown as {
  unknownCheckingProxy<T extends object>(value: T): T;
  UnknownValueError: new (...args: never[]) => Error;
};

class NotApplicable extends Error {}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

/**
 * Inputs as the engine hands them to a policy: undefined fields dropped,
 * values unknown during preview turned into the engine's sentinel, and the
 * whole wrapped so that reading an unknown throws.
 */
function toWire(value: unknown): unknown {
  if (isUnknown(value)) return unknownValue;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

function policyProps(inputs: Record<string, unknown>, id?: string): Record<string, unknown> {
  const wire = toWire(inputs) as Record<string, unknown>;
  if (id && wire.id === undefined) wire.id = id;
  return engine.unknownCheckingProxy(wire);
}

function pulumiTypeOf(fn: unknown): string | undefined {
  const t = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
  return typeof (p as ResourceValidationPolicy).validateResource === "function";
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

export function evaluatePack(resources: readonly EvaluatedResource[], options: EvaluateOptions = {}): Violation[] {
  const rules = options.rules ?? RULES;
  const config = normalizePackConfig(options.config, rules, options.configSource, options.warn);
  const policies = buildPolicies(rules, {
    exemptions: options.exemptions ?? loadExemptions(),
    now: options.now ?? new Date(),
    // Evaluating a subset of rules must not turn exemptions for the others into "unknown rule" findings.
    knownRules: new Set([...RULES, ...rules].map((r) => r.name)),
    ...(options.warn ? { warn: options.warn } : {}),
  });
  const severityOf = new Map(rules.map((r) => [r.name, r.severity] as const));
  const violations: Violation[] = [];

  const levelOf = (p: Policy): "advisory" | "mandatory" | "disabled" => {
    const level: EnforcementLevel = config.get(p.name)?.enforcementLevel ?? p.enforcementLevel ?? PACK_ENFORCEMENT;
    return level === "remediate" ? "mandatory" : level;
  };
  const getConfig = (p: Policy) => <T extends object>() => (config.get(p.name)?.params ?? {}) as T;

  const reporter = (p: Policy, level: "advisory" | "mandatory", defaultUrn?: string): DetailedReportViolation => {
    const push = (d: ViolationDetail) => {
      const v: Violation = { policy: p.name, enforcementLevel: level, severity: severityOf.get(p.name) ?? "medium", message: d.message };
      const urn = d.urn ?? defaultUrn;
      if (urn !== undefined) v.urn = urn;
      if (d.kommunekode !== undefined) v.kommunekode = d.kommunekode;
      violations.push(v);
    };
    const report: ReportViolation = (message, urn) => push({ message, urn });
    return Object.assign(report, { [VIOLATION_SINK]: push });
  };

  const run = (p: Policy, urn: string | undefined, call: () => unknown): void => {
    try {
      const result = call();
      if (result instanceof Promise) {
        throw new Error(`policy '${p.name}' returned a promise; the pack's rules must be synchronous`);
      }
    } catch (e) {
      if (e instanceof NotApplicable) return;
      if (isUndecidedInPreview(e)) {
        // The engine reports these as one advisory naming them all; offline each resource gets its own.
        for (const u of e.undecided) {
          const v: Violation = {
            policy: p.name,
            enforcementLevel: "advisory",
            severity: severityOf.get(p.name) ?? "medium",
            message: `can't run policy '${p.name}' during preview: ${u.message}`,
            urn: u.urn,
          };
          if (u.kommunekode !== undefined) v.kommunekode = u.kommunekode;
          violations.push(v);
        }
        return;
      }
      if (e instanceof engine.UnknownValueError) {
        const v: Violation = {
          policy: p.name,
          enforcementLevel: "advisory",
          severity: severityOf.get(p.name) ?? "medium",
          message: `can't run policy '${p.name}' during preview: ${e.message}`,
        };
        if (urn !== undefined) v.urn = urn;
        violations.push(v);
        return;
      }
      if (isInputError(e)) throw e;
      throw new Error(`policy '${p.name}' failed${urn ? ` on ${urn}` : ""}: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  };

  for (const r of resources) {
    const props = policyProps(r.inputs);
    for (const p of policies) {
      const level = levelOf(p);
      if (level === "disabled" || !isResourcePolicy(p) || typeof p.validateResource !== "function") continue;
      const validate = p.validateResource;
      const fastType = pulumiTypeOf(validate);
      if (fastType && fastType !== r.type) continue;
      const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        stackTags: new Map(),
        isType: (cls) => pulumiTypeOf(cls) === r.type,
        asType: ((cls: unknown) => (pulumiTypeOf(cls) === r.type ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: getConfig(p),
        notApplicable: throwNotApplicable,
      };
      run(p, r.urn, () => validate(args, reporter(p, level, r.urn)));
    }
  }

  let graph: PolicyResource[] | undefined;
  for (const p of policies) {
    const level = levelOf(p);
    if (level === "disabled" || !isStackPolicy(p)) continue;
    const fastType = pulumiTypeOf(p.validateStack);
    if (fastType && !resources.some((r) => r.type === fastType)) continue;
    const args: StackValidationArgs = {
      resources: (graph ??= stackResources(resources)),
      stackTags: new Map(),
      getConfig: getConfig(p),
      notApplicable: throwNotApplicable,
    };
    run(p, undefined, () => p.validateStack(args, reporter(p, level)));
  }
  return violations;
}

function optionsOf(r: EvaluatedResource): PolicyResource["opts"] {
  return {
    protect: r.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parentUrn ? { parent: r.parentUrn } : {}),
  };
}

/** The resource graph as the engine hands it to a stack policy (props from recorded inputs plus the id). */
function stackResources(resources: readonly EvaluatedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const list = resources.map((r) => {
    const props = policyProps(r.inputs, r.id);
    const pr: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => pulumiTypeOf(cls) === r.type,
      asType: ((cls: unknown) => (pulumiTypeOf(cls) === r.type ? props : undefined)) as PolicyResource["asType"],
    };
    byUrn.set(r.urn, pr);
    return pr;
  });
  resources.forEach((r, i) => {
    const pr = list[i]!;
    if (r.parentUrn) pr.parent = byUrn.get(r.parentUrn);
    pr.dependencies = (r.dependencies ?? []).map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
  });
  return list;
}
