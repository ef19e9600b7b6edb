/**
 * The pure mapping from a parsed municipality file to the tenant's intent
 * args, and the findings it reports against the file.
 */
import { describe, expect, it } from "vitest";
import { toTenantArgs, toWorkload } from "../../stacks/tenant-args.js";
import { InputError, isInputError } from "../../components/vocabulary/errors.js";
import { municipalitySchema, type MunicipalityConfig, type WorkloadConfig } from "../../packages/config/schema/municipality.js";
import { fakeRefsData, fullMunicipality, otherMunicipality, unitConfig } from "../components/tenant/fixture.js";

const refs = fakeRefsData();
const file = "stacks/testenhed/municipalities/147-frederiksberg.yaml";

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError && isInputError(e)) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("toTenantArgs: the file's intent, field for field", () => {
  const args = toTenantArgs(unitConfig(), fullMunicipality(), refs, { file });

  it.each<[string, (a: ReturnType<typeof toTenantArgs>) => unknown, unknown]>([
    ["unitId", (a) => a.unitId, "testenhed"],
    ["code", (a) => a.code, "147"],
    ["municipalityName", (a) => a.municipalityName, "Frederiksberg"],
    ["lifecycle", (a) => a.lifecycle, "live"],
    ["dataClassification", (a) => a.dataClassification, "sensitive-personal"],
    ["billing", (a) => a.billing, { ean: "5798009147004", costCentre: "k147-it" }],
    ["access", (a) => a.access, { operatorGroupId: "a5735dc6-91cf-5fc5-88b2-750219d7b18c", logReaderGroupId: "df7f0ab7-ff81-5217-a77b-48be8f0cee9a" }],
    ["containers", (a) => a.containers, { quota: { cpu: "12", memory: "24Gi", pods: 40 }, defaultLimits: { cpu: "500m", memory: "512Mi" }, defaultRequests: { cpu: "100m", memory: "128Mi" } }],
    ["network.addressSpace", (a) => a.network.addressSpace, "10.64.128.0/18"],
    ["platform", (a) => a.platform, refs],
    ["dataRelease", (a) => a.dataRelease, undefined],
    ["offboarding", (a) => a.offboarding, undefined],
  ])("%s", (_field, read, expected) => {
    if (expected === refs) expect(read(args)).toBe(refs);
    else expect(read(args)).toEqual(expected);
  });

  it("carries no derived value: names, priority, subnets, tags and images are the component's", () => {
    expect(Object.keys(args).sort()).toEqual(
      ["access", "billing", "code", "containers", "dataClassification", "lifecycle", "municipalityName", "network", "platform", "unitId", "workloads"].sort(),
    );
  });

  it("maps sites with their NAT as the file writes it", () => {
    expect(args.network.sites!.map((s) => [s.name, s.connection.type, s.prefixes, s.nat])).toEqual([
      ["raadhus", "vpn", ["10.20.0.0/16"], undefined],
      ["datacenter", "vpn", ["10.0.0.0/16"], { mappings: [{ internal: "10.0.0.0/16", external: "10.224.0.0/16" }] }],
      ["fiber", "expressRoute", ["10.21.0.0/20"], undefined],
    ]);
  });

  it("keeps the workloads in file order, so a finding's path is the file's path", () => {
    expect(args.workloads!.map((w) => [w.kind, w.name])).toEqual([
      ["vm", "esdh-sql"],
      ["vm", "sftp-gw"],
      ["container", "selvbetjening"],
      ["container", "sags-api"],
    ]);
  });

  it("maps the offboarding freeze and a data release when the file has them", () => {
    const frozen = toTenantArgs(
      unitConfig(),
      fullMunicipality({ lifecycle: "offboarding", offboarding: { since: "2026-09-01", frozenWorkloads: ["esdh-sql", "sftp-gw", "selvbetjening", "sags-api"] } }),
      refs,
    );
    expect(frozen.offboarding).toEqual({ frozenWorkloads: ["esdh-sql", "sftp-gw", "selvbetjening", "sags-api"] });
    const released = toTenantArgs(unitConfig(), otherMunicipality({ lifecycle: "retired", dataRelease: { approvedBy: "Kommunaldirektør", date: "2027-06-01", reference: "SAG-2027-1" } }), refs);
    expect(released.dataRelease).toEqual({ approvedBy: "Kommunaldirektør", date: "2027-06-01", reference: "SAG-2027-1" });
  });

  it("has no containers section for a municipality without one", () => {
    expect(toTenantArgs(unitConfig(), otherMunicipality({ containers: undefined, workloads: [] }), refs).containers).toBeUndefined();
  });
});

