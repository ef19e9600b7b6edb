/**
 * IPv4 CIDR helpers on top of the `ip-address` library, so that no bit maths
 * is written by hand. Everything here is pure.
 */
import { Address4 } from "ip-address";

export interface ParsedCidr {
  /** The CIDR as written. */
  text: string;
  /** Network address + prefix, e.g. `10.64.0.0/12`. */
  canonical: string;
  prefixLength: number;
  address: Address4;
}

const CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/**
 * Parsed ranges by text. Validation compares every range with every other
 * (98 municipalities, their sites), and parsing dominates that cost; a parsed
 * range is never modified, so sharing it is safe.
 */
const cache = new Map<string, ParsedCidr | undefined>();
const CACHE_LIMIT = 10_000;

/** Parses `a.b.c.d/n`; returns undefined when it is not a valid IPv4 CIDR. */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (cache.has(text)) return cache.get(text);
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): ParsedCidr | undefined {
  if (typeof text !== "string" || !CIDR_SHAPE.test(text)) return undefined;
  const prefixLength = Number(text.split("/")[1]);
  if (prefixLength < 0 || prefixLength > 32) return undefined;
  let address: Address4;
  try {
    address = new Address4(text);
  } catch {
    return undefined;
  }
  const canonical = `${address.startAddress().correctForm()}/${prefixLength}`;
  return { text, canonical, prefixLength, address: new Address4(canonical) };
}

/** Why a string is not an acceptable CIDR, or undefined when it is. */
export function cidrProblem(text: string): string | undefined {
  const parsed = parseCidr(text);
  if (!parsed) return `'${text}' is not an IPv4 CIDR; write it as a.b.c.d/n, e.g. 10.64.0.0/16`;
  if (parsed.canonical !== text) {
    return `'${text}' is not canonical: host bits are set; the network is ${parsed.canonical}`;
  }
  return undefined;
}

function toParsed(c: string | ParsedCidr): ParsedCidr {
  if (typeof c !== "string") return c;
  const parsed = parseCidr(c);
  if (!parsed) throw new Error(`'${c}' is not an IPv4 CIDR`);
  return parsed;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string | ParsedCidr, inner: string | ParsedCidr): boolean {
  return toParsed(inner).address.isInSubnet(toParsed(outer).address);
}

/** True when the two ranges share at least one address. */
export function cidrOverlaps(a: string | ParsedCidr, b: string | ParsedCidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Number of addresses in the range. */
export function cidrSize(c: string | ParsedCidr): bigint {
  const p = toParsed(c);
  return p.address.endAddress().bigInt() - p.address.startAddress().bigInt() + 1n;
}

/** First and last address, as dotted quads. */
export function cidrBounds(c: string | ParsedCidr): { first: string; last: string } {
  const p = toParsed(c);
  return { first: p.address.startAddress().correctForm(), last: p.address.endAddress().correctForm() };
}

/** The two halves of a range, e.g. 10.0.0.0/16 → 10.0.0.0/17 and 10.0.128.0/17. */
export function splitCidr(c: string | ParsedCidr): [string, string] {
  const p = toParsed(c);
  if (p.prefixLength >= 32) throw new Error(`${p.canonical} is a single address and cannot be split`);
  const first = new Address4(`${p.address.startAddress().correctForm()}/${p.prefixLength + 1}`);
  return [`${first.startAddress().correctForm()}/${p.prefixLength + 1}`, `${first.nextNetwork().startAddress().correctForm()}/${p.prefixLength + 1}`];
}

/** Orders ranges by first address, then larger ranges first. */
export function compareCidrs(a: string | ParsedCidr, b: string | ParsedCidr): number {
  const pa = toParsed(a);
  const pb = toParsed(b);
  const sa = pa.address.startAddress().bigInt();
  const sb = pb.address.startAddress().bigInt();
  if (sa !== sb) return sa < sb ? -1 : 1;
  return pa.prefixLength - pb.prefixLength;
}
