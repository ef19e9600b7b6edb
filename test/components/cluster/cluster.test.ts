import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runWithMocks, type MockRunResult, type RecordedResource } from "../../support/mocks.js";
import { FAKE_SUBSCRIPTION_ID } from "../../../packages/tools/mock-runtime/index.js";
import { ServerCluster, type ServerClusterArgs } from "../../../components/cluster/cluster.js";
import { BUILT_IN_ROLES } from "../../../components/identity/roles.js";
import { DEFAULTS } from "../../../components/vocabulary/defaults.js";
import {
  TAGS,
  descendantsOf,
  expectAzureParentsAreComponents,
  expectTagged,
  ofType,
  single,
  sortedTypes,
} from "../monitoring/harness.js";

const SUB = `/subscriptions/${FAKE_SUBSCRIPTION_ID}`;
const HUB = `${SUB}/resourceGroups/rg-u1-hub/providers/Microsoft.Network`;
const NODE_SUBNET = `${HUB}/virtualNetworks/vnet-u1-cluster/subnets/snet-nodes`;
const ROUTES = `${HUB}/routeTables/rt-u1-cluster`;
const VNET = `${HUB}/virtualNetworks/vnet-u1-cluster`;
const AKS_ZONE = `${HUB}/privateDnsZones/privatelink.denmarkeast.azmk8s.io`;
const WORKSPACE = `${SUB}/resourceGroups/rg-u1-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-u1`;
const IDENTITY = `${SUB}/resourceGroups/rg-u1-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-u1-cluster`;
const ADMINS = "cccccccc-0000-4000-8000-000000000001";

function args(overrides: Partial<ServerClusterArgs> = {}): ServerClusterArgs {
  return {
    unitId: "u1",
    location: "denmarkeast",
    nodeSubnetId: NODE_SUBNET,
    routeTableId: ROUTES,
    virtualNetworkId: VNET,
    privateDnsZoneId: AKS_ZONE,
    podCidr: "10.244.0.0/16",
    serviceCidr: "10.245.0.0/16",
    identity: { resourceId: IDENTITY, principalId: "dddddddd-0000-4000-8000-000000000001" },
    adminGroupObjectIds: [ADMINS],
    workspaceId: WORKSPACE,
    userPools: { apps: { vmSize: "Standard_D8ds_v5", minCount: 2, maxCount: 10 } },
    internalIngressAddress: "10.64.23.254",
    tags: TAGS,
    ...overrides,
  };
}

const EXEC_KUBECONFIG = [
  "apiVersion: v1",
  "kind: Config",
  "clusters: [{name: aks-u1, cluster: {server: 'https://aks-u1.privatelink.denmarkeast.azmk8s.io:443'}}]",
  "contexts: [{name: aks-u1, context: {cluster: aks-u1, user: clusterUser}}]",
  "current-context: aks-u1",
  "users:",
  "- name: clusterUser",
  "  user:",
  "    exec:",
  "      apiVersion: client.authentication.k8s.io/v1beta1",
  "      command: kubelogin",
  "      args: [get-token, --environment, AzurePublicCloud, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630,",
  "             --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, t, --login, devicecode]",
].join("\n");

const NOT_TAGGABLE = [
  "azure-native:authorization:RoleAssignment",
  "azure-native:containerservice:MaintenanceConfiguration",
  "azure-native:monitor:DiagnosticSetting",
];

