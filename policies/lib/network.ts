/**
 * Network objects that Azure lets you declare in two places: security rules
 * inline in an NSG or as SecurityRule resources, subnets inline in a virtual
 * network or as Subnet resources, routes inline in a route table or as Route
 * resources, peerings inline or separate. Rules read them through these views
 * so that neither form slips through.
 */
import { AZ } from "./types.js";
import { asArray, asRecord, asString, asStrings, pathOf } from "./values.js";
import { portExpressions } from "./ports.js";

export interface SecurityRuleView {
  name: string;
  /** Where the rule sits in the resource's properties ("" for a SecurityRule resource). */
  path: string;
  access: string;
  direction: string;
  protocol: string;
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  destinationPorts: string[];
}

function securityRuleView(props: Record<string, unknown>, path: string, fallbackName: string): SecurityRuleView {
  return {
    name: asString(props.securityRuleName) ?? asString(props.name) ?? fallbackName,
    path,
    access: (asString(props.access) ?? "").toLowerCase(),
    direction: (asString(props.direction) ?? "").toLowerCase(),
    protocol: (asString(props.protocol) ?? "*").toLowerCase(),
    sourcePrefixes: prefixes(props.sourceAddressPrefix, props.sourceAddressPrefixes),
    destinationPrefixes: prefixes(props.destinationAddressPrefix, props.destinationAddressPrefixes),
    destinationPorts: portExpressions(props.destinationPortRange, props.destinationPortRanges),
  };
}

function prefixes(single: unknown, list: unknown): string[] {
  const one = asString(single);
  return [...(one ? [one] : []), ...asStrings(list)];
}

/** Security rules declared by an NSG (inline) or a SecurityRule resource. */
export function securityRulesOf(type: string, props: Record<string, unknown>, resourceName: string): SecurityRuleView[] {
  if (type === AZ.securityRule) return [securityRuleView(props, "", resourceName)];
  if (type === AZ.networkSecurityGroup) {
    return asArray(props.securityRules).map((r, i) =>
      securityRuleView(asRecord(r) ?? {}, pathOf("securityRules", i), `securityRules[${i}]`),
    );
  }
  return [];
}

export interface SubnetView {
  name: string;
  path: string;
  props: Record<string, unknown>;
}

/** Subnets declared by a virtual network (inline) or a Subnet resource. */
export function subnetsOf(type: string, props: Record<string, unknown>, resourceName: string): SubnetView[] {
  if (type === AZ.subnet) {
    return [{ name: asString(props.subnetName) ?? asString(props.name) ?? resourceName, path: "", props }];
  }
  if (type === AZ.virtualNetwork) {
    return asArray(props.subnets).map((s, i) => {
      const sp = asRecord(s) ?? {};
      return { name: asString(sp.name) ?? `subnets[${i}]`, path: pathOf("subnets", i), props: sp };
    });
  }
  return [];
}

export interface RouteView {
  name: string;
  path: string;
  addressPrefix?: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}

function routeView(props: Record<string, unknown>, path: string, fallbackName: string): RouteView {
  return {
    name: asString(props.routeName) ?? asString(props.name) ?? fallbackName,
    path,
    addressPrefix: asString(props.addressPrefix),
    nextHopType: asString(props.nextHopType) ?? "",
    nextHopIpAddress: asString(props.nextHopIpAddress),
  };
}

export function routesOf(type: string, props: Record<string, unknown>, resourceName: string): RouteView[] {
  if (type === AZ.route) return [routeView(props, "", resourceName)];
  if (type === AZ.routeTable) {
    return asArray(props.routes).map((r, i) => routeView(asRecord(r) ?? {}, pathOf("routes", i), `routes[${i}]`));
  }
  return [];
}

/** A peering's remote network: its id and whatever address space the peering states. */
export interface PeeringView {
  name: string;
  path: string;
  remoteVnetId?: string;
  remotePrefixes: string[];
}

function peeringView(props: Record<string, unknown>, path: string, fallbackName: string): PeeringView {
  const remotePrefixes = [
    ...asStrings(asRecord(props.remoteAddressSpace)?.addressPrefixes),
    ...asStrings(asRecord(props.remoteVirtualNetworkAddressSpace)?.addressPrefixes),
  ];
  return {
    name: asString(props.virtualNetworkPeeringName) ?? asString(props.name) ?? fallbackName,
    path,
    remoteVnetId: asString(asRecord(props.remoteVirtualNetwork)?.id),
    remotePrefixes,
  };
}

export function peeringsOf(type: string, props: Record<string, unknown>, resourceName: string): PeeringView[] {
  if (type === AZ.virtualNetworkPeering) return [peeringView(props, "", resourceName)];
  if (type === AZ.virtualNetwork) {
    return asArray(props.virtualNetworkPeerings).map((p, i) =>
      peeringView(asRecord(p) ?? {}, pathOf("virtualNetworkPeerings", i), `virtualNetworkPeerings[${i}]`),
    );
  }
  return [];
}

export function addressPrefixesOfVnet(props: Record<string, unknown>): string[] {
  return asStrings(asRecord(props.addressSpace)?.addressPrefixes);
}

/** "in securityRules[2] 'allow-rdp'" or "in 'allow-rdp'" for messages. */
export function where(path: string, name: string): string {
  return path ? `${path} '${name}'` : `'${name}'`;
}
