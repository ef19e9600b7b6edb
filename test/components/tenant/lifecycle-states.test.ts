import { isDataBearingType } from "../../../components/vocabulary/data-bearing.js";
import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { MunicipalityTenant, DATA_RELEASE_TAG } from "../../../components/tenant/tenant.js";
import type { Lifecycle } from "../../../packages/config/schema/municipality.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { fakeRefs, fullMunicipality, SUB, tenantResources, unitConfig } from "./fixture.js";

/** One tenant per state, each under its own kommunekode. */
const STATES: { code: string; lifecycle: Lifecycle; release?: boolean }[] = [
  { code: "151", lifecycle: "planned" },
  { code: "153", lifecycle: "migrating" },
  { code: "155", lifecycle: "live" },
  { code: "157", lifecycle: "offboarding" },
  { code: "159", lifecycle: "retired" },
  { code: "161", lifecycle: "retired", release: true },
];
const FROZEN = fullMunicipality().workloads.map((w) => w.name);
const RELEASE = { approvedBy: "Kommunaldirektør", date: "2028-02-01", reference: "SAG-2028-0042" };

let run: MockRunResult;
beforeAll(async () => {
  run = await runWithMocks(
    () => {
      const refs = fakeRefs();
      for (const s of STATES) {
        const m = fullMunicipality({
          code: s.code,
          lifecycle: s.lifecycle,
          ...(s.release ? { dataRelease: RELEASE } : {}),
          // The schema requires the freeze with the state: every workload of the file, as it stood.
          ...(s.lifecycle === "offboarding" ? { offboarding: { since: "2027-09-01", frozenWorkloads: FROZEN } } : {}),
        });
        new MunicipalityTenant(`k${s.code}`, toTenantArgs(unitConfig(), m, refs));
      }
    },
    { stack: "testenhed" },
  );
});

/** A tenant's resources as `type name`, with the kommunekode taken out so states compare. */
function shape(code: string): string[] {
  return tenantResources(run, code)
    .map((r) => `${r.type} ${r.name.replace(`k${code}`, "k*")}`)
    .sort();
}

/** Data-bearing resources: the one list of data-bearing types (components/vocabulary/data-bearing.ts). */
function isDataBearing(r: RecordedResource): boolean {
  return isDataBearingType(r.type);
}