describe("ServerCluster", () => {
  let run: MockRunResult;
  let inside: RecordedResource[];
  let kubeconfig = "";
  let kubeconfigIsSecret = false;
  let aks: Record<string, any>;
  beforeAll(async () => {
    run = await runWithMocks(
      async () => {
        const c = new ServerCluster("cl", args());
        kubeconfigIsSecret = await (c.kubeconfig as any).isSecret;
        c.kubeconfig.apply((k) => (kubeconfig = k));
      },
      {
        stack: "cluster",
        invokes: {
          "azure-native:containerservice:listManagedClusterUserCredentials": () => ({
            kubeconfigs: [{ name: "clusterUser", value: Buffer.from(EXEC_KUBECONFIG).toString("base64") }],
          }),
        },
      },
    );
    inside = descendantsOf(run, "driftsenhed:cluster:ServerCluster");
    aks = single(inside, "azure-native:containerservice:ManagedCluster").inputs;
  });

  it("creates exactly the expected resources", () => {
    expect(sortedTypes(inside)).toEqual(
      [
        "azure-native:resources:ResourceGroup",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:RoleAssignment",
        "azure-native:containerservice:ManagedCluster",
        "azure-native:containerservice:AgentPool",
        "azure-native:containerservice:MaintenanceConfiguration",
        "azure-native:containerservice:MaintenanceConfiguration",
        "azure-native:monitor:DiagnosticSetting",
        "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController",
        "pulumi:providers:kubernetes",
      ].sort(),
    );
  });

  it("runs application routing with the default controller on an internal load balancer", () => {
    expect(aks.ingressProfile).toEqual({ webAppRouting: { enabled: true, nginx: { defaultIngressControllerType: "Internal" } } });
  });

  it("adds the internal controller nginx-internal through its own provider, on an internal load balancer at the given address", () => {
    const nic = single(inside, "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController");
    expect(nic.inputs).toEqual({
      apiVersion: "approuting.kubernetes.azure.com/v1alpha1",
      kind: "NginxIngressController",
      metadata: { name: "nginx-internal" },
      spec: {
        ingressClassName: "nginx-internal",
        controllerNamePrefix: "nginx-internal",
        loadBalancerAnnotations: {
          "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
          "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.64.23.254",
        },
      },
    });
    const cluster = single(inside, "azure-native:containerservice:ManagedCluster");
    expect(nic.dependencies).toContain(cluster.urn);
    // Registered on the cluster's provider, not an ambient kubeconfig.
    const provider = single(inside, "pulumi:providers:kubernetes");
    expect(nic.parentUrn).toBe(provider.parentUrn);
  });

  it("has a private API server, Entra ID with Azure RBAC and no local accounts", () => {
    expect(aks.disableLocalAccounts).toBe(true);
    expect(aks.enableRBAC).toBe(true);
    expect(aks.aadProfile).toEqual({ managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [ADMINS] });
    expect(aks.apiServerAccessProfile).toMatchObject({
      enablePrivateCluster: true,
      enablePrivateClusterPublicFQDN: false,
      privateDNSZone: AKS_ZONE,
      disableRunCommand: true,
    });
    expect(aks.publicNetworkAccess).toBe("Disabled");
  });

  it("uses Azure CNI overlay with Cilium policy and egress through the firewall", () => {
    expect(aks.networkProfile).toEqual({
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      networkDataplane: "cilium",
      networkPolicy: "cilium",
      outboundType: "userDefinedRouting",
      loadBalancerSku: "standard",
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.245.0.0/16",
      dnsServiceIP: "10.245.0.10",
    });
  });

  it("runs a tainted, zonal, autoscaling system pool without public IPs in the node subnet", () => {
    const [pool] = aks.agentPoolProfiles;
    expect(aks.agentPoolProfiles).toHaveLength(1);
    expect(pool).toMatchObject({
      name: "system",
      mode: "System",
      enableAutoScaling: true,
      minCount: DEFAULTS.cluster.systemPool.minCount,
      maxCount: DEFAULTS.cluster.systemPool.maxCount,
      vmSize: DEFAULTS.cluster.systemPool.vmSize,
      availabilityZones: ["1", "2", "3"],
      nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
      vnetSubnetID: NODE_SUBNET,
      enableNodePublicIP: false,
      enableEncryptionAtHost: true,
    });
  });

  it("adds user pools as separate AgentPools", () => {
    const pool = single(inside, "azure-native:containerservice:AgentPool").inputs;
    expect(pool).toMatchObject({
      agentPoolName: "apps",
      resourceName: "aks-u1",
      mode: "User",
      minCount: 2,
      maxCount: 10,
      vnetSubnetID: NODE_SUBNET,
      enableNodePublicIP: false,
      enableEncryptionAtHost: true,
    });
  });

  it("upgrades automatically inside both AKS maintenance windows", () => {
    expect(aks.autoUpgradeProfile).toEqual({
      upgradeChannel: DEFAULTS.cluster.upgradeChannel,
      nodeOSUpgradeChannel: DEFAULTS.cluster.nodeOsUpgradeChannel,
    });
    const windows = ofType(inside, "azure-native:containerservice:MaintenanceConfiguration").map((r) => r.inputs as any);
    expect(windows.map((w) => w.configName).sort()).toEqual(["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]);
    for (const w of windows) {
      expect(w.maintenanceWindow).toEqual({
        schedule: { weekly: { dayOfWeek: DEFAULTS.cluster.maintenanceWindow.dayOfWeek, intervalWeeks: 1 } },
        startTime: DEFAULTS.cluster.maintenanceWindow.startTime,
        durationHours: DEFAULTS.cluster.maintenanceWindow.durationHours,
        utcOffset: "+01:00",
      });
    }
  });

  it("enables workload identity, Defender, Container insights and Azure Policy against the workspace", () => {
    expect(aks.oidcIssuerProfile).toEqual({ enabled: true });
    expect(aks.securityProfile.workloadIdentity).toEqual({ enabled: true });
    expect(aks.securityProfile.defender).toEqual({
      logAnalyticsWorkspaceResourceId: WORKSPACE,
      securityMonitoring: { enabled: true },
    });
    expect(aks.addonProfiles.omsagent).toMatchObject({ enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } });
    expect(aks.addonProfiles.azurepolicy.enabled).toBe(true);
    expect(aks.sku).toEqual({ name: "Base", tier: "Standard" });
    expect(aks.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [IDENTITY] });
  });

  it("grants the cluster identity only what AKS needs on subnet, route table, network and private zone, before the cluster", () => {
    const ra = ofType(inside, "azure-native:authorization:RoleAssignment");
    const byScope = Object.fromEntries(ra.map((r) => [r.inputs.scope as string, r.inputs.roleDefinitionId as string]));
    expect(byScope).toEqual({
      [NODE_SUBNET]: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.networkContributor}`,
      [ROUTES]: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.networkContributor}`,
      // AKS links the platform's private zone to the cluster network itself.
      [VNET]: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.networkContributor}`,
      [AKS_ZONE]: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.privateDnsZoneContributor}`,
    });
    for (const r of ra) {
      expect(r.inputs.principalType).toBe("ServicePrincipal");
      expect(r.inputs.roleAssignmentName).toMatch(/^[0-9a-f-]{36}$/);
    }
    const cluster = single(inside, "azure-native:containerservice:ManagedCluster");
    for (const r of ra) expect(cluster.dependencies).toContain(r.urn);
  });

  it("sends cluster logs to the workspace", () => {
    const diag = single(inside, "azure-native:monitor:DiagnosticSetting").inputs;
    expect(diag).toMatchObject({ resourceUri: single(inside, "azure-native:containerservice:ManagedCluster").id, workspaceId: WORKSPACE });
  });

  it("builds the kubernetes provider from the user credentials, secret, with a non-interactive login", () => {
    const call = run.invokes.find((i) => i.token === "azure-native:containerservice:listManagedClusterUserCredentials");
    expect(call?.inputs).toMatchObject({ resourceName: "aks-u1", format: "exec" });
    expect(kubeconfigIsSecret).toBe(true);
    const exec = parse(kubeconfig).users[0].user.exec;
    expect(exec.args).toEqual([
      "get-token",
      "--environment",
      "AzurePublicCloud",
      "--server-id",
      "6dae42f8-4368-4678-94ff-3960e28e3630",
      "--tenant-id",
      "t",
      "--login",
      "azurecli",
    ]);
    const provider = single(inside, "pulumi:providers:kubernetes");
    expect(provider.inputs.kubeconfig).toBe("[secret]");
    expect(String(provider.inputs.enableServerSideApply)).toBe("true");
  });

  it("tags every taggable resource", () => {
    expectTagged(inside, TAGS, NOT_TAGGABLE);
  });

  it("parents every azure-native resource to a driftsenhed component", () => {
    expectAzureParentsAreComponents(run);
  });
});