describe("toWorkload", () => {
  const parse = (w: unknown) => municipalitySchema.shape.workloads.parse([w])[0] as WorkloadConfig;
  it.each([
    [
      "a server, with the schema's defaults written out",
      { name: "app", kind: "vm", os: "ubuntu-24.04", size: "Standard_B2s", backup: { tier: "standard" } },
      { kind: "vm", name: "app", os: "ubuntu-24.04", size: "Standard_B2s", zone: "1", osDiskSizeGb: 128, dataDisks: [], backup: { tier: "standard" }, ports: [] },
    ],
    [
      "a server's disks and ports",
      { name: "db", kind: "vm", os: "rhel-9", size: "Standard_B2s", dataClassification: "personal", backup: { tier: "none", reason: "Replica of a database kept elsewhere." }, dataDisks: [{ name: "d1", lun: 3, sizeGb: 64 }], ports: [{ port: 5432, from: ["hq"] }] },
      {
        kind: "vm",
        name: "db",
        os: "rhel-9",
        size: "Standard_B2s",
        zone: "1",
        osDiskSizeGb: 128,
        dataDisks: [{ name: "d1", lun: 3, sizeGb: 64, sku: "Premium_ZRS" }],
        backup: { tier: "none", reason: "Replica of a database kept elsewhere." },
        ports: [{ port: 5432, protocol: "Tcp", from: ["hq"] }],
        dataClassification: "personal",
      },
    ],
    [
      "a container, exposed internally without a host (the component names it)",
      { name: "web", kind: "container", image: "mcr.microsoft.com/a:1", port: 8080, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }, exposure: { type: "internal" } },
      {
        kind: "container",
        name: "web",
        image: "mcr.microsoft.com/a:1",
        replicas: 2,
        port: 8080,
        resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
        healthPath: "/healthz",
        exposure: { type: "internal" },
        egress: [],
      },
    ],
  ])("%s", (_what, input, expected) => {
    expect(toWorkload(parse(input))).toEqual(expected);
  });
});

describe("toTenantArgs findings: the file, the dotted field path, the value and the fix", () => {
  it("refuses an image from a registry the unit does not allow", () => {
    const m = fullMunicipality();
    (m.workloads[2] as { image: string }).image = "docker.io/library/nginx:1.27";
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.findings).toEqual([
      {
        source: file,
        path: "workloads.2.image",
        value: "docker.io/library/nginx:1.27",
        message:
          "image 'docker.io/library/nginx:1.27' does not come from a registry the unit allows (mcr.microsoft.com, crtest.azurecr.io); push it to one of them or ask the unit to allow its registry in unit.yaml cluster.allowedRegistries",
      },
    ]);
    expect(e.message).toContain(`${file}  workloads.2.image  image 'docker.io/library/nginx:1.27'`);
  });

  it("refuses container egress into the unit's range outside the municipality's own spoke (only the unit file knows the range)", () => {
    const m = fullMunicipality();
    (m.workloads[3] as { egress: { to: string; ports: number[] }[] }).egress = [{ to: "10.65.0.0/18", ports: [443] }];
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.findings.map((f) => f.path)).toEqual(["workloads.3.egress.0.to"]);
    expect(e.findings[0]!.message).toContain("10.65.0.0/18 lies in the unit's range 10.64.0.0/12 outside this municipality's own 10.64.128.0/18");
  });

  it("refuses containers when the unit has no cluster", () => {
    const e = errorOf(() => toTenantArgs(unitConfig({ cluster: { mode: "disabled" } }), fullMunicipality(), { ...refs, cluster: undefined }, { file }));
    expect(e.findings.map((f) => [f.source, f.path])).toEqual([[file, "containers"]]);
    expect(e.findings[0]!.message).toContain("unit 'testenhed' has no cluster");
  });

  it("reports NAT on an ExpressRoute site and two servers with the same computer name in one error", () => {
    const m = fullMunicipality();
    m.network.sites[2]!.nat = { mappings: [{ internal: "10.21.0.0/20", external: "10.226.0.0/20" }] };
    const vm = m.workloads[0] as Extract<MunicipalityConfig["workloads"][number], { kind: "vm" }>;
    m.workloads.push({ ...vm, name: "fagsystem-server-1", dataDisks: [] }, { ...vm, name: "fagsystem-server-2", dataDisks: [] });
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.findings.map((f) => f.path)).toEqual(["network.sites.2.nat", "workloads.5.name"]);
    expect(e.findings[1]!.message).toBe(
      "'fagsystem-server-2' and 'fagsystem-server-1' share the computer name 'fagsystem-serve' (its first 15 characters); make the names differ earlier",
    );
  });

  it("refuses a backup exclusion reason longer than a tag value", () => {
    const m = fullMunicipality();
    const w = m.workloads[1]!;
    if (w.kind !== "vm" || w.backup.tier !== "none") throw new Error("fixture changed");
    w.backup.reason = "x".repeat(257);
    const e = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file }));
    expect(e.findings).toEqual([{ source: file, path: "workloads.1.backup.reason", message: "the reason is 257 characters; it becomes a tag value, which Azure limits to 256" }]);
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
      expect(e.findings).toEqual([
        {
          source: file,
          path: "workloads.3.name",
          message:
            "workload 'sags-api' is not in offboarding.frozenWorkloads (esdh-sql, sftp-gw, selvbetjening); an offboarding municipality accepts no new workloads: remove the workload, or set lifecycle: live if the municipality is staying",
        },
      ]);
    });

    it("refuses an offboarding municipality without the frozen list", () => {
      const m = offboarding();
      delete m.offboarding;
      expect(errorOf(() => toTenantArgs(unitConfig(), m, refs, { file })).findings.map((f) => f.path)).toEqual(["offboarding.frozenWorkloads"]);
    });

    it("the schema applies the same rule with the same words", () => {
      const result = municipalitySchema.safeParse({ ...offboarding(), offboarding: { ...FROZEN, frozenWorkloads: ["esdh-sql", "sftp-gw", "selvbetjening"] } });
      expect(result.success).toBe(false);
      const m = offboarding();
      m.offboarding!.frozenWorkloads = ["esdh-sql", "sftp-gw", "selvbetjening"];
      const mapped = errorOf(() => toTenantArgs(unitConfig(), m, refs, { file })).findings;
      expect(result.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }))).toEqual(mapped.map((f) => ({ path: f.path, message: f.message })));
    });
  });
});
