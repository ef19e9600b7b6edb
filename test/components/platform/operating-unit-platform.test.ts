import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type RecordedResource } from "../../support/mocks.js";
import { OperatingUnitPlatform, type OperatingUnitPlatformArgs } from "../../../components/platform/operating-unit-platform.js";
import { applyPlatformTransformations } from "../../../components/transformations/strip-provider-aliases.js";
import { oneOf, ofType, parentType, typeCounts, wronglyParented } from "../network/support.js";
import { GROUPS, platformArgs } from "./fixture.js";

const inputs = (r: RecordedResource) => r.inputs as Record<string, any>;

interface Built {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  platform?: OperatingUnitPlatform;
}

/**
 * Preview mode: outputs Azure computes (a managed identity's principalId)
 * stay unknown, as in `pulumi preview`, instead of being undefined.
 */
async function build(args: OperatingUnitPlatformArgs): Promise<Built> {
  let platform: OperatingUnitPlatform | undefined;
  const res = await runWithMocks(
    async () => {
      applyPlatformTransformations({ stripProviderAliases: true });
      platform = new OperatingUnitPlatform("platform", args);
      return { platformRefs: platform.refsData };
    },
    { stack: "u1", preview: true },
  );
  return { resources: res.resources, outputs: res.outputs, ...(platform ? { platform } : {}) };
}

