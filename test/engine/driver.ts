/**
 * Runs one engine operation (`up` or `preview`) of the stack program through
 * the Automation API, in a process of its own (the Pulumi runtime is
 * process-global; a fresh process is a fresh module cache).
 *
 * There is no Node.js language host for the CLI we build (see
 * install-pulumi.sh), so the program is an inline program: the Automation API
 * serves it in this process and the CLI connects to it (`--client`). The
 * inline program is the stack program's own entry file, `<project>/stacks/index.ts`.
 *
 * Usage: node --require tsx/cjs test/engine/driver.ts '<DriverRequest as JSON>'
 * Prints one line `@@result <DriverResult as JSON>` on stdout.
 */
import { join } from "node:path";
import { LocalWorkspace, type EngineEvent } from "@pulumi/pulumi/automation";

export interface DriverRequest {
  op: "up" | "preview";
  /** The temp copy of the project (see harness.ts); also the Automation API's work dir. */
  project: string;
  stack: string;
  policyPacks?: string[];
  policyPackConfigs?: string[];
  /** Restrict the operation to these URNs (and what they depend on). */
  targets?: string[];
  /** A test-only module whose function runs after the stack program, in the same stack (extra resources). */
  extraProgram?: string;
}

export interface Step {
  op: string;
  urn: string;
  type: string;
  /** Properties the provider's diff reported as replacing, for replace steps. */
  keys?: string[];
}

export interface PolicyViolation {
  policyName: string;
  enforcementLevel: string;
  resourceUrn?: string;
  message: string;
}

export interface DriverResult {
  ok: boolean;
  error?: string;
  stdout: string;
  stderr: string;
  steps: Step[];
  violations: PolicyViolation[];
  diagnostics: string[];
  changeSummary?: Record<string, number>;
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? "{}") as DriverRequest;
  const steps: Step[] = [];
  const violations: PolicyViolation[] = [];
  const diagnostics: string[] = [];
  const onEvent = (e: EngineEvent) => {
    if (e.resourcePreEvent) {
      const m = e.resourcePreEvent.metadata;
      steps.push({ op: m.op, urn: m.urn, type: m.type, ...(m.keys ? { keys: m.keys } : {}) });
    }
    if (e.policyEvent) {
      violations.push({
        policyName: e.policyEvent.policyName,
        enforcementLevel: e.policyEvent.enforcementLevel,
        ...(e.policyEvent.resourceUrn ? { resourceUrn: e.policyEvent.resourceUrn } : {}),
        message: e.policyEvent.message,
      });
    }
    if (e.diagnosticEvent && (e.diagnosticEvent.severity === "error" || e.diagnosticEvent.severity === "warning")) {
      diagnostics.push(`${e.diagnosticEvent.severity}: ${e.diagnosticEvent.urn ?? ""} ${e.diagnosticEvent.message}`.trim());
    }
  };
  const entry = join(req.project, "stacks", "index.ts");
  const program = async () => {
    // The entry file's `export =` function, exactly as the CLI would run it.
    const mod = require(entry);
    const outputs = await (typeof mod === "function" ? mod : mod.default)();
    if (req.extraProgram) {
      const extra = require(req.extraProgram);
      await (typeof extra === "function" ? extra : extra.default)();
    }
    return outputs;
  };
  const stack = await LocalWorkspace.selectStack({ stackName: req.stack, projectName: "driftsenhed", program }, { workDir: req.project });
  const common = {
    onEvent,
    ...(req.policyPacks ? { policyPacks: req.policyPacks } : {}),
    ...(req.policyPackConfigs ? { policyPackConfigs: req.policyPackConfigs } : {}),
    ...(req.targets ? { target: req.targets } : {}),
  };
  let result: DriverResult;
  try {
    if (req.op === "up") {
      const r = await stack.up(common);
      result = { ok: true, stdout: r.stdout, stderr: r.stderr, steps, violations, diagnostics, changeSummary: r.summary.resourceChanges as Record<string, number> };
    } else {
      const r = await stack.preview(common);
      result = { ok: true, stdout: r.stdout, stderr: r.stderr, steps, violations, diagnostics, changeSummary: r.changeSummary as Record<string, number> };
    }
  } catch (e) {
    const err = e as { message?: string; commandResult?: { stdout: string; stderr: string } };
    result = {
      ok: false,
      error: String(err.message ?? e),
      stdout: err.commandResult?.stdout ?? "",
      stderr: err.commandResult?.stderr ?? "",
      steps,
      violations,
      diagnostics,
    };
  }
  process.stdout.write(`\n@@result ${JSON.stringify(result)}\n`);
  // The inline program's runtime keeps handles open; the result is written.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(70);
});
