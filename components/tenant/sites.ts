/**
 * The connections of a municipality's on-premises sites to the unit hub.
 *
 * VPN sites: a local network gateway (carrying the prefixes Azure sees, i.e.
 * after NAT), a static IngressSnat NAT rule on the hub's VPN gateway for a
 * site whose own prefixes collide with another network, and an IKEv2
 * connection with one custom IPsec policy. The shared key is generated here,
 * reaches Azure as a secret and is stored in the municipality's Key Vault,
 * where the municipality's operators read it to configure their device. It is
 * never in configuration and never an output.
 *
 * ExpressRoute sites: a connection of type ExpressRoute from the hub's
 * ExpressRoute gateway to the municipality's circuit. The circuit's
 * authorisation key is out of band: the circuit owner issues it to the unit,
 * and the unit stack passes it from its secret configuration
 * (`expressRouteAuthorizationKeys`); a circuit in the unit's own subscription
 * needs none. NAT is not available on ExpressRoute.
 *
 * Local network gateways and connections are hub resources: they live in the
 * hub's resource group as platform resources (hybrid connectivity is the
 * platform's service, and only the hub may hold gateway resources), tagged
 * with the municipality they serve and billed to it. The municipality's own
 * operators therefore cannot change its tunnels; its shared keys are its own.
 *
 * Every write to the hub's gateways is chained (dependsOn): Azure processes
 * one operation per gateway at a time and fails the others.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import * as random from "@pulumi/random";
import type { TenantPlatformRefs, TenantWriteChain } from "./args.js";
import type { DataResourceOptions } from "./lifecycle.js";
import type { ResolvedSite } from "./resolved.js";
import { renameAliases } from "./rename.js";
import { rejectArgs, type ArgsProblem } from "../errors.js";
import { azureName } from "../vocabulary/naming.js";

/**
 * The one IPsec/IKE policy of every site tunnel. Phase 1: AES256 with SHA256
 * and DH group 14 (2048-bit MODP, the strongest group every supported
 * on-premises device offers); phase 2: AES-GCM-256 (authenticated
 * encryption) with perfect forward secrecy on ECP384. Phase 2 keys last one
 * hour.
 */
export const SITE_IPSEC_POLICY = {
  ikeEncryption: "AES256",
  ikeIntegrity: "SHA256",
  dhGroup: "DHGroup14",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "ECP384",
  saLifeTimeSeconds: 3600,
  saDataSizeKilobytes: 102400000,
} as const;

/** Names of one site's Azure resources, unique on the unit's shared gateways. */
export function siteResourceNames(unitId: string, code: string, site: string) {
  const k = `k${code}`;
  return {
    localNetworkGateway: azureName("localNetworkGateway", unitId, k, site),
    connection: azureName("connection", unitId, k, site),
    natRule: `nat-${k}-${site}`,
    sharedKeySecret: `vpn-${site}-shared-key`,
  };
}

export interface SiteConnectionsArgs {
  unitId: string;
  code: string;
  location: string;
  sites: ResolvedSite[];
  platform: TenantPlatformRefs;
  expressRouteAuthorizationKeys?: Record<string, pulumi.Input<string>>;
  /** Where the shared keys are kept. Required when there is a VPN site. */
  keyVault?: { name: pulumi.Input<string>; resourceGroupName: pulumi.Input<string> };
  after?: TenantWriteChain;
  /** Platform ownership, attributed to the municipality (TenantPlan.hubTags). */
  hubTags: Record<string, string>;
  /** The municipality's own tags, for the shared keys in its vault. */
  tags: Record<string, string>;
  /**
   * Options of the shared keys (the generated key and its secret): the tunnel's
   * only credential, so they are kept like every data-bearing resource.
   * @default protected and retained
   */
  dataOptions?: DataResourceOptions;
}

const SITE_CONNECTIONS_TYPE = "driftsenhed:tenant:SiteConnections";

/** What the hub must offer for these sites; every problem at once. */
export function siteConnectionsProblems(args: SiteConnectionsArgs): ArgsProblem[] {
  const p = args.platform;
  return args.sites.flatMap((site, i): ArgsProblem[] => {
    const at = `sites.${i}`;
    if (site.connection.type === "vpn") {
      return [
        ...(p.vpnGatewayId === undefined || p.vpnGatewayName === undefined
          ? [{ path: `${at}.connection`, message: `site '${site.name}': a VPN site needs the unit's VPN gateway; enable hub.vpnGateway in unit.yaml or connect the site over ExpressRoute` }]
          : []),
        ...(!args.keyVault ? [{ path: "keyVault", message: `site '${site.name}': a VPN site needs the municipality's Key Vault for its shared key` }] : []),
      ];
    }
    return [
      ...(p.expressRouteGatewayId === undefined
        ? [{ path: `${at}.connection`, message: `site '${site.name}': an ExpressRoute site needs the unit's ExpressRoute gateway; enable hub.expressRoute in unit.yaml` }]
        : []),
      ...(site.nat.length > 0
        ? [{ path: `${at}.nat`, message: `site '${site.name}': NAT rules exist only on the VPN gateway; an ExpressRoute site must announce non-colliding prefixes` }]
        : []),
    ];
  });
}

