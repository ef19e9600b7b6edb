/**
 * The data-bearing resources a change loses (packages/tools/plan/data-loss.ts):
 * planned at the base and not now, under their URN or the one a renamedFrom
 * alias keeps; a dataRelease whose date has passed releases them.
 */
import { describe, expect, it } from "vitest";
import { dataBearingLosses, releasedCodes } from "../../../packages/tools/plan/data-loss.js";
import type { LoadedUnit } from "../../../packages/config/load.js";
import type { PlanDocument } from "../../../packages/tools/plan/types.js";

const P = "urn:pulumi:nord::driftsenhed::driftsenhed:tenant:MunicipalityTenant$driftsenhed:tenant:VirtualMachineWorkload$";
const res = (type: string, name: string) => ({ urn: `${P}${type}::${name}`, type, name, municipality: "851" });
const doc = (resources: ReturnType<typeof res>[]) => ({ units: [{ stacks: [{ stack: "nord", resources }] }] }) as unknown as PlanDocument;
const units = (workloads: { name: string; renamedFrom?: string }[], dataRelease?: { date: string }) =>
  [{ id: "nord", municipalities: [{ file: "f", config: { code: "851", workloads, network: { sites: [] }, ...(dataRelease ? { dataRelease } : {}) } }] }] as unknown as LoadedUnit[];

const DISK = "azure-native:compute:Disk";
const NIC = "azure-native:network:NetworkInterface";

describe("dataBearingLosses", () => {
  it("a data-bearing resource gone is a loss; one without data is not", () => {
    const losses = dataBearingLosses(doc([res(DISK, "k851-sql-data-disk"), res(NIC, "k851-sql-nic")]), doc([]), units([]));
    expect(losses.map((l) => [l.type, l.urn.split("::").pop(), l.municipality])).toEqual([[DISK, "k851-sql-data-disk", "851"]]);
  });

  it("a resource under a new URN (a swap, a move) is a loss; under the URN a renamedFrom alias keeps, it is not", () => {
    const base = doc([res(DISK, "k851-sql-data-disk")]);
    const head = doc([res(DISK, "k851-database-data-disk")]);
    expect(dataBearingLosses(base, head, units([{ name: "database" }]))).toHaveLength(1);
    expect(dataBearingLosses(base, head, units([{ name: "database", renamedFrom: "sql" }]))).toEqual([]);
  });

  it("a dataRelease releases a municipality's data only once its date has passed", () => {
    expect([...releasedCodes(units([], { date: "2026-05-01" }), "2026-06-01")]).toEqual(["851"]);
    expect([...releasedCodes(units([], { date: "2026-07-01" }), "2026-06-01")]).toEqual([]);
  });
});
