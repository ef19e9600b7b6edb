/**
 * A deliberate rename (`renamedFrom` on a workload or a site): every resource
 * whose logical name derives from the old name carries an alias to its old
 * logical name, so its URN (its state) is kept, and its Azure names stay the
 * old ones, so nothing is replaced. Proven under the mock runtime against the
 * same tenant before the rename.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as pulumi from "@pulumi/pulumi";
import { runWithMocks, type MockRunResult } from "../../support/mocks.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import type { MunicipalityConfig } from "../../../packages/config/schema/municipality.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import { fakeRefs, fullMunicipality, unitConfig } from "./fixture.js";

const RENAMES = { workloads: { "esdh-sql": "esdh-database", selvbetjening: "borgerservice" }, sites: { datacenter: "datacentret" } } as const;

/** The file after renaming each workload and site in RENAMES, with renamedFrom, and the ports that name the site. */
function renamedMunicipality(): MunicipalityConfig {
  const m = structuredClone(fullMunicipality());
  const site = (s: string) => (RENAMES.sites as Record<string, string>)[s] ?? s;
  m.network.sites = m.network.sites.map((s) => (s.name in RENAMES.sites ? { ...s, name: site(s.name), renamedFrom: s.name } : s));
  m.workloads = m.workloads.map((w) => {
    const renamed = (RENAMES.workloads as Record<string, string>)[w.name];
    const moved = renamed ? { ...w, name: renamed, renamedFrom: w.name } : w;
    return moved.kind === "vm" ? { ...moved, ports: moved.ports.map((p) => (p.from === "all" ? p : { ...p, from: p.from.map(site) })) } : moved;
  });
  return m;
}

interface Registration {
  type: string;
  name: string;
  aliases: string[];
}

/** Runs the tenant and captures the aliases the program gives each resource (before the SDK adds its own). */
async function plan(m: MunicipalityConfig): Promise<{ run: MockRunResult; registrations: Registration[] }> {
  const registrations: Registration[] = [];
  const capture: pulumi.ResourceTransformation = (a) => {
    // The provider's own versioned type aliases (`{ type }`) are not ours; name aliases are.
    const named = (a.opts.aliases ?? []).flatMap((x) => (typeof x === "object" && x !== null && "name" in x && (x as pulumi.Alias).name !== undefined ? [String((x as pulumi.Alias).name)] : []));
    registrations.push({ type: a.type, name: a.name, aliases: named });
    return undefined;
  };
  const run = await runWithMocks(
    () => {
      new MunicipalityTenant("k147", toTenantArgs(unitConfig(), m, fakeRefs()), { transformations: [capture] });
    },
    { stack: "testenhed" },
  );
  return { run, registrations };
}

let before: Awaited<ReturnType<typeof plan>>;
let after: Awaited<ReturnType<typeof plan>>;
beforeAll(async () => {
  before = await plan(fullMunicipality());
  after = await plan(renamedMunicipality());
});

const key = (type: string, name: string) => `${type} ${name}`;
const oldName = (name: string): string => {
  for (const [from, to] of [...Object.entries(RENAMES.workloads), ...Object.entries(RENAMES.sites)]) {
    for (const prefix of ["k147-", "k147-sites-", "k147-containers-"]) {
      if (name === `${prefix}${to}` || name.startsWith(`${prefix}${to}-`)) return `${prefix}${from}${name.slice(`${prefix}${to}`.length)}`;
    }
  }
  return name;
};

describe("renamedFrom", () => {
  it("every resource named from a renamed workload or site carries an alias to its old logical name, which existed before", () => {
    const existed = new Set(before.registrations.map((r) => key(r.type, r.name)));
    const renamed = after.registrations.filter((r) => oldName(r.name) !== r.name);
    // The servers, their disks, secrets and backup item, the containers' objects, and the site's gateway, key, NAT rule and connection.
    expect(renamed.length).toBeGreaterThanOrEqual(20);
    for (const r of renamed) {
      expect({ resource: key(r.type, r.name), aliases: r.aliases }).toEqual({ resource: key(r.type, r.name), aliases: [oldName(r.name)] });
      expect(existed.has(key(r.type, oldName(r.name))), `${key(r.type, oldName(r.name))} existed before the rename`).toBe(true);
    }
    expect(renamed.map((r) => key(r.type, r.name))).toEqual(
      expect.arrayContaining([
        "driftsenhed:tenant:VirtualMachineWorkload k147-esdh-database",
        "azure-native:compute:Disk k147-esdh-database-sqldata-disk",
        "azure-native:keyvault:Secret k147-esdh-database-admin-secret",
        "random:index/randomPassword:RandomPassword k147-esdh-database-admin-password",
        "azure-native:recoveryservices:ProtectedItem k147-esdh-database-backup",
        "kubernetes:apps/v1:Deployment k147-containers-borgerservice-deployment",
        "random:index/randomPassword:RandomPassword k147-sites-datacentret-shared-key",
        "azure-native:network:VirtualNetworkGatewayNatRule k147-sites-datacentret-nat",
      ]),
    );
  });

  it("nothing else gets an alias, and the set of resources is the same apart from the renamed names", () => {
    const others = after.registrations.filter((r) => oldName(r.name) === r.name);
    expect(others.filter((r) => r.aliases.length > 0).map((r) => r.name)).toEqual([]);
    const beforeKeys = before.registrations.map((r) => key(r.type, r.name)).sort();
    expect(after.registrations.map((r) => key(r.type, oldName(r.name))).sort()).toEqual(beforeKeys);
  });

  it("Azure names keep the old name: no disk, server, secret or tunnel is replaced", () => {
    const physical = (run: MockRunResult, type: string, field: string) =>
      run.resources.filter((r) => r.type === type).map((r) => String(r.inputs[field])).sort();
    for (const [type, field] of [
      ["azure-native:compute:Disk", "diskName"],
      ["azure-native:compute:VirtualMachine", "vmName"],
      ["azure-native:keyvault:Secret", "secretName"],
      ["azure-native:network:LocalNetworkGateway", "localNetworkGatewayName"],
      ["azure-native:network:VirtualNetworkGatewayConnection", "virtualNetworkGatewayConnectionName"],
    ] as const) {
      expect(physical(after.run, type, field), type).toEqual(physical(before.run, type, field));
    }
  });

  it("the engine receives the aliases: a renamed resource sends more than the same resource unrenamed", () => {
    const count = (run: MockRunResult, name: string) => run.resources.find((r) => r.name === name)!.aliasCount;
    expect(count(after.run, "k147-esdh-database-sqldata-disk")).toBeGreaterThan(count(before.run, "k147-esdh-sql-sqldata-disk"));
    expect(count(after.run, "k147-sftp-gw-vm")).toBe(count(before.run, "k147-sftp-gw-vm"));
  });
});
