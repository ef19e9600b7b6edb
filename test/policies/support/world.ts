/**
 * A compliant unit as the offline plan would record it: a hub (kommunekode
 * platform) and two municipality tenants (101 and 147) with everything the
 * rules look at. The whole pack passes over it; failing cases are single
 * changes to it.
 */
import type { EvaluatedResource } from "../../../policies/evaluate.js";
import { addPlatform } from "./world-platform.js";
import { addTenant } from "./world-tenant.js";
import { A, B, resource } from "./world-parts.js";

export * from "./world-parts.js";

export function buildWorld(): EvaluatedResource[] {
  const w: EvaluatedResource[] = [];
  const add = (type: string, name: string, inputs: Record<string, unknown>): EvaluatedResource => {
    const r = resource(type, name, inputs);
    w.push(r);
    return r;
  };
  const refs = addPlatform(add);
  addTenant(refs, A, "10.1.0.0/16", "1");
  addTenant(refs, B, "10.2.0.0/16", "2");
  return w;
}