describe("ServerCluster defaults without a custom private zone", () => {
  it("uses the system zone and skips the DNS grant", async () => {
    const run = await runWithMocks(
      () => {
        new ServerCluster("cl", args({ privateDnsZoneId: undefined, routeTableId: undefined, userPools: undefined, internalIngressAddress: undefined }));
      },
      { stack: "cluster-system-zone" },
    );
    const inside = descendantsOf(run, "driftsenhed:cluster:ServerCluster");
    expect((single(inside, "azure-native:containerservice:ManagedCluster").inputs as any).apiServerAccessProfile.privateDNSZone).toBe("system");
    expect(ofType(inside, "azure-native:authorization:RoleAssignment").map((r) => r.inputs.scope)).toEqual([NODE_SUBNET]);
    expect(ofType(inside, "azure-native:containerservice:AgentPool")).toHaveLength(0);
    expect(ofType(inside, "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController")).toHaveLength(0);
  });
});

describe("ServerCluster argument errors", () => {
  it.each<[Partial<ServerClusterArgs>, RegExp]>([
    [{ podCidr: "10.244.0.0" }, /podCidr  is "10\.244\.0\.0"; expected an IPv4 CIDR/],
    [{ serviceCidr: "10.245.0.1/16" }, /serviceCidr  is "10\.245\.0\.1\/16"; host bits are set\. Use the network address \(10\.245\.0\.0\/16\)/],
    [{ podCidr: "10.0.0.0/8", serviceCidr: "10.245.0.0/16" }, /podCidr  10\.0\.0\.0\/8 and serviceCidr 10\.245\.0\.0\/16 overlap/],
    [{ adminGroupObjectIds: [] }, /adminGroupObjectIds  is empty/],
    [{ adminGroupObjectIds: ["admins"] }, /adminGroupObjectIds\.0  is "admins"/],
    [{ userPools: { "Apps-1": { vmSize: "x", minCount: 1, maxCount: 2 } } }, /pool named "Apps-1"/],
    [{ userPools: { apps: { vmSize: "x", minCount: 3, maxCount: 2 } } }, /userPools\.apps  has minCount 3 and maxCount 2/],
    [{ maintenanceWindow: { dayOfWeek: "Sunday", startTime: "25:00", durationHours: 4, utcOffset: "+01:00" } }, /maintenanceWindow\.startTime  is "25:00"/],
    [{ maintenanceWindow: { dayOfWeek: "Sunday", startTime: "01:00", durationHours: 2, utcOffset: "+01:00" } }, /durationHours  is 2; AKS-managed schedules need 4-24 hours/],
    [{ internalIngressAddress: "10.64.23.254/32" }, /internalIngressAddress  is "10\.64\.23\.254\/32"; expected one private IPv4 address/],
  ])("rejects %o", (bad, message) => {
    expect(() => new ServerCluster("cl", args(bad))).toThrow(message);
  });
});
