/**
 * topology.md: the unit's network as the program would build it, drawn from
 * the registered resources rather than from the configuration, so that the
 * picture shows what would exist: the hub with its firewall, gateways and
 * Bastion; per municipality its spoke(s), its sites and how they connect; the
 * cluster and one namespace per municipality.
 */
import type { PlanResource, UnitPlan } from "../types.js";
import { cell, code } from "./markdown.js";

const AZ = {
  vnet: "azure-native:network:VirtualNetwork",
  peering: "azure-native:network:VirtualNetworkPeering",
  firewall: "azure-native:network:AzureFirewall",
  gateway: "azure-native:network:VirtualNetworkGateway",
  bastion: "azure-native:network:BastionHost",
  localGateway: "azure-native:network:LocalNetworkGateway",
  connection: "azure-native:network:VirtualNetworkGatewayConnection",
  cluster: "azure-native:containerservice:ManagedCluster",
  namespace: "kubernetes:core/v1:Namespace",
} as const;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function rec(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Mermaid label text: quotes and angle brackets would end the label. */
function label(...lines: (string | undefined)[]): string {
  const text = lines
    .filter((l): l is string => l !== undefined && l.length > 0)
    .map((l) => l.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;"))
    .join("<br/>");
  return `"${text}"`;
}

function lastSegment(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const parts = id.split("/").filter(Boolean);
  return parts[parts.length - 1];
}

interface Graph {
  lines: string[];
  ids: Map<string, string>;
  next: number;
}

function nodeId(g: Graph, urn: string): string {
  let id = g.ids.get(urn);
  if (!id) {
    id = `n${g.next++}`;
    g.ids.set(urn, id);
  }
  return id;
}

export function renderTopologyDiagram(unit: UnitPlan): string[] {
  const all: PlanResource[] = unit.stacks.flatMap((s) => s.resources);
  const byId = new Map<string, PlanResource>();
  const byType = new Map<string, PlanResource[]>();
  for (const r of all) {
    if (r.id) byId.set(r.id.toLowerCase(), r);
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const ofType = (t: string) => byType.get(t) ?? [];
  const resolve = (value: unknown) => {
    const id = str(rec(value).id);
    return id ? byId.get(id.toLowerCase()) : undefined;
  };
  const g: Graph = { lines: ["flowchart LR"], ids: new Map(), next: 0 };
  const out = g.lines;
  const isPlatform = (r: PlanResource) => r.municipality === undefined;

  const vnetLabel = (r: PlanResource, role: string) =>
    label(`${role} ${str(r.inputs.virtualNetworkName) ?? r.name}`, strings(rec(r.inputs.addressSpace).addressPrefixes).join(", "));

  // Hub: platform networks and the platform's network appliances.
  const platformVnets = ofType(AZ.vnet).filter(isPlatform);
  const appliances = [...ofType(AZ.firewall), ...ofType(AZ.gateway), ...ofType(AZ.bastion)].filter(isPlatform);
  out.push(`  subgraph hub[${label(`Platform: hub ${unit.hubAddressSpace}`)}]`);
  for (const v of platformVnets) out.push(`    ${nodeId(g, v.urn)}[${vnetLabel(v, "vnet")}]`);
  for (const a of appliances) {
    let what = "Bastion";
    if (a.type === AZ.firewall) what = `Azure Firewall ${str(rec(a.inputs.sku).tier) ?? ""}`.trim();
    if (a.type === AZ.gateway) what = str(a.inputs.gatewayType) === "ExpressRoute" ? "ExpressRoute gateway" : "VPN gateway";
    const name = str(a.inputs.azureFirewallName) ?? str(a.inputs.virtualNetworkGatewayName) ?? str(a.inputs.bastionHostName) ?? a.name;
    out.push(`    ${nodeId(g, a.urn)}[${label(what, name)}]`);
  }
  out.push("  end");

  // Municipalities: spokes, sites and circuits.
  const edges: string[] = [];
  const names = new Map(unit.municipalities.map((m) => [m.code, m.name]));
  const byMunicipality = new Map<string, PlanResource[]>();
  for (const t of [AZ.vnet, AZ.localGateway, AZ.connection]) {
    for (const r of ofType(t)) {
      if (isPlatform(r)) continue;
      const list = byMunicipality.get(r.municipality!);
      if (list) list.push(r);
      else byMunicipality.set(r.municipality!, [r]);
    }
  }
  for (const [codeValue, resources] of [...byMunicipality.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`  subgraph m${codeValue}[${label(`${codeValue} ${names.get(codeValue) ?? ""}`.trim())}]`);
    for (const r of resources) {
      if (r.type === AZ.vnet) out.push(`    ${nodeId(g, r.urn)}[${vnetLabel(r, "spoke")}]`);
      if (r.type === AZ.localGateway) {
        const prefixes = strings(rec(r.inputs.localNetworkAddressSpace).addressPrefixes).join(", ");
        out.push(`    ${nodeId(g, r.urn)}([${label(`site ${str(r.inputs.localNetworkGatewayName) ?? r.name}`, str(r.inputs.gatewayIpAddress), prefixes)}])`);
      }
      if (r.type === AZ.connection && str(r.inputs.connectionType) === "ExpressRoute") {
        const circuit = str(rec(r.inputs.peer).id);
        out.push(`    ${nodeId(g, `${r.urn}#circuit`)}([${label(`circuit ${lastSegment(circuit) ?? "?"}`)}])`);
      }
    }
    out.push("  end");
    for (const r of resources) {
      if (r.type !== AZ.connection) continue;
      const gateway = resolve(r.inputs.virtualNetworkGateway1);
      if (!gateway) continue;
      if (str(r.inputs.connectionType) === "ExpressRoute") {
        edges.push(`  ${nodeId(g, `${r.urn}#circuit`)} -->|ExpressRoute| ${nodeId(g, gateway.urn)}`);
      } else {
        const site = resolve(r.inputs.localNetworkGateway2);
        if (site) edges.push(`  ${nodeId(g, site.urn)} -->|${str(r.inputs.connectionType) ?? "VPN"}| ${nodeId(g, gateway.urn)}`);
      }
    }
  }

  // Peerings, drawn once from the spoke's side; a platform-to-platform pair (cluster spoke) from either side.
  const drawn = new Set<string>();
  const vnetsByName = new Map<string, PlanResource>();
  for (const v of ofType(AZ.vnet)) vnetsByName.set(`${str(v.inputs.resourceGroupName) ?? ""}/${str(v.inputs.virtualNetworkName) ?? v.name}`, v);
  for (const p of ofType(AZ.peering)) {
    const local = vnetsByName.get(`${str(p.inputs.resourceGroupName) ?? ""}/${str(p.inputs.virtualNetworkName) ?? ""}`);
    const remote = resolve(p.inputs.remoteVirtualNetwork);
    if (!local || !remote) continue;
    const key = [local.urn, remote.urn].sort().join(" ");
    if (drawn.has(key)) continue;
    drawn.add(key);
    edges.push(`  ${nodeId(g, local.urn)} <-->|peering| ${nodeId(g, remote.urn)}`);
  }

  // The cluster and its namespaces.
  const clusters = ofType(AZ.cluster);
  const namespaces = ofType(AZ.namespace);
  if (clusters.length > 0 || namespaces.length > 0) {
    out.push(`  subgraph cluster[${label(`Cluster ${unit.clusterAddressSpace ?? ""}`.trim())}]`);
    for (const c of clusters) out.push(`    ${nodeId(g, c.urn)}[${label("AKS", str(c.inputs.resourceName) ?? c.name, str(c.inputs.kubernetesVersion))}]`);
    for (const ns of [...namespaces].sort((a, b) => ((a.municipality ?? "") < (b.municipality ?? "") ? -1 : 1))) {
      const nsName = str(rec(ns.inputs.metadata).name) ?? ns.name;
      const owner = ns.municipality ? `${ns.municipality} ${names.get(ns.municipality) ?? ""}`.trim() : "platform";
      out.push(`    ${nodeId(g, ns.urn)}[${label(`namespace ${nsName}`, owner)}]`);
      if (ns.municipality && byMunicipality.has(ns.municipality)) edges.push(`  ${nodeId(g, ns.urn)} -.- m${ns.municipality}`);
    }
    out.push("  end");
  }
  return [...out, ...edges];
}

export function renderTopology(unit: UnitPlan): string {
  const deployed = new Set(unit.stacks.flatMap((s) => s.resources).filter((r) => r.custom && r.municipality).map((r) => r.municipality!));
  const planned = unit.municipalities.filter((m) => !deployed.has(m.code));
  const lines = [
    `# Topology: ${unit.unit}`,
    "",
    `${cell(unit.name)}: the networks, gateways, sites and cluster that the plan registers. ` +
      "Generated by `driftsenhed plan` from the resources the stack program would create; do not edit.",
    "",
    "```mermaid",
    ...renderTopologyDiagram(unit),
    "```",
    "",
  ];
  if (planned.length > 0) {
    lines.push(
      `Not drawn (nothing deployed yet; address ranges reserved): ${planned.map((m) => `${m.code} ${m.name} ${code(m.addressSpace)}`).join(", ")}.`,
      "",
    );
  }
  return lines.join("\n");
}
