/**
 * What a change to the configuration does to what already exists: the
 * configuration at a base (the merge base with main, in CI) against today's.
 * Pure: two loaded configurations in, findings out (located on today's
 * files). Reading a git ref is the tools' business (packages/tools/history).
 *
 * Identity is a contract. Once a municipality is beyond `planned`, its
 * kommunekode, address block, unit, workloads, sites and disks are the keys
 * of resources that hold its data; changing one without saying so deletes
 * and recreates them. Deliberate changes go through reviewable fields:
 * `renamedFrom` for a workload or site, the lifecycle one step at a time, and
 * a dated, approved `dataRelease` before data may go.
 */
import { join, relative, sep } from "node:path";
import { LIFECYCLES, type Lifecycle } from "../../components/vocabulary/lifecycle.js";
import { readSource, locateDraft, type SourceFile } from "./source.js";
import type { DraftFinding, Finding, PathSegment } from "./findings.js";
import type { LoadedMunicipality, LoadedUnit } from "./load.js";
import type { MunicipalityConfig, WorkloadConfig } from "./schema/municipality.js";

/** One side of the comparison: the loaded units and the dir they were loaded from (paths are compared relative to it). */
export interface ConfigSide {
  dir: string;
  units: readonly LoadedUnit[];
}

export interface HistoryOptions {
  /** The ref's name, for messages (e.g. `origin/main`). */
  baseName?: string;
}

const NEXT: Readonly<Record<Lifecycle, Lifecycle | undefined>> = {
  planned: "migrating",
  migrating: "live",
  live: "offboarding",
  offboarding: "retired",
  retired: undefined,
};
const ORDER = LIFECYCLES.join(" → ");

interface Placed {
  unit: LoadedUnit;
  municipality: LoadedMunicipality;
  /** Path relative to the config dir, with `/`. */
  rel: string;
}

function placed(side: ConfigSide): Placed[] {
  return side.units.flatMap((unit) =>
    unit.municipalities.map((municipality) => ({ unit, municipality, rel: relative(side.dir, municipality.file).split(sep).join("/") })),
  );
}

/** Every destructive or identity-changing difference from base to head, as findings on head's files. */
export function compareHistory(base: ConfigSide, head: ConfigSide, options: HistoryOptions = {}): DraftFinding[] {
  const at = options.baseName ?? "the base";
  const out: DraftFinding[] = [];
  const add = (file: string, path: PathSegment[], rule: string, message: string, value?: unknown) =>
    out.push({ severity: "error", file, path, rule, message, ...(value !== undefined ? { value } : {}) });

  const headFiles = placed(head);
  const byRel = new Map(headFiles.map((p) => [p.rel, p]));
  const byCode = new Map(headFiles.map((p) => [p.municipality.config.code, p]));
  const byName = new Map(headFiles.map((p) => [p.municipality.config.name, p]));
  const matched = new Set<Placed>();

  for (const b of placed(base)) {
    const bm = b.municipality.config;
    const h = byRel.get(b.rel) ?? byCode.get(bm.code) ?? byName.get(bm.name);
    const live = bm.lifecycle !== "planned";
    if (!h) {
      const released = bm.lifecycle === "retired" && bm.dataRelease !== undefined;
      if (live && !released) {
        add(
          join(head.dir, b.rel),
          [],
          "history-file-deleted",
          `the file was deleted; municipality ${bm.code} ${bm.name} is '${bm.lifecycle}' at ${at}, and deleting its file deletes its tenant: ` +
            `keep the file and take lifecycle one step at a time (${ORDER}); once retired, a dated, approved dataRelease releases the data, and only then may the file go`,
        );
      }
      continue;
    }
    matched.add(h);
    const hm = h.municipality.config;
    const file = h.municipality.file;
    if (live && h.unit.id !== b.unit.id) {
      add(file, ["code"], "history-municipality-moved", `municipality ${bm.code} moved from unit '${b.unit.id}' (at ${at}) to '${h.unit.id}'; a tenant beyond planned stays in its unit (its resources live in that unit's stacks): move it back`);
    }
    if (live && hm.code !== bm.code) {
      add(file, ["code"], "history-code-changed", `kommunekode changed from '${bm.code}' (at ${at}) to '${hm.code}'; every name of the tenant derives from it, so this recreates it: keep '${bm.code}'`, hm.code);
    }
    if (live && hm.network.addressSpace !== bm.network.addressSpace) {
      add(
        file,
        ["network", "addressSpace"],
        "history-address-changed",
        `address block changed from ${bm.network.addressSpace} (at ${at}) to ${hm.network.addressSpace}; the spoke and its servers' addresses would be replaced: keep ${bm.network.addressSpace}`,
        hm.network.addressSpace,
      );
    }
    lifecycleStep(bm.lifecycle, hm.lifecycle, at, (message) => add(file, ["lifecycle"], "history-lifecycle-step", message, hm.lifecycle));
    if (live || hm.lifecycle !== "planned") compareMunicipality(bm, hm, file, at, add);
  }

  // Files the base has but could not read (they fail today's schema, e.g. a field that became required): not compared, and said so.
  const baseUnitIds = new Set(base.units.map((u) => u.id));
  const rejectedAtBase = new Set(base.units.flatMap((u) => u.rejected.map((r) => relative(base.dir, r.file).split(sep).join("/"))));
  for (const h of headFiles) {
    if (matched.has(h)) continue;
    const hm = h.municipality.config;
    if (rejectedAtBase.has(h.rel)) {
      out.push({
        severity: "warning",
        file: h.municipality.file,
        path: [],
        rule: "history-not-compared",
        message: `not compared with ${at}: the file there does not pass today's schema (run validate at ${at} to see why); review its changes by hand`,
      });
      continue;
    }
    // A new file in a unit the base knows: it starts at the beginning of the lifecycle.
    if (baseUnitIds.has(h.unit.id) && hm.lifecycle !== "planned" && hm.lifecycle !== "migrating") {
      add(h.municipality.file, ["lifecycle"], "history-lifecycle-step", `a new municipality starts as planned (or migrating), not '${hm.lifecycle}': the allowed order is ${ORDER}, one step at a time`, hm.lifecycle);
    }
  }

  // The tenancy layout: switching it moves every tenant to other stacks.
  const baseUnits = new Map(base.units.map((u) => [u.id, u]));
  for (const hu of head.units) {
    const bu = baseUnits.get(hu.id);
    if (!bu) continue;
    const before = bu.config.tenancy.layout;
    const after = hu.config.tenancy.layout;
    if (before !== after && bu.municipalities.some((m) => m.config.lifecycle !== "planned")) {
      add(
        hu.file,
        ["tenancy", "layout"],
        "history-layout-switch",
        `tenancy layout changed from '${before}' (at ${at}) to '${after}'; every tenant beyond planned would be deleted from one stack and created in another: keep '${before}' (a move between layouts is a migration with state moves, not a configuration change)`,
        after,
      );
    }
  }
  return out;
}

