/**
 * Which municipality each planned resource belongs to.
 *
 * The tag contract (components/vocabulary/tags.ts) is the source: a resource's own
 * `kommunekode` tag (or the `.../kommunekode` label of a Kubernetes object), or
 * the tenant resource group it is declared in (`rg-<unit>-k<code>-<purpose>`,
 * components/vocabulary/naming.ts). A resource named `k<code>-...` (a tenant's) that is tagged
 * for the platform because it lives on the shared hub counts as the
 * municipality's. Resources that carry neither (subnets, role assignments,
 * components) take the owner of their nearest attributed ancestor through
 * `parentUrn`. A component with no owner of its own takes the owner of its
 * descendants when they all agree, so a municipality's tenant component counts
 * as the municipality's even though components carry no tags. The stack
 * resource itself, and whatever has no owner at all, belongs to whom the
 * stack is for: the platform, or the municipality of a `<unit>-<code>` stack.
 *
 * Linear in the number of resources: one pass to index, one post-order pass to
 * fold descendants, one memoised walk up the parents.
 */
import { PLATFORM_SCOPE, TAG } from "../../../components/vocabulary/tags.js";

export interface AttributableResource {
  urn: string;
  type: string;
  /** Logical name. */
  name: string;
  parentUrn?: string;
  inputs: Record<string, unknown>;
}

const CODE = /^\d{3}$/;
const STACK_TYPE = "pulumi:pulumi:Stack";
const TENANT_RESOURCE_GROUP = /^rg-.+-k(\d{3})-.+$/i;
const LABEL_SUFFIX = `/${TAG.kommunekode}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `platform`, a 3-digit code, or undefined when the value is neither. */
function ownerValue(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  return v === PLATFORM_SCOPE || CODE.test(v) ? v : undefined;
}

/** The owner a resource declares itself: tag, label, or tenant resource group. */
export function declaredOwner(inputs: Record<string, unknown>): string | undefined {
  const tags = inputs.tags;
  if (isRecord(tags)) {
    const tagged = ownerValue(tags[TAG.kommunekode]);
    if (tagged) return tagged;
  }
  const metadata = inputs.metadata;
  if (isRecord(metadata) && isRecord(metadata.labels)) {
    for (const [key, value] of Object.entries(metadata.labels)) {
      if (key === TAG.kommunekode || key.endsWith(LABEL_SUFFIX)) {
        const labelled = ownerValue(value);
        if (labelled) return labelled;
      }
    }
  }
  const rg = inputs.resourceGroupName;
  if (typeof rg === "string") {
    const m = TENANT_RESOURCE_GROUP.exec(rg);
    if (m) return m[1];
  }
  return undefined;
}

/** Marks a subtree whose declared owners disagree. */
const MIXED = Symbol("mixed");
type Fold = string | typeof MIXED | undefined;

function combine(a: Fold, b: Fold): Fold {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  return MIXED;
}

export interface AttributionOptions {
  /**
   * Owner of resources with no owner of their own and no attributed ancestor:
   * the municipality of a `<unit>-<code>` stack; the platform otherwise.
   */
  fallback?: string;
  /**
   * Kommunekoder of the stack's municipalities. A resource with no owner of
   * its own named `k<code>` or `k<code>-...` (the identity contract of tenant
   * names, stacks/tenants.ts) belongs to that municipality: this is how an
   * empty tenant component of a planned municipality is attributed.
   */
  codes?: Iterable<string>;
}

const TENANT_NAME = /^k(\d{3})(?:-|$)/;

/**
 * The owner of every resource, by URN: a 3-digit kommunekode, or `platform`.
 */
export function attributeResources(
  resources: readonly AttributableResource[],
  options: AttributionOptions = {},
): Map<string, string> {
  const fallback = options.fallback ?? PLATFORM_SCOPE;
  const codes = new Set(options.codes ?? []);
  const byName = (name: string): string | undefined => {
    const m = TENANT_NAME.exec(name);
    return m && codes.has(m[1]!) ? m[1] : undefined;
  };
  const byUrn = new Map<string, AttributableResource>();
  const declared = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const r of resources) {
    byUrn.set(r.urn, r);
    const tagged = declaredOwner(r.inputs);
    const named = codes.size > 0 ? byName(r.name) : undefined;
    // A tenant's own resources on the shared hub (site gateways and their
    // connections) carry the platform's tag for the hub's guardrails, but are
    // created, named and removed by the municipality's file: the plan counts
    // them as the municipality's.
    const own = tagged === PLATFORM_SCOPE && named ? named : (tagged ?? named);
    if (own) declared.set(r.urn, own);
    if (r.parentUrn) {
      const list = children.get(r.parentUrn);
      if (list) list.push(r.urn);
      else children.set(r.parentUrn, [r.urn]);
    }
  }

  // Post-order over the forest without recursion: deep component trees must not exhaust the stack.
  const folded = new Map<string, Fold>();
  const roots = resources.filter((r) => !r.parentUrn || !byUrn.has(r.parentUrn)).map((r) => r.urn);
  const stack: { urn: string; expanded: boolean }[] = roots.map((urn) => ({ urn, expanded: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    const kids = children.get(top.urn) ?? [];
    if (!top.expanded) {
      stack.push({ urn: top.urn, expanded: true });
      for (const k of kids) stack.push({ urn: k, expanded: false });
      continue;
    }
    let fold: Fold = declared.get(top.urn);
    for (const k of kids) fold = combine(fold, folded.get(k));
    folded.set(top.urn, fold);
  }

  const owner = new Map<string, string>();
  const resolve = (start: string): string => {
    const path: string[] = [];
    let urn: string | undefined = start;
    let found: string | undefined;
    while (urn !== undefined) {
      const known = owner.get(urn);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(urn);
      const own = declared.get(urn);
      if (own) {
        found = own;
        break;
      }
      // The stack itself belongs to whoever the stack is for, however its children are tagged.
      const fromDescendants = byUrn.get(urn)?.type === STACK_TYPE ? undefined : folded.get(urn);
      if (typeof fromDescendants === "string") {
        found = fromDescendants;
        break;
      }
      const parent: string | undefined = byUrn.get(urn)?.parentUrn;
      urn = parent !== undefined && byUrn.has(parent) ? parent : undefined;
    }
    const result = found ?? fallback;
    for (const p of path) owner.set(p, result);
    return result;
  };
  for (const r of resources) resolve(r.urn);
  return owner;
}

/** The municipality code an owner stands for, or undefined for the platform. */
export function municipalityOf(owner: string | undefined): string | undefined {
  return owner !== undefined && CODE.test(owner) ? owner : undefined;
}
