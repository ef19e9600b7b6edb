/** One municipality of the national register. */
export interface MunicipalityRecord {
  /** Kommunekode: three digits, as a string (leading zeros are never dropped). */
  readonly code: string;
  readonly name: string;
  /** Regionskode, e.g. "1084". */
  readonly regionCode: string;
  /** Region name without the "Region" prefix, e.g. "Hovedstaden". */
  readonly regionName: string;
}
