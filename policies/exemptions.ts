/**
 * Exemptions as code. `policies/exemptions.yaml` is reviewed like any other
 * change: each entry names one rule, what it exempts (a resource URN pattern or
 * a municipality), why, who approved it and when it ends. An entry that cannot
 * be trusted (malformed, expired, naming no rule of the pack) exempts nothing
 * and is itself reported by `policy-exemptions-disallow-invalid-entry`: fail
 * closed, and say where the problem is. An entry naming a renamed rule by its
 * old name (RENAMED_RULES) applies to the rule under its current name and is
 * reported as a deprecation warning, not as a finding.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { z } from "zod";
import { currentRuleName, isRenamedRule, renamedRuleMessage } from "./rule-names.js";

export const DEFAULT_EXEMPTIONS_PATH = path.join(__dirname, "exemptions.yaml");

/** The check that reports untrustworthy entries; it cannot itself be exempted. */
export const EXEMPTION_CHECK_NAME = "policy-exemptions-disallow-invalid-entry";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** A text field; says "is required" rather than zod's type jargon when it is missing. */
const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text (quote it if YAML reads it as something else)") });

const exemptionSchema = z
  .strictObject({
    rule: text().trim().min(1, "name the rule this exemption is for"),
    urn: text().trim().min(1).optional(),
    kommunekode: text()
      .regex(/^(\d{3}|platform)$/, "must be a 3-digit kommunekode or 'platform'")
      .optional(),
    reason: text().trim().min(20, "give a reason of at least 20 characters that a reviewer can check"),
    approver: text().trim().min(3, "name the person or role who approved the exemption"),
    expires: text().refine(isRealDate, "must be a date written YYYY-MM-DD"),
  })
  .superRefine((entry, ctx) => {
    const scopes = [entry.urn, entry.kommunekode].filter((s) => s !== undefined).length;
    if (scopes !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["urn"],
        message: "set exactly one of 'urn' (a URN pattern, * matches anything) or 'kommunekode'",
      });
    }
  });

const fileSchema = z.strictObject({ exemptions: z.array(z.unknown()) });

export type Exemption = z.output<typeof exemptionSchema>;

export interface LocatedExemption extends Exemption {
  /** `policies/exemptions.yaml:12 (exemptions[1])`, for messages. */
  location: string;
}

export interface ExemptionSet {
  file: string;
  entries: LocatedExemption[];
  /** Entries that failed validation or a file that did not parse; located messages. */
  problems: string[];
}

function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** Line of the deepest node along `keyPath` that exists. */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, keyPath: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of keyPath) {
    let next: unknown;
    if (isMap(node)) next = node.get(key as string, true);
    else if (isSeq(node)) next = node.get(key as number, true);
    if (next === undefined || next === null) break;
    node = next;
    const range = (next as Node).range;
    if (range) offset = range[0];
  }
  return counter.linePos(offset).line;
}

export function parseExemptions(text: string, file: string): ExemptionSet {
  const shown = displayName(file);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const line = counter.linePos(e.pos[0]).line;
      return `${shown}:${line}: not valid YAML: ${e.message.split("\n")[0]}. No exemption in this file applies until it parses.`;
    });
    return { file: shown, entries: [], problems };
  }
  const data: unknown = doc.toJS() ?? { exemptions: [] };
  const top = fileSchema.safeParse(data);
  if (!top.success) {
    const problems = top.error.issues.map((issue) => {
      const line = lineOf(doc, counter, issue.path);
      const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
      return `${shown}:${line}: ${field}: ${issue.message}. The file must be a mapping with one key, 'exemptions', holding a list.`;
    });
    return { file: shown, entries: [], problems };
  }
  const entries: LocatedExemption[] = [];
  const problems: string[] = [];
  top.data.exemptions.forEach((raw, i) => {
    const where = `${shown}:${lineOf(doc, counter, ["exemptions", i])} (exemptions[${i}])`;
    const parsed = exemptionSchema.safeParse(raw);
    if (parsed.success) {
      entries.push({ ...parsed.data, location: where });
      return;
    }
    for (const issue of parsed.error.issues) {
      const line = lineOf(doc, counter, ["exemptions", i, ...issue.path]);
      const field = `exemptions[${i}]${issue.path.length > 0 ? `.${issue.path.map(String).join(".")}` : ""}`;
      const value = issue.path.reduce<unknown>(
        (v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined),
        raw,
      );
      problems.push(
        `${shown}:${line}: ${field}: ${issue.message} (got ${value === undefined ? "nothing" : JSON.stringify(value)}). This entry exempts nothing until it is fixed.`,
      );
    }
  });
  return { file: shown, entries, problems };
}

export function loadExemptions(file: string = DEFAULT_EXEMPTIONS_PATH): ExemptionSet {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { file: displayName(file), entries: [], problems: [`${displayName(file)}: cannot be read (${(e as Error).message}).`] };
  }
  return parseExemptions(text, file);
}

export function emptyExemptions(): ExemptionSet {
  return { file: "(none)", entries: [], problems: [] };
}

/** The exemption is in force through the whole of its expiry day (UTC). */
export function isExpired(entry: Exemption, now: Date): boolean {
  const [y, m, d] = entry.expires.split("-").map(Number) as [number, number, number];
  return now.getTime() >= Date.UTC(y, m - 1, d + 1);
}

export interface ResolvedExemptions {
  /** Entries in force, each naming its rule by the rule's current name. */
  active: LocatedExemption[];
  problems: string[];
  /** Entries that name a renamed rule by its old name; they apply, and should be updated. */
  deprecations: string[];
}

/** Splits entries into those in force and those that are themselves findings. */
export function resolveExemptions(set: ExemptionSet, ruleNames: ReadonlySet<string>, selfRule: string, now: Date): ResolvedExemptions {
  const active: LocatedExemption[] = [];
  const problems = [...set.problems];
  const deprecations: string[] = [];
  for (const located of set.entries) {
    let entry = located;
    if (isRenamedRule(located.rule) && ruleNames.has(currentRuleName(located.rule))) {
      deprecations.push(renamedRuleMessage(located.rule, located.location));
      entry = { ...located, rule: currentRuleName(located.rule) };
    }
    if (entry.rule === selfRule) {
      problems.push(`${entry.location}: rule '${entry.rule}' cannot be exempted; fix or remove the entries it reports.`);
    } else if (!ruleNames.has(entry.rule)) {
      problems.push(
        `${entry.location}: rule '${entry.rule}' is not a rule of this pack (renamed or removed?); see policies/RULES.md. The entry exempts nothing.`,
      );
    } else if (isExpired(entry, now)) {
      problems.push(
        `${entry.location}: exemption from '${entry.rule}' for ${entry.urn ? `URN '${entry.urn}'` : `kommunekode ${entry.kommunekode}`} ` +
          `expired on ${entry.expires} (approved by ${entry.approver}). Renew it after a new review or remove it.`,
      );
    } else {
      active.push(entry);
    }
  }
  return { active, problems, deprecations };
}

function urnPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

export interface ExemptionTarget {
  policy: string;
  urn?: string;
  kommunekode?: string;
}

export function findExemption(active: readonly LocatedExemption[], target: ExemptionTarget): LocatedExemption | undefined {
  return active.find((e) => {
    if (e.rule !== target.policy) return false;
    if (e.urn !== undefined) return target.urn !== undefined && urnPattern(e.urn).test(target.urn);
    return e.kommunekode !== undefined && e.kommunekode === target.kommunekode;
  });
}
