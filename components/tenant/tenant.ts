/**
 * One municipality's isolated tenant on its unit's platform, built from what
 * the municipality wants (args.ts: its file's shape, or written by hand) and
 * the platform's references. Names, the firewall priority, subnets, images
 * and tags are derived here (plan.ts), never passed in, so no caller can
 * make two tenants collide.
 *
 * Each municipality is its own GDPR data controller, so everything it owns is
 * its own: resource groups `rg-<unit>-k<code>-network` and
 * `rg-<unit>-k<code>-workloads`, a spoke peered with the hub only, a firewall
 * rule collection group that admits only its own sites to its own servers, a
 * Key Vault and key of its own for its disks and secrets, its own namespace on
 * the shared cluster, and access for its own groups on nothing else.
 *
 * Logs: resource-context access on the unit's workspace, not a workspace of
 * its own. Every log row carries the `_ResourceId` of the resource that wrote
 * it; the municipality's log readers get Log Analytics Reader on its own
 * resource groups and so query exactly the rows of its resources, while the
 * unit's SOC keeps one workspace for correlation across municipalities,
 * Sentinel and the 13-month retention (CFCS). A workspace per municipality
 * would multiply retention, Sentinel and data-collection-rule set-up by the
 * number of municipalities and split the SOC's view. Rows written by shared
 * platform resources (the firewall's logs of this municipality's flows, the
 * shared cluster's container logs) stay readable by the SOC only.
 *
 * What exists per lifecycle state is lifecycle.ts's LIFECYCLE_SEMANTICS; the
 * protect / retainOnDelete contract of data-bearing resources is there too.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as resources from "@pulumi/azure-native/resources/index.js";
import { rejectArgs } from "../errors.js";
import { roleAssignmentName, BUILT_IN_ROLES } from "../identity/roles.js";
import { MUNICIPALITY_TENANT_TYPE, type MunicipalityTenantArgs, type TenantWriteChain } from "./args.js";
import { municipalityTenantArgsProblems } from "./checks.js";
import { MunicipalityNamespace } from "./containers.js";
import { roleDefinitionIdFrom, TenantKeys } from "./keys.js";
import { dataResourceOptions, LIFECYCLE_SEMANTICS } from "./lifecycle.js";
import { createTenantSpoke, TenantFirewallRules } from "./network.js";
import { tenantPlan, type TenantPlan } from "./plan.js";
import { renameAliases } from "./rename.js";
import { SiteConnections } from "./sites.js";
import { VirtualMachineWorkload } from "./vm.js";

/** Tag recording an applied data release on every resource of a released tenant. */
export const DATA_RELEASE_TAG = "dataRelease";

export class MunicipalityTenant extends pulumi.ComponentResource {
  public readonly code: string;
  public readonly lifecycle: MunicipalityTenantArgs["lifecycle"];
  /** Last write to each shared hub resource: the next tenant in the unit stack chains on it. */
  public readonly lastWrites: TenantWriteChain;
  public readonly keys?: TenantKeys;
  public readonly namespace?: MunicipalityNamespace;
  public readonly vms: VirtualMachineWorkload[] = [];
  /** What was derived from the args: names, priority, subnets, images, tags. */
  public readonly plan: TenantPlan;

  constructor(name: string, args: MunicipalityTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MUNICIPALITY_TENANT_TYPE, name, {}, opts);
    const semantics = LIFECYCLE_SEMANTICS[args.lifecycle];
    const problems = municipalityTenantArgsProblems(args);
    // Without a cluster at all, the checks already say so; this is a cluster whose provider did not come along.
    if (semantics?.compute && args.containers && args.platform.cluster && !args.platform.kubernetesProvider) {
      problems.push({ path: "platform.kubernetesProvider", message: "the municipality has a containers section but the platform references carry no cluster provider; enable cluster in unit.yaml" });
    }
    rejectArgs(this, MUNICIPALITY_TENANT_TYPE, name, problems);
    this.code = args.code;
    this.lifecycle = args.lifecycle;
    const plan = tenantPlan(args);
    this.plan = plan;
    let lastWrites: TenantWriteChain = { ...(args.after ?? {}) };

    if (!semantics.spoke) {
      // planned: the range is reserved by the configuration checks; nothing is deployed.
      this.lastWrites = lastWrites;
      this.registerOutputs({ lifecycle: args.lifecycle, addressSpace: args.network.addressSpace });
      return;
    }

