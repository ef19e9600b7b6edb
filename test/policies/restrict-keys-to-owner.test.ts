/**
 * Key ownership during preview: a disk encryption set is decided by its
 * source vault whatever its key URL is, and a resource whose key material
 * can't be told is reported as advisory on its own while every other
 * resource is still checked.
 */
import * as policy from "@pulumi/policy";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { buildPolicies } from "../../policies/adapter.js";
import type { EvaluatedResource } from "../../policies/evaluate.js";
import { emptyExemptions, parseExemptions } from "../../policies/exemptions.js";
import { restrictKeysToOwner } from "../../policies/rules/keyvault/restrict-keys-to-owner.js";
import { findingsOf } from "./support/evaluate-rule.js";
import { buildWorld, changed, pick } from "./support/world.js";

const RULE = restrictKeysToOwner;
const world = buildWorld();
const VAULT_101 = pick(world, "kv-101").id;
const VAULT_147 = pick(world, "kv-147").id;
const URL_147 = "https://kv-u1-k147-9f9f.vault.azure.net/keys/des/1";
const DES_101 = pick(world, "des-101").urn;

const withKey = (activeKey: Record<string, unknown>, w: readonly EvaluatedResource[] = world) =>
  changed(w, "des-101", (i) => (i.activeKey = activeKey));

interface Case {
  name: string;
  activeKey: Record<string, unknown>;
  expected: { enforcementLevel: "advisory" | "mandatory"; message: RegExp }[];
}

const CASES: Case[] = [
  { name: "own source vault, key URL unknown: decided, compliant", activeKey: { keyUrl: pulumi.unknown, sourceVault: { id: VAULT_101 } }, expected: [] },
  {
    // The source vault decides alone: a key URL naming another vault is not read once the vault is known.
    name: "own source vault, key URL of another vault: the source vault decides",
    activeKey: { keyUrl: URL_147, sourceVault: { id: VAULT_101 } },
    expected: [],
  },
  {
    name: "another municipality's source vault, key URL unknown: violation",
    activeKey: { keyUrl: pulumi.unknown, sourceVault: { id: VAULT_147 } },
    expected: [{ enforcementLevel: "mandatory", message: /^'des-101' \(kommunekode 101\) uses key material of kommunekode 147: activeKey\.sourceVault\.id .* is 'kv-147'\.$/ }],
  },
  {
    name: "source vault unknown, key URL of another municipality's vault: the key URL decides",
    activeKey: { keyUrl: URL_147, sourceVault: { id: pulumi.unknown } },
    expected: [{ enforcementLevel: "mandatory", message: /kommunekode 147: activeKey\.keyUrl https:\/\/kv-u1-k147/ }],
  },
  {
    name: "neither known: advisory naming the resource",
    activeKey: { keyUrl: pulumi.unknown, sourceVault: { id: pulumi.unknown } },
    expected: [
      {
        enforcementLevel: "advisory",
        message:
          new RegExp(
            `^can't run policy '${RULE.name}' during preview: 'des-101' \\(azure-native:compute:DiskEncryptionSet, kommunekode 101\\): activeKey\\.sourceVault\\.id is unknown and activeKey\\.keyUrl is unknown during preview`,
          ),
      },
    ],
  },
  {
    name: "no source vault, key URL unknown: advisory naming the resource",
    activeKey: { keyUrl: pulumi.unknown },
    expected: [{ enforcementLevel: "advisory", message: /'des-101' .*activeKey\.sourceVault\.id is not set and activeKey\.keyUrl is unknown/ }],
  },
];

describe("a disk encryption set's key during preview", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const found = findingsOf(RULE, withKey(c.activeKey));
    expect(found).toHaveLength(c.expected.length);
    found.forEach((f, i) => {
      expect(f).toMatchObject({ policy: RULE.name, urn: DES_101, kommunekode: "101", enforcementLevel: c.expected[i]!.enforcementLevel });
      expect(f.message).toMatch(c.expected[i]!.message);
    });
  });
});

describe("one undecided resource", () => {
  const undecided = withKey({ keyUrl: pulumi.unknown, sourceVault: { id: pulumi.unknown } });

  it("leaves every other resource checked", () => {
    const graph = changed(undecided, "disk-147-data", (i) => (i.encryption.diskEncryptionSetId = pick(world, "des-101").id));
    const found = findingsOf(RULE, graph);
    expect(found.map((f) => [f.enforcementLevel, f.urn])).toEqual([
      ["mandatory", pick(graph, "disk-147-data").urn],
      ["advisory", DES_101],
    ]);
  });

  it("reached through any other unknown reference is named too", () => {
    const graph = changed(undecided, "vm-147-app", (i) => (i.storageProfile.osDisk.managedDisk.diskEncryptionSet.id = pulumi.unknown));
    const found = findingsOf(RULE, graph);
    expect(found.map((f) => [f.enforcementLevel, f.urn, f.kommunekode])).toEqual([
      ["advisory", DES_101, "101"],
      ["advisory", pick(graph, "vm-147-app").urn, "147"],
    ]);
    expect(found[1]!.message).toMatch(/'vm-147-app' \(azure-native:compute:VirtualMachine\): .*storageProfile\.osDisk\.managedDisk\.diskEncryptionSet\.id can't be known during preview/);
  });

  it("is not reported when an exemption covers it", () => {
    const exemptions = parseExemptions(
      `exemptions:\n  - rule: ${RULE.name}\n    urn: "${DES_101}"\n    reason: Key moves to a vault in another subscription next quarter\n    approver: Unit CISO\n    expires: 2099-12-31\n`,
      "policies/exemptions.yaml",
    );
    expect(findingsOf(RULE, undecided, { exemptions })).toEqual([]);
  });
});

describe("in the policy server", () => {
  const engine = policy as unknown as { unknownCheckingProxy<T extends object>(v: T): T; UnknownValueError: new (...a: never[]) => Error };
  const [served] = buildPolicies([RULE], { exemptions: emptyExemptions(), now: new Date("2026-01-01T00:00:00Z") }) as StackValidationPolicy[];
  const asEngine = (rs: readonly EvaluatedResource[]): PolicyResource[] =>
    rs.map((r) => {
      const wire = JSON.parse(JSON.stringify(r.inputs, (_k, v) => (isUnknown(v) ? unknownValue : v)));
      const props = engine.unknownCheckingProxy({ ...wire, id: r.id });
      return { type: r.type, urn: r.urn, name: r.name, props, opts: {}, dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined } as unknown as PolicyResource;
    });

  it("reports the decided findings, then raises the engine's unknown-value error naming the undecided resource", () => {
    const graph = changed(withKey({ keyUrl: pulumi.unknown, sourceVault: { id: pulumi.unknown } }), "disk-147-data", (i) => (i.encryption.diskEncryptionSetId = pick(world, "des-101").id));
    const reported: (string | undefined)[] = [];
    const call = () =>
      served!.validateStack(
        { resources: asEngine(graph), stackTags: new Map(), getConfig: <T extends object>() => ({}) as T, notApplicable: () => { throw new Error("not applicable"); } },
        (_message, urn) => reported.push(urn),
      );
    expect(call).toThrow(engine.UnknownValueError);
    expect(call).toThrow(/^'des-101' \(azure-native:compute:DiskEncryptionSet, kommunekode 101\): activeKey\.sourceVault\.id is unknown/);
    expect(reported).toContain(pick(graph, "disk-147-data").urn);
  });
});
