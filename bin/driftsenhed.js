#!/usr/bin/env node
// Runs the TypeScript command-line sources directly; no build step to forget.
require("tsx/cjs");
require("../packages/tools/cli/main.ts");
