/**
 * What a change does to a municipality's record of processing: the facts a
 * data protection officer must hear about before the change is deployed (a
 * new or removed processing activity, a classification that now holds art. 9
 * data, a new region, a new service of the cloud provider, data outside the
 * EU). `plan --base` prints them; the record itself is rewritten by `plan --out`.
 */
import type { RecordFacts } from "./facts.js";

export interface RecordChange {
  code: string;
  /** One line for the reviewer. */
  change: string;
}

/** The record-relevant differences between the record at the base and now; `undefined` for a record that does not exist on that side. */
export function recordChanges(before: RecordFacts | undefined, after: RecordFacts | undefined): RecordChange[] {
  const code = (after ?? before)?.municipality.code;
  if (code === undefined) return [];
  const out: string[] = [];
  if (!before) out.push("new record: processing begins on the municipality's behalf");
  if (!after) out.push("record ends: no processing remains on the municipality's behalf");
  const b = before;
  const a = after;
  const activities = (f: RecordFacts | undefined) => new Map((f?.activities ?? []).map((x) => [x.workload, x]));
  const was = activities(b);
  const now = activities(a);
  for (const [name, x] of now) {
    const old = was.get(name);
    if (!old) out.push(`+ processing '${name}' (${x.kind}, ${x.classification}${x.specialCategories ? ", art. 9 data" : ""})`);
    else if (old.classification !== x.classification) {
      out.push(`~ processing '${name}': classification ${old.classification} -> ${x.classification}${x.specialCategories && !old.specialCategories ? " (now art. 9 data)" : ""}`);
    }
  }
  for (const name of was.keys()) if (!now.has(name)) out.push(`- processing '${name}'`);
  const diff = (label: string, xs: readonly string[] = [], ys: readonly string[] = []) => {
    for (const y of ys) if (!xs.includes(y)) out.push(`+ ${label} ${y}`);
    for (const x of xs) if (!ys.includes(x)) out.push(`- ${label} ${x}`);
  };
  diff("region", b?.location.regions, a?.location.regions);
  diff("cloud service", b?.subprocessors.services, a?.subprocessors.services);
  diff("sub-processor", b?.subprocessors.entries.map((s) => s.name), a?.subprocessors.entries.map((s) => s.name));
  diff(
    "outside the EU:",
    b?.location.outsideEu.map((r) => `${r.name} (${r.location})`),
    a?.location.outsideEu.map((r) => `${r.name} (${r.location})`),
  );
  return out.map((change) => ({ code, change }));
}
