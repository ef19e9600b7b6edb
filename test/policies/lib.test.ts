/**
 * The pure helpers the isolation and exposure rules stand on: port
 * expressions and address ranges.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contains, isWildcard, overlaps, parseRange } from "../../policies/lib/ip.js";
import { parsePortExpression, portExpressions, reachedPorts } from "../../policies/lib/ports.js";

const port = fc.integer({ min: 0, max: 65535 });
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);

describe("port expressions", () => {
  it.each([
    ["*", 0, 65535],
    ["22", 22, 22],
    ["3000-4000", 3000, 4000],
    [" 20 - 25 ", 20, 25],
  ])("%s spans %i to %i", (text, from, to) => {
    expect(parsePortExpression(text)).toMatchObject({ from, to });
  });

  it.each(["ssh", "4000-3000", "70000", "1-2-3", ""])("%s is malformed", (text) => {
    expect(parsePortExpression(text)).toBeUndefined();
  });

  it("a range reaches exactly the ports inside it", () => {
    fc.assert(
      fc.property(port, port, port, (a, b, p) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(reachedPorts([`${from}-${to}`], [p])).toEqual(from <= p && p <= to ? [p] : []);
      }),
    );
  });

  it("a list reaches what any of its members reaches", () => {
    fc.assert(
      fc.property(fc.array(port, { minLength: 1, maxLength: 5 }), port, (ports, p) => {
        expect(reachedPorts(ports.map(String), [p])).toEqual(ports.includes(p) ? [p] : []);
      }),
    );
  });

  it("malformed expressions reach every watched port (fail closed)", () => {
    expect(reachedPorts(["rdp"], [22, 3389])).toEqual([22, 3389]);
  });

  it("reads the single field and the list together", () => {
    expect(portExpressions("22", ["80", " ", 443])).toEqual(["22", "80"]);
  });
});

describe("address ranges", () => {
  it.each(["*", "Any", "0.0.0.0/0", "::/0"])("%s is a wildcard", (t) => {
    expect(isWildcard(t)).toBe(true);
    expect(parseRange(t)).toBeUndefined();
  });

  it.each(["Internet", "VirtualNetwork", "AzureCloud.WestEurope", "10.0.0.0/33", "10.0.0.9-10.0.0.1"])("%s is no concrete range", (t) => {
    expect(parseRange(t)).toBeUndefined();
  });

  it("a CIDR contains exactly the addresses under its mask", () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), ipv4, (net, bits, ip) => {
        const range = parseRange(`${net}/${bits}`)!;
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        const inside = ((toInt(ip) & mask) >>> 0) === ((toInt(net) & mask) >>> 0);
        expect(contains(range, parseRange(ip)!)).toBe(inside);
      }),
    );
  });

  it("overlap is symmetric and implied by containment", () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 8, max: 32 }), ipv4, fc.integer({ min: 8, max: 32 }), (a, ab, b, bb) => {
        const x = parseRange(`${a}/${ab}`)!;
        const y = parseRange(`${b}/${bb}`)!;
        expect(overlaps(x, y)).toBe(overlaps(y, x));
        if (contains(x, y)) expect(overlaps(x, y)).toBe(true);
      }),
    );
  });

  it("reads firewall ranges and IPv6", () => {
    expect(contains(parseRange("10.0.0.0/24")!, parseRange("10.0.0.10-10.0.0.20")!)).toBe(true);
    expect(overlaps(parseRange("fd00::/8")!, parseRange("fd12::1")!)).toBe(true);
    expect(overlaps(parseRange("fd00::/8")!, parseRange("10.0.0.0/8")!)).toBe(false);
  });
});
