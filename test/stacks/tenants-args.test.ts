import { describe, expect, it } from "vitest";
import { firewallRules, tenantSubnets, TenantArgsError, toTenantArgs } from "../../stacks/tenant-args.js";
import { municipalitySchema, type MunicipalityConfig } from "../../packages/config/schema/municipality.js";
import { fakeRefsData, fullMunicipality, otherMunicipality, unitConfig } from "../components/tenant/fixture.js";

const refs = fakeRefsData();

function errorOf(fn: () => unknown): TenantArgsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TenantArgsError) return e;
    throw e;
  }
  throw new Error("expected a TenantArgsError");
}

describe("tenantSubnets", () => {
  it.each([
    ["10.64.128.0/18", "10.64.128.0/19", "10.64.160.0/24"],
    ["10.64.0.0/20", "10.64.0.0/21", "10.64.8.0/24"],
    ["10.70.0.0/24", "10.70.0.0/25", "10.70.0.128/27"],
    ["10.70.0.0/26", "10.70.0.0/27", "10.70.0.32/29"],
  ])("%s -> servers %s, private endpoints %s", (range, servers, privateEndpoints) => {
    expect(tenantSubnets(range)).toEqual({ servers, privateEndpoints });
  });

  it("refuses a spoke smaller than a /26, naming the field and the minimum", () => {
    expect(() => tenantSubnets("10.70.0.0/27")).toThrow("network.addressSpace 10.70.0.0/27 is a /27; a municipality spoke needs at least a /26");
  });
});

describe("firewallRules", () => {
  const m = fullMunicipality();
  const sites = toTenantArgs(unitConfig(), m, refs).network.sites;

  it("makes one rule per server, protocol and port, from the named sites' Azure-visible prefixes", () => {
    expect(firewallRules(m, sites)).toEqual([
      { name: "esdh-sql-tcp-1433", workload: "esdh-sql", port: 1433, protocol: "Tcp", sites: ["datacenter"], sourcePrefixes: ["10.224.0.0/16"] },
      { name: "sftp-gw-tcp-22", workload: "sftp-gw", port: 22, protocol: "Tcp", sites: ["datacenter"], sourcePrefixes: ["10.224.0.0/16"] },
      {
        name: "sftp-gw-tcp-443",
        workload: "sftp-gw",
        port: 443,
        protocol: "Tcp",
        sites: ["datacenter", "fiber", "raadhus"],
        sourcePrefixes: ["10.20.0.0/16", "10.21.0.0/20", "10.224.0.0/16"],
      },
    ]);
  });

  it("merges a port declared twice and keeps Tcp and Udp apart", () => {
    const dc = fullMunicipality({
      workloads: [
        {
          name: "dc1",
          kind: "vm",
          os: "windows-server-2025",
          size: "Standard_D2s_v5",
          backup: { tier: "standard" },
          ports: [
            { port: 53, protocol: "Tcp", from: ["raadhus"] },
            { port: 53, protocol: "Udp" },
            { port: 53, protocol: "Tcp", from: ["fiber"] },
          ],
        },
      ],
    });
    const rules = firewallRules(dc, sites);
    expect(rules.map((r) => [r.name, r.sites])).toEqual([
      ["dc1-tcp-53", ["fiber", "raadhus"]],
      ["dc1-udp-53", ["datacenter", "fiber", "raadhus"]],
    ]);
  });

  it("allows nothing when the municipality has no sites", () => {
    const noSites = otherMunicipality({ network: { addressSpace: "10.65.0.0/18", sites: [] } });
    expect(noSites.workloads[0]!.kind === "vm" && noSites.workloads[0]!.ports).toEqual([{ port: 443, protocol: "Tcp", from: "all" }]);
    expect(firewallRules(noSites, [])).toEqual([]);
  });
});

