/**
 * One municipality's isolated tenant on its unit's platform, built from its
 * file (through stacks/tenant-args.ts) and the platform's references.
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
import { roleAssignmentName, BUILT_IN_ROLES } from "../identity/roles.js";
import type { MunicipalityTenantArgs, TenantWriteChain } from "./args.js";
import { MunicipalityNamespace } from "./containers.js";
import { roleDefinitionIdFrom, TenantKeys } from "./keys.js";
import { dataResourceOptions, LIFECYCLE_SEMANTICS } from "./lifecycle.js";
import { createTenantSpoke, TenantFirewallRules } from "./network.js";
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

  constructor(name: string, args: MunicipalityTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("driftsenhed:tenant:MunicipalityTenant", name, {}, opts);
    this.code = args.code;
    this.lifecycle = args.lifecycle;
    const semantics = LIFECYCLE_SEMANTICS[args.lifecycle];
    let lastWrites: TenantWriteChain = { ...(args.after ?? {}) };

    if (!semantics.spoke) {
      // planned: the range is reserved by the configuration checks; nothing is deployed.
      this.lastWrites = lastWrites;
      this.registerOutputs({ lifecycle: args.lifecycle, addressSpace: args.network.addressSpace });
      return;
    }

    const dataOptions = dataResourceOptions(args.lifecycle, args.dataRelease);
    const tags = args.dataRelease
      ? { ...args.tags, [DATA_RELEASE_TAG]: `${args.dataRelease.date} ${args.dataRelease.reference}`.slice(0, 256) }
      : args.tags;
    const k = `k${args.code}`;
    const p = args.platform;

    const networkRg = new resources.ResourceGroup(
      `${name}-network-rg`,
      { resourceGroupName: args.resourceGroups.network, location: args.location, tags },
      { parent: this },
    );
    // Holds the disks, the vault and, after retirement, the detached OS disks: data-bearing.
    const workloadsRg = new resources.ResourceGroup(
      `${name}-workloads-rg`,
      { resourceGroupName: args.resourceGroups.workloads, location: args.location, tags },
      { parent: this, protect: dataOptions.protect, retainOnDelete: dataOptions.retainOnDelete },
    );

    const rules = semantics.siteConnectivity ? args.firewall.rules : [];
    // Only a municipality whose containers are exposed has certificates for the ingress to read.
    const exposesContainers = semantics.compute && (args.containers?.workloads.some((w) => w.exposure.type !== "none") ?? false);
    const certificateReaderPrefix = exposesContainers ? p.cluster?.addressSpace : undefined;
    const spoke = createTenantSpoke(this, `${name}-spoke`, {
      unitId: args.unitId,
      code: args.code,
      location: args.location,
      resourceGroupName: networkRg.name,
      addressSpace: args.network.addressSpace,
      subnets: args.network.subnets,
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
        location: args.location,
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

    if (semantics.siteConnectivity && args.network.sites.length > 0) {
      const sites = new SiteConnections(
        `${name}-sites`,
        {
          unitId: args.unitId,
          code: args.code,
          location: args.location,
          sites: args.network.sites,
          platform: p,
          ...(args.expressRouteAuthorizationKeys ? { expressRouteAuthorizationKeys: args.expressRouteAuthorizationKeys } : {}),
          keyVault: { name: keys.vaultName, resourceGroupName: workloadsRg.name },
          ...(args.after ? { after: args.after } : {}),
          hubTags: args.hubTags,
          tags,
        },
        { parent: this, dependsOn: [spoke] },
      );
      lastWrites = { ...lastWrites, ...sites.lastWrites };
    }

    for (const vm of args.vms) {
      this.vms.push(
        new VirtualMachineWorkload(
          `${name}-${vm.name}`,
          {
            unitId: args.unitId,
            code: args.code,
            location: args.location,
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
          },
          // The disk encryption set can wrap keys only once its role assignment exists.
          { parent: this, dependsOn: [keys] },
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
          priority: args.firewall.priority,
          ruleCollectionGroupName: args.firewall.ruleCollectionGroupName,
          rules,
          destinations,
          ...(p.internalIngressAddress !== undefined && args.containers?.workloads.some((w) => w.exposure.type === "internal")
            ? { internalIngressAddress: p.internalIngressAddress }
            : {}),
          ...(certificateReaderPrefix !== undefined
            ? { certificateAccess: { clusterPrefix: certificateReaderPrefix, privateEndpointsPrefix: args.network.subnets.privateEndpoints } }
            : {}),
          allSitePrefixes: [...new Set(args.network.sites.flatMap((s) => s.azurePrefixes))].sort(),
          platform: p,
          ...(args.after?.firewallPolicy ? { after: args.after.firewallPolicy } : {}),
        },
        { parent: this },
      );
      lastWrites = { ...lastWrites, firewallPolicy: firewall.group };
    }

    if (semantics.compute && args.containers) {
      if (!p.kubernetesProvider) {
        throw new Error(`municipality ${args.code} has a containers section but the unit's platform has no cluster provider; enable cluster in unit.yaml`);
      }
      this.namespace = new MunicipalityNamespace(
        `${name}-containers`,
        {
          code: args.code,
          unitId: args.unitId,
          containers: args.containers,
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
