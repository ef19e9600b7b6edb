/**
 * Address arithmetic for isolation checks. NSG rules, routes and firewall
 * rules name addresses as CIDRs, single IPs, ranges (`a-b`, firewall only),
 * wildcards (`*`, `0.0.0.0/0`, `Any`) or service tags (`Internet`,
 * `VirtualNetwork`); only the first three denote concrete ranges.
 */
import { Address4, Address6 } from "ip-address";

export interface IpRange {
  version: 4 | 6;
  start: bigint;
  end: bigint;
  /** The token the range was parsed from, for messages. */
  text: string;
}

const WILDCARDS = new Set(["*", "any", "0.0.0.0/0", "::/0"]);

/** `*`, `Any`, `0.0.0.0/0`, `::/0`: every address. */
export function isWildcard(token: string): boolean {
  return WILDCARDS.has(token.trim().toLowerCase());
}

function single(text: string): IpRange | undefined {
  const t = text.trim();
  if (Address4.isValid(t)) {
    const a = new Address4(t);
    return { version: 4, start: a.startAddress().bigInt(), end: a.endAddress().bigInt(), text };
  }
  if (Address6.isValid(t)) {
    const a = new Address6(t);
    return { version: 6, start: a.startAddress().bigInt(), end: a.endAddress().bigInt(), text };
  }
  return undefined;
}

/** A concrete range, or `undefined` for wildcards, service tags and garbage. */
export function parseRange(token: string): IpRange | undefined {
  const t = token.trim();
  if (t.length === 0 || isWildcard(t)) return undefined;
  const dash = t.indexOf("-");
  if (dash > 0 && !t.includes("/")) {
    const from = single(t.slice(0, dash));
    const to = single(t.slice(dash + 1));
    if (from && to && from.version === to.version && from.start <= to.end) {
      return { version: from.version, start: from.start, end: to.end, text: token };
    }
    return undefined;
  }
  return single(t);
}

export function overlaps(a: IpRange, b: IpRange): boolean {
  return a.version === b.version && a.start <= b.end && b.start <= a.end;
}

/** `outer` contains all of `inner`. */
export function contains(outer: IpRange, inner: IpRange): boolean {
  return outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;
}

export function parseRanges(tokens: readonly string[]): IpRange[] {
  return tokens.map(parseRange).filter((r): r is IpRange => r !== undefined);
}
