/**
 * The CrossGuard policies the pack serves: what the policy server reads from
 * them, and how they behave when the server calls them.
 */
import * as policy from "@pulumi/policy";
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { buildPolicies, packArgs, PACK_ENFORCEMENT } from "../../policies/adapter.js";
import { emptyExemptions, parseExemptions } from "../../policies/exemptions.js";
import { RULES } from "../../policies/registry.js";
import { defaultEnforcement } from "../../policies/rule.js";
import { disallowManagementPortsFromInternet } from "../../policies/rules/network/disallow-management-ports-from-internet.js";
import { disallowPublicIpOnNic } from "../../policies/rules/network/disallow-public-ip-on-nic.js";
import { restrictLocations } from "../../policies/rules/resources/restrict-locations.js";
import { buildWorld, pick } from "./support/world.js";

const engine = policy as unknown as {
  unknownCheckingProxy<T extends object>(v: T): T;
  UnknownValueError: new (...a: never[]) => Error;
};
const runtime = { exemptions: emptyExemptions(), now: new Date("2026-01-01T00:00:00Z") };
const policies = buildPolicies(RULES, runtime);
const byName = new Map(policies.map((p) => [p.name, p] as const));

function engineArgs(type: string, urn: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): ResourceValidationArgs {
  return {
    type,
    urn,
    name: urn.split("::").pop()!,
    props: engine.unknownCheckingProxy(props),
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

describe("the served policies", () => {
  it("are one per rule, in registry order, with the rule's metadata", () => {
    expect(policies.map((p) => p.name)).toEqual(RULES.map((r) => r.name));
    for (const rule of RULES) {
      const p = byName.get(rule.name)!;
      expect(p).toMatchObject({
        description: rule.description,
        severity: rule.severity,
        remediationSteps: rule.remediation,
        enforcementLevel: defaultEnforcement(rule),
      });
      expect(p.tags?.some((t) => t.startsWith("NIS2 § 6, stk. 1, nr."))).toBe(true);
      expect(p.tags?.some((t) => t.startsWith("ISO/IEC 27001:2022 A."))).toBe(true);
    }
  });

  it("are resource or stack policies as their rules are", () => {
    for (const rule of RULES) {
      const p = byName.get(rule.name)!;
      if (rule.kind === "resource") expect(typeof (p as ResourceValidationPolicy).validateResource).toBe("function");
      else expect(typeof (p as StackValidationPolicy).validateStack).toBe("function");
    }
  });

  it("carry the resource type for the server's fast path when a rule has exactly one", () => {
    const p = byName.get(disallowPublicIpOnNic.name) as ResourceValidationPolicy;
    expect((p.validateResource as unknown as { __pulumiType?: string }).__pulumiType).toBe("azure-native:network:NetworkInterface");
    const wide = byName.get(restrictLocations.name) as ResourceValidationPolicy;
    expect((wide.validateResource as unknown as { __pulumiType?: string }).__pulumiType).toBeUndefined();
  });

  it("publish parameter schemas with their defaults", () => {
    expect(byName.get(restrictLocations.name)!.configSchema).toEqual({
      properties: {
        allowedLocations: expect.objectContaining({
          type: "array",
          default: ["denmarkeast", "swedencentral", "northeurope", "westeurope", "germanywestcentral"],
        }),
      },
    });
  });

  it("make a whole pack, mandatory by default", () => {
    const args = packArgs(RULES, runtime);
    expect(args.enforcementLevel).toBe(PACK_ENFORCEMENT);
    expect(args.policies).toHaveLength(RULES.length);
  });
});

describe("called as the policy server calls them", () => {
  const nic = pick(buildWorld(), "nic-101-app");
  const p = byName.get(disallowPublicIpOnNic.name) as ResourceValidationPolicy;
  const validate = p.validateResource as (args: ResourceValidationArgs, report: (m: string, urn?: string) => void) => void;

  it("report through the engine's reportViolation", () => {
    const reports: [string, string | undefined][] = [];
    const props = { ...structuredClone(nic.inputs), ipConfigurations: [{ name: "x", publicIPAddress: { id: "/pip" } }] };
    validate(engineArgs(nic.type, nic.urn, props), (m, urn) => reports.push([m, urn]));
    expect(reports).toEqual([[expect.stringContaining("attaches public IP /pip"), nic.urn]]);
  });

  it("let the server's unknown-value error through, which the server turns into an advisory", () => {
    const props = { ...structuredClone(nic.inputs), ipConfigurations: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2" };
    expect(() => validate(engineArgs(nic.type, nic.urn, props), () => undefined)).toThrow(engine.UnknownValueError);
  });

  it("apply exemptions before reporting", () => {
    const exempted = buildPolicies(RULES, {
      now: runtime.now,
      exemptions: parseExemptions(
        `exemptions:\n  - rule: ${disallowPublicIpOnNic.name}\n    kommunekode: "101"\n    reason: Appliance published directly during migration\n    approver: Unit CISO\n    expires: 2026-12-31\n`,
        "exemptions.yaml",
      ),
    }).find((x) => x.name === p.name) as ResourceValidationPolicy;
    const reports: string[] = [];
    const props = { ...structuredClone(nic.inputs), ipConfigurations: [{ publicIPAddress: { id: "/pip" } }] };
    (exempted.validateResource as typeof validate)(engineArgs(nic.type, nic.urn, props), (m) => reports.push(m));
    expect(reports).toEqual([]);
  });

  it("default their parameters when the server passes none", () => {
    const ports = byName.get(disallowManagementPortsFromInternet.name) as ResourceValidationPolicy;
    const reports: string[] = [];
    const nsg = { resourceGroupName: "rg", securityRules: [{ name: "r", access: "Allow", direction: "Inbound", protocol: "Tcp", sourceAddressPrefix: "*", destinationPortRange: "3389" }] };
    (ports.validateResource as typeof validate)(engineArgs("azure-native:network:NetworkSecurityGroup", "urn:x::nsg", nsg, {}), (m) => reports.push(m));
    expect(reports).toHaveLength(1);
  });
});
