import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type MockRunResult } from "../../support/mocks.js";
import { MunicipalityTenant } from "../../../components/tenant/tenant.js";
import {
  BASTION_RULE_PRIORITY,
  bastionManagementRule,
  firewallPriority,
  FIREWALL_PRIORITY_BASE,
  serverSubnetNsgRules,
} from "../../../components/tenant/network.js";
import { nsgRuleProblems } from "../../../components/network/nsg-rules.js";
import { disallowManagementPortsFromInternet } from "../../../policies/rules/network/disallow-management-ports-from-internet.js";
import { SITE_IPSEC_POLICY } from "../../../components/tenant/sites.js";
import { MUNICIPALITIES } from "../../../packages/registry/index.js";
import { toTenantArgs } from "../../../stacks/tenant-args.js";
import {
  BASTION_SUBNET,
  byName,
  fakeRefs,
  fakeRefsData,
  fullMunicipality,
  INTERNAL_INGRESS_ADDRESS,
  ofType,
  SUB,
  tenantResources,
  unitConfig,
} from "./fixture.js";

const refsData = fakeRefsData();
const NETWORK_RG = `${SUB}/resourceGroups/rg-testenhed-k147-network`;

let run: MockRunResult;
beforeAll(async () => {
  run = await runWithMocks(
    () => {
      new MunicipalityTenant("k147", toTenantArgs(unitConfig(), fullMunicipality(), fakeRefs()));
    },
    { stack: "testenhed" },
  );
});

describe("firewallPriority", () => {
  it.each([
    ["101", 1101],
    ["147", 1147],
    ["400", 1400],
    ["860", 1860],
  ])("kommunekode %s -> %i", (code, priority) => {
    expect(firewallPriority(code)).toBe(priority);
  });

  it("is unique for all 98 municipalities, after the platform's groups and inside Azure's range", () => {
    const priorities = MUNICIPALITIES.map((m) => firewallPriority(m.code));
    expect(new Set(priorities).size).toBe(MUNICIPALITIES.length);
    for (const p of priorities) {
      expect(p).toBeGreaterThan(FIREWALL_PRIORITY_BASE);
      expect(p).toBeLessThanOrEqual(65000);
    }
  });

  it("refuses a code that is not three digits", () => {
    expect(() => firewallPriority("47")).toThrow("kommunekode '47' is not three digits");
  });
});

describe("serverSubnetNsgRules", () => {
  it("one rule per protocol and port, sorted by name, destination the servers subnet, within the user priority band", () => {
    const rules = serverSubnetNsgRules(
      [
        { name: "a-udp-53", workload: "a", port: 53, protocol: "Udp", sites: ["x"], sourcePrefixes: ["10.1.0.0/16"] },
        { name: "a-tcp-443", workload: "a", port: 443, protocol: "Tcp", sites: ["x"], sourcePrefixes: ["10.1.0.0/16"] },
        { name: "b-tcp-443", workload: "b", port: 443, protocol: "Tcp", sites: ["y"], sourcePrefixes: ["10.2.0.0/16"] },
      ],
      "10.64.128.0/19",
    );
    expect(rules.map((r) => [r.name, r.priority, r.protocol, r.sourceAddressPrefixes, r.destinationAddressPrefixes, r.destinationPortRanges])).toEqual([
      ["allow-sites-tcp-443", 100, "Tcp", ["10.1.0.0/16", "10.2.0.0/16"], ["10.64.128.0/19"], ["443"]],
      ["allow-sites-udp-53", 110, "Udp", ["10.1.0.0/16"], ["10.64.128.0/19"], ["53"]],
    ]);
  });
});

