import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import * as k8s from "@pulumi/kubernetes";
import { runWithMocks, type RecordedResource } from "../../support/mocks.js";
import {
  applyPlatformTransformations,
  isProviderTypeAlias,
  stripProviderAliases,
  withoutProviderAliases,
} from "../../../components/transformations/strip-provider-aliases.js";

const VNET = "azure-native:network:VirtualNetwork";

class Holder extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:test:Holder", name, {}, opts);
    this.registerOutputs({});
  }
}

const KUBECONFIG = [
  "apiVersion: v1",
  "kind: Config",
  "clusters: [{name: c, cluster: {server: 'https://c.example.invalid'}}]",
  "contexts: [{name: c, context: {cluster: c, user: c}}]",
  "current-context: c",
  "users: [{name: c, user: {token: t}}]",
].join("\n");

/** The same resources, built with and without the stack transformation. */
function program(strip: boolean) {
  return async () => {
    const registered = applyPlatformTransformations({ stripProviderAliases: strip });
    const holder = new Holder("holder");
    const oldParent = new Holder("old-parent");
    const vnetArgs = { resourceGroupName: "rg", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } };
    new network.VirtualNetwork("plain", vnetArgs, { parent: holder });
    new network.VirtualNetwork(
      "own-aliases",
      vnetArgs,
      {
        parent: holder,
        aliases: [
          { name: "renamed-from" },
          { parent: oldParent },
          "urn:pulumi:test::driftsenhed::azure-native:network:VirtualNetwork::legacy-urn",
          { type: "azure-native:network:VirtualNetworkTap" },
          // Two keys: written by hand, even though the type is a versioned token.
          { type: "azure-native:network/v20230201:VirtualNetwork", name: "pinned" },
        ],
      },
    );
    new monitor.DiagnosticSetting("diag", { resourceUri: "/x", workspaceId: "/w" }, { parent: holder });
    const provider = new k8s.Provider("k8s", { kubeconfig: KUBECONFIG }, { parent: holder });
    new k8s.apps.v1.Deployment(
      "deploy",
      {
        spec: {
          selector: { matchLabels: { app: "a" } },
          template: { metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "a", image: "mcr.microsoft.com/a:1" }] } },
        },
      },
      { parent: holder, provider },
    );
    new Holder("component-with-alias", { parent: holder, aliases: [{ type: "driftsenhed:test:OldHolder" }] });
    return { registered: registered.length };
  };
}