describe("toTenantArgs", () => {
  const args = toTenantArgs(unitConfig(), fullMunicipality(), refs, { file: "stacks/testenhed/municipalities/147-frederiksberg.yaml" });

  it("names resource groups, firewall group and priority from the unit id and kommunekode", () => {
    expect(args.unitId).toBe("testenhed");
    expect(args.code).toBe("147");
    expect(args.resourceGroups).toEqual({ network: "rg-testenhed-k147-network", workloads: "rg-testenhed-k147-workloads" });
    expect(args.firewall.priority).toBe(1147);
    expect(args.firewall.ruleCollectionGroupName).toBe("municipality-k147");
    expect(args.network.subnets).toEqual({ servers: "10.64.128.0/19", privateEndpoints: "10.64.160.0/24" });
  });

  it("tags with kommunekode, name, unit, classification, cost reference and lifecycle", () => {
    expect(args.tags).toEqual({
      kommunekode: "147",
      municipality: "Frederiksberg",
      unit: "testenhed",
      dataClassification: "sensitive-personal",
      costReference: "5798009147004/k147-it",
      lifecycle: "live",
      managedBy: "driftsenhed",
    });
    expect(args.hubTags).toEqual({
      kommunekode: "platform",
      municipality: "Frederiksberg",
      unit: "testenhed",
      dataClassification: "internal",
      costReference: "5798009147004/k147-it",
      lifecycle: "live",
      managedBy: "driftsenhed",
    });
  });

  it("maps servers: image from the allow-list table, backup policy of the tier, LUN by position, own classification", () => {
    const [sql, sftp] = args.vms;
    expect(sql!.image).toEqual({ osType: "Windows", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" });
    expect(sql!.backup).toEqual({ tier: "critical", policyId: refs.backupPolicyIds.critical });
    expect(sql!.dataDisks.map((d) => [d.name, d.lun])).toEqual([
      ["sqldata", 0],
      ["sqllog", 1],
    ]);
    expect(sql!.dataClassification).toBe("sensitive-personal");
    expect(sftp!.image.osType).toBe("Linux");
    expect(sftp!.backup).toEqual({ tier: "none", reason: "Holds only files in transit; the payroll bureau keeps the originals." });
    expect(sftp!.dataClassification).toBe("personal");
    expect(sftp!.computerName).toBe("sftp-gw");
  });

  it("maps sites with the prefixes Azure sees and the NAT of the file", () => {
    expect(args.network.sites.map((s) => [s.name, s.connection.type, s.azurePrefixes, s.nat])).toEqual([
      ["raadhus", "vpn", ["10.20.0.0/16"], []],
      ["datacenter", "vpn", ["10.224.0.0/16"], [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }]],
      ["fiber", "expressRoute", ["10.21.0.0/20"], []],
    ]);
  });

  it("maps containers: namespace k<code>, ingress classes by exposure, a default internal host, own sources only", () => {
    const c = args.containers!;
    expect(c.namespace).toBe("k147");
    expect(c.ingressControllerNamespace).toBe("app-routing-system");
    expect(c.allowedRegistries).toEqual(["mcr.microsoft.com", "crtest.azurecr.io"]);
    expect(c.workloads.map((w) => w.exposure)).toEqual([
      { type: "internet", host: "selvbetjening.frederiksberg.kommune.example", ingressClassName: "webapprouting.kubernetes.azure.com" },
      {
        type: "internal",
        host: "sags-api.k147.testenhed.internal",
        ingressClassName: "nginx-internal",
        allowedSourceRanges: ["10.20.0.0/16", "10.21.0.0/20", "10.224.0.0/16", "10.64.128.0/18"],
      },
    ]);
  });

  it("passes the platform references through unchanged", () => {
    expect(args.platform).toBe(refs);
    expect(args.location).toBe("denmarkeast");
  });

  it("has no containers section for a municipality without one", () => {
    const noContainers = otherMunicipality({ containers: undefined, workloads: [] });
    expect(toTenantArgs(unitConfig(), noContainers, refs).containers).toBeUndefined();
  });
});

describe("toTenantArgs errors", () => {
  const file = "stacks/testenhed/municipalities/147-frederiksberg.yaml";

  it("refuses an image from a registry the unit does not allow, with file, path, value and fix", () => {
    const m = fullMunicipality();
    const w = m.workloads[2]!;
    if (w.kind !== "container") throw new Error("fixture changed");
    w.image = "docker.io/library/nginx:1.27";
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.file).toBe(file);
    expect(e.issues).toEqual([
      {
        path: ["workloads", 2, "image"],
        message:
          "image 'docker.io/library/nginx:1.27' does not come from a registry the unit allows (mcr.microsoft.com, crtest.azurecr.io); push it to one of them or ask the unit to allow its registry in unit.yaml cluster.allowedRegistries",
      },
    ]);
    expect(e.message).toContain(`${file}:\n  - workloads[2].image: image 'docker.io/library/nginx:1.27'`);
  });

  it("refuses container egress into the unit's range outside the municipality's own spoke", () => {
    const m = fullMunicipality();
    const w = m.workloads[3]!;
    if (w.kind !== "container") throw new Error("fixture changed");
    w.egress = [{ to: "10.65.0.0/18", ports: [443] }];
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.issues[0]!.path).toEqual(["workloads", 3, "egress", 0, "to"]);
    expect(e.issues[0]!.message).toContain("10.65.0.0/18 lies in the unit's range 10.64.0.0/12 outside this municipality's own 10.64.128.0/18");
  });

  it("refuses containers when the unit has no cluster", () => {
    const e = errorOf(() => toTenantArgs(unitConfig({ cluster: { mode: "disabled" } }), fullMunicipality(), { ...refs, cluster: undefined }, { file }));
    expect(e.issues[0]!.path).toEqual(["workloads"]);
    expect(e.issues[0]!.message).toContain("unit 'testenhed' has no cluster (unit.yaml cluster.mode: disabled)");
  });

  it("refuses NAT on an ExpressRoute site, and two servers with the same computer name, in one error", () => {
    const m = fullMunicipality();
    m.network.sites[2]!.nat = { mappings: [{ internal: "10.21.0.0/20", external: "10.226.0.0/20" }] };
    m.workloads.push(
      { ...(m.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>), name: "fagsystem-server-1", dataDisks: [] },
      { ...(m.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>), name: "fagsystem-server-2", dataDisks: [] },
    );
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.issues.map((i) => i.path)).toEqual([
      ["network", "sites", 2, "nat"],
      ["workloads", 5, "name"],
    ]);
    expect(e.issues[1]!.message).toBe(
      "'fagsystem-server-2' and 'fagsystem-server-1' share the computer name 'fagsystem-serve' (its first 15 characters); make the names differ earlier",
    );
  });

  it("refuses a backup exclusion reason longer than a tag value", () => {
    const m = fullMunicipality();
    const w = m.workloads[1]!;
    if (w.kind !== "vm" || w.backup.tier !== "none") throw new Error("fixture changed");
    w.backup.reason = "x".repeat(257);
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.issues).toEqual([{ path: ["workloads", 1, "backup", "reason"], message: "the reason is 257 characters; it becomes a tag value, which Azure limits to 256" }]);
  });

  describe("offboarding freeze (the schema's rule, repeated for configurations built in code)", () => {
    const FROZEN = { since: "2026-09-01", frozenWorkloads: ["esdh-sql", "sftp-gw", "selvbetjening", "sags-api"] };
    const offboarding = () => fullMunicipality({ lifecycle: "offboarding", offboarding: { ...FROZEN, frozenWorkloads: [...FROZEN.frozenWorkloads] } });

    it("maps an offboarding municipality whose workloads are all frozen", () => {
      expect(toTenantArgs(unitConfig(), offboarding(), refs).lifecycle).toBe("offboarding");
    });

    it("refuses a workload added after the freeze, naming it and the list", () => {
      const m = offboarding();
      m.offboarding!.frozenWorkloads = ["esdh-sql", "sftp-gw", "selvbetjening"];
      const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
      expect(e.issues).toEqual([
        {
          path: ["workloads", 3, "name"],
          message:
            "workload 'sags-api' is not in offboarding.frozenWorkloads (esdh-sql, sftp-gw, selvbetjening); an offboarding municipality accepts no new workloads: remove the workload, or set lifecycle: live if the municipality is staying",
        },
      ]);
    });

    it("refuses an offboarding municipality without the frozen list", () => {
      const m = offboarding();
      delete m.offboarding;
      const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
      expect(e.issues.map((i) => i.path)).toEqual([["offboarding", "frozenWorkloads"]]);
    });

    it("the schema applies the same rule with the same words", () => {
      const result = municipalitySchema.safeParse({ ...offboarding(), offboarding: { ...FROZEN, frozenWorkloads: ["esdh-sql", "sftp-gw", "selvbetjening"] } });
      expect(result.success).toBe(false);
      const m = offboarding();
      m.offboarding!.frozenWorkloads = ["esdh-sql", "sftp-gw", "selvbetjening"];
      const mapped = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file })).issues;
      expect(result.error!.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual(mapped);
    });
  });
});
