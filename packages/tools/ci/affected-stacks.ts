/**
 * Which stacks a change touches, so that a pull request previews only those.
 *
 * A municipality file touches its own stack when the unit runs one stack per
 * municipality, and the unit stack otherwise. Anything shared (components,
 * packages, policies, the stack program, unit.yaml) touches every stack of the
 * affected unit(s), because it can change any resource.
 */
import { posix } from "node:path";

export type TenancyLayout = "unit-stack" | "stack-per-municipality";

export interface UnitLayout {
  id: string;
  layout: TenancyLayout;
  /** Codes of municipalities that have their own stack (non-planned ones in the per-municipality layout). */
  municipalityStacks: string[];
}

/** Stack names for one unit: the unit stack, plus `<unit>-<code>` stacks in the per-municipality layout. */
export function stacksOfUnit(unit: UnitLayout): string[] {
  return unit.layout === "unit-stack" ? [unit.id] : [unit.id, ...unit.municipalityStacks.map((c) => `${unit.id}-${c}`)];
}

const MUNICIPALITY_FILE = /^stacks\/([^/]+)\/municipalities\/(\d{3})-[^/]+\.ya?ml$/;
const UNIT_FILE = /^stacks\/([^/]+)\/unit\.ya?ml$/;
const STACK_SETTINGS = /^stacks\/Pulumi\.([^/]+)\.ya?ml$/;
/** Files that cannot change what is deployed. */
const INERT = [/\.md$/i, /^test\//, /^\.github\//, /^stacks\/\.schema\//, /^\.ci\//, /^\.gitignore$/];

export function affectedStacks(changedFiles: string[], units: UnitLayout[]): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Set<string>();
  const all = () => units.forEach((u) => stacksOfUnit(u).forEach((s) => out.add(s)));
  for (const raw of changedFiles) {
    const file = posix.normalize(raw.replace(/\\/g, "/"));
    if (INERT.some((re) => re.test(file))) continue;
    let m = MUNICIPALITY_FILE.exec(file);
    if (m) {
      const unit = byId.get(m[1]!);
      if (!unit) continue; // a unit that no longer exists has no stack to preview
      const own = `${unit.id}-${m[2]}`;
      out.add(unit.layout === "stack-per-municipality" && unit.municipalityStacks.includes(m[2]!) ? own : unit.id);
      continue;
    }
    m = UNIT_FILE.exec(file) ?? STACK_SETTINGS.exec(file);
    if (m) {
      const unit = byId.get(m[1]!);
      if (unit) stacksOfUnit(unit).forEach((s) => out.add(s));
      else if (!STACK_SETTINGS.test(file)) all();
      continue;
    }
    all();
  }
  return [...out].sort();
}
