/**
 * Argument checks for ServerCluster, run before anything is registered so a
 * mistake in the unit's configuration stops the run with a message that
 * names the field and the bad value.
 */
import type { ServerClusterArgs } from "./args.js";
import { DEFAULTS } from "../vocabulary/defaults.js";

export interface Ipv4Cidr {
  network: number;
  prefix: number;
}

export function parseIpv4Cidr(where: string, field: string, value: string): Ipv4Cidr {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`${where}: ${field} is ${JSON.stringify(value)}; expected an IPv4 CIDR such as "10.100.0.0/16".`);
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    throw new Error(
      `${where}: ${field} is ${JSON.stringify(value)}; host bits are set. ` +
        `Use the network address (${formatIpv4(address - (address % size))}/${prefix}).`,
    );
  }
  return { network: address, prefix };
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const aEnd = a.network + 2 ** (32 - a.prefix);
  const bEnd = b.network + 2 ** (32 - b.prefix);
  return a.network < bEnd && b.network < aEnd;
}

/** The tenth address of the service range: AKS's convention for CoreDNS. */
export function dnsServiceIpFor(serviceCidr: Ipv4Cidr): string {
  return formatIpv4(serviceCidr.network + 10);
}

const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

function checkCounts(where: string, field: string, min: number, max: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 1000) {
    throw new Error(
      `${where}: ${field} has minCount ${min} and maxCount ${max}; ` +
        "allowed: whole numbers with 1 <= minCount <= maxCount <= 1000.",
    );
  }
}

/** Returns the parsed service range (the caller derives the DNS service IP from it). */
export function validateClusterArgs(where: string, args: ServerClusterArgs): Ipv4Cidr {
  const pod = parseIpv4Cidr(where, "args.podCidr", args.podCidr);
  const service = parseIpv4Cidr(where, "args.serviceCidr", args.serviceCidr);
  if (overlaps(pod, service)) {
    throw new Error(
      `${where}: args.podCidr ${args.podCidr} and args.serviceCidr ${args.serviceCidr} overlap; ` +
        "give them disjoint ranges (neither may overlap the unit's virtual networks either).",
    );
  }
  if (service.prefix < 12 || service.prefix > 24) {
    throw new Error(`${where}: args.serviceCidr is ${args.serviceCidr}; AKS accepts prefixes /12 to /24.`);
  }
  if (args.adminGroupObjectIds.length === 0) {
    throw new Error(
      `${where}: args.adminGroupObjectIds is empty; with local accounts disabled the cluster needs at least ` +
        "one Entra admin group, or nobody can administer it.",
    );
  }
  args.adminGroupObjectIds.forEach((g, i) => {
    if (!GUID.test(g)) {
      throw new Error(`${where}: args.adminGroupObjectIds[${i}] is ${JSON.stringify(g)}; expected an Entra group object id (GUID).`);
    }
  });
  const system = args.systemPool ?? {};
  checkCounts(
    where,
    "args.systemPool",
    system.minCount ?? DEFAULTS.cluster.systemPool.minCount,
    system.maxCount ?? DEFAULTS.cluster.systemPool.maxCount,
  );
  for (const [poolName, pool] of Object.entries(args.userPools ?? {})) {
    if (!POOL_NAME.test(poolName) || poolName === "system") {
      throw new Error(
        `${where}: args.userPools has a pool named ${JSON.stringify(poolName)}; pool names are 1-12 lower-case ` +
          'letters and digits, starting with a letter, and "system" is taken.',
      );
    }
    checkCounts(where, `args.userPools.${poolName}`, pool.minCount, pool.maxCount);
  }
  const ingress = args.internalIngressAddress;
  if (ingress !== undefined) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ingress);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255)) {
      throw new Error(
        `${where}: args.internalIngressAddress is ${JSON.stringify(ingress)}; expected one private IPv4 address in the node subnet, such as "10.64.23.254".`,
      );
    }
  }
  const w = args.maintenanceWindow;
  if (w !== undefined) {
    if (!HH_MM.test(w.startTime)) {
      throw new Error(`${where}: args.maintenanceWindow.startTime is ${JSON.stringify(w.startTime)}; expected "HH:MM".`);
    }
    if (!Number.isInteger(w.durationHours) || w.durationHours < 4 || w.durationHours > 24) {
      throw new Error(
        `${where}: args.maintenanceWindow.durationHours is ${w.durationHours}; AKS-managed schedules need 4-24 hours.`,
      );
    }
    if (w.utcOffset !== undefined && !UTC_OFFSET.test(w.utcOffset)) {
      throw new Error(`${where}: args.maintenanceWindow.utcOffset is ${JSON.stringify(w.utcOffset)}; expected e.g. "+01:00".`);
    }
  }
  return service;
}
