import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type RecordedResource } from "../../support/mocks.js";
import { Hub, type HubArgs } from "../../../components/network/hub.js";
import { privateDnsZoneNames } from "../../../components/network/dns.js";
import { platformTags } from "../../../components/vocabulary/tags.js";
import { oneOf, ofType, parentType, typeCounts, typeMultiset, wronglyParented } from "./support.js";

const WORKSPACE = "/subscriptions/0/resourceGroups/rg-u1-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-u1";
const tags = platformTags({ unitId: "u1", ean: "5798000000001", costCentre: "it-drift" });

function fullArgs(): HubArgs {
  return {
    unitId: "u1",
    location: "denmarkeast",
    addressSpace: "10.64.0.0/22",
    unitAddressSpace: "10.64.0.0/16",
    clusterAddressSpace: "10.64.8.0/22",
    firewall: { sku: "Premium", zones: ["1", "2", "3"], threatIntelMode: "Deny", idpsMode: "Deny", managementNic: true },
    vpnGateway: { mode: "enabled", sku: "VpnGw2AZ", bgpAsn: 65010 },
    expressRoute: { mode: "enabled", sku: "ErGw1AZ" },
    bastion: { mode: "enabled", sku: "Standard" },
    ddosProtection: { mode: "enabled" },
    workspaceId: WORKSPACE,
    tags,
  };
}

function minimalArgs(): HubArgs {
  return {
    ...fullArgs(),
    firewall: { sku: "Standard", zones: ["1", "2", "3"], threatIntelMode: "Deny", idpsMode: "Off" },
    vpnGateway: { mode: "disabled" },
    expressRoute: { mode: "disabled" },
    bastion: { mode: "disabled" },
    ddosProtection: { mode: "disabled" },
  };
}

async function build(args: HubArgs): Promise<RecordedResource[]> {
  const res = await runWithMocks(
    async () => {
      const hub = new Hub("hub", args);
      return { firewallPrivateIp: hub.firewallPrivateIp };
    },
    { stack: "u1" },
  );
  return res.resources;
}

const inputs = (r: RecordedResource) => r.inputs as Record<string, any>;

