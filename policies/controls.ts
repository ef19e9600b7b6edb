/**
 * The control catalogues every rule maps to. A rule names the NIS2 measure it
 * serves, the ISO/IEC 27001:2022 Annex A controls it gives evidence for, and the
 * Azure landing-zone assignment it mirrors, so that an auditor can go from a
 * finding to the requirement without reading code.
 */

/**
 * NIS 2-loven (lov nr. 434 af 6. maj 2025) § 6, stk. 1: the minimum measures,
 * numbered as in the act. The same list is NIS2 Art. 21(2)(a)-(j).
 */
export const NIS2_MEASURES = {
  1: "politikker for risikoanalyse og informationssystemsikkerhed",
  2: "håndtering af hændelser",
  3: "driftskontinuitet, herunder backupstyring og reetablering",
  4: "forsyningskædesikkerhed",
  5: "sikkerhed ved erhvervelse, udvikling og vedligeholdelse af net- og informationssystemer",
  6: "vurdering af effektiviteten af foranstaltninger",
  7: "cyberhygiejne og cybersikkerhedsuddannelse",
  8: "kryptografi og kryptering",
  9: "personalesikkerhed, adgangskontrol og forvaltning af aktiver",
  10: "multifaktorautentificering og sikret kommunikation",
} as const;

export type Nis2Measure = keyof typeof NIS2_MEASURES;

/** The Annex A controls the platform gives evidence for (controls.md). */
export const ISO27001_CONTROLS = {
  "5.15": "Access control",
  "5.16": "Identity management",
  "5.17": "Authentication information",
  "5.18": "Access rights",
  "8.9": "Configuration management",
  "8.13": "Information backup",
  "8.15": "Logging",
  "8.16": "Monitoring activities",
  "8.20": "Networks security",
  "8.21": "Security of network services",
  "8.22": "Segregation of networks",
  "8.24": "Use of cryptography",
  "8.32": "Change management",
} as const;

export type IsoControl = keyof typeof ISO27001_CONTROLS;

export interface ControlMapping {
  /** NIS 2-loven § 6, stk. 1, nr. */
  nis2: readonly Nis2Measure[];
  iso27001: readonly IsoControl[];
  /**
   * Azure Landing Zones (Azure/Azure-Landing-Zones-Library, platform/alz)
   * assignment or definition the rule mirrors. Empty where ALZ has none; then
   * `alzNote` says why the rule exists anyway.
   */
  alz: readonly string[];
  alzNote?: string;
}

export function formatNis2(measure: Nis2Measure): string {
  return `§ 6, stk. 1, nr. ${measure} (${NIS2_MEASURES[measure]})`;
}

export function formatIso(control: IsoControl): string {
  return `A.${control} ${ISO27001_CONTROLS[control]}`;
}