describe("OperatingUnitPlatform with a cluster, VPN gateway and Bastion", () => {
  let b: Built;
  let rs: RecordedResource[];
  beforeAll(async () => {
    b = await build(platformArgs());
    rs = b.resources;
  });

  it("registers exactly these resources", () => {
    expect(typeCounts(rs.filter((r) => r.type !== "pulumi:pulumi:Stack"))).toEqual({
      "azure-native:authorization:RoleAssignment": 8,
      "azure-native:authorization:RoleDefinition": 2,
      "azure-native:containerservice:AgentPool": 1,
      "azure-native:containerservice:MaintenanceConfiguration": 2,
      "azure-native:containerservice:ManagedCluster": 1,
      "azure-native:keyvault:Vault": 1,
      "azure-native:maintenance:MaintenanceConfiguration": 1,
      "azure-native:managedidentity:UserAssignedIdentity": 1,
      "azure-native:monitor:ActionGroup": 1,
      "azure-native:monitor:DataCollectionRule": 1,
      "azure-native:monitor:DiagnosticSetting": 18,
      "azure-native:monitor:MetricAlert": 2,
      "azure-native:monitor:PrivateLinkScope": 1,
      "azure-native:monitor:PrivateLinkScopedResource": 1,
      "azure-native:monitor:ScheduledQueryRule": 2,
      "azure-native:network:AzureFirewall": 1,
      "azure-native:network:BastionHost": 1,
      "azure-native:network:FirewallPolicy": 1,
      "azure-native:network:FirewallPolicyRuleCollectionGroup": 1,
      "azure-native:network:NetworkSecurityGroup": 5,
      "azure-native:network:PrivateDnsZoneGroup": 2,
      "azure-native:network:PrivateEndpoint": 2,
      "azure-native:network:PublicIPAddress": 4,
      "azure-native:network:Route": 3,
      "azure-native:network:RouteTable": 3,
      "azure-native:network:Subnet": 7,
      "azure-native:network:VirtualNetwork": 2,
      "azure-native:network:VirtualNetworkGateway": 1,
      "azure-native:network:VirtualNetworkPeering": 2,
      "azure-native:operationalinsights:Workspace": 1,
      "azure-native:privatedns:PrivateZone": 8,
      "azure-native:privatedns:VirtualNetworkLink": 8,
      "azure-native:recoveryservices:ProtectionPolicy": 2,
      "azure-native:recoveryservices:Vault": 1,
      "azure-native:resources:ResourceGroup": 7,
      "azure-native:security:Pricing": 2,
      "azure-native:security:SecurityContact": 1,
      "azure-native:securityinsights:SentinelOnboardingState": 1,
      "driftsenhed:backup:Backup": 1,
      "driftsenhed:cluster:ServerCluster": 1,
      "driftsenhed:identity:HardenedKeyVault": 1,
      "driftsenhed:identity:Identity": 1,
      "driftsenhed:monitoring:BaselineAlerts": 1,
      "driftsenhed:monitoring:Monitoring": 1,
      "driftsenhed:network:Hub": 1,
      "driftsenhed:network:HubBastion": 1,
      "driftsenhed:network:HubFirewall": 1,
      "driftsenhed:network:HubVpnGateway": 1,
      "driftsenhed:network:PrivateDnsZones": 1,
      "driftsenhed:network:Spoke": 1,
      "driftsenhed:platform:MonitorPrivateLink": 1,
      "driftsenhed:platform:OperatingUnitPlatform": 1,
      "driftsenhed:servers:ServerFoundation": 1,
      "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController": 1,
      "pulumi:providers:kubernetes": 1,
    });
  });

  it("runs application routing with both controllers on internal load balancers, the internal one at a fixed node-subnet address", () => {
    const aks = inputs(oneOf(rs, "azure-native:containerservice:ManagedCluster"));
    expect(aks.ingressProfile).toEqual({ webAppRouting: { enabled: true, nginx: { defaultIngressControllerType: "Internal" } } });
    const nic = oneOf(rs, "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController");
    expect(parentType(rs, nic)).toBe("driftsenhed:cluster:ServerCluster");
    expect(inputs(nic)).toMatchObject({
      apiVersion: "approuting.kubernetes.azure.com/v1alpha1",
      kind: "NginxIngressController",
      metadata: { name: "nginx-internal" },
      spec: {
        ingressClassName: "nginx-internal",
        controllerNamePrefix: "nginx-internal",
        loadBalancerAnnotations: {
          "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
          // Last usable address of the nodes subnet 10.64.16.0/21 (first half of the cluster's /20).
          "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.64.23.254",
        },
      },
    });
    // The nodes subnet's NSG admits HTTP(S) from the firewall to that address.
    const nodes = oneOf(rs, "azure-native:network:Subnet", (r) => inputs(r).subnetName === "snet-nodes");
    expect(inputs(nodes).addressPrefix).toBe("10.64.16.0/21");
  });

  it("publishes the internal ingress address, the Bastion subnet and the add-on identity to tenants", () => {
    const refs = b.platform!.refs;
    expect(refs.internalIngressAddress).toBe("10.64.23.254");
    expect(refs.bastionSubnetPrefix).toBe("10.64.0.192/26");
    expect(refs.cluster?.appRoutingIdentityObjectId).toBeDefined();
    const data = b.outputs.platformRefs as Record<string, any>;
    expect(data.internalIngressAddress).toBe("10.64.23.254");
    expect(data.bastionSubnetPrefix).toBe("10.64.0.192/26");
    const bastionSubnet = oneOf(rs, "azure-native:network:Subnet", (r) => inputs(r).subnetName === "AzureBastionSubnet");
    expect(inputs(bastionSubnet).addressPrefix).toBe(data.bastionSubnetPrefix);
  });

  it("parents every azure-native resource to a driftsenhed component", () => {
    expect(wronglyParented(rs)).toEqual([]);
  });

  it("strips every provider alias; only azure-native's cross-type aliases on private endpoints remain", () => {
    const withAliases = rs.filter((r) => r.aliasCount > 0).map((r) => [r.type, r.aliasCount]);
    expect(withAliases).toEqual([
      ["azure-native:network:PrivateEndpoint", 2],
      ["azure-native:network:PrivateEndpoint", 2],
    ]);
  });

  it("has public IPs only on the hub's firewall, gateway and Bastion", () => {
    const owners = ofType(rs, "azure-native:network:PublicIPAddress").map((p) => parentType(rs, p));
    expect(owners.sort()).toEqual(["driftsenhed:network:HubBastion", "driftsenhed:network:HubFirewall", "driftsenhed:network:HubVpnGateway", "driftsenhed:network:HubVpnGateway"]);
  });

  it("creates every subnet without default outbound access, and with an inline NSG wherever Azure allows one", () => {
    for (const s of ofType(rs, "azure-native:network:Subnet").map(inputs)) {
      expect(s.defaultOutboundAccess, s.subnetName).toBe(false);
      if (!["AzureFirewallSubnet", "GatewaySubnet"].includes(s.subnetName)) expect(s.networkSecurityGroup?.id, s.subnetName).toBeDefined();
    }
  });

  it("puts the cluster in its own spoke behind the firewall, with the hub's private DNS zone", () => {
    const nodes = inputs(oneOf(rs, "azure-native:network:Subnet", (r) => inputs(r).subnetName === "snet-nodes"));
    expect(nodes.addressPrefix).toBe("10.64.16.0/21");
    expect(nodes.routeTable.id).toMatch(/RouteTable\/rt-u1-cluster$/);
    const aks = inputs(oneOf(rs, "azure-native:containerservice:ManagedCluster"));
    expect(aks.agentPoolProfiles[0].vnetSubnetID).toMatch(/Subnet\/snet-nodes$/);
    expect(aks.apiServerAccessProfile.privateDNSZone).toMatch(/PrivateZone\/privatelink\.denmarkeast\.azmk8s\.io$/);
    expect(aks.networkProfile.outboundType).toBe("userDefinedRouting");
    const toHub = inputs(oneOf(rs, "azure-native:network:VirtualNetworkPeering", (r) => inputs(r).virtualNetworkPeeringName === "peer-to-hub"));
    expect(toHub.useRemoteGateways).toBe(true);
    const rules = inputs(oneOf(rs, "azure-native:network:NetworkSecurityGroup", (r) => inputs(r).networkSecurityGroupName === "nsg-u1-cluster-ingress")).securityRules;
    expect(rules.slice(0, 2).map((x: any) => [x.name, x.sourceAddressPrefix])).toEqual([
      ["allow-ingress-from-firewall", "10.64.0.0/26"],
      ["allow-ingress-from-sites", "10.12.0.0/16"],
    ]);
    const aksRule = inputs(oneOf(rs, "azure-native:network:FirewallPolicyRuleCollectionGroup")).ruleCollections[1].rules.find((r: any) => r.name === "aks-required");
    expect(aksRule.sourceAddresses).toEqual(["10.64.16.0/20"]);
  });

  it("places the Key Vault's and Azure Monitor's private endpoints in the hub, registered in the hub's zones", () => {
    for (const pe of ofType(rs, "azure-native:network:PrivateEndpoint").map(inputs)) {
      expect(pe.subnet.id).toMatch(/rg-u1-hub\/providers\/network\/Subnet\/snet-private-endpoints$/);
    }
    const groups = ofType(rs, "azure-native:network:PrivateDnsZoneGroup").map(inputs);
    const zonesOf = (g: any) => g.privateDnsZoneConfigs.map((c: any) => String(c.privateDnsZoneId).split("/").pop()).sort();
    expect(groups.map(zonesOf).sort()).toEqual([
      ["privatelink.agentsvc.azure-automation.net", "privatelink.blob.core.windows.net", "privatelink.monitor.azure.com", "privatelink.ods.opinsights.azure.com", "privatelink.oms.opinsights.azure.com"],
      ["privatelink.vaultcore.azure.net"],
    ]);
    const scope = inputs(oneOf(rs, "azure-native:monitor:PrivateLinkScope"));
    expect(scope.accessModeSettings).toEqual({ ingestionAccessMode: "PrivateOnly", queryAccessMode: "PrivateOnly" });
  });

  it("protects the workspace, the Key Vault and the backup vault", () => {
    for (const t of ["azure-native:operationalinsights:Workspace", "azure-native:keyvault:Vault", "azure-native:recoveryservices:Vault"]) {
      const r = oneOf(rs, t);
      expect([r.protect, r.retainOnDelete], t).toEqual([true, true]);
    }
  });

  it("tags every taggable resource as the unit's platform", () => {
    const tagged = rs.filter((r) => r.type.startsWith("azure-native:") && inputs(r).tags !== undefined);
    expect(tagged.length).toBeGreaterThan(40);
    for (const r of tagged) expect(inputs(r).tags, `${r.type}::${r.name}`).toMatchObject({ kommunekode: "platform", unit: "u1" });
  });

  it("exposes refs for tenants and plain refsData as a stack output", () => {
    const refs = b.platform!.refs;
    expect(refs.firewallPrivateIp).toBe("10.64.0.4");
    expect(refs.hubAddressSpace).toBe("10.64.0.0/20");
    expect(Object.keys(refs.privateDnsZoneIds).sort()).toEqual(["agentSvc", "aks", "blob", "file", "keyVault", "monitor", "ods", "oms"]);
    expect(refs.kubernetesProvider).toBeDefined();
    expect(refs.hubGateways).toHaveLength(1);
    expect(refs.cluster?.allowedRegistries).toEqual(["mcr.microsoft.com"]);
    const data = b.outputs.platformRefs as Record<string, any>;
    expect(data.hubGateways).toBeUndefined();
    expect(data.kubernetesProvider).toBeUndefined();
    expect(data.gatewayRouteTableName).toBe("rt-u1-gateway");
    expect(data.privateDnsZoneIds.keyVault).toMatch(/privatelink\.vaultcore\.azure\.net$/);
    expect(data.backupPolicyIds).toEqual({ standard: expect.stringMatching(/ProtectionPolicy\/platform-backup-policy-standard$/), critical: expect.stringMatching(/ProtectionPolicy\/platform-backup-policy-critical$/) });
  });

  it("makes the platform administrators the cluster's only admin group", () => {
    expect(inputs(oneOf(rs, "azure-native:containerservice:ManagedCluster")).aadProfile.adminGroupObjectIDs).toEqual([GROUPS.platformAdmins]);
  });
});

