/**
 * Writes policies/RULES.md from the registry:
 *   npx tsx policies/scripts/generate-rules-md.ts
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { RULE_AREAS } from "../registry.js";
import { renderRulesMarkdown } from "../rules-md.js";

const target = path.join(__dirname, "..", "RULES.md");
writeFileSync(target, renderRulesMarkdown(RULE_AREAS));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
