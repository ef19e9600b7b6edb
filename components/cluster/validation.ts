/**
 * Argument checks for ServerCluster, run before any child is registered so a
 * mistake in the unit's configuration stops the run with one message that
 * names the component, every field and its bad value.
 */
import type { ServerClusterArgs } from "./args.js";
import { DEFAULTS, MAX_CLUSTER_WINDOW_HOURS, MIN_CLUSTER_WINDOW_HOURS } from "../vocabulary/defaults.js";
import type { ArgsProblem } from "../errors.js";

export interface Ipv4Cidr {
  network: number;
  prefix: number;
}

/** The range, or a problem naming the field (a path under the args). */
export function parseIpv4Cidr(field: string, value: string): Ipv4Cidr | ArgsProblem {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    return { path: field, value, message: `is ${JSON.stringify(value)}; expected an IPv4 CIDR such as "10.100.0.0/16".` };
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    return {
      path: field,
      value,
      message: `is ${JSON.stringify(value)}; host bits are set. Use the network address (${formatIpv4(address - (address % size))}/${prefix}).`,
    };
  }
  return { network: address, prefix };
}

function isRange(r: Ipv4Cidr | ArgsProblem): r is Ipv4Cidr {
  return "network" in r;
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

function countProblems(field: string, min: number, max: number): ArgsProblem[] {
  if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min && max <= 1000) return [];
  return [
    {
      path: field,
      value: { minCount: min, maxCount: max },
      message: `has minCount ${min} and maxCount ${max}; allowed: whole numbers with 1 <= minCount <= maxCount <= 1000.`,
    },
  ];
}

/**
 * Every problem of the args at once, and the parsed service range when it
 * parses (the caller derives the DNS service IP from it).
 */
export function clusterArgsProblems(args: ServerClusterArgs): { problems: ArgsProblem[]; serviceRange?: Ipv4Cidr } {
  const problems: ArgsProblem[] = [];
  const podCidr = args.podCidr ?? DEFAULTS.cluster.podCidr;
  const serviceCidr = args.serviceCidr ?? DEFAULTS.cluster.serviceCidr;
  const pod = parseIpv4Cidr("podCidr", podCidr);
  const service = parseIpv4Cidr("serviceCidr", serviceCidr);
  for (const r of [pod, service]) if (!isRange(r)) problems.push(r);
  if (isRange(pod) && isRange(service) && overlaps(pod, service)) {
    problems.push({
      path: "podCidr",
      value: podCidr,
      message:
        `${podCidr} and serviceCidr ${serviceCidr} overlap; ` +
        "give them disjoint ranges (neither may overlap the unit's virtual networks either).",
    });
  }
  if (isRange(service) && (service.prefix < 12 || service.prefix > 24)) {
    problems.push({ path: "serviceCidr", value: serviceCidr, message: `is ${serviceCidr}; AKS accepts prefixes /12 to /24.` });
  }
  if (args.adminGroupObjectIds.length === 0) {
    problems.push({
      path: "adminGroupObjectIds",
      value: [],
      message: "is empty; with local accounts disabled the cluster needs at least one Entra admin group, or nobody can administer it.",
    });
  }
  args.adminGroupObjectIds.forEach((g, i) => {
    if (!GUID.test(g)) problems.push({ path: `adminGroupObjectIds.${i}`, value: g, message: `is ${JSON.stringify(g)}; expected an Entra group object id (GUID).` });
  });
  const system = args.systemPool ?? {};
  problems.push(
    ...countProblems(
      "systemPool",
      system.minCount ?? DEFAULTS.cluster.systemPool.minCount,
      system.maxCount ?? DEFAULTS.cluster.systemPool.maxCount,
    ),
  );
  for (const [poolName, pool] of Object.entries(args.userPools ?? {})) {
    if (!POOL_NAME.test(poolName) || poolName === "system") {
      problems.push({
        path: `userPools.${poolName}`,
        value: poolName,
        message:
          `is a pool named ${JSON.stringify(poolName)}; pool names are 1-12 lower-case ` +
          'letters and digits, starting with a letter, and "system" is taken.',
      });
    }
    problems.push(...countProblems(`userPools.${poolName}`, pool.minCount, pool.maxCount));
  }
  const ingress = args.internalIngressAddress;
  if (ingress !== undefined) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ingress);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255)) {
      problems.push({
        path: "internalIngressAddress",
        value: ingress,
        message: `is ${JSON.stringify(ingress)}; expected one private IPv4 address in the node subnet, such as "10.64.23.254".`,
      });
    }
  }
  const w = args.maintenanceWindow;
  if (w !== undefined) {
    if (!HH_MM.test(w.startTime)) {
      problems.push({ path: "maintenanceWindow.startTime", value: w.startTime, message: `is ${JSON.stringify(w.startTime)}; expected "HH:MM".` });
    }
    if (!Number.isInteger(w.durationHours) || w.durationHours < MIN_CLUSTER_WINDOW_HOURS || w.durationHours > MAX_CLUSTER_WINDOW_HOURS) {
      problems.push({
        path: "maintenanceWindow.durationHours",
        value: w.durationHours,
        message: `is ${w.durationHours}; AKS-managed schedules need ${MIN_CLUSTER_WINDOW_HOURS}-${MAX_CLUSTER_WINDOW_HOURS} hours.`,
      });
    }
    if (w.utcOffset !== undefined && !UTC_OFFSET.test(w.utcOffset)) {
      problems.push({ path: "maintenanceWindow.utcOffset", value: w.utcOffset, message: `is ${JSON.stringify(w.utcOffset)}; expected e.g. "+01:00".` });
    }
  }
  return { problems, ...(isRange(service) ? { serviceRange: service } : {}) };
}
