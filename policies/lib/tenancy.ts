/**
 * Who a resource belongs to. The tag contract (components/vocabulary/tags.ts) says every
 * taggable resource carries `kommunekode`: a 3-digit municipality code for a
 * tenant, `platform` for the unit's shared platform. Tenant resource groups are
 * named `rg-<unit>-k<code>-<purpose>` (components/vocabulary/naming.ts), which attributes the
 * untaggable children that live in them.
 */
import { PLATFORM_SCOPE, TAG } from "../../components/vocabulary/tags.js";
import { asString, tagsOf } from "./values.js";

export const TENANT_CODE = /^\d{3}$/;

/** `rg-<unit>-k<code>-<purpose>`; captures unit and code. */
const TENANT_RG = /^rg-(.+)-k(\d{3})-(.+)$/i;

export function isTenantCode(value: unknown): value is string {
  return typeof value === "string" && TENANT_CODE.test(value);
}

export function isPlatform(value: unknown): boolean {
  return value === PLATFORM_SCOPE;
}

/** The `kommunekode` tag, when set. */
export function taggedOwner(props: Record<string, unknown>): string | undefined {
  return asString(tagsOf(props)[TAG.kommunekode]);
}

export interface TenantResourceGroup {
  unit: string;
  code: string;
  purpose: string;
}

export function parseTenantResourceGroup(name: string): TenantResourceGroup | undefined {
  const m = TENANT_RG.exec(name);
  if (!m) return undefined;
  return { unit: m[1]!.toLowerCase(), code: m[2]!, purpose: m[3]!.toLowerCase() };
}

/** Owner by tag, else by the tenant resource group the resource is declared in. */
export function ownerFromProps(props: Record<string, unknown>): string | undefined {
  const tagged = taggedOwner(props);
  if (tagged) return tagged;
  const rg = asString(props.resourceGroupName);
  return rg ? parseTenantResourceGroup(rg)?.code : undefined;
}