    const dataOptions = dataResourceOptions(args.lifecycle, args.dataRelease);
    const tags = args.dataRelease
      ? { ...plan.tags, [DATA_RELEASE_TAG]: `${args.dataRelease.date} ${args.dataRelease.reference}`.slice(0, 256) }
      : plan.tags;
    const k = `k${args.code}`;
    const p = args.platform;
    const location = plan.location;

    // Deleting a resource group deletes everything in it (in retirement, the
    // private endpoint that still serves the vault): data-bearing as well.
    const networkRg = new resources.ResourceGroup(
      `${name}-network-rg`,
      { resourceGroupName: plan.resourceGroups.network, location, tags },
      { parent: this, protect: dataOptions.protect, retainOnDelete: dataOptions.retainOnDelete },
    );
    // Holds the disks, the vault and, after retirement, the detached OS disks: data-bearing.
    const workloadsRg = new resources.ResourceGroup(
      `${name}-workloads-rg`,
      { resourceGroupName: plan.resourceGroups.workloads, location, tags },
      { parent: this, protect: dataOptions.protect, retainOnDelete: dataOptions.retainOnDelete },
    );

    const rules = semantics.siteConnectivity ? plan.firewall.rules : [];
    // Only a municipality whose containers are exposed has certificates for the ingress to read.
    const exposesContainers = semantics.compute && (plan.containers?.workloads.some((w) => w.exposure.type !== "none") ?? false);
    const certificateReaderPrefix = exposesContainers ? p.cluster?.addressSpace : undefined;
    const spoke = createTenantSpoke(this, `${name}-spoke`, {
      unitId: args.unitId,
      code: args.code,
      location,
      resourceGroupName: networkRg.name,
      addressSpace: args.network.addressSpace,
      subnets: plan.subnets,
      firewallRules: rules,
      managementAccess: semantics.compute,
      ...(certificateReaderPrefix !== undefined ? { certificateReaderPrefix } : {}),
      platform: p,
      tags,
    });

    const ingressCertificateReaderId = exposesContainers ? p.cluster?.appRoutingIdentityObjectId : undefined;
    const keys = new TenantKeys(
      `${name}-keys`,
      {
        unitId: args.unitId,
        code: args.code,
        location,
        resourceGroupName: workloadsRg.name,
        entraTenantId: args.entraTenantId ?? authorization.getClientConfigOutput({ parent: this }).tenantId,
        privateEndpointSubnetId: spoke.subnetIds["private-endpoints"]!,
        privateDnsZoneId: p.privateDnsZoneIds.keyVault,
        workspaceId: p.workspaceId,
        operatorGroupId: args.access.operatorGroupId,
        ...(ingressCertificateReaderId !== undefined ? { ingressCertificateReaderId } : {}),
        dataOptions,
        tags,
      },
      { parent: this },
    );
    this.keys = keys;

    this.grantAccess(name, args, [
      { key: "network", rg: networkRg },
      { key: "workloads", rg: workloadsRg },
    ]);

    if (semantics.siteConnectivity && plan.sites.length > 0) {
      const sites = new SiteConnections(
        `${name}-sites`,
        {
          unitId: args.unitId,
          code: args.code,
          location,
          sites: plan.sites,
          platform: p,
          ...(args.expressRouteAuthorizationKeys ? { expressRouteAuthorizationKeys: args.expressRouteAuthorizationKeys } : {}),
          keyVault: { name: keys.vaultName, resourceGroupName: workloadsRg.name },
          ...(args.after ? { after: args.after } : {}),
          hubTags: plan.hubTags,
          dataOptions,
          tags,
        },
        { parent: this, dependsOn: [spoke] },
      );
      lastWrites = { ...lastWrites, ...sites.lastWrites };
    }

