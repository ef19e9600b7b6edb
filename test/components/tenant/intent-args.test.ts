/**
 * A tenant built from args written by hand, without the configuration files
 * or the stack mapping: what it derives (priority, names, images, subnets,
 * defaults), and how it rejects args that would collide or that Azure would
 * refuse.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { runWithMocks, type MockRunResult } from "../../support/mocks.js";
import { ComponentArgsError } from "../../../components/errors.js";
import { isInputError, type InputFinding } from "../../../components/vocabulary/errors.js";
import { DEFAULTS } from "../../../components/vocabulary/defaults.js";
import type { MunicipalityTenantArgs, TenantVmWorkload } from "../../../components/tenant/args.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import { siteAzurePrefixes, tenantPlan } from "../../../components/tenant/plan.js";
import { VM_IMAGES } from "../../../components/tenant/images.js";
import { siteAzurePrefixes as ipamSiteAzurePrefixes } from "../../../packages/ipam/nat.js";
import { byName, fakeRefs, fakeRefsData, fullMunicipality, handWrittenArgs, otherMunicipality, tenantResources } from "./fixture.js";

const SOURCE = "driftsenhed:tenant:MunicipalityTenant k851";

describe("what a hand-written tenant derives", () => {
  const plan = tenantPlan(handWrittenArgs(fakeRefsData()));

  it("priority 1000 + kommunekode, group, resource group names and subnets from the kommunekode and range alone", () => {
    expect(plan.firewall.priority).toBe(1851);
    expect(plan.firewall.ruleCollectionGroupName).toBe("municipality-k851");
    expect(plan.resourceGroups).toEqual({ network: "rg-testenhed-k851-network", workloads: "rg-testenhed-k851-workloads" });
    expect(plan.subnets).toEqual({ servers: "10.66.0.0/21", privateEndpoints: "10.66.8.0/24" });
    expect(plan.location).toBe("denmarkeast");
  });

  it("servers: image from the allow-list, computer name, the vocabulary's defaults, the declared LUN, backup policy of the tier", () => {
    const [vm] = plan.vms;
    expect(vm).toEqual({
      name: "journal-db",
      azureKey: "journal-db",
      os: "rhel-9",
      image: VM_IMAGES["rhel-9"],
      computerName: "journal-db",
      size: "Standard_D4s_v5",
      zone: DEFAULTS.vm.zone,
      osDiskSizeGb: DEFAULTS.vm.osDiskSizeGb,
      dataDisks: [{ name: "data", sizeGb: 256, sku: "Premium_ZRS", lun: 0 }],
      backup: { tier: "standard", policyId: fakeRefsData().backupPolicyIds.standard },
      dataClassification: "personal",
    });
  });

  it("a data disk's LUN is its declared lun, never its position: reordering the list moves no disk", () => {
    const vm = plan.vms[0]!;
    const args = handWrittenArgs(fakeRefsData());
    const w = args.workloads![0] as TenantVmWorkload;
    const disks = [
      { name: "logs", lun: 7, sizeGb: 64 },
      { name: "data", lun: 0, sizeGb: 256 },
    ];
    const forward = tenantPlan({ ...args, workloads: [{ ...w, dataDisks: disks }] }).vms[0]!.dataDisks;
    const reversed = tenantPlan({ ...args, workloads: [{ ...w, dataDisks: [...disks].reverse() }] }).vms[0]!.dataDisks;
    const lunOf = (list: typeof forward) => Object.fromEntries(list.map((d) => [d.name, d.lun]));
    expect(lunOf(forward)).toEqual({ logs: 7, data: 0 });
    expect(lunOf(reversed)).toEqual(lunOf(forward));
    expect(vm.dataDisks[0]!.lun).toBe(0);
  });

  it("firewall rules from the ports, with the site's prefixes as Azure sees them (after NAT)", () => {
    expect(plan.sites.map((s) => s.azurePrefixes)).toEqual([["10.226.10.0/24"]]);
    expect(plan.firewall.rules).toEqual([
      { name: "journal-db-tcp-5432", workload: "journal-db", port: 5432, protocol: "Tcp", sites: ["raadhus"], sourcePrefixes: ["10.226.10.0/24"] },
    ]);
  });

  it("containers: namespace k<code>, the default internal host and class, own sources only, the vocabulary's defaults", () => {
    const c = plan.containers!;
    expect(c.namespace).toBe("k851");
    expect(c.defaultLimits).toEqual(DEFAULTS.municipality.containers.defaultLimits);
    expect(c.defaultRequests).toEqual(DEFAULTS.municipality.containers.defaultRequests);
    expect(c.allowedRegistries).toEqual(fakeRefsData().cluster!.allowedRegistries);
    expect(c.workloads[0]).toMatchObject({
      replicas: DEFAULTS.container.replicas,
      healthPath: DEFAULTS.container.healthPath,
      egress: [],
      exposure: { type: "internal", host: "borgerportal.k851.testenhed.internal", ingressClassName: "nginx-internal", allowedSourceRanges: ["10.226.10.0/24", "10.66.0.0/20"] },
    });
  });

  it("tags from the unit, kommunekode, name, classification, billing and lifecycle", () => {
    expect(plan.tags).toEqual({
      kommunekode: "851",
      municipality: "Aalborg",
      unit: "testenhed",
      dataClassification: "personal",
      costReference: "5798009851001/k851-it",
      lifecycle: "live",
      managedBy: "driftsenhed",
    });
    expect(plan.hubTags).toMatchObject({ kommunekode: "platform", municipality: "Aalborg", costReference: "5798009851001/k851-it" });
  });

  it("the prefixes Azure sees of a site follow the same rule as the platform's checks (packages/ipam)", () => {
    for (const m of [fullMunicipality(), otherMunicipality()]) {
      for (const s of m.network.sites) expect(siteAzurePrefixes(s)).toEqual(ipamSiteAzurePrefixes(s));
    }
  });
});

describe("a hand-written tenant under the mock runtime", () => {
  let run: MockRunResult;
  beforeAll(async () => {
    run = await runWithMocks(
      () => {
        new MunicipalityTenant("k851", handWrittenArgs(fakeRefs()));
      },
      { stack: "testenhed" },
    );
  });

  it("builds its group on the unit's policy at the derived priority, its resource groups and its server", () => {
    const own = tenantResources(run, "851");
    expect(byName(own, "azure-native:network:FirewallPolicyRuleCollectionGroup", "k851-firewall-rcg").inputs).toMatchObject({
      priority: 1851,
      ruleCollectionGroupName: "municipality-k851",
    });
    expect(byName(own, "azure-native:resources:ResourceGroup", "k851-network-rg").inputs.resourceGroupName).toBe("rg-testenhed-k851-network");
    const vm = byName(own, "azure-native:compute:VirtualMachine", "k851-journal-db-vm").inputs as Record<string, any>;
    expect(vm.storageProfile.imageReference).toMatchObject({ publisher: "RedHat", offer: "RHEL", sku: "9-lvm-gen2" });
    expect(vm.osProfile.computerName).toBe("journal-db");
    expect(byName(own, "kubernetes:core/v1:Namespace", "k851-containers-namespace")).toBeDefined();
  });
});

/** Builds a tenant from these args under the mocks and returns what it threw. */
async function rejection(args: (refs: ReturnType<typeof fakeRefs>) => MunicipalityTenantArgs): Promise<ComponentArgsError> {
  let caught: unknown;
  await runWithMocks(
    () => {
      try {
        new MunicipalityTenant("k851", args(fakeRefs()));
      } catch (e) {
        caught = e;
      }
    },
    { stack: "testenhed" },
  );
  if (!(caught instanceof ComponentArgsError)) throw new Error(`expected a ComponentArgsError, got ${String(caught)}`);
  return caught;
}

