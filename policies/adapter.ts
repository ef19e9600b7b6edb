/**
 * Turns registry rules into CrossGuard policies. The policy server (index.ts)
 * and the offline evaluator (evaluate.ts) both run exactly these objects, so a
 * finding offline is a finding in `pulumi preview --policy-pack policies`.
 *
 * Exemptions are applied here, inside each policy, because the engine offers
 * no hook for them.
 */
import type {
  Policies,
  PolicyPackArgs,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { configSchemaOf, parseRuleParams } from "./config.js";
import { formatIso, formatNis2 } from "./controls.js";
import {
  EXEMPTION_CHECK_NAME,
  findExemption,
  resolveExemptions,
  type ExemptionSet,
  type LocatedExemption,
} from "./exemptions.js";
import { indexOf } from "./lib/graph.js";
import { UndecidedInPreview, type UndecidedResource } from "./lib/preview.js";
import { ownerFromProps } from "./lib/tenancy.js";
import { warnRenamedRule } from "./rule-names.js";
import {
  ALL_AZURE_NATIVE,
  appliesToType,
  defaultEnforcement,
  type AnyRule,
  type ReportTarget,
  type ResourceRule,
  type StackResource,
  type StackRule,
} from "./rule.js";

export const PACK_NAME = "driftsenhed";
export const PACK_ENFORCEMENT = "mandatory" as const;

export interface PackRuntime {
  exemptions: ExemptionSet;
  /** "Today" for exemption expiry. */
  now: Date;
  /** Rule names an exemption may refer to; defaults to the rules being built. */
  knownRules?: ReadonlySet<string>;
  /** Receives deprecation warnings (an exemption naming a renamed rule by its old name); defaults to a Node DeprecationWarning. */
  warn?: (message: string) => void;
}

export interface ViolationDetail {
  message: string;
  urn?: string;
  kommunekode?: string;
}

/**
 * The engine's `reportViolation` takes a message and a URN only. The offline
 * evaluator passes a `reportViolation` that also carries this sink, through
 * which it receives the municipality a finding concerns.
 */
export const VIOLATION_SINK: unique symbol = Symbol.for("driftsenhed.policies.violationSink");

export type DetailedReportViolation = ReportViolation & { [VIOLATION_SINK]?: (detail: ViolationDetail) => void };

/** Reads that only enrich a finding must never turn it into a preview-time advisory. */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function deliver(
  rule: AnyRule,
  active: readonly LocatedExemption[],
  detail: ViolationDetail,
  reportViolation: DetailedReportViolation,
): void {
  if (findExemption(active, { policy: rule.name, urn: detail.urn, kommunekode: detail.kommunekode })) return;
  const sink = reportViolation[VIOLATION_SINK];
  if (sink) sink(detail);
  else reportViolation(detail.message, detail.urn);
}

export function controlTags(rule: AnyRule): string[] {
  return [
    ...rule.controls.nis2.map((m) => `NIS2 ${formatNis2(m)}`),
    ...rule.controls.iso27001.map((c) => `ISO/IEC 27001:2022 ${formatIso(c)}`),
    ...rule.controls.alz.map((a) => `ALZ ${a}`),
  ];
}

/**
 * Parses a rule's parameters once per distinct configuration: the server asks
 * for them on every resource, and a zod parse per resource and rule adds up
 * over a few thousand resources.
 */
function configReader(rule: AnyRule): (raw: Record<string, unknown>) => Record<string, unknown> {
  const parsed = new Map<string, Record<string, unknown>>();
  return (raw) => {
    const key = JSON.stringify(raw);
    let config = parsed.get(key);
    if (!config) {
      config = parseRuleParams<Record<string, unknown>>(rule, raw);
      parsed.set(key, config);
    }
    return config;
  };
}

function metadata(rule: AnyRule) {
  const schema = configSchemaOf(rule);
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: defaultEnforcement(rule),
    severity: rule.severity,
    remediationSteps: rule.remediation,
    tags: controlTags(rule),
    ...(schema ? { configSchema: schema } : {}),
  };
}