describe("OperatingUnitPlatform without a cluster or Bastion", () => {
  let b: Built;
  beforeAll(async () => {
    const base = platformArgs();
    b = await build(platformArgs({ cluster: { mode: "disabled" }, hub: { ...base.hub, bastion: { mode: "disabled" } } }));
  });

  it("publishes neither an internal ingress address nor a Bastion subnet, so tenants open no path to them", () => {
    expect(ofType(b.resources, "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController")).toEqual([]);
    expect(ofType(b.resources, "azure-native:network:BastionHost")).toEqual([]);
    expect(b.platform!.refs.internalIngressAddress).toBeUndefined();
    expect(b.platform!.refs.bastionSubnetPrefix).toBeUndefined();
    expect(Object.keys(b.outputs.platformRefs as object)).not.toContain("bastionSubnetPrefix");
  });

  it("builds no cluster, no cluster spoke and no cluster identity, and allows no AKS egress", () => {
    for (const t of ["azure-native:containerservice:ManagedCluster", "driftsenhed:network:Spoke", "azure-native:managedidentity:UserAssignedIdentity", "pulumi:providers:kubernetes"]) {
      expect(ofType(b.resources, t), t).toEqual([]);
    }
    const names = inputs(oneOf(b.resources, "azure-native:network:FirewallPolicyRuleCollectionGroup")).ruleCollections[1].rules.map((r: any) => r.name);
    expect(names).not.toContain("aks-required");
    expect(b.platform!.refs.cluster).toBeUndefined();
    expect(b.platform!.refs.kubernetesProvider).toBeUndefined();
    expect(wronglyParented(b.resources)).toEqual([]);
  });
});
