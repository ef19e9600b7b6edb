import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { runWithMocks } from "../../support/mocks.js";
import {
  PLATFORM_REFS_OUTPUT,
  parsePlatformRefsData,
  platformRefsFromStackReference,
  type StackOutputSource,
} from "../../../components/platform/stack-reference.js";

const id = (kind: string, name: string) => `/subscriptions/0/resourceGroups/rg-u1-hub/providers/Microsoft.Network/${kind}/${name}`;

function exported(withCluster: boolean): Record<string, unknown> {
  return {
    unitId: "u1",
    location: "denmarkeast",
    hubResourceGroupName: "rg-u1-hub",
    hubVnetId: id("virtualNetworks", "vnet-u1-hub"),
    hubVnetName: "vnet-u1-hub",
    hubAddressSpace: "10.64.0.0/20",
    hubPrivateEndpointSubnetId: id("virtualNetworks", "vnet-u1-hub/subnets/snet-private-endpoints"),
    firewallPrivateIp: "10.64.0.4",
    firewallPolicyId: id("firewallPolicies", "afwp-u1"),
    firewallPolicyName: "afwp-u1",
    vpnGatewayId: id("virtualNetworkGateways", "vgw-u1"),
    vpnGatewayName: "vgw-u1",
    gatewayRouteTableName: "rt-u1-gateway",
    privateDnsZoneIds: Object.fromEntries(["keyVault", "blob", "file", "monitor", "oms", "ods", "agentSvc", "aks"].map((k) => [k, id("privateDnsZones", k)])),
    workspaceId: "/subscriptions/0/resourceGroups/rg-u1-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-u1",
    socActionGroupId: "/subscriptions/0/resourceGroups/rg-u1-monitoring/providers/Microsoft.Insights/actionGroups/ag-u1-soc",
    serverDataCollectionRuleId: "/subscriptions/0/dcr",
    serverMaintenanceConfigurationId: "/subscriptions/0/mc",
    backupVaultName: "rsv-u1",
    backupResourceGroupName: "rg-u1-backup",
    backupVaultId: "/subscriptions/0/rsv",
    backupPolicyIds: { standard: "/subscriptions/0/p/standard", critical: "/subscriptions/0/p/critical" },
    municipalityOperatorRoleDefinitionId: "/subscriptions/0/roleDefinitions/x",
    ...(withCluster
      ? {
          cluster: {
            id: "/subscriptions/0/aks",
            name: "aks-u1",
            resourceGroupName: "rg-u1-cluster",
            kubeconfig: "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n",
            allowedRegistries: ["mcr.microsoft.com"],
          },
        }
      : {}),
  };
}

function source(details: pulumi.StackReferenceOutputDetails): StackOutputSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    name: "org/driftsenhed/u1",
    asked,
    async getOutputDetails(name: string) {
      asked.push(name);
      return details;
    },
  };
}

