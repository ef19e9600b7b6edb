import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { Address4 } from "ip-address";
import {
  allocatePrefixes,
  carveHubPrefixes,
  firstUsableAddress,
  HUB_LAYOUT,
  subnetPrefixProblems,
} from "../../../components/network/prefixes.js";
import { cidrContains, cidrOverlaps } from "../../../components/vocabulary/cidr.js";

describe("carveHubPrefixes", () => {
  it.each([
    ["10.64.0.0/22", ["10.64.0.0/26", "10.64.0.64/26", "10.64.0.128/26", "10.64.0.192/26", "10.64.1.0/24", "10.64.2.0/24"]],
    ["10.64.0.0/20", ["10.64.0.0/26", "10.64.0.64/26", "10.64.0.128/26", "10.64.0.192/26", "10.64.1.0/24", "10.64.2.0/24"]],
    ["172.20.4.0/22", ["172.20.4.0/26", "172.20.4.64/26", "172.20.4.128/26", "172.20.4.192/26", "172.20.5.0/24", "172.20.6.0/24"]],
  ])("%s", (range, expected) => {
    const p = carveHubPrefixes(range);
    expect([p.firewall, p.firewallManagement, p.gateway, p.bastion, p.sharedServices, p.privateEndpoints]).toEqual(expected);
  });

  it("refuses a hub smaller than /22 and a non-canonical range", () => {
    expect(() => carveHubPrefixes("10.64.0.0/23")).toThrow("smaller than the /22");
    expect(() => carveHubPrefixes("10.64.0.1/22")).toThrow("not a canonical IPv4 CIDR");
  });
});

describe("allocatePrefixes", () => {
  it("aligns each request on its own size", () => {
    expect(allocatePrefixes("10.0.0.0/24", [
      { key: "a", prefixLength: 28 },
      { key: "b", prefixLength: 26 },
      { key: "c", prefixLength: 27 },
    ])).toEqual({ a: "10.0.0.0/28", b: "10.0.0.64/26", c: "10.0.0.128/27" });
  });

  it("says which request does not fit", () => {
    expect(() => allocatePrefixes("10.0.0.0/26", [{ key: "a", prefixLength: 27 }, { key: "b", prefixLength: 26 }])).toThrow(
      "10.0.0.0/26 has no room for 'b' (/26) after 10.0.0.0/27",
    );
    expect(() => allocatePrefixes("10.0.0.0/26", [{ key: "a", prefixLength: 30 }])).toThrow("between /26");
  });

  it("handles the top of the address space", () => {
    expect(allocatePrefixes("255.255.255.0/24", [{ key: "a", prefixLength: 25 }, { key: "b", prefixLength: 25 }])).toEqual({
      a: "255.255.255.0/25",
      b: "255.255.255.128/25",
    });
  });

  it("returns aligned, disjoint prefixes inside the range, in request order (property)", () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 24 }))
      .map(([n, len]) => new Address4(`${Address4.fromBigInt(BigInt(n)).correctForm()}/${len}`).networkForm());
    fc.assert(
      fc.property(range, fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }), (r, extras) => {
        const parentLen = Number(r.split("/")[1]);
        const requests = extras.map((e, i) => ({ key: `k${i}`, prefixLength: Math.min(29, parentLen + 1 + e) }));
        let result: Record<string, string>;
        try {
          result = allocatePrefixes(r, requests);
        } catch (e) {
          expect((e as Error).message).toContain("has no room");
          return;
        }
        const values = requests.map((q) => result[q.key]!);
        values.forEach((v, i) => {
          expect(cidrContains(r, v)).toBe(true);
          expect(Number(v.split("/")[1])).toBe(requests[i]!.prefixLength);
          expect(new Address4(v).startAddress().correctForm()).toBe(v.split("/")[0]);
          for (let j = 0; j < i; j++) {
            expect(cidrOverlaps(v, values[j]!)).toBe(false);
            expect(new Address4(values[j]!).bigInt() < new Address4(v).bigInt()).toBe(true);
          }
        });
      }),
    );
  });

  it("the hub layout never changes (its order is part of every hub's address plan)", () => {
    expect(HUB_LAYOUT.map((r) => `${r.key}/${r.prefixLength}`)).toEqual([
      "firewall/26",
      "firewallManagement/26",
      "gateway/26",
      "bastion/26",
      "sharedServices/24",
      "privateEndpoints/24",
    ]);
  });
});

describe("firstUsableAddress", () => {
  it.each([
    ["10.64.0.0/26", "10.64.0.4"],
    ["10.96.0.0/26", "10.96.0.4"],
    ["192.168.1.64/27", "192.168.1.68"],
  ])("%s -> %s", (prefix, address) => {
    expect(firstUsableAddress(prefix)).toBe(address);
  });
});

describe("subnetPrefixProblems", () => {
  it("reports bad, misaligned, too small, outside and overlapping subnets", () => {
    expect(
      subnetPrefixProblems("10.1.0.0/24", {
        a: "10.1.0.0/25",
        b: "nonsense",
        c: "10.1.0.129/25",
        d: "10.1.0.248/30",
        e: "10.2.0.0/26",
        f: "10.1.0.64/26",
      }),
    ).toEqual([
      { key: "b", message: "'nonsense' is not an IPv4 CIDR (write a.b.c.d/n, e.g. 10.80.1.0/24)" },
      { key: "c", message: "'10.1.0.129/25' has host bits set; the network is 10.1.0.128/25" },
      { key: "d", message: "10.1.0.248/30 is smaller than Azure's minimum subnet (/29)" },
      { key: "e", message: "10.2.0.0/26 lies outside the network's address space 10.1.0.0/24" },
      { key: "f", message: "10.1.0.64/26 overlaps subnet 'a' (10.1.0.0/25)" },
    ]);
  });
});

describe("allocatePrefixes at the end of the IPv4 space", () => {
  it("reports no room instead of failing inside the address library", () => {
    expect(() => allocatePrefixes("255.0.0.0/8", [{ key: "a", prefixLength: 9 }, { key: "b", prefixLength: 10 }, { key: "c", prefixLength: 9 }])).toThrow(
      "255.0.0.0/8 has no room for 'c' (/9) after 255.0.0.0/9, 255.128.0.0/10",
    );
  });
});
