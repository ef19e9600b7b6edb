import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { runWithMocks } from "../support/mocks.js";
import { loadConfigDir } from "../../packages/config/load.js";
import { expressRouteKeyName, expressRouteKeys, resolveStack, runStackProgram } from "../../stacks/run.js";

const CONFIG_DIR = "stacks";
const config = loadConfigDir(CONFIG_DIR);

describe("which stack a name means", () => {
  it.each([
    ["nordjylland", { unitId: "nordjylland" }],
    ["nordjylland-851", { unitId: "nordjylland", code: "851" }],
    // No such unit folder: left to the loader, which names the known units.
    ["vestjylland-851", { unitId: "vestjylland-851" }],
    ["elsewhere", { unitId: "elsewhere" }],
  ])("%s", (stack, expected) => {
    expect(resolveStack(CONFIG_DIR, stack)).toEqual(expected);
  });
});

describe("ExpressRoute authorisation keys", () => {
  it("are asked for exactly the ExpressRoute sites, under their documented names", () => {
    const unit = config.units.find((u) => u.id === "hovedstaden")!;
    const asked: string[] = [];
    const keys = expressRouteKeys(unit, (name) => {
      asked.push(name);
      return pulumi.secret(`key-of-${name}`);
    });
    const erSites = unit.municipalities.flatMap((m) =>
      m.config.network.sites.filter((s) => s.connection.type === "expressRoute").map((s) => expressRouteKeyName(m.config.code, s.name)),
    );
    expect(erSites.length).toBeGreaterThan(0);
    expect(asked.sort()).toEqual(erSites.sort());
    expect(Object.values(keys).flatMap((k) => Object.keys(k)).length).toBe(erSites.length);
  });

  it("are left out when the stack has none configured", () => {
    const unit = config.units.find((u) => u.id === "hovedstaden")!;
    expect(expressRouteKeys(unit, () => undefined)).toEqual({});
  });
});

describe("the unit stack", () => {
  it("onboards every municipality of a unit-stack unit by default", async () => {
    const unit = config.units.find((u) => u.id === "nordjylland")!;
    expect(unit.config.tenancy.layout).toBe("unit-stack");
    const { resources } = await runWithMocks(() => runStackProgram(CONFIG_DIR, "nordjylland"), { stack: "nordjylland", preview: true });
    const tenants = resources.filter((r) => r.type === "driftsenhed:tenant:MunicipalityTenant").map((r) => r.name).sort();
    expect(tenants).toEqual(unit.municipalities.map((m) => `k${m.config.code}`).sort());
  });

  it("refuses a municipality stack for a unit that keeps its tenants in the unit stack, saying how to change layout", async () => {
    await expect(
      runWithMocks(() => runStackProgram(CONFIG_DIR, "nordjylland-851"), { stack: "nordjylland-851", preview: true }),
    ).rejects.toThrow(/tenancy\.layout is 'unit-stack'.*stack-per-municipality/s);
  });
});
