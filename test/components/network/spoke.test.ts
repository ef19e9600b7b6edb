import { beforeAll, describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { runWithMocks, type RecordedResource } from "../../support/mocks.js";
import { Spoke, spokeArgsProblems, type HubConnection, type SpokeArgs } from "../../../components/network/spoke.js";
import { tenantTags } from "../../../components/vocabulary/tags.js";
import { oneOf, ofType, typeCounts, wronglyParented } from "./support.js";

const WORKSPACE = "/subscriptions/0/resourceGroups/rg-u1-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-u1";
const HUB_VNET_ID = "/subscriptions/0/resourceGroups/rg-u1-hub/providers/Microsoft.Network/virtualNetworks/vnet-u1-hub";

function hub(withGateway: boolean): HubConnection {
  return {
    resourceGroupName: "rg-u1-hub",
    vnetName: "vnet-u1-hub",
    vnetId: HUB_VNET_ID,
    addressSpace: "10.64.0.0/22",
    firewallPrivateIp: "10.64.0.4",
    ...(withGateway ? { gateway: { routeTableName: "rt-u1-gateway" } } : {}),
  };
}

function spokeArgs(code: string, range: string, subnetPrefixes: [string, string], withGateway = true): SpokeArgs {
  return {
    unitId: "u1",
    key: `k${code}`,
    location: "denmarkeast",
    addressSpace: range,
    hub: hub(withGateway),
    workspaceId: WORKSPACE,
    tags: tenantTags({
      unitId: "u1",
      ean: "5798000000001",
      costCentre: "it",
      code,
      municipality: `m${code}`,
      dataClassification: "personal",
      lifecycle: "live",
    }),
    subnets: {
      servers: {
        addressPrefix: subnetPrefixes[0],
        nsgRules: [
          {
            name: "allow-https-from-site",
            priority: 200,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefixes: ["192.168.10.0/24", "192.168.11.0/24"],
            destinationAddressPrefixes: [subnetPrefixes[0]],
            destinationPortRanges: ["443"],
          },
        ],
      },
      "sql-mi": { addressPrefix: subnetPrefixes[1], delegation: "Microsoft.Sql/managedInstances" },
    },
  };
}

const inputs = (r: RecordedResource) => r.inputs as Record<string, any>;

describe("two municipality spokes on a hub with a gateway", () => {
  let rs: RecordedResource[] = [];
  beforeAll(async () => {
    const res = await runWithMocks(
      async () => {
        new Spoke("k101", spokeArgs("101", "10.64.16.0/24", ["10.64.16.0/25", "10.64.16.128/26"]));
        new Spoke("k147", spokeArgs("147", "10.64.17.0/24", ["10.64.17.0/25", "10.64.17.128/26"]));
      },
      { stack: "u1" },
    );
    rs = res.resources;
  });

  it("registers exactly these resources per spoke", () => {
    expect(typeCounts(rs.filter((r) => r.type !== "pulumi:pulumi:Stack"))).toEqual({
      "azure-native:monitor:DiagnosticSetting": 2 * 3, // network + two NSGs
      "azure-native:network:NetworkSecurityGroup": 2 * 2,
      "azure-native:network:Route": 2,
      "azure-native:network:RouteTable": 2,
      "azure-native:network:Subnet": 2 * 2,
      "azure-native:network:VirtualNetwork": 2,
      "azure-native:network:VirtualNetworkPeering": 2 * 2,
      "azure-native:resources:ResourceGroup": 2,
      "driftsenhed:network:Spoke": 2,
    });
    expect(ofType(rs, "azure-native:network:PublicIPAddress")).toEqual([]);
    expect(wronglyParented(rs)).toEqual([]);
  });

  it("creates every subnet with its own NSG inline, the spoke's route table and no default outbound access", () => {
    for (const r of ofType(rs, "azure-native:network:Subnet")) {
      const s = inputs(r);
      const spoke = s.virtualNetworkName.replace("vnet-u1-", "");
      const key = s.subnetName.replace("snet-", "");
      expect(s.defaultOutboundAccess, s.subnetName).toBe(false);
      expect(s.networkSecurityGroup.id).toMatch(new RegExp(`/NetworkSecurityGroup/nsg-u1-${spoke}-${key}$`));
      expect(s.routeTable.id).toMatch(new RegExp(`/RouteTable/rt-u1-${spoke}$`));
    }
    const delegated = inputs(oneOf(rs, "azure-native:network:Subnet", (r) => inputs(r).addressPrefix === "10.64.16.128/26"));
    expect(delegated.delegations).toEqual([{ name: "microsoft-sql-managedinstances", serviceName: "Microsoft.Sql/managedInstances" }]);
  });

  it("sends 0.0.0.0/0 to the firewall and ignores BGP routes", () => {
    for (const r of ofType(rs, "azure-native:network:RouteTable")) {
      expect(inputs(r).routes).toEqual([{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.64.0.4" }]);
      expect(inputs(r).disableBgpRoutePropagation).toBe(true);
    }
    for (const r of ofType(rs, "azure-native:network:VirtualNetwork")) expect(inputs(r).dhcpOptions).toEqual({ dnsServers: ["10.64.0.4"] });
  });

  it("peers with the hub only, using the hub's gateway, and routes the sites' return path through the firewall", () => {
    const peerings = ofType(rs, "azure-native:network:VirtualNetworkPeering").map(inputs);
    const toHub = peerings.filter((p) => p.virtualNetworkPeeringName === "peer-to-hub");
    const fromHub = peerings.filter((p) => p.virtualNetworkName === "vnet-u1-hub");
    expect(toHub).toHaveLength(2);
    expect(fromHub).toHaveLength(2);
    for (const p of toHub) {
      expect(p).toMatchObject({ remoteVirtualNetwork: { id: HUB_VNET_ID }, useRemoteGateways: true, allowGatewayTransit: false, allowForwardedTraffic: true });
    }
    for (const p of fromHub) {
      expect(p).toMatchObject({ resourceGroupName: "rg-u1-hub", allowGatewayTransit: true, useRemoteGateways: false, allowForwardedTraffic: false });
    }
    // No peering anywhere points at another spoke.
    const spokeVnets = ofType(rs, "azure-native:network:VirtualNetwork").map((r) => r.id);
    for (const p of toHub) expect(spokeVnets).not.toContain(p.remoteVirtualNetwork.id);
    const routes = ofType(rs, "azure-native:network:Route").map(inputs);
    expect(routes.map((r) => [r.routeTableName, r.addressPrefix, r.nextHopIpAddress]).sort()).toEqual([
      ["rt-u1-gateway", "10.64.16.0/24", "10.64.0.4"],
      ["rt-u1-gateway", "10.64.17.0/24", "10.64.0.4"],
    ]);
  });

  it("ends every NSG with the guard: inbound only from the spoke's own range, never from the other spoke", () => {
    for (const r of ofType(rs, "azure-native:network:NetworkSecurityGroup")) {
      const rules = inputs(r).securityRules as any[];
      const own = inputs(r).networkSecurityGroupName.includes("k101") ? "10.64.16.0/24" : "10.64.17.0/24";
      const other = own === "10.64.16.0/24" ? "10.64.17.0/24" : "10.64.16.0/24";
      expect(rules.slice(-3).map((x) => [x.name, x.priority, x.access])).toEqual([
        ["guard-allow-inbound-own-network", 4000, "Allow"],
        ["guard-allow-inbound-load-balancer", 4010, "Allow"],
        ["guard-deny-inbound-all-other", 4096, "Deny"],
      ]);
      expect(rules.at(-3).sourceAddressPrefix).toBe(own);
      const allowsOther = rules.some((x) => x.direction === "Inbound" && x.access === "Allow" && (x.sourceAddressPrefix === other || (x.sourceAddressPrefixes ?? []).includes(other)));
      expect(allowsOther).toBe(false);
    }
    const servers = inputs(oneOf(rs, "azure-native:network:NetworkSecurityGroup", (r) => inputs(r).networkSecurityGroupName === "nsg-u1-k101-servers"));
    expect(servers.securityRules[0]).toMatchObject({
      name: "allow-https-from-site",
      sourceAddressPrefixes: ["192.168.10.0/24", "192.168.11.0/24"],
      destinationAddressPrefix: "10.64.16.0/25",
      destinationPortRange: "443",
    });
  });
});

describe("a spoke on a hub without a gateway", () => {
  it("neither uses nor offers gateway transit and adds no gateway route", async () => {
    const { resources } = await runWithMocks(
      async () => {
        new Spoke("k101", spokeArgs("101", "10.64.16.0/24", ["10.64.16.0/25", "10.64.16.128/26"], false));
      },
      { stack: "u1" },
    );
    for (const p of ofType(resources, "azure-native:network:VirtualNetworkPeering").map(inputs)) {
      expect(p.useRemoteGateways).toBe(false);
      expect(p.allowGatewayTransit).toBe(false);
    }
    expect(ofType(resources, "azure-native:network:Route")).toEqual([]);
  });
});

describe("spoke identity", () => {
  it("does not depend on the order subnets are written in (property)", async () => {
    const base = spokeArgs("101", "10.64.16.0/24", ["10.64.16.0/25", "10.64.16.128/26"]).subnets;
    const extra = { addressPrefix: "10.64.16.192/27" };
    const all = { ...base, extra } as Record<string, (typeof base)[string]>;
    const orders = fc.sample(fc.shuffledSubarray(Object.keys(all), { minLength: 3, maxLength: 3 }), { numRuns: 3, seed: 7 });
    const snapshots: string[] = [];
    for (const order of orders) {
      const subnets = Object.fromEntries(order.map((k) => [k, all[k]!]));
      const { resources } = await runWithMocks(
        async () => {
          new Spoke("k101", { ...spokeArgs("101", "10.64.16.0/24", ["10.64.16.0/25", "10.64.16.128/26"]), subnets });
        },
        { stack: "u1" },
      );
      snapshots.push(JSON.stringify(resources.map((r) => [r.urn, r.inputs, r.dependencies]).sort()));
    }
    expect(new Set(snapshots).size).toBe(1);
  });
});

describe("spoke argument errors", () => {
  it("reports every problem with its field path at once", () => {
    const args = spokeArgs("101", "10.64.16.0/24", ["10.64.16.0/25", "10.64.16.64/26"]);
    args.subnets.servers!.nsgRules!.push({
      name: "rdp-from-anywhere",
      priority: 4050,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefixes: ["Internet"],
      destinationAddressPrefixes: ["*"],
      destinationPortRanges: ["3000-4000"],
    });
    args.subnets["Bad_Key"] = { addressPrefix: "10.64.99.0/24" };
    const problems = spokeArgsProblems(args);
    expect(problems).toEqual(
      expect.arrayContaining([
        "subnets.sql-mi.addressPrefix: 10.64.16.64/26 overlaps subnet 'servers' (10.64.16.0/25)",
        "subnets.Bad_Key: the key must be 2-24 lower-case letters, digits and hyphens",
        "subnets.Bad_Key.addressPrefix: 10.64.99.0/24 lies outside the network's address space 10.64.16.0/24",
        "subnets.servers.nsgRules: rule 'rdp-from-anywhere': priority 4050 is outside 100-3999 (4000-4096 are the platform's guard rules)",
        "subnets.servers.nsgRules: rule 'rdp-from-anywhere': allows port 3389 from 'Internet'; management ports are reached through Bastion or the VPN, never from the internet",
      ]),
    );
    expect(() => new Spoke("bad", args)).toThrow(/^driftsenhed:network:Spoke bad: invalid arguments\ndriftsenhed:network:Spoke bad {2}subnets\./);
  });

  it("refuses a spoke that overlaps the hub", () => {
    const args = spokeArgs("101", "10.64.0.0/24", ["10.64.0.0/25", "10.64.0.128/26"]);
    expect(spokeArgsProblems(args)).toContain("addressSpace 10.64.0.0/24 overlaps the hub's 10.64.0.0/22");
  });
});