describe("bastionManagementRule", () => {
  it("admits SSH and RDP from the Bastion subnet to the servers subnet only, above every site rule", () => {
    const rule = bastionManagementRule("10.64.0.192/26", "10.64.128.0/19");
    expect(rule).toMatchObject({
      name: "allow-bastion-management",
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefixes: ["10.64.0.192/26"],
      destinationAddressPrefixes: ["10.64.128.0/19"],
      destinationPortRanges: ["22", "3389"],
    });
    // 390 distinct ports (the maximum) end at 3990; the Bastion rule never collides.
    const many = Array.from({ length: 390 }, (_, i) => ({
      name: `w-${i}`, workload: "w", port: 1000 + i, protocol: "Tcp" as const, sites: ["x"], sourcePrefixes: ["10.1.0.0/16"],
    }));
    const all = [...serverSubnetNsgRules(many, "10.64.128.0/19"), rule];
    expect(Math.max(...all.slice(0, -1).map((r) => r.priority))).toBeLessThan(BASTION_RULE_PRIORITY);
    expect(nsgRuleProblems(all)).toEqual([]);
  });

  it.each(["*", "Internet", "0.0.0.0/0", "10.64.0.193/26", "VirtualNetwork"])("refuses %s as the Bastion subnet", (bad) => {
    expect(() => bastionManagementRule(bad, "10.64.128.0/19")).toThrow(/bastionSubnetPrefix is .*expected the hub's AzureBastionSubnet range/);
  });
});

describe("spoke", () => {
  it("one virtual network on the file's address space with servers and private-endpoint subnets", () => {
    const vnets = ofType(tenantResources(run, "147"), "azure-native:network:VirtualNetwork");
    expect(vnets.map((v) => [v.inputs.virtualNetworkName, v.inputs.addressSpace])).toEqual([["vnet-testenhed-k147", { addressPrefixes: ["10.64.128.0/18"] }]]);
    const subnets = ofType(tenantResources(run, "147"), "azure-native:network:Subnet").map((s) => [s.inputs.subnetName, s.inputs.addressPrefix]);
    expect(subnets.sort()).toEqual([
      ["snet-private-endpoints", "10.64.160.0/24"],
      ["snet-servers", "10.64.128.0/19"],
    ]);
    for (const s of ofType(tenantResources(run, "147"), "azure-native:network:Subnet")) {
      expect(s.inputs.networkSecurityGroup).toBeDefined();
      expect(s.inputs.routeTable).toEqual({ id: `${NETWORK_RG}/providers/network/RouteTable/rt-testenhed-k147` });
      expect(s.inputs.defaultOutboundAccess).toBe(false);
    }
  });

  it("peers with the hub only, and routes everything through the firewall", () => {
    const peerings = ofType(tenantResources(run, "147"), "azure-native:network:VirtualNetworkPeering");
    expect(peerings).toHaveLength(2);
    const toHub = peerings.find((p) => p.name === "k147-spoke-to-hub")!;
    expect(toHub.inputs.remoteVirtualNetwork).toEqual({ id: refsData.hubVnetId });
    expect(toHub.inputs.useRemoteGateways).toBe(true);
    const fromHub = peerings.find((p) => p.name === "k147-spoke-from-hub")!;
    expect(fromHub.inputs.virtualNetworkName).toBe(refsData.hubVnetName);
    const rt = byName(run.resources, "azure-native:network:RouteTable", "k147-spoke-rt").inputs;
    expect(rt.routes).toEqual([{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.64.0.4" }]);
    expect(rt.disableBgpRoutePropagation).toBe(true);
    const back = byName(run.resources, "azure-native:network:Route", "k147-spoke-gateway-route").inputs;
    expect(back).toMatchObject({ routeTableName: refsData.gatewayRouteTableName, addressPrefix: "10.64.128.0/18", nextHopIpAddress: "10.64.0.4" });
  });

  it("servers NSG admits the municipality's own sites on declared ports only, before the guard rules", () => {
    const nsg = byName(run.resources, "azure-native:network:NetworkSecurityGroup", "k147-spoke-servers-nsg").inputs;
    const rules = nsg.securityRules as Record<string, unknown>[];
    expect(rules.map((r) => [r.name, r.priority, r.sourceAddressPrefix ?? r.sourceAddressPrefixes, r.destinationPortRange])).toEqual([
      ["allow-sites-tcp-1433", 100, "10.224.0.0/16", "1433"],
      ["allow-sites-tcp-22", 110, "10.224.0.0/16", "22"],
      ["allow-sites-tcp-443", 120, ["10.20.0.0/16", "10.21.0.0/20", "10.224.0.0/16"], "443"],
      ["allow-bastion-management", 3999, BASTION_SUBNET, undefined],
      ["guard-allow-inbound-own-network", 4000, "10.64.128.0/18", "*"],
      ["guard-allow-inbound-load-balancer", 4010, "AzureLoadBalancer", "*"],
      ["guard-deny-inbound-all-other", 4096, "*", "*"],
    ]);
  });
});

describe("management access", () => {
  it("only the Bastion subnet reaches 22 and 3389; the NSG satisfies the management-ports policy", () => {
    const nsg = byName(run.resources, "azure-native:network:NetworkSecurityGroup", "k147-spoke-servers-nsg");
    const rules = nsg.inputs.securityRules as Record<string, any>[];
    const bastion = rules.find((r) => r.name === "allow-bastion-management")!;
    expect(bastion).toMatchObject({ sourceAddressPrefix: BASTION_SUBNET, destinationPortRanges: ["22", "3389"], access: "Allow", protocol: "Tcp" });
    // Everything not allowed above is still denied.
    expect(rules.at(-1)).toMatchObject({ name: "guard-deny-inbound-all-other", access: "Deny", sourceAddressPrefix: "*" });
    const check = (props: Record<string, unknown>) => {
      const reports: string[] = [];
      disallowManagementPortsFromInternet.validate(
        { type: nsg.type, name: nsg.name, urn: nsg.urn, props },
        {
          config: { ports: [22, 3389] },
          report: (message) => reports.push(message),
          notApplicable: (reason) => {
            throw new Error(reason);
          },
        },
      );
      return reports;
    };
    expect(check(nsg.inputs)).toEqual([]);
    // The same NSG with the Bastion rule opened to the internet is caught.
    const opened = rules.map((r) => (r.name === "allow-bastion-management" ? { ...r, sourceAddressPrefix: "Internet" } : r));
    expect(check({ ...nsg.inputs, securityRules: opened })).toHaveLength(1);
  });

  it("the private-endpoints subnet admits no management port from anywhere outside the spoke", () => {
    const rules = byName(run.resources, "azure-native:network:NetworkSecurityGroup", "k147-spoke-private-endpoints-nsg").inputs.securityRules as Record<string, any>[];
    expect(rules.map((r) => r.name)).not.toContain("allow-bastion-management");
  });

  it("the private-endpoints subnet admits the unit cluster on 443 only, for the ingress's TLS certificates", () => {
    const rules = byName(run.resources, "azure-native:network:NetworkSecurityGroup", "k147-spoke-private-endpoints-nsg").inputs.securityRules as Record<string, any>[];
    const fromCluster = rules.filter((r) => JSON.stringify(r).includes("10.64.16.0/20"));
    expect(fromCluster).toHaveLength(1);
    const rule = fromCluster[0]!;
    expect(rule).toMatchObject({ name: "allow-cluster-to-key-vault", access: "Allow", protocol: "Tcp", direction: "Inbound" });
    // Azure takes a single value in the singular property, several in the plural one.
    expect([rule.destinationPortRange ?? rule.destinationPortRanges].flat()).toEqual(["443"]);
    expect([rule.destinationAddressPrefix ?? rule.destinationAddressPrefixes].flat()).toEqual(["10.64.160.0/24"]);
    expect([rule.sourceAddressPrefix ?? rule.sourceAddressPrefixes].flat()).toEqual(["10.64.16.0/20"]);
  });
});

describe("a platform without Bastion or an add-on identity", () => {
  let bare: MockRunResult;
  beforeAll(async () => {
    bare = await runWithMocks(
      () => {
        const { bastionSubnetPrefix: _b, ...refs } = fakeRefs();
        const { appRoutingIdentityObjectId: _i, ...cluster } = refs.cluster!;
        new MunicipalityTenant("k147", toTenantArgs(unitConfig(), fullMunicipality(), { ...refs, cluster }));
      },
      { stack: "testenhed-bare" },
    );
  });

  it("opens no management port at all and grants no certificate reader", () => {
    const rules = byName(bare.resources, "azure-native:network:NetworkSecurityGroup", "k147-spoke-servers-nsg").inputs.securityRules as Record<string, any>[];
    expect(rules.map((r) => r.name)).not.toContain("allow-bastion-management");
    expect(rules.filter((r) => r.access === "Allow" && [r.destinationPortRange, ...(r.destinationPortRanges ?? [])].includes("3389"))).toEqual([]);
    expect(bare.resources.filter((r) => r.name.endsWith("-ingress-certificates"))).toEqual([]);
  });
});

describe("site connectivity", () => {
  it("VPN site with BGP: local network gateway with the peer address and ASN", () => {
    const lng = byName(run.resources, "azure-native:network:LocalNetworkGateway", "k147-sites-raadhus-lgw").inputs;
    expect(lng).toMatchObject({
      localNetworkGatewayName: "lgw-testenhed-k147-raadhus",
      resourceGroupName: refsData.hubResourceGroupName,
      gatewayIpAddress: "198.51.100.12",
      localNetworkAddressSpace: { addressPrefixes: ["10.20.255.254/32"] },
      bgpSettings: { asn: 65147, bgpPeeringAddress: "10.20.255.254" },
    });
  });

  it("VPN site with NAT: static IngressSnat rule on the hub gateway, referenced by the connection; the gateway sees the external range", () => {
    const nat = byName(run.resources, "azure-native:network:VirtualNetworkGatewayNatRule", "k147-sites-datacenter-nat");
    expect(nat.inputs).toEqual({
      resourceGroupName: refsData.hubResourceGroupName,
      virtualNetworkGatewayName: refsData.vpnGatewayName,
      natRuleName: "nat-k147-datacenter",
      type: "Static",
      mode: "IngressSnat",
      internalMappings: [{ addressSpace: "10.0.0.0/16" }],
      externalMappings: [{ addressSpace: "10.224.0.0/16" }],
    });
    const lng = byName(run.resources, "azure-native:network:LocalNetworkGateway", "k147-sites-datacenter-lgw").inputs;
    expect(lng.localNetworkAddressSpace).toEqual({ addressPrefixes: ["10.224.0.0/16"] });
    const con = byName(run.resources, "azure-native:network:VirtualNetworkGatewayConnection", "k147-sites-datacenter-con");
    expect(con.inputs.ingressNatRules).toEqual([{ id: nat.id }]);
    expect(con.dependencies).toContain(nat.urn);
  });

  it("VPN connections: IKEv2, one custom IPsec policy, generated shared key kept in the municipality's vault", () => {
    for (const site of ["raadhus", "datacenter"]) {
      const con = byName(run.resources, "azure-native:network:VirtualNetworkGatewayConnection", `k147-sites-${site}-con`);
      expect(con.inputs).toMatchObject({
        virtualNetworkGatewayConnectionName: `con-testenhed-k147-${site}`,
        connectionType: "IPsec",
        connectionProtocol: "IKEv2",
        virtualNetworkGateway1: { id: refsData.vpnGatewayId },
        usePolicyBasedTrafficSelectors: false,
      });
      expect(con.inputs.ipsecPolicies).toEqual([
        {
          ikeEncryption: "AES256",
          ikeIntegrity: "SHA256",
          dhGroup: "DHGroup14",
          ipsecEncryption: "GCMAES256",
          ipsecIntegrity: "GCMAES256",
          pfsGroup: "ECP384",
          saLifeTimeSeconds: 3600,
          saDataSizeKilobytes: 102400000,
        },
      ]);
      expect(con.inputs.ipsecPolicies).toEqual([{ ...SITE_IPSEC_POLICY }]);
      const key = byName(run.resources, "random:index/randomPassword:RandomPassword", `k147-sites-${site}-shared-key`);
      expect(key.inputs).toMatchObject({ length: 48, special: false });
      // The key is computed inside the random provider; under the mock runtime the connection
      // receives no value, and never a plain string from configuration.
      expect(typeof con.inputs.sharedKey).not.toBe("string");
      const secret = byName(run.resources, "azure-native:keyvault:Secret", `k147-sites-${site}-shared-key-secret`);
      expect(secret.inputs).toMatchObject({ vaultName: "kv-testenhed-k147-2dc2", secretName: `vpn-${site}-shared-key` });
      expect(secret.dependencies).toContain(key.urn);
    }
    expect(byName(run.resources, "azure-native:network:VirtualNetworkGatewayConnection", "k147-sites-raadhus-con").inputs.enableBgp).toBe(true);
    expect(byName(run.resources, "azure-native:network:VirtualNetworkGatewayConnection", "k147-sites-datacenter-con").inputs.enableBgp).toBe(false);
  });

  it("ExpressRoute site: a connection of type ExpressRoute from the hub's ExpressRoute gateway to the circuit, no key in the file", () => {
    const con = byName(run.resources, "azure-native:network:VirtualNetworkGatewayConnection", "k147-sites-fiber-con").inputs;
    expect(con).toMatchObject({
      connectionType: "ExpressRoute",
      virtualNetworkGateway1: { id: refsData.expressRouteGatewayId },
      peer: { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-k147-connectivity/providers/Microsoft.Network/expressRouteCircuits/erc-k147" },
    });
    expect(con.sharedKey).toBeUndefined();
    expect(con.authorizationKey).toBeUndefined();
    expect(ofType(tenantResources(run, "147"), "azure-native:network:LocalNetworkGateway").map((r) => r.name).sort()).toEqual([
      "k147-sites-datacenter-lgw",
      "k147-sites-raadhus-lgw",
    ]);
  });

  it("gateways and connections are hub resources: platform-owned, in the hub's resource group, attributed and billed to the municipality", () => {
    const hubSide = tenantResources(run, "147").filter((r) =>
      ["azure-native:network:LocalNetworkGateway", "azure-native:network:VirtualNetworkGatewayConnection"].includes(r.type),
    );
    expect(hubSide).toHaveLength(5);
    for (const r of hubSide) {
      expect(r.inputs.resourceGroupName, r.name).toBe(refsData.hubResourceGroupName);
      expect(r.inputs.tags, r.name).toEqual({
        kommunekode: "platform",
        unit: "testenhed",
        dataClassification: "internal",
        costReference: "5798009147004/k147-it",
        managedBy: "driftsenhed",
        municipality: "Frederiksberg",
        lifecycle: "live",
      });
    }
  });

  it("writes to the shared VPN gateway one after another", () => {
    const urn = (type: string, name: string) => byName(run.resources, type, name).urn;
    const con = "azure-native:network:VirtualNetworkGatewayConnection";
    const nat = byName(run.resources, "azure-native:network:VirtualNetworkGatewayNatRule", "k147-sites-datacenter-nat");
    expect(nat.dependencies).toContain(urn(con, "k147-sites-raadhus-con"));
  });
});

describe("firewall rule collection group", () => {
  it("its own group on the unit's policy, at 1000 + kommunekode, admitting its sites to its servers only", () => {
    const rcg = byName(run.resources, "azure-native:network:FirewallPolicyRuleCollectionGroup", "k147-firewall-rcg");
    expect(rcg.inputs).toMatchObject({
      resourceGroupName: refsData.hubResourceGroupName,
      firewallPolicyName: refsData.firewallPolicyName,
      ruleCollectionGroupName: "municipality-k147",
      priority: 1147,
    });
    const collections = rcg.inputs.ruleCollections as Record<string, any>[];
    expect(collections).toHaveLength(1);
    expect(collections[0]).toMatchObject({ ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "sites-to-workloads", action: { type: "Allow" } });
    const rules = collections[0]!.rules as Record<string, unknown>[];
    expect(rules.map((r) => [r.name, r.ruleType, r.ipProtocols, r.sourceAddresses, r.destinationPorts])).toEqual([
      ["esdh-sql-tcp-1433", "NetworkRule", ["TCP"], ["10.224.0.0/16"], ["1433"]],
      ["sftp-gw-tcp-22", "NetworkRule", ["TCP"], ["10.224.0.0/16"], ["22"]],
      ["sftp-gw-tcp-443", "NetworkRule", ["TCP"], ["10.20.0.0/16", "10.21.0.0/20", "10.224.0.0/16"], ["443"]],
      ["internal-ingress-https", "NetworkRule", ["TCP"], ["10.20.0.0/16", "10.21.0.0/20", "10.224.0.0/16"], ["443"]],
      ["cluster-to-key-vault", "NetworkRule", ["TCP"], ["10.64.16.0/20"], ["443"]],
    ]);
    // Destinations are the servers' own NIC addresses.
    for (const nic of ["k147-esdh-sql-nic", "k147-sftp-gw-nic"]) {
      expect(rcg.dependencies).toContain(byName(run.resources, "azure-native:network:NetworkInterface", nic).urn);
    }
    for (const r of rules) expect(r.destinationAddresses as unknown[]).toHaveLength(1);
    // The municipality's internal container workload is reached at the platform's internal ingress.
    expect(rules.find((r) => r.name === "internal-ingress-https")!.destinationAddresses).toEqual([INTERNAL_INGRESS_ADDRESS]);
  });

  it("is the only firewall change of the municipality", () => {
    const firewallTypes = run.resources.filter((r) => r.type.includes("Firewall"));
    expect(firewallTypes.map((r) => r.name)).toEqual(["k147-firewall", "k147-firewall-rcg"]);
  });
});
