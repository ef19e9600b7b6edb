/**
 * evaluatePack behaves as the policy server does: enforcement levels,
 * disabled rules, type filtering, unknown values, exemptions, configuration.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { PolicyConfigError } from "../../policies/config.js";
import { evaluatePack, type EvaluatedResource } from "../../policies/evaluate.js";
import { emptyExemptions, parseExemptions } from "../../policies/exemptions.js";
import { K8S } from "../../policies/lib/types.js";
import { requireWorkspaceRetention } from "../../policies/rules/monitor/require-workspace-retention.js";
import { disallowIpForwardingOnNic } from "../../policies/rules/network/disallow-ip-forwarding-on-nic.js";
import { disallowPublicIpOnNic } from "../../policies/rules/network/disallow-public-ip-on-nic.js";
import { disallowInvalidExemption } from "../../policies/rules/policy/exemptions/disallow-invalid-entry.js";
import { requireVmBackup } from "../../policies/rules/recoveryservices/require-vm-backup.js";
import { disallowPublicNetworkAccess } from "../../policies/rules/resources/disallow-public-network-access.js";
import { requireResourceGroupLocation } from "../../policies/rules/resources/require-resource-group-location.js";
import { requireTags } from "../../policies/rules/resources/require-tags.js";
import { restrictLocations } from "../../policies/rules/resources/restrict-locations.js";
import { buildWorld, changed, pick, resource } from "./support/world.js";

const PUBLIC_IP = disallowPublicIpOnNic.name;
const world = buildWorld();
const withPublicIp = (w: readonly EvaluatedResource[], name = "nic-101-app") =>
  changed(w, name, (i) => (i.ipConfigurations[0].publicIPAddress = { id: "/pip" }));
const broken = withPublicIp(withPublicIp(world), "nic-147-app");
const none = emptyExemptions();
const of = (policy: string, found: ReturnType<typeof evaluatePack>) => found.filter((v) => v.policy === policy);

describe("enforcement levels", () => {
  it("default to mandatory for security rules", () => {
    const found = of(PUBLIC_IP, evaluatePack(broken, { exemptions: none }));
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
    expect(found[0]).toMatchObject({ severity: "critical", urn: pick(broken, "nic-101-app").urn, kommunekode: "101" });
  });

  it("default to advisory for the hygiene rule", () => {
    const w = changed(world, "vnet-101", (i) => (i.location = "swedencentral"));
    const found = of(requireResourceGroupLocation.name, evaluatePack(w, { exemptions: none }));
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });

  it.each([
    ["a level", { [PUBLIC_IP]: "advisory" }],
    ["an object", { [PUBLIC_IP]: { enforcementLevel: "advisory" } }],
    ["all", { all: "advisory" }],
  ] as const)("are overridden by configuration given as %s", (_form, config) => {
    const found = of(PUBLIC_IP, evaluatePack(broken, { exemptions: none, config }));
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory", "advisory"]);
  });

  it("let a rule's own entry win over all", () => {
    const found = evaluatePack(broken, { exemptions: none, config: { all: "advisory", [PUBLIC_IP]: "mandatory" } });
    expect(of(PUBLIC_IP, found).map((v) => v.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
  });

  it("skip a disabled rule entirely", () => {
    expect(of(PUBLIC_IP, evaluatePack(broken, { exemptions: none, config: { [PUBLIC_IP]: "disabled" } }))).toEqual([]);
    expect(evaluatePack(broken, { exemptions: none, config: { all: "disabled" } })).toEqual([]);
  });

  it("report remediate as mandatory, as the engine does for rules without remediation", () => {
    const found = of(PUBLIC_IP, evaluatePack(broken, { exemptions: none, config: { [PUBLIC_IP]: "remediate" } }));
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
  });
});

describe("type filtering", () => {
  const nicInputs = structuredClone(pick(broken, "nic-101-app").inputs);

  it("runs a rule only on its resource types", () => {
    const lookalike = resource("azure-native:network:NetworkInterfaceTapConfiguration", "tap", nicInputs);
    const k8s = resource(K8S.pod, "pod", nicInputs);
    const found = evaluatePack([lookalike, k8s], { exemptions: none });
    expect(of(PUBLIC_IP, found)).toEqual([]);
  });

  it("runs azure-native-wide rules on azure-native types only", () => {
    const untagged = resource(K8S.namespace, "ns", { metadata: { name: "x" }, location: "eastus" });
    const found = evaluatePack([untagged], { exemptions: none });
    expect(found.filter((v) => v.policy.startsWith("azure-"))).toEqual([]);
  });

  it("treats an azure-native type outside the platform's list by its inputs", () => {
    const other = resource("azure-native:web:WebApp", "app", { resourceGroupName: "rg-u1-k101-app", location: "eastus", tags: {}, publicNetworkAccess: "Enabled" });
    const policies = evaluatePack([other], { exemptions: none }).map((v) => v.policy);
    expect(policies).toEqual(
      expect.arrayContaining([restrictLocations.name, requireTags.name, disallowPublicNetworkAccess.name]),
    );
  });
});

describe("values unknown during preview", () => {
  it("make a rule that reads them advisory, with the engine's message", () => {
    const nic = changed(world, "nic-101-app", (i) => (i.enableIPForwarding = pulumi.unknown)).filter((r) => r.name === "nic-101-app");
    const found = of(disallowIpForwardingOnNic.name, evaluatePack(nic, { exemptions: none }));
    expect(found).toEqual([
      expect.objectContaining({
        enforcementLevel: "advisory",
        message: expect.stringMatching(new RegExp(`^can't run policy '${disallowIpForwardingOnNic.name}' during preview: .*enableIPForwarding`)),
      }),
    ]);
  });

  it("leave rules that do not read them to decide", () => {
    const nic = withPublicIp(changed(world, "nic-101-app", (i) => (i.enableIPForwarding = pulumi.unknown))).filter((r) => r.name === "nic-101-app");
    const found = of(PUBLIC_IP, evaluatePack(nic, { exemptions: none }));
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("are recognised in the engine's wire form too", () => {
    const ws = changed(world, "log-u1", (i) => (i.retentionInDays = "04da6b54-80e4-46f7-96ec-b56ff0331ba9")).filter((r) => r.name === "log-u1");
    const found = of(requireWorkspaceRetention.name, evaluatePack(ws, { exemptions: none }));
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });
});

describe("exemptions", () => {
  const yaml = (entries: string) => parseExemptions(`exemptions:\n${entries}`, "policies/exemptions.yaml");
  const entry = (scope: string, expires = "2099-12-31", rule = PUBLIC_IP) =>
    `  - rule: ${rule}\n    ${scope}\n    reason: Vendor appliance reachable for the migration window only\n    approver: Unit CISO\n    expires: ${expires}\n`;
  const now = new Date("2026-01-15T12:00:00Z");

  it("suppress the findings of a matching URN pattern only", () => {
    const found = of(PUBLIC_IP, evaluatePack(broken, { now, exemptions: yaml(entry(`urn: "urn:pulumi:*::*::nic-101-*"`)) }));
    expect(found.map((v) => v.kommunekode)).toEqual(["147"]);
  });

  it("suppress a municipality's findings by kommunekode", () => {
    const found = of(PUBLIC_IP, evaluatePack(broken, { now, exemptions: yaml(entry(`kommunekode: "147"`)) }));
    expect(found.map((v) => v.kommunekode)).toEqual(["101"]);
  });

  it("apply to their own rule only", () => {
    const exemptions = yaml(entry(`kommunekode: "101"`, "2099-12-31", disallowIpForwardingOnNic.name));
    expect(of(PUBLIC_IP, evaluatePack(broken, { now, exemptions }))).toHaveLength(2);
  });

  it("stop applying after their expiry day and become findings themselves", () => {
    const exemptions = yaml(entry(`kommunekode: "147"`, "2026-01-14"));
    const found = evaluatePack(broken, { now, exemptions });
    expect(of(PUBLIC_IP, found)).toHaveLength(2);
    expect(of(disallowInvalidExemption.name, found)).toEqual([
      expect.objectContaining({
        enforcementLevel: "mandatory",
        message: expect.stringMatching(/^policies\/exemptions\.yaml:2 \(exemptions\[0\]\): .*expired on 2026-01-14/),
      }),
    ]);
  });

  it("naming an unknown rule are findings", () => {
    const found = evaluatePack(world, { now, exemptions: yaml(entry(`kommunekode: "101"`, "2099-12-31", "azure-network-disallow-public-ips")) });
    expect(found).toEqual([
      expect.objectContaining({
        policy: disallowInvalidExemption.name,
        message: expect.stringMatching(/exemptions\.yaml:2 .*'azure-network-disallow-public-ips' is not a rule of this pack/),
      }),
    ]);
  });

  it("cannot exempt the exemption check", () => {
    const found = evaluatePack(world, { now, exemptions: yaml(entry(`kommunekode: "101"`, "2099-12-31", disallowInvalidExemption.name)) });
    expect(found.map((v) => v.message).join()).toMatch(/cannot be exempted/);
  });

  it("default to the committed file, which is empty", () => {
    expect(evaluatePack(world)).toEqual([]);
  });
});

describe("configuration", () => {
  it("passes rule parameters to the rule", () => {
    const w = [changed(world, "vnet-101", (i) => (i.location = "francecentral")).find((r) => r.name === "vnet-101")!];
    expect(of(restrictLocations.name, evaluatePack(w, { exemptions: none }))).toHaveLength(1);
    const config = { [restrictLocations.name]: { allowedLocations: ["denmarkeast", "francecentral"] } };
    expect(of(restrictLocations.name, evaluatePack(w, { exemptions: none, config }))).toEqual([]);
  });

  it("rejects an unknown rule name", () => {
    expect(() => evaluatePack(world, { exemptions: none, config: { "azure-network-disallow-public-ips": "disabled" } })).toThrow(
      /'azure-network-disallow-public-ips' is not a rule of this pack/,
    );
  });

  it("rejects a bad parameter naming rule, field and value", () => {
    const run = () =>
      evaluatePack(world, { exemptions: none, config: { [restrictLocations.name]: { allowedLocations: "denmarkeast" } as never } });
    expect(run).toThrow(PolicyConfigError);
    expect(run).toThrow(new RegExp(`${restrictLocations.name}\\.allowedLocations: .*\\(got "denmarkeast"\\)`));
  });

  it("rejects a parameter the rule does not have", () => {
    expect(() => evaluatePack(world, { exemptions: none, config: { [PUBLIC_IP]: { enforcementLevel: "mandatory", ports: [22] } as never } })).toThrow(
      new RegExp(`${PUBLIC_IP}: Unrecognized key: "ports"`),
    );
  });

  it("rejects a bad enforcement level", () => {
    expect(() => evaluatePack(world, { exemptions: none, config: { [PUBLIC_IP]: "warn" as never } })).toThrow(/enforcement level/);
  });

  it("refuses to lower the retention floor", () => {
    expect(() =>
      evaluatePack(world, { exemptions: none, config: { [requireWorkspaceRetention.name]: { minimumRetentionDays: 30 } } }),
    ).toThrow(/minimumRetentionDays: cannot be lowered below the CFCS floor of 395 days \(got 30\)/);
  });
});

describe("stack rules", () => {
  it("see the whole graph and report each finding at its resource", () => {
    const w = world.filter((r) => r.name !== "bkp-101-app" && r.name !== "bkp-147-app");
    const found = of(requireVmBackup.name, evaluatePack(w, { exemptions: none }));
    expect(found.map((v) => [v.urn, v.kommunekode])).toEqual([
      [pick(w, "vm-101-app").urn, "101"],
      [pick(w, "vm-147-app").urn, "147"],
    ]);
  });

  it("are not applicable to a stack without the resources they cover", () => {
    expect(evaluatePack([pick(world, "rg-hub")], { exemptions: none })).toEqual([]);
  });
});