describe("what each lifecycle state builds", () => {
  it("planned deploys nothing: the tenant component has no children", () => {
    expect(run.resources.filter((r) => r.type === "driftsenhed:tenant:MunicipalityTenant").map((r) => r.name).sort()).toEqual(STATES.map((s) => `k${s.code}`));
    expect(tenantResources(run, "151")).toEqual([]);
  });

  it("migrating, live and offboarding build the same complete set", () => {
    const migrating = shape("153");
    expect(migrating.length).toBeGreaterThan(60);
    expect(shape("155")).toEqual(migrating);
    expect(shape("157")).toEqual(migrating);
  });

  it("retired removes compute, namespaces, site connections, NAT and firewall rules", () => {
    const retired = shape("159");
    const removed = shape("153").filter((x) => !retired.includes(x));
    const removedTypes = [...new Set(removed.map((x) => x.split(" ")[0]))].sort();
    expect(removedTypes).toEqual(
      [
        // The ingress's certificate reader on the vault: no Ingress is left to serve.
        "azure-native:authorization:RoleAssignment",
        "azure-native:compute:VirtualMachine",
        "azure-native:compute:VirtualMachineExtension",
        "azure-native:keyvault:Secret",
        "azure-native:maintenance:ConfigurationAssignment",
        "azure-native:monitor:DataCollectionRuleAssociation",
        "azure-native:network:FirewallPolicyRuleCollectionGroup",
        "azure-native:network:LocalNetworkGateway",
        "azure-native:network:NetworkInterface",
        "azure-native:network:VirtualNetworkGatewayConnection",
        "azure-native:network:VirtualNetworkGatewayNatRule",
        "driftsenhed:tenant:MunicipalityNamespace",
        "driftsenhed:tenant:SiteConnections",
        "driftsenhed:tenant:TenantFirewallRules",
        "kubernetes:apps/v1:Deployment",
        "kubernetes:core/v1:LimitRange",
        "kubernetes:core/v1:Namespace",
        "kubernetes:core/v1:ResourceQuota",
        "kubernetes:core/v1:Service",
        "kubernetes:networking.k8s.io/v1:Ingress",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "kubernetes:policy/v1:PodDisruptionBudget",
        "kubernetes:rbac.authorization.k8s.io/v1:Role",
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "random:index/randomPassword:RandomPassword",
      ].sort(),
    );
    // The secrets and passwords that go are the VPN shared keys, never a server's admin password.
    expect(removed.filter((x) => x.includes("Secret") || x.includes("RandomPassword")).every((x) => x.includes("shared-key"))).toBe(true);
    expect(removed.filter((x) => x.startsWith("azure-native:authorization:RoleAssignment"))).toEqual([
      "azure-native:authorization:RoleAssignment k*-keys-ingress-certificates",
    ]);
    expect(retired.every((x) => shape("153").includes(x))).toBe(true);
  });

  it("retired keeps every data-bearing resource, the vault's endpoint and its spoke, and access", () => {
    const kept = tenantResources(run, "159");
    const dataBearing = kept.filter(isDataBearing).map((r) => r.name.replace("k159", "k*")).sort();
    expect(dataBearing).toEqual(
      [
        "k*-esdh-sql-admin-password",
        "k*-esdh-sql-admin-secret",
        "k*-esdh-sql-backup",
        "k*-esdh-sql-sqldata-disk",
        "k*-esdh-sql-sqllog-disk",
        "k*-keys-des",
        "k*-keys-disk-key",
        "k*-keys-kv-vault",
        "k*-network-rg",
        "k*-sftp-gw-admin-password",
        "k*-sftp-gw-admin-secret",
        "k*-workloads-rg",
      ].sort(),
    );
    const types = new Set(kept.map((r) => r.type));
    for (const t of ["azure-native:network:PrivateEndpoint", "azure-native:network:VirtualNetwork", "azure-native:authorization:RoleAssignment"]) expect(types.has(t), t).toBe(true);
    // Nothing routes sites to it any more: the servers subnet admits no site, and no Bastion session (no server is left).
    const nsg = kept.find((r) => r.name === "k159-spoke-servers-nsg")!;
    expect((nsg.inputs.securityRules as { name: string }[]).map((r) => r.name)).toEqual([
      "guard-allow-inbound-own-network",
      "guard-allow-inbound-load-balancer",
      "guard-deny-inbound-all-other",
    ]);
  });

  it("retired stops backups but keeps every recovery point of the server that is gone", () => {
    const item = tenantResources(run, "159").find((r) => r.type === "azure-native:recoveryservices:ProtectedItem")!;
    expect(item.inputs.properties).toEqual({
      protectedItemType: "Microsoft.Compute/virtualMachines",
      protectionState: "ProtectionStopped",
      sourceResourceId: `${SUB}/resourceGroups/rg-testenhed-k159-workloads/providers/Microsoft.Compute/virtualMachines/vm-k159-esdh-sql`,
    });
  });

  it("a data release keeps the same resources as retired and tags them with the release", () => {
    expect(shape("161")).toEqual(shape("159"));
    const rg = tenantResources(run, "161").find((r) => r.name === "k161-workloads-rg")!;
    expect((rg.inputs.tags as Record<string, string>)[DATA_RELEASE_TAG]).toBe("2028-02-01 SAG-2028-0042");
  });
});

describe("protect and retainOnDelete", () => {
  it.each([
    ["153", "migrating", true, true],
    ["155", "live", true, true],
    ["157", "offboarding", true, true],
    ["159", "retired", false, true],
    ["161", "retired with a data release", false, false],
  ])("k%s (%s): every data-bearing resource has protect=%s, retainOnDelete=%s", (code, _state, protect, retain) => {
    const data = tenantResources(run, code).filter(isDataBearing);
    expect(data.length).toBeGreaterThanOrEqual(11);
    for (const r of data) {
      expect({ name: r.name, protect: r.protect, retainOnDelete: r.retainOnDelete }).toEqual({ name: r.name, protect, retainOnDelete: retain });
    }
  });

  it.each(["153", "155", "157", "159"])("k%s: nothing else is protected, so compute and network can go without a second step", (code) => {
    const others = tenantResources(run, code).filter((r) => r.custom && !isDataBearing(r));
    expect(others.length).toBeGreaterThan(10);
    for (const r of others) expect({ name: r.name, protect: r.protect }).toEqual({ name: r.name, protect: false });
  });

  it("no data-bearing type escapes the list: every disk, vault, key, encryption set and backup item is retained", () => {
    const kinds = ["azure-native:compute:Disk", "azure-native:keyvault:Vault", "azure-native:keyvault:Key", "azure-native:compute:DiskEncryptionSet", "azure-native:recoveryservices:ProtectedItem"];
    for (const code of ["153", "155", "157", "159"]) {
      for (const r of tenantResources(run, code).filter((x) => kinds.includes(x.type))) expect(r.retainOnDelete, r.name).toBe(true);
    }
  });
});