function resourcePolicy(rule: ResourceRule, active: readonly LocatedExemption[]): ResourceValidationPolicy {
  const readConfig = configReader(rule);
  const validate = (args: ResourceValidationArgs, reportViolation: DetailedReportViolation): void => {
    if (!appliesToType(rule, args.type)) {
      args.notApplicable(`Policy only applies to resources of type ${rule.resourceTypes.join(", ")}`);
    }
    const config = readConfig(args.getConfig<Record<string, unknown>>());
    rule.validate(
      { type: args.type, urn: args.urn, name: args.name, props: args.props },
      {
        config,
        notApplicable: (reason) => args.notApplicable(reason),
        report: (message: string, target?: ReportTarget) => {
          const kommunekode = target?.kommunekode ?? safely(() => ownerFromProps(args.props));
          deliver(rule, active, { message, urn: args.urn, kommunekode }, reportViolation);
        },
      },
    );
  };
  // The engine skips a policy without calling it when the attached type differs, as validateResourceOfType does.
  if (rule.resourceTypes.length === 1 && rule.resourceTypes[0] !== ALL_AZURE_NATIVE) {
    (validate as unknown as { __pulumiType: string }).__pulumiType = rule.resourceTypes[0]!;
  }
  return { ...metadata(rule), validateResource: validate };
}

function stackPolicy(rule: StackRule, active: readonly LocatedExemption[], problems: readonly string[]): StackValidationPolicy {
  return {
    ...metadata(rule),
    validateStack: (args, reportViolation: DetailedReportViolation) => {
      const config = parseRuleParams<Record<string, unknown>>(rule, args.getConfig<Record<string, unknown>>());
      const resources: StackResource[] = args.resources.map((r) => ({
        type: r.type,
        urn: r.urn,
        name: r.name,
        props: r.props,
        parentUrn: r.opts.parent,
      }));
      const ownerOf = (urn: string | undefined) =>
        urn
          ? safely(() => {
              const index = indexOf(resources);
              return index.ownerOf(index.byUrn(urn));
            })
          : undefined;
      const undecided: UndecidedResource[] = [];
      rule.validate(resources, {
        config,
        pack: { exemptionProblems: problems },
        notApplicable: (reason) => args.notApplicable(reason),
        report: (message: string, target?: ReportTarget) => {
          const urn = target?.urn;
          const kommunekode = target?.kommunekode ?? ownerOf(urn);
          deliver(rule, active, { message, urn, kommunekode }, reportViolation);
        },
        undecided: (message, target) => {
          const kommunekode = target.kommunekode ?? ownerOf(target.urn);
          // An exemption covers the resource whatever the rule would have found.
          if (findExemption(active, { policy: rule.name, urn: target.urn, kommunekode })) return;
          undecided.push({ message, urn: target.urn, ...(kommunekode !== undefined ? { kommunekode } : {}) });
        },
      });
      // Thrown only now, so the findings about every decided resource are already reported.
      if (undecided.length > 0) throw new UndecidedInPreview(undecided);
    },
  };
}

/** CrossGuard policies for `rules`, with the exemptions in force at `runtime.now`. */
export function buildPolicies(rules: readonly AnyRule[], runtime: PackRuntime): Policies {
  const names = runtime.knownRules ?? new Set(rules.map((r) => r.name));
  const { active, problems, deprecations } = resolveExemptions(runtime.exemptions, names, EXEMPTION_CHECK_NAME, runtime.now);
  for (const message of deprecations) (runtime.warn ?? warnRenamedRule)(message);
  return rules.map((rule) =>
    rule.kind === "resource" ? resourcePolicy(rule, active) : stackPolicy(rule, active, problems),
  );
}

/** Everything `new PolicyPack(PACK_NAME, ...)` needs. */
export function packArgs(rules: readonly AnyRule[], runtime: PackRuntime): PolicyPackArgs {
  return {
    policies: buildPolicies(rules, runtime),
    enforcementLevel: PACK_ENFORCEMENT,
    description:
      "Guardrails of a fælleskommunal it-driftsenhed: EU residency, tenant isolation between municipalities, " +
      "logging and backup coverage, and the Azure landing-zone and Kubernetes baselines.",
    displayName: "driftsenhed guardrails",
    provider: "azure",
    tags: ["nis2", "iso27001", "azure-landing-zones", "tenant-isolation"],
  };
}
