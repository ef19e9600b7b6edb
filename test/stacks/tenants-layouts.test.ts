import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../support/mocks.js";
import { platformRefsFromStackReference, PLATFORM_REFS_OUTPUT } from "../../components/platform/stack-reference.js";
import { buildTenants, tenantName, TenantsConfigurationError } from "../../stacks/tenants.js";
import { isInputError } from "../../components/vocabulary/errors.js";
import { municipalityStackName, parseMunicipalityStackName, runMunicipalityStack } from "../../stacks/municipality-stack.js";
import { fakeRefs, fakeRefsData, fullMunicipality, loadedUnit, otherMunicipality, tenantResources, unitConfig } from "../components/tenant/fixture.js";

const a = fullMunicipality();
const b = otherMunicipality();
const unitLayout = loadedUnit([a, b], unitConfig());
const perMunicipality = loadedUnit([a, b], unitConfig({ tenancy: { layout: "stack-per-municipality" } }));

let unitRun: MockRunResult;
let municipalityRun: MockRunResult;
beforeAll(async () => {
  unitRun = await runWithMocks(
    () => {
      buildTenants(unitLayout, fakeRefs());
    },
    { stack: "testenhed" },
  );
  municipalityRun = await runWithMocks(
    async () => {
      // The references arrive as the unit stack exports them, through the same parsing and provider rebuild.
      const refs = await platformRefsFromStackReference({
        name: "testenhed",
        getOutputDetails: async (name) => (name === PLATFORM_REFS_OUTPUT ? { value: fakeRefsData() } : {}),
      });
      const result = await runMunicipalityStack({ unit: perMunicipality, code: "147", platform: { refs }, applyTransformations: false });
      return result.outputs;
    },
    { stack: municipalityStackName("testenhed", "147") },
  );
});

/** A resource as it would look in either stack: the URN without its stack part. */
function portable(run: MockRunResult, r: RecordedResource) {
  const strip = (urn: string) => urn.replace(/^urn:pulumi:[^:]+::/, "urn:pulumi:<stack>::");
  return {
    urn: strip(r.urn),
    parent: r.parentUrn ? strip(r.parentUrn) : undefined,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    inputs: r.inputs,
  };
}

describe("both tenancy layouts", () => {
  it("put the tenant component k<code> at the stack root, never under the platform", () => {
    for (const [run, stack] of [
      [unitRun, "testenhed"],
      [municipalityRun, "testenhed-147"],
    ] as const) {
      const tenant = run.resources.find((r) => r.type === "driftsenhed:tenant:MunicipalityTenant" && r.name === tenantName("147"))!;
      expect(tenant.urn).toBe(`urn:pulumi:${stack}::driftsenhed::driftsenhed:tenant:MunicipalityTenant::k147`);
      expect(tenant.parentUrn).toBe(`urn:pulumi:${stack}::driftsenhed::pulumi:pulumi:Stack::driftsenhed-${stack}`);
    }
  });

  it("build the same tenant resources: same URNs (but the stack), parents, options and inputs", () => {
    const inUnit = tenantResources(unitRun, "147").map((r) => portable(unitRun, r)).sort((x, y) => x.urn.localeCompare(y.urn));
    const inOwn = tenantResources(municipalityRun, "147").map((r) => portable(municipalityRun, r)).sort((x, y) => x.urn.localeCompare(y.urn));
    expect(inUnit.length).toBeGreaterThan(60);
    expect(inOwn.map((r) => r.urn)).toEqual(inUnit.map((r) => r.urn));
    expect(inOwn).toEqual(inUnit);
  });

  it("the optional platform references cross the stack boundary: Bastion access, the internal ingress, the ingress's certificate reader", () => {
    const refs = fakeRefsData();
    const own = tenantResources(municipalityRun, "147");
    const nsg = own.find((r) => r.name === "k147-spoke-servers-nsg")!;
    const bastion = (nsg.inputs.securityRules as Record<string, unknown>[]).find((r) => r.name === "allow-bastion-management");
    expect(bastion).toMatchObject({ sourceAddressPrefix: refs.bastionSubnetPrefix, destinationPortRanges: ["22", "3389"] });
    const rcg = own.find((r) => r.name === "k147-firewall-rcg")!;
    const rules = (rcg.inputs.ruleCollections as { rules: Record<string, unknown>[] }[])[0]!.rules;
    expect(rules.find((r) => r.name === "internal-ingress-https")?.destinationAddresses).toEqual([refs.internalIngressAddress]);
    const reader = own.find((r) => r.name === "k147-keys-ingress-certificates")!;
    expect(reader.inputs.principalId).toBe(refs.cluster!.appRoutingIdentityObjectId);
  });

  it("the municipality stack builds only its own municipality", () => {
    const tenants = municipalityRun.resources.filter((r) => r.type === "driftsenhed:tenant:MunicipalityTenant").map((r) => r.name);
    expect(tenants).toEqual(["k147"]);
    expect(municipalityRun.outputs).toEqual({ unitId: "testenhed", kommunekode: "147", lifecycle: "live", tenancy: "stack-per-municipality" });
  });

  it("the unit stack builds every municipality, in kommunekode order", () => {
    const tenants = unitRun.resources.filter((r) => r.type === "driftsenhed:tenant:MunicipalityTenant").map((r) => r.name);
    expect(tenants).toEqual(["k147", "k400"]);
  });
});

