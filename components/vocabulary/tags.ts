/**
 * The tag contract. Tags make every resource attributable to the unit and, for
 * tenant resources, to the municipality that is its data controller: billing,
 * the policy pack and the offline plan all read these keys.
 */

export const TAG = {
  /** 3-digit kommunekode, or `platform` for the unit's shared platform. */
  kommunekode: "kommunekode",
  municipality: "municipality",
  unit: "unit",
  dataClassification: "dataClassification",
  /** `<EAN>/<cost centre>`: what the operator bills against. */
  costReference: "costReference",
  lifecycle: "lifecycle",
  managedBy: "managedBy",
} as const;

/** Tag keys every taggable resource must carry. */
export const REQUIRED_TAGS = [TAG.kommunekode, TAG.unit, TAG.dataClassification, TAG.costReference] as const;

/** `kommunekode` value of resources that belong to the unit's shared platform. */
export const PLATFORM_SCOPE = "platform";

export const DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "personal", "sensitive-personal"] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export interface PlatformTagInput {
  unitId: string;
  ean: string;
  costCentre: string;
}

export interface TenantTagInput extends PlatformTagInput {
  code: string;
  municipality: string;
  dataClassification: DataClassification;
  lifecycle: string;
}

export function costReference(ean: string, costCentre: string): string {
  return `${ean}/${costCentre}`;
}

export function platformTags(input: PlatformTagInput): Record<string, string> {
  return {
    [TAG.kommunekode]: PLATFORM_SCOPE,
    [TAG.unit]: input.unitId,
    [TAG.dataClassification]: "internal",
    [TAG.costReference]: costReference(input.ean, input.costCentre),
    [TAG.managedBy]: "driftsenhed",
  };
}

export function tenantTags(input: TenantTagInput): Record<string, string> {
  return {
    [TAG.kommunekode]: input.code,
    [TAG.municipality]: input.municipality,
    [TAG.unit]: input.unitId,
    [TAG.dataClassification]: input.dataClassification,
    [TAG.costReference]: costReference(input.ean, input.costCentre),
    [TAG.lifecycle]: input.lifecycle,
    [TAG.managedBy]: "driftsenhed",
  };
}
