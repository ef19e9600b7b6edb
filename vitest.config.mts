/**
 * The test suite in three tiers (test/README.md), run side by side on every
 * core:
 *
 * - unit: pure functions (configuration, IPAM, registry, vocabulary,
 *   architecture, policy rules, reports, CI helpers). No Pulumi runtime and
 *   no child processes, so they share worker threads and their imports
 *   (isolate: false): a module is loaded once per worker, not once per file.
 * - runtime: tests that run the Pulumi runtime in their own process
 *   (components, stacks, the mock runtime) or start child processes (the
 *   planner's workers, the command line). The runtime's state is
 *   process-global, so they run in forked processes; each file in turn in a
 *   process that is reused (isolate: false): runWithMocks sets the runtime up
 *   afresh for every run, as it already does between the runs of one file,
 *   and the SDKs are loaded once per worker instead of once per file.
 * - estate: the tests that read the example estate, which
 *   test/estate/global-setup.ts builds once per run (the URN pins, the stack
 *   program over stacks/, `driftsenhed plan` of stacks/).
 *
 * test/package/** (packing and installing the workspace packages) is slow and
 * has its own configuration, test/package/vitest.config.mts; it is not part
 * of `npm test`.
 */
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Read the estate that the estate tier's global setup builds. */
const ESTATE = ["test/stacks/urn-pin.test.ts", "test/stacks/program.test.ts", "test/stacks/data-safety.test.ts", "test/tools/plan/example-plan.test.ts", "test/tools/record/record.test.ts"];

/** Run the Pulumi runtime in-process, or start child processes. */
const RUNTIME = [
  "test/components/**/*.test.ts",
  "test/stacks/**/*.test.ts",
  "test/policies/mock-runtime.test.ts",
  "test/policies/pack-entry.test.ts",
  "test/tools/**/*.test.ts",
];

/** Pure tests in the runtime tier's folders; they belong to the unit tier. */
const PURE_TOOLS = ["attribute", "reports", "affected-stacks", "readme"];

const NOT_HERE = ["test/package/**", "**/node_modules/**"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default leaves a core idle (one worker on a two-core machine); the main process only waits.
    maxWorkers: availableParallelism(),
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Every test that no other tier claims: a new folder of tests lands here.
          include: ["test/**/*.test.ts"],
          exclude: [...NOT_HERE, ...ESTATE, ...RUNTIME.filter((g) => !g.startsWith("test/tools/")), `test/tools/**/!(${PURE_TOOLS.join("|")}).test.ts`],
          pool: "threads",
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "runtime",
          include: RUNTIME,
          exclude: [...NOT_HERE, ...ESTATE, `test/tools/**/(${PURE_TOOLS.join("|")}).test.ts`],
          pool: "forks",
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "estate",
          include: ESTATE,
          exclude: NOT_HERE,
          pool: "forks",
          isolate: false,
          globalSetup: ["test/estate/global-setup.ts"],
        },
      },
    ],
  },
});