describe("layout errors", () => {
  it("a municipality stack refuses a unit that uses the unit-stack layout, saying how to switch", async () => {
    await expect(runMunicipalityStack({ unit: unitLayout, code: "147", platform: { refs: fakeRefsData() } })).rejects.toThrow(
      "tenancy.layout is 'unit-stack', so municipality 147 belongs to the unit stack 'testenhed'. Set tenancy.layout: stack-per-municipality to deploy it as 'testenhed-147'",
    );
  });

  it("buildTenants refuses an unknown kommunekode, listing the known ones", () => {
    expect(() => buildTenants(unitLayout, fakeRefsData(), { only: "999" })).toThrow(
      "unit 'testenhed' has no municipality with kommunekode '999' (known: 147, 400)",
    );
  });

  it("buildTenants reports every municipality's problems at once, before building anything", () => {
    const badA = fullMunicipality();
    const badB = otherMunicipality();
    (badA.workloads[2] as { image: string }).image = "docker.io/a:1";
    (badB.workloads[1] as { image: string }).image = "docker.io/b:1";
    let caught: unknown;
    try {
      buildTenants(loadedUnit([badA, badB]), fakeRefsData());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TenantsConfigurationError);
    expect((caught as Error).message).toMatch(
      /do not fit the unit's platform:\n[\s\S]*stacks\/testenhed\/municipalities\/147-frederiksberg\.yaml {2}workloads\.2\.image {2}image 'docker\.io\/a:1'[\s\S]*400-bornholm\.yaml {2}workloads\.1\.image {2}image 'docker\.io\/b:1'/,
    );
    // Recognised as wrong input, with the file and the field of each finding.
    expect(isInputError(caught)).toBe(true);
    expect((caught as TenantsConfigurationError).findings.map((f) => [f.source, f.path])).toEqual([
      ["stacks/testenhed/municipalities/147-frederiksberg.yaml", "workloads.2.image"],
      ["stacks/testenhed/municipalities/400-bornholm.yaml", "workloads.1.image"],
    ]);
  });

  it.each([
    ["hovedstaden-101", { unitId: "hovedstaden", code: "101" }],
    ["nord-jylland-851", { unitId: "nord-jylland", code: "851" }],
    ["hovedstaden", undefined],
    ["hovedstaden-1010", undefined],
  ])("parseMunicipalityStackName(%s)", (stack, expected) => {
    expect(parseMunicipalityStackName(stack)).toEqual(expected);
  });
});