function lifecycleStep(before: Lifecycle, after: Lifecycle, at: string, fail: (message: string) => void): void {
  if (before === after || NEXT[before] === after) return;
  const backward = LIFECYCLES.indexOf(after) < LIFECYCLES.indexOf(before);
  fail(
    backward
      ? `lifecycle went back from '${before}' (at ${at}) to '${after}'; a lifecycle only moves forward (${ORDER}), one step at a time: keep '${before}'${NEXT[before] ? ` or go to '${NEXT[before]}'` : ""}`
      : `lifecycle skipped from '${before}' (at ${at}) to '${after}'; the allowed order is ${ORDER}, one step at a time: go to '${NEXT[before]}' first`,
  );
}

type Add = (file: string, path: PathSegment[], rule: string, message: string, value?: unknown) => void;

function compareMunicipality(bm: MunicipalityConfig, hm: MunicipalityConfig, file: string, at: string, add: Add): void {
  const live = bm.lifecycle !== "planned";
  const baseWorkloads = new Map(bm.workloads.map((w) => [w.name, w]));
  const headIndex = new Map(hm.workloads.map((w, i) => [w.name, i]));
  /** The base workload each head workload continues, by name or by renamedFrom. */
  const continues = new Map<number, WorkloadConfig>();

  hm.workloads.forEach((w, i) => {
    const same = baseWorkloads.get(w.name);
    if (w.renamedFrom !== undefined) {
      if (same && same.renamedFrom === w.renamedFrom) {
        continues.set(i, same); // renamed earlier; nothing new
      } else if (same) {
        add(file, ["workloads", i, "renamedFrom"], "history-rename-onto-existing", `'${w.name}' already exists at ${at}; renaming '${w.renamedFrom}' onto it would hand one workload's resources to another: rename to a name never used`, w.renamedFrom);
      } else if (baseWorkloads.has(w.renamedFrom)) {
        continues.set(i, baseWorkloads.get(w.renamedFrom)!);
      } else {
        add(file, ["workloads", i, "renamedFrom"], "history-rename-unknown", `renamedFrom '${w.renamedFrom}' names no workload at ${at}; renamedFrom is the name the workload had before: correct it, or remove it for a new workload`, w.renamedFrom);
      }
    } else if (same) {
      if (same.renamedFrom !== undefined) {
        add(file, ["workloads", i, "name"], "history-rename-dropped", `'${w.name}' had renamedFrom '${same.renamedFrom}' at ${at}; its Azure names still derive from '${same.renamedFrom}': keep renamedFrom: ${same.renamedFrom} while the workload exists`);
      }
      if (live && same.kind !== w.kind) {
        add(file, ["workloads", i, "kind"], "history-workload-kind", `workload '${w.name}' changed from a ${same.kind} (at ${at}) to a ${w.kind}; its ${same.kind === "vm" ? "server, disks and backups" : "pods"} would be deleted: keep it a ${same.kind}, and add the ${w.kind} under a new name`, w.kind);
      }
      continues.set(i, same);
    } else if (hm.lifecycle === "retired") {
      add(file, ["workloads", i, "name"], "history-workload-added-retired", `workload '${w.name}' is new since ${at}, but the municipality is retired: a retired municipality runs nothing and accepts no workloads; remove it`, w.name);
    }
  });

  const continued = new Set([...continues.values()].map((w) => w.name));
  if (live) {
    for (const w of bm.workloads) {
      if (continued.has(w.name)) continue;
      add(
        file,
        ["workloads"],
        "history-workload-removed",
        `workload '${w.name}' was removed or renamed (it is at ${at}, the municipality is '${bm.lifecycle}'); removing it deletes its server and forgets its data: ` +
          `to rename it, give the new entry renamedFrom: ${w.name}; to retire it, take the municipality through offboarding to retired, and its data goes only with a dated, approved dataRelease`,
        w.name,
      );
    }
  }

  // Disks: a disk keeps its owner and its lun.
  const baseOwner = new Map<string, string>();
  for (const w of bm.workloads) if (w.kind === "vm") for (const d of w.dataDisks) if (!baseOwner.has(d.name)) baseOwner.set(d.name, w.name);
  hm.workloads.forEach((w, i) => {
    if (w.kind !== "vm") return;
    const was = continues.get(i);
    w.dataDisks.forEach((d, j) => {
      const owner = baseOwner.get(d.name);
      const sameDisk = was?.kind === "vm" ? was.dataDisks.find((x) => x.name === d.name) : undefined;
      if (live && owner !== undefined && !sameDisk && owner !== was?.name) {
        add(
          file,
          ["workloads", i, "dataDisks", j, "name"],
          "history-disk-owner",
          `data disk '${d.name}' belonged to workload '${owner}' at ${at}, and now to '${w.name}'; a disk never changes owner (it would be detached from one server and its data shown to another): give this disk a new name, and keep '${owner}'s`,
          d.name,
        );
      }
      if (live && sameDisk && sameDisk.lun !== d.lun) {
        add(
          file,
          ["workloads", i, "dataDisks", j, "lun"],
          "history-disk-lun",
          `data disk '${d.name}' of '${w.name}' moved from lun ${sameDisk.lun} (at ${at}) to lun ${d.lun}; an attached disk keeps its lun (the server finds its volumes by it): set lun: ${sameDisk.lun}`,
          d.lun,
        );
      }
    });
    if (live && was?.kind === "vm") {
      for (const d of was.dataDisks) {
        if (w.dataDisks.some((x) => x.name === d.name)) continue;
        add(
          file,
          ["workloads", i, "dataDisks"],
          "history-disk-removed",
          `data disk '${d.name}' of '${w.name}' was removed or renamed (it is at ${at}); its data would be forgotten: keep it, and its data goes only with the municipality's dated, approved dataRelease`,
          d.name,
        );
      }
    }
  });

  if (live) compareSites(bm, hm, file, at, add);
}

