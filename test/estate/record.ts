/**
 * Child-process entry of the estate tier (test/estate/global-setup.ts): builds
 * units of a configuration directory through the deployment's own entry,
 * runStackProgram (stacks/run.ts), under the mock runtime, and writes what
 * each stack registered to a JSON file. A stack-per-municipality unit also
 * gets its `<unit>-<code>` stacks, each on the unit stack's exported outputs,
 * as a deployment reads them through a StackReference.
 *
 *   node <WORKER_EXEC_ARGV> test/estate/record.ts JOBS.json
 *
 * JOBS.json: a list of { configDir, today, units, out }, recorded one after
 * the other in this one process (the SDK and the program load once; the mock
 * runtime starts afresh for every stack). Started with the planner's
 * preloads (packages/tools/plan/pool.ts), so the SDK loads fast.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { runWithMocks } from "../../packages/tools/mock-runtime/index.js";
import { loadConfigDir } from "../../packages/config/load.js";
import { runStackProgram } from "../../stacks/run.js";
import { municipalityStackName, runMunicipalityStack } from "../../stacks/municipality-stack.js";
import { platformRefsFromStackReference, PLATFORM_REFS_OUTPUT } from "../../components/platform/stack-reference.js";
import type { RecordedStack } from "./estate.js";

export interface RecordJob {
  configDir: string;
  /** YYYY-MM-DD: the configuration's date checks must not depend on the day. */
  today: string;
  units: string[];
  out: string;
}


/** What survives the trip to the tests: JSON (a value unknown in preview is left out, as JSON leaves out undefined). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {})) as T;
}

async function record(job: RecordJob): Promise<RecordedStack[]> {
  const today = new Date(`${job.today}T00:00:00Z`);
  const loaded = loadConfigDir(job.configDir, { today });
  const errors = loaded.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new Error(`${job.configDir} does not load: ${errors.map((e) => e.message).join("; ")}`);
  const out: RecordedStack[] = [];
  for (const id of job.units) {
    const unit = loaded.units.find((u) => u.id === id);
    if (!unit) throw new Error(`no unit '${id}' in ${job.configDir}`);
    const run = await runWithMocks(
      () =>
        // As stacks/index.ts runs it: the default onboarding builds every municipality through buildTenants.
        runStackProgram(job.configDir, id, { load: { today } }),
      // Preview: identities do not depend on values, and the platform settles under the mocks only in preview.
      { stack: id, preview: true },
    );
    out.push({ stack: id, unit: id, resources: plain(run.resources), outputs: plain(run.outputs) });
    if (unit.config.tenancy.layout !== "stack-per-municipality") continue;
    const platformRefs = run.outputs[PLATFORM_REFS_OUTPUT];
    for (const m of unit.municipalities) {
      const stack = municipalityStackName(id, m.config.code);
      const own = await runWithMocks(
        async () => {
          const refs = await platformRefsFromStackReference({
            name: id,
            getOutputDetails: async (name) => (name === PLATFORM_REFS_OUTPUT ? { value: platformRefs } : {}),
          });
          return (await runMunicipalityStack({ unit, code: m.config.code, platform: { refs } })).outputs;
        },
        { stack, preview: true },
      );
      out.push({ stack, unit: id, resources: plain(own.resources), outputs: plain(own.outputs) });
    }
  }
  return out;
}

if (require.main === module) {
  // As in the planner's workers: stack traces are never shown here, and formatting them costs more than the registrations.
  process.setSourceMapsEnabled(false);
  Error.stackTraceLimit = 0;
  const jobs = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as RecordJob[];
  (async () => {
    for (const job of jobs) writeFileSync(job.out, JSON.stringify(await record(job)));
  })().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