export class SiteConnections extends pulumi.ComponentResource {
  public readonly lastWrites: TenantWriteChain;

  constructor(name: string, args: SiteConnectionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SITE_CONNECTIONS_TYPE, name, {}, opts);
    rejectArgs(this, SITE_CONNECTIONS_TYPE, name, siteConnectionsProblems(args));
    const p = args.platform;
    let vpnChain = args.after?.vpnGateway;
    let erChain = args.after?.expressRouteGateway;
    const after = (r: pulumi.Resource | undefined) => (r ? { dependsOn: [r] } : {});
    const common = { resourceGroupName: p.hubResourceGroupName, location: args.location };
    const keyOptions = { parent: this, ...(args.dataOptions ?? { protect: true, retainOnDelete: true }) };

    for (const site of args.sites) {
      // Azure names come from the site's first name; logical names from today's, with aliases to the old ones.
      const names = siteResourceNames(args.unitId, args.code, site.azureKey);
      const key = `${name}-${site.name}`;
      const was = (suffix: string) => renameAliases(site.renamedFrom === undefined ? undefined : `${name}-${site.renamedFrom}`, suffix);
      const c = site.connection;
      if (c.type === "vpn") {
        const vault = args.keyVault!;
        const lng = new network.LocalNetworkGateway(
          `${key}-lgw`,
          {
            ...common,
            localNetworkGatewayName: names.localNetworkGateway,
            gatewayIpAddress: c.gatewayAddress,
            // With BGP the site announces its own prefixes; Azure only needs the peer's address.
            localNetworkAddressSpace: { addressPrefixes: c.bgp ? [`${c.bgp.peeringAddress}/32`] : site.azurePrefixes },
            ...(c.bgp ? { bgpSettings: { asn: c.bgp.asn, bgpPeeringAddress: c.bgp.peeringAddress } } : {}),
            tags: args.hubTags,
          },
          { parent: this, ...was("-lgw") },
        );
        const sharedKey = new random.RandomPassword(
          `${key}-shared-key`,
          { length: 48, special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
          { ...keyOptions, ...was("-shared-key") },
        );
        new keyvault.Secret(
          `${key}-shared-key-secret`,
          {
            resourceGroupName: vault.resourceGroupName,
            vaultName: vault.name,
            secretName: names.sharedKeySecret,
            properties: { value: sharedKey.result, contentType: `IPsec pre-shared key; connection=${names.connection}` },
            tags: args.tags,
          },
          { ...keyOptions, ...was("-shared-key-secret") },
        );
        let natRule: network.VirtualNetworkGatewayNatRule | undefined;
        if (site.nat.length > 0) {
          natRule = new network.VirtualNetworkGatewayNatRule(
            `${key}-nat`,
            {
              resourceGroupName: p.hubResourceGroupName,
              virtualNetworkGatewayName: p.vpnGatewayName!,
              natRuleName: names.natRule,
              type: "Static",
              mode: "IngressSnat",
              internalMappings: site.nat.map((m) => ({ addressSpace: m.internal })),
              externalMappings: site.nat.map((m) => ({ addressSpace: m.external })),
            },
            { parent: this, ...after(vpnChain), ...was("-nat") },
          );
          vpnChain = natRule;
        }
        const connection = new network.VirtualNetworkGatewayConnection(
          `${key}-con`,
          {
            ...common,
            virtualNetworkGatewayConnectionName: names.connection,
            connectionType: "IPsec",
            connectionProtocol: "IKEv2",
            virtualNetworkGateway1: { id: p.vpnGatewayId! },
            localNetworkGateway2: { id: lng.id },
            sharedKey: sharedKey.result,
            enableBgp: c.bgp !== undefined,
            usePolicyBasedTrafficSelectors: false,
            ipsecPolicies: [{ ...SITE_IPSEC_POLICY }],
            dpdTimeoutSeconds: 45,
            ...(natRule ? { ingressNatRules: [{ id: natRule.id }] } : {}),
            tags: args.hubTags,
          },
          { parent: this, ...after(vpnChain), ...was("-con") },
        );
        vpnChain = connection;
      } else {
        const authorizationKey = args.expressRouteAuthorizationKeys?.[site.name];
        const connection = new network.VirtualNetworkGatewayConnection(
          `${key}-con`,
          {
            ...common,
            virtualNetworkGatewayConnectionName: names.connection,
            connectionType: "ExpressRoute",
            virtualNetworkGateway1: { id: p.expressRouteGatewayId! },
            peer: { id: c.circuitId },
            routingWeight: 0,
            ...(authorizationKey !== undefined ? { authorizationKey: pulumi.secret(authorizationKey) } : {}),
            tags: args.hubTags,
          },
          { parent: this, ...after(erChain), ...was("-con") },
        );
        erChain = connection;
      }
    }
    this.lastWrites = { ...(vpnChain ? { vpnGateway: vpnChain } : {}), ...(erChain ? { expressRouteGateway: erChain } : {}) };
    this.registerOutputs({});
  }
}
