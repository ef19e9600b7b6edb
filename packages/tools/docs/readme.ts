/**
 * The README's reference sections are generated from code, so they cannot
 * drift from it: each lives between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` and is rewritten by `npm run generate`. A test
 * fails when the committed README differs from what this renders.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { lifecycleTableMarkdown } from "../../../components/tenant/lifecycle.js";
import { RULE_AREAS, RULES } from "../../../policies/registry.js";
import { COMMANDS } from "../cli/commands/index.js";
import { buildProgram } from "../cli/run.js";

function ruleAreas(): string {
  const mandatory = RULES.filter((r) => r.category === "security").length;
  const lines = [
    `${RULES.length} rules; ${mandatory} security rules are mandatory by default, the rest advisory. Every rule, its severity and its control mapping: [policies/RULES.md](policies/RULES.md).`,
    "",
    "| area | rules |",
    "|---|---|",
    ...RULE_AREAS.map((a) => `| ${a.title} | ${a.rules.map((r) => `\`${r.name}\``).join(", ")} |`),
  ];
  return lines.join("\n");
}

function commands(): string {
  const program = buildProgram({ io: { stdout: () => {}, stderr: () => {} }, setExitCode: () => {} });
  const lines = ["| command | what it does |", "|---|---|"];
  for (const module of COMMANDS) {
    const cmd = program.commands.find((c) => c.name() === module.name);
    if (!cmd) continue;
    const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}${a.variadic ? "..." : ""}]`)).join(" ");
    lines.push(`| \`driftsenhed ${module.name}${args ? ` ${args}` : ""}\` | ${cmd.description()} |`);
  }
  return lines.join("\n");
}

/** The program of the consumer test (test/package), which CI type-checks and runs against the packed packages. */
function libraryExample(): string {
  const file = path.join(__dirname, "..", "..", "..", "test", "package", "consumer", "program.ts");
  const text = readFileSync(file, "utf8");
  const begin = text.indexOf("// readme:begin\n");
  const end = text.indexOf("// readme:end");
  if (begin < 0 || end < begin) throw new Error(`${file} lacks the // readme:begin ... // readme:end markers`);
  return ["```ts", text.slice(begin + "// readme:begin\n".length, end).trimEnd(), "```"].join("\n");
}

export const GENERATED_SECTIONS: Record<string, () => string> = {
  commands,
  "library-example": libraryExample,
  lifecycle: lifecycleTableMarkdown,
  rules: ruleAreas,
};

/** The README with every generated section rendered anew; throws on a missing or unknown marker. */
export function renderReadme(current: string): string {
  let out = current;
  for (const [name, render] of Object.entries(GENERATED_SECTIONS)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${open} ... ${close}`);
    out = `${out.slice(0, start + open.length)}\n${render().trim()}\n${out.slice(end)}`;
  }
  const unknown = [...out.matchAll(/<!-- generated:([\w-]+) -->/g)].map((m) => m[1]!).filter((n) => !(n in GENERATED_SECTIONS));
  if (unknown.length > 0) throw new Error(`README.md has markers for unknown sections: ${unknown.join(", ")}`);
  return out;
}