describe("parsePlatformRefsData", () => {
  it("accepts what the unit stack exports", () => {
    expect(parsePlatformRefsData(exported(true), "here").firewallPrivateIp).toBe("10.64.0.4");
  });

  it("lists every missing or mistyped field in one error", () => {
    const bad = exported(true) as Record<string, any>;
    delete bad.hubVnetId;
    bad.vpnGatewayId = 42;
    delete bad.privateDnsZoneIds.aks;
    bad.cluster.allowedRegistries = "mcr.microsoft.com";
    let message = "";
    try {
      parsePlatformRefsData(bad, "Stack reference 'u1'");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("Stack reference 'u1': output 'platformRefs' does not match this version of the platform:");
    for (const part of ["hubVnetId is missing or not a string", "vpnGatewayId is not a string", "privateDnsZoneIds.aks is missing or not a string", "cluster.allowedRegistries is not a list of strings"]) {
      expect(message).toContain(part);
    }
  });

  it("carries the Bastion subnet, the internal ingress address and the add-on identity through, and accepts older exports without them", () => {
    const current = {
      ...exported(true),
      bastionSubnetPrefix: "10.64.0.192/26",
      internalIngressAddress: "10.64.23.254",
    } as Record<string, any>;
    current.cluster.appRoutingIdentityObjectId = "eeeeeeee-0000-4000-8000-000000000001";
    const parsed = parsePlatformRefsData(current, "here");
    expect(parsed.bastionSubnetPrefix).toBe("10.64.0.192/26");
    expect(parsed.internalIngressAddress).toBe("10.64.23.254");
    expect(parsed.cluster?.appRoutingIdentityObjectId).toBe("eeeeeeee-0000-4000-8000-000000000001");
    const older = parsePlatformRefsData(exported(true), "here");
    expect(older.bastionSubnetPrefix).toBeUndefined();
    expect(older.internalIngressAddress).toBeUndefined();
    expect(older.cluster?.appRoutingIdentityObjectId).toBeUndefined();
  });

  it("reports mistyped new fields by name", () => {
    const bad = { ...exported(true), bastionSubnetPrefix: 7, internalIngressAddress: ["10.64.23.254"] } as Record<string, any>;
    bad.cluster.appRoutingIdentityObjectId = { objectId: "x" };
    let message = "";
    try {
      parsePlatformRefsData(bad, "here");
    } catch (e) {
      message = (e as Error).message;
    }
    for (const part of ["bastionSubnetPrefix is not a string", "internalIngressAddress is not a string", "cluster.appRoutingIdentityObjectId is not a string"]) {
      expect(message).toContain(part);
    }
  });

  it("refuses a value that is not an object", () => {
    expect(() => parsePlatformRefsData("nope", "here")).toThrow("is \"nope\", not an object");
  });
});

describe("platformRefsFromStackReference", () => {
  it("reads the secret output and rebuilds the kubernetes provider from the exported kubeconfig", async () => {
    const src = source({ secretValue: exported(true) });
    let providerUrn = "";
    let kubeconfigIsSecret = false;
    const res = await runWithMocks(
      async () => {
        const refs = await platformRefsFromStackReference(src, { providerName: "u1-k8s" });
        providerUrn = await new Promise<string>((r) => refs.kubernetesProvider!.urn.apply(r));
        kubeconfigIsSecret = await pulumi.isSecret(pulumi.output(refs.cluster!.kubeconfig));
        expect(refs.hubGateways).toEqual([]);
        expect(refs.gatewayRouteTableName).toBe("rt-u1-gateway");
      },
      { stack: "u1-101" },
    );
    expect(src.asked).toEqual([PLATFORM_REFS_OUTPUT]);
    expect(providerUrn).toContain("pulumi:providers:kubernetes::u1-k8s");
    expect(kubeconfigIsSecret).toBe(true);
    const provider = res.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect(provider.inputs.kubeconfig).toBe("[secret]");
  });

  it("drops an empty add-on identity, so no tenant grants a role to nobody", async () => {
    const value = exported(true) as Record<string, any>;
    value.cluster.appRoutingIdentityObjectId = "";
    await runWithMocks(
      async () => {
        const refs = await platformRefsFromStackReference(source({ value }));
        expect(refs.cluster).toBeDefined();
        expect("appRoutingIdentityObjectId" in refs.cluster!).toBe(false);
      },
      { stack: "u1-102" },
    );
  });

  it("builds no provider for a unit without a cluster", async () => {
    const res = await runWithMocks(
      async () => {
        const refs = await platformRefsFromStackReference(source({ value: exported(false) }));
        expect(refs.kubernetesProvider).toBeUndefined();
        expect(refs.cluster).toBeUndefined();
      },
      { stack: "u1-101" },
    );
    expect(res.resources.filter((r) => r.type === "pulumi:providers:kubernetes")).toEqual([]);
  });

  it("says what to do when the unit stack has not exported its references", async () => {
    await expect(platformRefsFromStackReference(source({}))).rejects.toThrow(
      "Stack reference 'org/driftsenhed/u1' has no output 'platformRefs'. Deploy the unit stack",
    );
  });
});
