/**
 * Writes stacks/CONFIG.md from the zod schemas:
 *   npx tsx packages/config/scripts/generate-reference.ts
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { renderReference } from "../reference.js";

export const REFERENCE_FILE = join(__dirname, "..", "..", "..", "stacks", "CONFIG.md");

writeFileSync(REFERENCE_FILE, renderReference());
process.stdout.write(`wrote ${relative(process.cwd(), REFERENCE_FILE)}\n`);
