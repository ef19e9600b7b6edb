/**
 * The engine tier: the real Pulumi CLI (built by test/engine/install-pulumi.sh)
 * deploys the stack program against stand-in providers on a local backend.
 * Slow (a few minutes; the CLI build alone takes minutes when cold), so it is
 * not part of `npm test`; CI runs it with `npm run test:engine`. The files are
 * named *.e2e.ts so that the main configuration's `test/**\/*.test.ts` never
 * picks them up.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/engine/**/*.e2e.ts"],
    pool: "forks",
    // Each file deploys its own stacks; the CLI, the program and three providers already fill two cores.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 1_200_000,
    globalSetup: ["test/engine/global-setup.ts"],
  },
});
