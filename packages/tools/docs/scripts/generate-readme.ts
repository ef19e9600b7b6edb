import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderReadme } from "../readme.js";

const file = join(__dirname, "..", "..", "..", "..", "README.md");
writeFileSync(file, renderReadme(readFileSync(file, "utf8")));
process.stdout.write(`wrote ${file}\n`);
