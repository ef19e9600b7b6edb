/**
 * Port expressions as NSG rules and firewall rules write them: `*`, `22`,
 * `3000-4000`, or a list of those. Earlier landing-zone policies compared the
 * single-port field only and missed ranges and lists; this reads all of them.
 */
import { asString, asStrings } from "./values.js";

export interface PortSpan {
  from: number;
  to: number;
  text: string;
}

/** `undefined` for a malformed expression, which callers treat as "could be anything". */
export function parsePortExpression(text: string): PortSpan | undefined {
  const t = text.trim();
  if (t === "*" || t.toLowerCase() === "any") return { from: 0, to: 65535, text };
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return { from, to, text };
}

/**
 * The port expressions that a rule's single field and list field hold
 * together. A rule that sets neither matches no port.
 */
export function portExpressions(single: unknown, list: unknown): string[] {
  const one = asString(single);
  return [...(one ? [one] : []), ...asStrings(list)];
}

/** Ports from `watched` that the expressions reach; malformed expressions reach all of them. */
export function reachedPorts(expressions: readonly string[], watched: readonly number[]): number[] {
  const hit = new Set<number>();
  for (const e of expressions) {
    const span = parsePortExpression(e);
    for (const port of watched) {
      if (!span || (span.from <= port && port <= span.to)) hit.add(port);
    }
  }
  return watched.filter((p) => hit.has(p));
}