function compareSites(bm: MunicipalityConfig, hm: MunicipalityConfig, file: string, at: string, add: Add): void {
  const baseSites = new Set(bm.network.sites.map((s) => s.name));
  const continued = new Set<string>();
  hm.network.sites.forEach((s, i) => {
    if (baseSites.has(s.name)) {
      continued.add(s.name);
      if (s.renamedFrom !== undefined && s.renamedFrom !== bm.network.sites.find((x) => x.name === s.name)?.renamedFrom) {
        add(file, ["network", "sites", i, "renamedFrom"], "history-rename-onto-existing", `site '${s.name}' already exists at ${at}; renaming '${s.renamedFrom}' onto it would hand one site's tunnel and key to another: rename to a name never used`, s.renamedFrom);
      }
    } else if (s.renamedFrom !== undefined) {
      if (baseSites.has(s.renamedFrom)) continued.add(s.renamedFrom);
      else add(file, ["network", "sites", i, "renamedFrom"], "history-rename-unknown", `renamedFrom '${s.renamedFrom}' names no site at ${at}; correct it, or remove it for a new site`, s.renamedFrom);
    }
  });
  for (const s of bm.network.sites) {
    if (continued.has(s.name)) continue;
    add(
      file,
      ["network", "sites"],
      "history-site-removed",
      `site '${s.name}' was removed or renamed (it is at ${at}); its tunnel and its shared key would be deleted: to rename it, give the new entry renamedFrom: ${s.name}; to disconnect it, do so deliberately with the municipality's operators and record why`,
      s.name,
    );
  }
}

/** Places the findings in head's files (a deleted file: line 1). */
export function locateHistoryFindings(drafts: readonly DraftFinding[], read: (file: string) => SourceFile | undefined = readExisting): Finding[] {
  const sources = new Map<string, SourceFile | undefined>();
  return drafts.map((d) => {
    if (!sources.has(d.file)) sources.set(d.file, read(d.file));
    return locateDraft(d, sources.get(d.file));
  });
}

function readExisting(file: string): SourceFile | undefined {
  const source = readSource(file);
  return source.data === undefined ? undefined : source;
}