describe("Hub with every feature enabled", () => {
  let rs: RecordedResource[] = [];
  beforeAll(async () => {
    rs = await build(fullArgs());
  });

  it("registers exactly these resources", () => {
    const expected: Record<string, number> = {
      "azure-native:monitor:DiagnosticSetting": 14,
      "azure-native:network:AzureFirewall": 1,
      "azure-native:network:BastionHost": 1,
      "azure-native:network:DdosProtectionPlan": 1,
      "azure-native:network:FirewallPolicy": 1,
      "azure-native:network:FirewallPolicyRuleCollectionGroup": 1,
      "azure-native:network:NetworkSecurityGroup": 3,
      "azure-native:network:PublicIPAddress": 6,
      "azure-native:network:Route": 2,
      "azure-native:network:RouteTable": 2,
      "azure-native:network:Subnet": 6,
      "azure-native:network:VirtualNetwork": 1,
      "azure-native:network:VirtualNetworkGateway": 2,
      "azure-native:privatedns:PrivateZone": 8,
      "azure-native:privatedns:VirtualNetworkLink": 8,
      "azure-native:resources:ResourceGroup": 1,
      "driftsenhed:network:Hub": 1,
      "driftsenhed:network:HubBastion": 1,
      "driftsenhed:network:HubExpressRouteGateway": 1,
      "driftsenhed:network:HubFirewall": 1,
      "driftsenhed:network:HubVpnGateway": 1,
      "driftsenhed:network:PrivateDnsZones": 1,
    };
    const counts = typeCounts(rs.filter((r) => r.type !== "pulumi:pulumi:Stack"));
    expect(counts).toEqual(expected);
    const multiset = Object.entries(expected).flatMap(([t, n]) => Array<string>(n).fill(t)).sort();
    expect(typeMultiset(rs, (r) => r.type !== "pulumi:pulumi:Stack")).toEqual(multiset);
  });

  it("parents every azure-native resource to a driftsenhed component", () => {
    expect(wronglyParented(rs)).toEqual([]);
  });

  it("configures the firewall policy to deny threats, run IDPS in Deny and proxy DNS", () => {
    const policy = inputs(oneOf(rs, "azure-native:network:FirewallPolicy"));
    expect(policy.threatIntelMode).toBe("Deny");
    expect(policy.intrusionDetection).toEqual({ mode: "Deny" });
    expect(policy.dnsSettings).toEqual({ enableProxy: true, requireProxyForNetworkRules: true });
    expect(policy.sku).toEqual({ tier: "Premium" });
  });

  it("deploys a zone-redundant Premium firewall whose address the plan predicts", () => {
    const fw = inputs(oneOf(rs, "azure-native:network:AzureFirewall"));
    expect(fw.sku).toEqual({ name: "AZFW_VNet", tier: "Premium" });
    expect(fw.zones).toEqual(["1", "2", "3"]);
    expect(fw.firewallPolicy.id).toContain("/FirewallPolicy/afwp-u1");
    expect(fw.ipConfigurations[0].subnet.id).toContain("AzureFirewallSubnet");
    expect(fw.managementIpConfiguration.subnet.id).toContain("AzureFirewallManagementSubnet");
    // Every egress route points at AzureFirewallSubnet's first usable address.
    const egress = inputs(oneOf(rs, "azure-native:network:RouteTable", (r) => inputs(r).routeTableName === "rt-u1-hub"));
    expect(egress.routes).toEqual([{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.64.0.4" }]);
    expect(egress.disableBgpRoutePropagation).toBe(true);
  });

  it("has a base rule collection group of allow-only platform essentials (default deny is the firewall's)", () => {
    const group = inputs(oneOf(rs, "azure-native:network:FirewallPolicyRuleCollectionGroup"));
    expect(group.priority).toBe(100);
    const collections = group.ruleCollections as any[];
    expect(collections.map((c) => [c.name, c.action.type])).toEqual([
      ["platform-network-essentials", "Allow"],
      ["platform-application-essentials", "Allow"],
    ]);
    const aks = collections[1].rules.find((r: any) => r.name === "aks-required");
    expect(aks.sourceAddresses).toEqual(["10.64.8.0/22"]);
    for (const c of collections) for (const r of c.rules) expect(r.sourceAddresses).not.toContain("*");
  });

  it("carves the fixed subnets and gives them no default outbound access", () => {
    const subnets = ofType(rs, "azure-native:network:Subnet").map(inputs);
    expect(Object.fromEntries(subnets.map((s) => [s.subnetName, s.addressPrefix]))).toEqual({
      AzureFirewallSubnet: "10.64.0.0/26",
      AzureFirewallManagementSubnet: "10.64.0.64/26",
      GatewaySubnet: "10.64.0.128/26",
      AzureBastionSubnet: "10.64.0.192/26",
      "snet-shared-services": "10.64.1.0/24",
      "snet-private-endpoints": "10.64.2.0/24",
    });
    for (const s of subnets) expect(s.defaultOutboundAccess, s.subnetName).toBe(false);
  });

  it("creates each NSG-capable subnet with its NSG inline, and routes the workload subnets through the firewall", () => {
    const subnets = new Map(ofType(rs, "azure-native:network:Subnet").map((r) => [inputs(r).subnetName as string, inputs(r)]));
    for (const name of ["AzureBastionSubnet", "snet-shared-services", "snet-private-endpoints"]) {
      expect(subnets.get(name)!.networkSecurityGroup?.id, name).toMatch(/NetworkSecurityGroup\/nsg-u1-hub-/);
    }
    for (const name of ["AzureFirewallSubnet", "AzureFirewallManagementSubnet", "GatewaySubnet"]) {
      expect(subnets.get(name)!.networkSecurityGroup, name).toBeUndefined();
    }
    expect(subnets.get("snet-shared-services")!.routeTable.id).toContain("rt-u1-hub");
    expect(subnets.get("snet-private-endpoints")!.routeTable.id).toContain("rt-u1-hub");
    expect(subnets.get("GatewaySubnet")!.routeTable.id).toContain("rt-u1-gateway");
    const gwRoutes = ofType(rs, "azure-native:network:Route").map(inputs);
    expect(gwRoutes.map((r) => [r.addressPrefix, r.nextHopType, r.nextHopIpAddress]).sort()).toEqual([
      ["10.64.1.0/24", "VirtualAppliance", "10.64.0.4"],
      ["10.64.2.0/24", "VirtualAppliance", "10.64.0.4"],
    ]);
    const sharedNsg = inputs(oneOf(rs, "azure-native:network:NetworkSecurityGroup", (r) => inputs(r).networkSecurityGroupName === "nsg-u1-hub-shared-services"));
    expect(sharedNsg.securityRules.at(-1)).toMatchObject({ name: "guard-deny-inbound-all-other", access: "Deny", direction: "Inbound", priority: 4096 });
  });

  it("has public IPs only for the firewall, the gateways and Bastion, all Standard, zone-redundant and platform-tagged", () => {
    const pips = ofType(rs, "azure-native:network:PublicIPAddress");
    expect(pips.map((p) => parentType(rs, p)).sort()).toEqual([
      "driftsenhed:network:HubBastion",
      "driftsenhed:network:HubExpressRouteGateway",
      "driftsenhed:network:HubFirewall",
      "driftsenhed:network:HubFirewall",
      "driftsenhed:network:HubVpnGateway",
      "driftsenhed:network:HubVpnGateway",
    ]);
    for (const p of pips.map(inputs)) {
      expect(p.sku).toEqual({ name: "Standard", tier: "Regional" });
      expect(p.zones).toEqual(["1", "2", "3"]);
      expect(p.tags.kommunekode).toBe("platform");
    }
  });

  it("builds an active-active, zone-redundant VPN gateway with BGP", () => {
    const vpn = inputs(oneOf(rs, "azure-native:network:VirtualNetworkGateway", (r) => inputs(r).gatewayType === "Vpn"));
    expect(vpn).toMatchObject({
      sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
      activeActive: true,
      enableBgp: true,
      bgpSettings: { asn: 65010 },
      vpnType: "RouteBased",
    });
    expect(vpn.ipConfigurations).toHaveLength(2);
    expect(new Set(vpn.ipConfigurations.map((c: any) => c.publicIPAddress.id)).size).toBe(2);
    const er = inputs(oneOf(rs, "azure-native:network:VirtualNetworkGateway", (r) => inputs(r).gatewayType === "ExpressRoute"));
    expect(er.sku).toEqual({ name: "ErGw1AZ", tier: "ErGw1AZ" });
  });

  it("deploys Bastion Standard with tunnelling, shareable links and IP connect off", () => {
    const bas = inputs(oneOf(rs, "azure-native:network:BastionHost"));
    expect(bas).toMatchObject({ sku: { name: "Standard" }, enableTunneling: false, enableShareableLink: false, enableIpConnect: false, enableFileCopy: false });
  });

  it("hosts the eight private DNS zones, each linked to the hub network without auto-registration", () => {
    const zones = ofType(rs, "azure-native:privatedns:PrivateZone").map((r) => inputs(r).privateZoneName).sort();
    expect(zones).toEqual(Object.values(privateDnsZoneNames("denmarkeast")).sort());
    expect(zones).toContain("privatelink.denmarkeast.azmk8s.io");
    const links = ofType(rs, "azure-native:privatedns:VirtualNetworkLink").map(inputs);
    expect(links.map((l) => l.privateZoneName).sort()).toEqual(zones);
    for (const l of links) {
      expect(l.virtualNetwork.id).toContain("/VirtualNetwork/vnet-u1-hub");
      expect(l.registrationEnabled).toBe(false);
    }
  });

  it("attaches the DDoS protection plan to the hub network", () => {
    const vnet = inputs(oneOf(rs, "azure-native:network:VirtualNetwork"));
    expect(vnet.enableDdosProtection).toBe(true);
    expect(vnet.ddosProtectionPlan.id).toContain("/DdosProtectionPlan/ddos-u1");
  });

  it("sends diagnostics of the firewall, gateways, Bastion, public IPs, NSGs and the network to the workspace", () => {
    const diags = ofType(rs, "azure-native:monitor:DiagnosticSetting").map(inputs);
    for (const d of diags) expect(d.workspaceId).toBe(WORKSPACE);
    const targets = diags.map((d) => String(d.resourceUri).split("/providers/")[1]!.split("/")[1]).sort();
    expect(targets).toEqual([
      "AzureFirewall",
      "BastionHost",
      "NetworkSecurityGroup",
      "NetworkSecurityGroup",
      "NetworkSecurityGroup",
      "PublicIPAddress",
      "PublicIPAddress",
      "PublicIPAddress",
      "PublicIPAddress",
      "PublicIPAddress",
      "PublicIPAddress",
      "VirtualNetwork",
      "VirtualNetworkGateway",
      "VirtualNetworkGateway",
    ]);
    // NSGs publish no metrics; everything else sends all logs and metrics.
    const nsgDiags = diags.filter((d) => String(d.resourceUri).includes("/NetworkSecurityGroup/"));
    for (const d of nsgDiags) expect(d.metrics).toEqual([]);
    const fwDiag = diags.find((d) => String(d.resourceUri).includes("/AzureFirewall/"))!;
    expect(fwDiag.logs).toEqual([{ categoryGroup: "allLogs", enabled: true }]);
  });
});

describe("Hub with gateways, Bastion and DDoS protection disabled", () => {
  let rs: RecordedResource[] = [];
  beforeAll(async () => {
    rs = await build(minimalArgs());
  });

  it("registers only the firewall, the workload subnets and DNS", () => {
    expect(typeCounts(rs.filter((r) => r.type !== "pulumi:pulumi:Stack"))).toEqual({
      "azure-native:monitor:DiagnosticSetting": 5,
      "azure-native:network:AzureFirewall": 1,
      "azure-native:network:FirewallPolicy": 1,
      "azure-native:network:FirewallPolicyRuleCollectionGroup": 1,
      "azure-native:network:NetworkSecurityGroup": 2,
      "azure-native:network:PublicIPAddress": 1,
      "azure-native:network:RouteTable": 1,
      "azure-native:network:Subnet": 3,
      "azure-native:network:VirtualNetwork": 1,
      "azure-native:privatedns:PrivateZone": 8,
      "azure-native:privatedns:VirtualNetworkLink": 8,
      "azure-native:resources:ResourceGroup": 1,
      "driftsenhed:network:Hub": 1,
      "driftsenhed:network:HubFirewall": 1,
      "driftsenhed:network:PrivateDnsZones": 1,
    });
  });

  it("keeps the reserved slots: the workload subnets do not move when features are off", () => {
    const prefixes = Object.fromEntries(ofType(rs, "azure-native:network:Subnet").map((r) => [inputs(r).subnetName, inputs(r).addressPrefix]));
    expect(prefixes).toEqual({
      AzureFirewallSubnet: "10.64.0.0/26",
      "snet-shared-services": "10.64.1.0/24",
      "snet-private-endpoints": "10.64.2.0/24",
    });
  });

  it("leaves IDPS out of a Standard policy and the DDoS plan off the network", () => {
    const policy = inputs(oneOf(rs, "azure-native:network:FirewallPolicy"));
    expect(policy.intrusionDetection).toBeUndefined();
    expect(policy.threatIntelMode).toBe("Deny");
    expect(inputs(oneOf(rs, "azure-native:network:VirtualNetwork")).ddosProtectionPlan).toBeUndefined();
  });
});

describe("Hub argument errors", () => {
  it("refuses IDPS on a Standard firewall, a hub range smaller than /22 and a hub outside the unit, all at once", () => {
    const args: HubArgs = {
      ...minimalArgs(),
      addressSpace: "10.99.0.0/24",
      firewall: { sku: "Standard", zones: ["1"], threatIntelMode: "Deny", idpsMode: "Deny" },
    };
    let message = "";
    try {
      new Hub("bad", args);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("driftsenhed:network:Hub bad: invalid arguments");
    expect(message).toContain("10.99.0.0/24 is smaller than the /22");
    expect(message).toContain("lies outside unitAddressSpace 10.64.0.0/16");
  });
});