function byName(resources: RecordedResource[], name: string): RecordedResource {
  const r = resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource named ${name}; saw ${resources.map((x) => x.name).join(", ")}`);
  return r;
}

describe("stripProviderAliases under the mock runtime", () => {
  let before: RecordedResource[] = [];
  let after: RecordedResource[] = [];
  let registeredWithout = -1;
  let registeredWith = -1;

  it("records the provider aliases when the transformation is off", async () => {
    const res = await runWithMocks(program(false), { stack: "aliases" });
    before = res.resources;
    registeredWithout = res.outputs.registered as number;
    expect(registeredWithout).toBe(0);
    // 60 versioned VirtualNetwork aliases in azure-native 3.28.
    expect(byName(before, "plain").aliasCount).toBe(60);
    expect(byName(before, "own-aliases").aliasCount).toBe(65);
    expect(byName(before, "diag").aliasCount).toBe(4);
  });

  it("drops exactly the provider aliases when it is on", async () => {
    const res = await runWithMocks(program(true), { stack: "aliases" });
    after = res.resources;
    registeredWith = res.outputs.registered as number;
    expect(registeredWith).toBe(1);
    expect(byName(after, "plain").aliasCount).toBe(0);
    // name, parent, URN string, different type, two-key alias.
    expect(byName(after, "own-aliases").aliasCount).toBe(5);
    // monitor:DiagnosticSetting's aliases are versioned + the legacy insights module: all provider-made.
    expect(byName(after, "diag").aliasCount).toBe(0);
  });

  it("leaves resources of other packages and components untouched", () => {
    for (const name of ["deploy", "k8s", "component-with-alias", "holder"]) {
      expect(byName(after, name).aliasCount, name).toBe(byName(before, name).aliasCount);
    }
    expect(byName(after, "deploy").aliasCount).toBe(3);
    expect(byName(after, "component-with-alias").aliasCount).toBe(1);
  });

  it("changes nothing but aliases", () => {
    // Same stack name in both runs, so URNs, parents, inputs and options must match one for one.
    const norm = (rs: RecordedResource[]) => rs.map((r) => ({ ...r, aliasCount: 0 })).sort((a, b) => a.urn.localeCompare(b.urn));
    expect(after.length).toBe(before.length);
    expect(norm(after)).toEqual(norm(before));
  });
});

describe("isProviderTypeAlias", () => {
  const cases: [string, string, unknown, boolean][] = [
    ["versioned, same module", VNET, { type: "azure-native:network/v20230201:VirtualNetwork" }, true],
    ["versioned preview", VNET, { type: "azure-native:network/v20150501preview:VirtualNetwork" }, true],
    ["legacy module", "azure-native:monitor:DiagnosticSetting", { type: "azure-native:insights:DiagnosticSetting" }, true],
    ["legacy module, versioned", "azure-native:monitor:DiagnosticSetting", { type: "azure-native:insights/v20210501preview:DiagnosticSetting" }, true],
    ["own type", VNET, { type: VNET }, false],
    ["other resource, same module", VNET, { type: "azure-native:network:Subnet" }, false],
    ["other resource, versioned", "azure-native:network:PrivateEndpoint", { type: "azure-native:network/v20190201:InterfaceEndpoint" }, false],
    ["other package", VNET, { type: "kubernetes:apps/v1beta1:VirtualNetwork" }, false],
    ["two keys", VNET, { type: "azure-native:network/v20230201:VirtualNetwork", name: "x" }, false],
    ["name only", VNET, { name: "old" }, false],
    ["URN string", VNET, "urn:pulumi:s::p::azure-native:network/v20230201:VirtualNetwork::x", false],
    ["type is an output", VNET, { type: pulumi.output("azure-native:network/v20230201:VirtualNetwork") }, false],
    ["an output alias", VNET, pulumi.output({ type: "azure-native:network/v20230201:VirtualNetwork" }), false],
    ["resource of another package", "kubernetes:apps/v1:Deployment", { type: "kubernetes:apps/v1beta1:Deployment" }, false],
    ["resource with a versioned type itself", "azure-native:network/v20230201:VirtualNetwork", { type: "azure-native:network/v20220101:VirtualNetwork" }, false],
    ["null", VNET, null, false],
    ["array", VNET, [{ type: "azure-native:network/v20230201:VirtualNetwork" }], false],
  ];
  it.each(cases)("%s", (_label, resourceType, alias, expected) => {
    expect(isProviderTypeAlias(resourceType, alias)).toBe(expected);
  });

  it("classifies every alias azure-native itself writes for VirtualNetwork as provider-made", () => {
    // Reads the aliases back through the transformation's own input.
    let seen: unknown[] = [];
    const spy: pulumi.ResourceTransformation = (a) => {
      seen = [...(a.opts.aliases ?? [])];
      return undefined;
    };
    // Not registered with an engine: the transformation throws before registration.
    const stop: pulumi.ResourceTransformation = () => {
      throw new Error("stop");
    };
    expect(
      () => new network.VirtualNetwork("probe", { resourceGroupName: "rg" }, { transformations: [spy, stop] }),
    ).toThrow("stop");
    expect(seen).toHaveLength(60);
    expect(seen.every((a) => isProviderTypeAlias(VNET, a))).toBe(true);
  });
});

describe("withoutProviderAliases (property)", () => {
  const module = fc.constantFrom("network", "insights", "monitor", "resources");
  const version = fc
    .tuple(fc.integer({ min: 2015, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom("", "preview", "privatepreview"))
    .map(([y, m, s]) => `v${y}${String(m).padStart(2, "0")}01${s}`);
  const providerAlias = fc
    .oneof(
      fc.tuple(module, version).map(([mod, v]) => `azure-native:${mod}/${v}:VirtualNetwork`),
      fc.constantFrom("insights", "resources").map((mod) => `azure-native:${mod}:VirtualNetwork`),
    )
    .map((type) => ({ kind: "provider" as const, alias: { type } }));
  const ownAlias = fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 12 }).map((name) => ({ name })),
      fc.string({ minLength: 1, maxLength: 12 }).map((name) => `urn:pulumi:s::p::${VNET}::${name}`),
      fc.constantFrom(
        { type: "azure-native:network:Subnet" },
        { type: VNET },
        { type: "driftsenhed:network:Vnet" },
        { type: "azure-native:network/v20230201:VirtualNetwork", name: "kept" },
        { noParent: true },
        { project: "other", type: "azure-native:insights:VirtualNetwork" },
      ),
    )
    .map((alias) => ({ kind: "own" as const, alias }));

  it("keeps exactly our own aliases, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(providerAlias, ownAlias), { maxLength: 80 }), (mix) => {
        const result = withoutProviderAliases(VNET, mix.map((m) => m.alias));
        expect(result).toEqual(mix.filter((m) => m.kind === "own").map((m) => m.alias));
      }),
    );
  });

  it("the transformation returns undefined when there is nothing to strip and never touches props", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(providerAlias, ownAlias), { maxLength: 40 }), (mix) => {
        const props = { a: 1 };
        const aliases = mix.map((m) => m.alias) as pulumi.Input<string | pulumi.Alias>[];
        const res = stripProviderAliases({ resource: undefined as never, type: VNET, name: "n", props, opts: { aliases } });
        const providerCount = mix.filter((m) => m.kind === "provider").length;
        if (providerCount === 0) {
          expect(res).toBeUndefined();
        } else {
          expect(res?.props).toBe(props);
          expect(res?.opts.aliases).toHaveLength(mix.length - providerCount);
        }
      }),
    );
  });
});