    for (const vm of plan.vms) {
      this.vms.push(
        new VirtualMachineWorkload(
          `${name}-${vm.name}`,
          {
            unitId: args.unitId,
            code: args.code,
            location,
            vm,
            mode: semantics.compute ? "active" : "retained",
            resourceGroupName: workloadsRg.name,
            resourceGroupId: workloadsRg.id,
            ...(semantics.compute ? { serversSubnetId: spoke.subnetIds["servers"]! } : {}),
            diskEncryptionSetId: keys.diskEncryptionSetId,
            keyVaultName: keys.vaultName,
            dataOptions,
            dataCollectionRuleId: p.serverDataCollectionRuleId,
            maintenanceConfigurationId: p.serverMaintenanceConfigurationId,
            backupVaultName: p.backupVaultName,
            backupResourceGroupName: p.backupResourceGroupName,
            tags,
            ...(vm.renamedFrom !== undefined ? { previousName: `${name}-${vm.renamedFrom}` } : {}),
          },
          // The disk encryption set can wrap keys only once its role assignment exists.
          { parent: this, dependsOn: [keys], ...renameAliases(vm.renamedFrom === undefined ? undefined : `${name}-${vm.renamedFrom}`, "") },
        ),
      );
    }

    if (semantics.siteConnectivity) {
      const destinations: Record<string, pulumi.Input<string>> = {};
      for (const vm of this.vms) if (vm.privateIp) destinations[vm.workload] = vm.privateIp;
      const firewall = new TenantFirewallRules(
        `${name}-firewall`,
        {
          code: args.code,
          priority: plan.firewall.priority,
          ruleCollectionGroupName: plan.firewall.ruleCollectionGroupName,
          rules,
          destinations,
          ...(p.internalIngressAddress !== undefined && plan.containers?.workloads.some((w) => w.exposure.type === "internal")
            ? { internalIngressAddress: p.internalIngressAddress }
            : {}),
          ...(certificateReaderPrefix !== undefined
            ? { certificateAccess: { clusterPrefix: certificateReaderPrefix, privateEndpointsPrefix: plan.subnets.privateEndpoints } }
            : {}),
          allSitePrefixes: [...new Set(plan.sites.flatMap((s) => s.azurePrefixes))].sort(),
          platform: p,
          ...(args.after?.firewallPolicy ? { after: args.after.firewallPolicy } : {}),
        },
        { parent: this },
      );
      lastWrites = { ...lastWrites, firewallPolicy: firewall.group };
    }

    if (semantics.compute && plan.containers && p.kubernetesProvider) {
      this.namespace = new MunicipalityNamespace(
        `${name}-containers`,
        {
          code: args.code,
          unitId: args.unitId,
          containers: plan.containers,
          operatorGroupId: args.access.operatorGroupId,
          keyVaultUri: keys.vaultUri,
          provider: p.kubernetesProvider,
        },
        { parent: this },
      );
    }

    this.lastWrites = lastWrites;
    this.registerOutputs({
      lifecycle: args.lifecycle,
      namespace: this.namespace?.namespace ?? k,
      vaultId: keys.vaultId,
      diskEncryptionSetId: keys.diskEncryptionSetId,
    });
  }

  /**
   * The municipality's operators get the platform's municipality-operator role,
   * and its log readers Log Analytics Reader, on its own resource groups only.
   */
  private grantAccess(name: string, args: MunicipalityTenantArgs, groups: { key: string; rg: resources.ResourceGroup }[]): void {
    const k = `k${args.code}`;
    for (const { key, rg } of groups) {
      new authorization.RoleAssignment(
        `${name}-${key}-operators`,
        {
          roleAssignmentName: roleAssignmentName(args.unitId, `${k}/rg/${key}`, "municipalityOperator", args.access.operatorGroupId),
          scope: rg.id,
          roleDefinitionId: args.platform.municipalityOperatorRoleDefinitionId,
          principalId: args.access.operatorGroupId,
          principalType: "Group",
          description: `Operators of municipality ${args.code}, on its own ${key} resource group.`,
        },
        { parent: this },
      );
      if (args.access.logReaderGroupId !== undefined) {
        new authorization.RoleAssignment(
          `${name}-${key}-log-readers`,
          {
            roleAssignmentName: roleAssignmentName(args.unitId, `${k}/rg/${key}`, "logAnalyticsReader", args.access.logReaderGroupId),
            scope: rg.id,
            roleDefinitionId: rg.id.apply((id) => roleDefinitionIdFrom(id, BUILT_IN_ROLES.logAnalyticsReader)),
            principalId: args.access.logReaderGroupId,
            principalType: "Group",
            description: `Log readers of municipality ${args.code}: resource-context queries over its own ${key} resources.`,
          },
          { parent: this },
        );
      }
    }
  }
}