const paths = (findings: readonly InputFinding[]) => findings.map((f) => f.path);

describe("args a hand-written caller could get wrong", () => {
  it("a kommunekode that is not three digits (priorities could collide) is rejected, naming the component and the field", async () => {
    const err = await rejection((refs) => handWrittenArgs(refs, { code: "1851" }));
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect(isInputError(err)).toBe(true);
    expect(err.findings).toEqual([
      {
        source: SOURCE,
        path: "code",
        message: "kommunekode '1851' is not three digits as a string (e.g. \"851\"); names and the firewall priority 1000 + kommunekode derive from it",
        value: "1851",
      },
    ]);
    expect(err.message).toContain(`${SOURCE}: invalid arguments\n${SOURCE}  code  kommunekode '1851'`);
  });

  it("colliding names are all reported at once: workloads, data disks, sites, computer names", async () => {
    const err = await rejection((refs) => {
      const a = handWrittenArgs(refs);
      const vm = a.workloads![0] as TenantVmWorkload;
      const site = a.network.sites![0]!;
      return {
        ...a,
        network: { ...a.network, sites: [site, { ...site, nat: undefined }] },
        workloads: [
          { ...vm, dataDisks: [{ name: "data", lun: 0, sizeGb: 64 }, { name: "data", lun: 1, sizeGb: 128 }] },
          { ...vm, dataDisks: [] },
          { ...vm, name: "fagsystem-server-1", dataDisks: [] },
          { ...vm, name: "fagsystem-server-2", dataDisks: [] },
          a.workloads![1]!,
        ],
      };
    });
    expect(err.findings.every((f) => f.source === SOURCE)).toBe(true);
    expect(paths(err.findings)).toEqual(["network.sites.1.name", "workloads.1.name", "workloads.0.dataDisks.1.name", "workloads.3.name"]);
    expect(err.findings[1]!.message).toBe("workload name 'journal-db' is already used by workloads.0; names are identities and must be unique");
    expect(err.findings[3]!.message).toBe(
      "'fagsystem-server-2' and 'fagsystem-server-1' share the computer name 'fagsystem-serve' (its first 15 characters); make the names differ earlier",
    );
  });

  it.each<[string, (a: MunicipalityTenantArgs) => MunicipalityTenantArgs, string[]]>([
    ["a spoke smaller than a /26", (a) => ({ ...a, network: { ...a.network, addressSpace: "10.66.0.0/27" } }), ["network.addressSpace"]],
    ["a range that is not canonical", (a) => ({ ...a, network: { ...a.network, addressSpace: "10.66.0.1/20" } }), ["network.addressSpace"]],
    [
      "NAT on an ExpressRoute site",
      (a) => ({
        ...a,
        network: {
          ...a.network,
          sites: [{ ...a.network.sites![0]!, connection: { type: "expressRoute", circuitId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/expressRouteCircuits/z" } }],
        },
      }),
      ["network.sites.0.nat"],
    ],
    ["a port from a site the municipality does not have", (a) => ({ ...a, workloads: [{ ...(a.workloads![0] as TenantVmWorkload), ports: [{ port: 22, from: ["andet-sted"] }] }] }), ["workloads.0.ports.0.from.0"]],
    ["a container workload without a containers section", (a) => ({ ...a, containers: undefined }), ["workloads.1.kind"]],
    ["an image from a registry the unit does not allow", (a) => ({ ...a, workloads: [a.workloads![0]!, { ...a.workloads![1]!, image: "docker.io/library/nginx:1.27" } as never] }), ["workloads.1.image"]],
    ["a data release of a live municipality", (a) => ({ ...a, dataRelease: { approvedBy: "Kommunaldirektør", date: "2027-01-01", reference: "SAG-1" } }), ["dataRelease"]],
    ["an offboarding municipality without its freeze", (a) => ({ ...a, lifecycle: "offboarding" }), ["offboarding.frozenWorkloads"]],
    ["args for another unit's platform", (a) => ({ ...a, unitId: "andenenhed" }), ["unitId"]],
    ["a VPN site on a unit without a VPN gateway", (a) => ({ ...a, platform: { ...a.platform, vpnGatewayId: undefined, vpnGatewayName: undefined } }), ["network.sites.0.connection"]],
    ["a Bastion reference that is not a range", (a) => ({ ...a, platform: { ...a.platform, bastionSubnetPrefix: "10.64.0.192" } }), ["platform.bastionSubnetPrefix"]],
  ])("rejects %s", async (_what, change, expected) => {
    const err = await rejection((refs) => change(handWrittenArgs(refs)));
    expect(isInputError(err)).toBe(true);
    expect(err.findings.map((f) => [f.source, f.path])).toEqual(expected.map((p) => [SOURCE, p]));
  });

  it("a unit without a cluster cannot take containers", async () => {
    const err = await rejection((refs) => handWrittenArgs({ ...refs, cluster: undefined, kubernetesProvider: undefined }));
    expect(paths(err.findings)).toEqual(["containers"]);
    expect(err.findings[0]!.message).toContain("unit 'testenhed' has no cluster");
  });
});
