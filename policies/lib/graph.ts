/**
 * The stack as a graph: find resources by ARM id or by resource group and
 * name, follow a child to its parent, and say which municipality owns what and
 * which address ranges are whose. Stack rules share one index per evaluation
 * through `indexOf`.
 */
import type { StackResource } from "../rule.js";
import { azureNameOf, idOf, nameKey, normId, parentId, resourceGroupOf } from "./azure.js";
import { contains, parseRange, overlaps, type IpRange } from "./ip.js";
import { addressPrefixesOfVnet } from "./network.js";
import { known } from "./preview.js";
import { isTenantCode, parseTenantResourceGroup, taggedOwner } from "./tenancy.js";
import { AZ } from "./types.js";
import { asString } from "./values.js";

/** Child type → [parent type, input naming the parent]. */
const PARENTS: Readonly<Record<string, readonly [string, string]>> = {
  [AZ.subnet]: [AZ.virtualNetwork, "virtualNetworkName"],
  [AZ.virtualNetworkPeering]: [AZ.virtualNetwork, "virtualNetworkName"],
  [AZ.securityRule]: [AZ.networkSecurityGroup, "networkSecurityGroupName"],
  [AZ.route]: [AZ.routeTable, "routeTableName"],
  [AZ.firewallPolicyRuleCollectionGroup]: [AZ.firewallPolicy, "firewallPolicyName"],
  [AZ.privateDnsZoneGroup]: [AZ.privateEndpoint, "privateEndpointName"],
  [AZ.key]: [AZ.keyVault, "vaultName"],
  [AZ.secret]: [AZ.keyVault, "vaultName"],
  [AZ.protectedItem]: [AZ.recoveryVault, "vaultName"],
  [AZ.protectionPolicy]: [AZ.recoveryVault, "vaultName"],
  [AZ.agentPool]: [AZ.managedCluster, "resourceName"],
};

export interface OwnedRange {
  owner: string;
  range: IpRange;
  vnet: StackResource;
}

export class StackIndex {
  private idMap?: Map<string, StackResource>;
  private urnMap?: Map<string, StackResource>;
  private readonly nameMaps = new Map<string, Map<string, StackResource>>();
  private ranges?: OwnedRange[];

  constructor(readonly resources: readonly StackResource[]) {}

  ofType(type: string): StackResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Every stack-rule finding is attributed through this, so it must not scan the stack each time. */
  byUrn(urn: string): StackResource | undefined {
    if (!this.urnMap) {
      const map = new Map<string, StackResource>();
      // First occurrence wins, as a linear search would find it (the engine never repeats a URN).
      for (const r of this.resources) if (!map.has(r.urn)) map.set(r.urn, r);
      this.urnMap = map;
    }
    return this.urnMap.get(urn);
  }

  byId(id: string | undefined): StackResource | undefined {
    if (!id) return undefined;
    if (!this.idMap) {
      const map = new Map<string, StackResource>();
      for (const r of this.resources) {
        if (!r.type.startsWith("azure-native:")) continue;
        // A resource still to be created has no id during preview. Nothing can refer to it by a known id
        // either, so it is left out rather than making every lookup in the stack fail.
        const rid = known(() => idOf(r));
        if (typeof rid === "string") map.set(normId(rid), r);
      }
      this.idMap = map;
    }
    return this.idMap.get(normId(id));
  }

  byName(type: string, resourceGroup: string | undefined, name: string | undefined): StackResource | undefined {
    const key = nameKey(resourceGroup, name);
    if (!key) return undefined;
    let map = this.nameMaps.get(type);
    if (!map) {
      map = new Map();
      for (const r of this.ofType(type)) {
        const k = nameKey(resourceGroupOf(r), azureNameOf(r));
        if (k) map.set(k, r);
      }
      this.nameMaps.set(type, map);
    }
    return map.get(key);
  }

  resourceGroupNamed(name: string | undefined): StackResource | undefined {
    return this.byName(AZ.resourceGroup, name, name);
  }

  /** Azure parent of a child resource (subnet → virtual network, route → route table, ...). */
  parentOf(r: StackResource): StackResource | undefined {
    const spec = PARENTS[r.type];
    if (!spec) return undefined;
    const [parentType, nameInput] = spec;
    const byName = this.byName(parentType, resourceGroupOf(r), asString(r.props[nameInput]));
    if (byName) return byName;
    const id = idOf(r);
    const pid = id ? parentId(id) : undefined;
    const byId = this.byId(pid);
    return byId?.type === parentType ? byId : undefined;
  }

  /** `kommunekode` of a resource: its tag, its parent's, or its tenant resource group's. */
  ownerOf(r: StackResource | undefined): string | undefined {
    if (!r) return undefined;
    const tagged = taggedOwner(r.props);
    if (tagged) return tagged;
    const parent = this.parentOf(r);
    if (parent) {
      const viaParent = taggedOwner(parent.props);
      if (viaParent) return viaParent;
    }
    const rg = resourceGroupOf(r);
    return rg ? parseTenantResourceGroup(rg)?.code : undefined;
  }

  /** Address ranges of every virtual network whose owner is known. */
  ownedRanges(): OwnedRange[] {
    if (!this.ranges) {
      const ranges: OwnedRange[] = [];
      for (const vnet of this.ofType(AZ.virtualNetwork)) {
        const owner = this.ownerOf(vnet);
        if (!owner) continue;
        for (const prefix of addressPrefixesOfVnet(vnet.props)) {
          const range = parseRange(prefix);
          if (range) ranges.push({ owner, range, vnet });
        }
      }
      this.ranges = ranges;
    }
    return this.ranges;
  }

  /** Owners (tenant codes or `platform`) of virtual networks that wholly contain the range. */
  ownersContaining(range: IpRange): Set<string> {
    const out = new Set<string>();
    for (const owned of this.ownedRanges()) if (contains(owned.range, range)) out.add(owned.owner);
    return out;
  }

  /** Municipalities (tenant codes) whose virtual networks the range touches. */
  tenantsTouching(range: IpRange): Set<string> {
    const out = new Set<string>();
    for (const owned of this.ownedRanges()) {
      if (isTenantCode(owned.owner) && overlaps(owned.range, range)) out.add(owned.owner);
    }
    return out;
  }
}

const cache = new WeakMap<readonly StackResource[], StackIndex>();

/** One index per resource list, shared by the stack rules of one evaluation. */
export function indexOf(resources: readonly StackResource[]): StackIndex {
  let index = cache.get(resources);
  if (!index) {
    index = new StackIndex(resources);
    cache.set(resources, index);
  }
  return index;
}
