/**
 * The committed register of municipalities: what is known about it, and that
 * it equals the national list it was copied from.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  findMunicipality,
  MUNICIPALITIES,
  municipalitiesInRegion,
  municipalityFileName,
  nameSlugs,
  REGION_NAMES,
  sameNameLoosely,
} from "../../packages/registry/index.js";

const SHARED_CSV = join(__dirname, "..", "..", "..", "shared", "data", "municipalities.csv");

describe("municipality register", () => {
  it("holds 98 municipalities with unique three-digit codes and unique names", () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
    for (const m of MUNICIPALITIES) expect(m.code).toMatch(/^\d{3}$/);
  });

  it.each([
    ["Hovedstaden", "1084", 29],
    ["Sjælland", "1085", 17],
    ["Syddanmark", "1083", 22],
    ["Midtjylland", "1082", 19],
    ["Nordjylland", "1081", 11],
  ] as const)("Region %s (%s) has %i municipalities", (region, regionCode, count) => {
    const members = municipalitiesInRegion(region);
    expect(members).toHaveLength(count);
    for (const m of members) expect(m.regionCode).toBe(regionCode);
  });

  it("covers every region and nothing else", () => {
    expect(new Set(MUNICIPALITIES.map((m) => m.regionName))).toEqual(new Set(REGION_NAMES));
  });

  it.each([
    ["101", "København", "Hovedstaden"],
    ["330", "Slagelse", "Sjælland"],
    ["340", "Sorø", "Sjælland"],
    ["461", "Odense", "Syddanmark"],
    ["400", "Bornholm", "Hovedstaden"],
    ["260", "Halsnæs", "Hovedstaden"],
    ["253", "Greve", "Sjælland"],
    ["615", "Horsens", "Midtjylland"],
    ["621", "Kolding", "Syddanmark"],
    ["773", "Morsø", "Nordjylland"],
    ["779", "Skive", "Midtjylland"],
    ["851", "Aalborg", "Nordjylland"],
  ])("%s is %s in %s (the region is data, not derived from the code)", (code, name, region) => {
    expect(findMunicipality(code)).toMatchObject({ code, name, regionName: region });
  });

  it("knows no code outside the register", () => {
    expect(findMunicipality("999")).toBeUndefined();
    expect(findMunicipality("51")).toBeUndefined();
  });

  it("equals the shared national list when it is present", () => {
    if (existsSync(SHARED_CSV)) {
      const [header, ...lines] = readFileSync(SHARED_CSV, "utf8").trim().split(/\r?\n/);
      expect(header).toBe("code,name,region_code,region_name");
      const rows = lines.map((line) => {
        const [code, name, regionCode, regionName] = line.split(",");
        return { code, name, regionCode, regionName };
      });
      expect(MUNICIPALITIES).toEqual(rows);
    } else {
      // Without the shared list, the committed copy must still be sorted by code and complete.
      const codes = MUNICIPALITIES.map((m) => m.code);
      expect(codes).toEqual([...codes].sort());
      expect(MUNICIPALITIES).toHaveLength(98);
    }
  });
});

describe("file-name slugs", () => {
  it.each([
    ["Slagelse", ["slagelse"]],
    ["Sorø", ["soroe", "soro"]],
    ["Høje-Taastrup", ["hoeje-taastrup", "hoje-taastrup"]],
    ["Ærø", ["aeroe", "aero"]],
    ["Faaborg-Midtfyn", ["faaborg-midtfyn"]],
    ["Lyngby-Taarbæk", ["lyngby-taarbaek"]],
    ["Tårnby", ["taarnby", "tarnby"]],
    ["Ringkøbing-Skjern", ["ringkoebing-skjern", "ringkobing-skjern"]],
  ])("%s → %j", (name, slugs) => {
    expect(nameSlugs(name)).toEqual(slugs);
  });

  it("names a municipality's file with the Danish transliteration", () => {
    expect(municipalityFileName(findMunicipality("340")!)).toBe("340-soroe.yaml");
    expect(municipalityFileName(findMunicipality("101")!)).toBe("101-koebenhavn.yaml");
  });

  it("gives every municipality a distinct slug", () => {
    const slugs = MUNICIPALITIES.map((m) => nameSlugs(m.name)[0]);
    expect(new Set(slugs).size).toBe(98);
    for (const s of slugs) expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each([
    ["Soro", "Sorø", true],
    ["soroe", "Sorø", true],
    ["KØBENHAVN", "København", true],
    ["Koebenhavn", "København", true],
    ["Slagelse", "Sorø", false],
  ])("%s ~ %s: %s", (a, b, same) => {
    expect(sameNameLoosely(a, b)).toBe(same);
  });
});
