import { describe, expect, it } from "vitest";
import { LIFECYCLES } from "../../../components/vocabulary/lifecycle.js";
import {
  dataResourceOptions,
  LIFECYCLE_ORDER,
  LIFECYCLE_SEMANTICS,
  lifecycleTableMarkdown,
  offboardingFreezeProblems,
} from "../../../components/tenant/lifecycle.js";

const release = { approvedBy: "Kommunaldirektør", date: "2028-02-01", reference: "SAG-2028-0042" };

describe("LIFECYCLE_SEMANTICS", () => {
  it("has exactly one row per lifecycle state of the schema, keyed by itself", () => {
    expect(Object.keys(LIFECYCLE_SEMANTICS).sort()).toEqual([...LIFECYCLES].sort());
    for (const s of LIFECYCLES) expect(LIFECYCLE_SEMANTICS[s].state).toBe(s);
    expect(LIFECYCLE_ORDER).toEqual(LIFECYCLES);
  });

  it.each([
    // state, spoke, sites, compute, new workloads, data-bearing, backup
    ["planned", false, false, false, true, "none", "none"],
    ["migrating", true, true, true, true, "protected", "running"],
    ["live", true, true, true, true, "protected", "running"],
    ["offboarding", true, true, true, false, "protected", "running"],
    ["retired", true, false, false, false, "retained", "stopped-retain-data"],
  ] as const)("%s: spoke=%s sites=%s compute=%s newWorkloads=%s data=%s backup=%s", (state, spoke, sites, compute, accepts, data, backup) => {
    const s = LIFECYCLE_SEMANTICS[state];
    expect([s.spoke, s.siteConnectivity, s.compute, s.acceptsNewWorkloads, s.dataBearing, s.backup]).toEqual([spoke, sites, compute, accepts, data, backup]);
    expect(s.meaning.length).toBeGreaterThan(40);
  });

  it("renders a README table with one row per state, generated from the constant", () => {
    const table = lifecycleTableMarkdown().split("\n");
    expect(table).toHaveLength(2 + LIFECYCLES.length);
    expect(table[0]).toMatch(/^\| lifecycle \| spoke \|/);
    expect(table[2]).toContain("| `planned` | no | no | no | yes | none | none |");
    expect(table[6]).toContain("| `retired` | yes | no | no | no | retained | stopped-retain-data |");
    for (const s of LIFECYCLES) expect(table.some((row) => row.includes(LIFECYCLE_SEMANTICS[s].meaning))).toBe(true);
  });
});

describe("dataResourceOptions", () => {
  it.each([
    ["planned", { protect: false, retainOnDelete: true }],
    ["migrating", { protect: true, retainOnDelete: true }],
    ["live", { protect: true, retainOnDelete: true }],
    ["offboarding", { protect: true, retainOnDelete: true }],
    ["retired", { protect: false, retainOnDelete: true }],
  ] as const)("%s without a data release: %o", (state, expected) => {
    expect(dataResourceOptions(state)).toEqual(expected);
  });

  it("arms deletion only for a retired municipality with a data release", () => {
    expect(dataResourceOptions("retired", release)).toEqual({ protect: false, retainOnDelete: false });
  });

  it.each(["planned", "migrating", "live", "offboarding"] as const)("refuses a data release while %s, naming the state and the fix", (state) => {
    expect(() => dataResourceOptions(state, release)).toThrow(new RegExp(`applies only to a retired municipality; lifecycle is '${state}'.*Set lifecycle: retired`));
  });
});

describe("offboardingFreezeProblems", () => {
  it("applies only while offboarding", () => {
    for (const s of ["planned", "migrating", "live", "retired"] as const) {
      expect(offboardingFreezeProblems(s, ["a", "new"], ["a"])).toEqual([]);
    }
  });

  it("accepts the frozen list and any subset of it (workloads may be removed)", () => {
    expect(offboardingFreezeProblems("offboarding", ["a", "b"], ["a", "b"])).toEqual([]);
    expect(offboardingFreezeProblems("offboarding", ["b"], ["a", "b"])).toEqual([]);
    expect(offboardingFreezeProblems("offboarding", [], ["a"])).toEqual([]);
  });

  it("names every added workload by index with the frozen list", () => {
    const problems = offboardingFreezeProblems("offboarding", ["a", "new1", "b", "new2"], ["a", "b"]);
    expect(problems.map((p) => p.path)).toEqual([
      ["workloads", 1, "name"],
      ["workloads", 3, "name"],
    ]);
    expect(problems[0]!.message).toBe("workload 'new1' is not in offboarding.frozenWorkloads (a, b); an offboarding municipality accepts no new workloads: remove the workload, or set lifecycle: live if the municipality is staying");
  });

  it("requires the frozen list when offboarding", () => {
    const problems = offboardingFreezeProblems("offboarding", ["a"], undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(["offboarding", "frozenWorkloads"]);
  });
});
