/**
 * The engine tests' environment: the real Pulumi CLI (install-pulumi.sh), a
 * local backend in a temp folder with a passphrase secrets provider, the
 * stand-in providers installed as plugins in a private PULUMI_HOME, and temp
 * copies of the project whose stacks/ holds only the units a test deploys.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { DriverRequest, DriverResult } from "./driver.js";
import type { CallRecord } from "./providers/standin.js";

export const REPO = resolve(__dirname, "../..");
export const ENGINE_DIR = __dirname;

/** The plugin versions the SDKs in package.json ask for. */
export const STAND_INS = [
  { name: "azure-native", version: "3.28.0" },
  { name: "kubernetes", version: "4.34.2" },
  { name: "random", version: "4.21.2" },
] as const;

export const PASSPHRASE = "engine-tests-only";

let cachedBin: string | undefined;
/** Directory of the `pulumi` binary (built on first use, then cached in .cache/pulumi). */
export function pulumiBin(): string {
  cachedBin ??= execFileSync("bash", [join(ENGINE_DIR, "install-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return cachedBin;
}

function tsxRequire(): string {
  return require.resolve("tsx/cjs", { paths: [REPO] });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class EngineEnv {
  readonly root: string;
  readonly backend: string;
  readonly home: string;
  readonly callLog: string;
  readonly env: NodeJS.ProcessEnv;
  private projects = 0;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), "driftsenhed-engine-"));
    this.backend = join(this.root, "backend");
    this.home = join(this.root, "pulumi-home");
    this.callLog = join(this.root, "calls.jsonl");
    mkdirSync(this.backend, { recursive: true });
    mkdirSync(this.home, { recursive: true });
    writeFileSync(this.callLog, "");
    installStandIns(this.home);
    const bin = pulumiBin();
    this.env = {
      ...process.env,
      PATH: [bin, join(ENGINE_DIR, "bin"), process.env.PATH ?? ""].join(":"),
      PULUMI_HOME: this.home,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      STANDIN_CALL_LOG: this.callLog,
      NO_COLOR: "1",
    };
    delete this.env.PULUMI_BACKEND_URL;
    delete this.env.PULUMI_ACCESS_TOKEN;
    const login = this.cliSync(["login", `file://${this.backend}`], this.root);
    if (login.code !== 0) throw new Error(`pulumi login failed:\n${login.stderr}`);
  }

  /**
   * A temp copy of the project (Pulumi.yaml, the program's sources, the
   * root package.json and tsconfigs; node_modules linked) whose stacks/ holds
   * the given units' folders and their stack configuration files.
   */
  project(units: { id: string; from: string; stackConfig?: string }[]): string {
    const dir = join(this.root, `project-${++this.projects}`);
    mkdirSync(join(dir, "stacks"), { recursive: true });
    for (const f of ["Pulumi.yaml", "package.json", "tsconfig.json", "tsconfig.runtime.json"]) cpSync(join(REPO, f), join(dir, f));
    for (const d of ["components", "packages"]) cpSync(join(REPO, d), join(dir, d), { recursive: true, filter: (src) => !src.includes("node_modules") && !src.endsWith("/dist") });
    for (const f of readdirSync(join(REPO, "stacks"))) if (f.endsWith(".ts")) cpSync(join(REPO, "stacks", f), join(dir, "stacks", f));
    symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
    for (const u of units) {
      cpSync(u.from, join(dir, "stacks", u.id), { recursive: true });
      const stackConfig = u.stackConfig ?? join(REPO, "stacks", `Pulumi.${u.id}.yaml`);
      writeFileSync(
        join(dir, "stacks", `Pulumi.${u.id}.yaml`),
        existsSync(stackConfig) ? readFileSync(stackConfig, "utf8") : "config:\n  azure-native:location: denmarkeast\n",
      );
    }
    return dir;
  }

  /** Creates a stack with the passphrase secrets provider in `project`. */
  initStack(project: string, stack: string): void {
    const r = this.cliSync(["stack", "init", stack, "--secrets-provider", "passphrase", "--non-interactive"], project);
    if (r.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${r.stderr}${r.stdout}`);
  }

  cliSync(args: string[], cwd: string): CliResult {
    try {
      const stdout = execFileSync("pulumi", args, { cwd, env: this.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 512 * 1024 * 1024 });
      return { code: 0, stdout, stderr: "" };
    } catch (e) {
      const err = e as { status?: number; stdout?: string; stderr?: string };
      return { code: err.status ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
  }

  /** `pulumi up` / `pulumi preview` through the Automation API (driver.ts), in a child process. */
  drive(req: DriverRequest): Promise<DriverResult> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, ["--require", tsxRequire(), join(ENGINE_DIR, "driver.ts"), JSON.stringify(req)], {
        cwd: req.project,
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("error", reject);
      child.on("close", (code) => {
        const line = out.split("\n").find((l) => l.startsWith("@@result "));
        if (!line) return reject(new Error(`driver exited ${code} without a result:\n${out}\n${err}`));
        resolvePromise(JSON.parse(line.slice("@@result ".length)) as DriverResult);
      });
    });
  }

  /** The stack's state as `pulumi stack export` writes it (secrets encrypted). */
  exportState(project: string, stack: string): { text: string; deployment: { resources?: StateResource[] } } {
    const r = this.cliSync(["stack", "export", "--stack", stack], project);
    if (r.code !== 0) throw new Error(`pulumi stack export failed:\n${r.stderr}`);
    return { text: r.stdout, deployment: JSON.parse(r.stdout).deployment };
  }

  /** Every provider call recorded so far. */
  calls(): CallRecord[] {
    return readFileSync(this.callLog, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as CallRecord);
  }

  /** Empties the provider call log. */
  resetCalls(): void {
    writeFileSync(this.callLog, "");
  }

  dispose(): void {
    if (!process.env.KEEP_ENGINE_TMP) rmSync(this.root, { recursive: true, force: true });
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  protect?: boolean;
  retainOnDelete?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
}

/**
 * Installs the stand-ins as `$PULUMI_HOME/plugins/resource-<name>-v<version>/pulumi-resource-<name>`:
 * a shell script that execs node on providers/standin.ts. No PulumiPlugin.yaml:
 * with one the CLI would start the plugin through the Node.js language host,
 * which this CLI does not have.
 */
export function installStandIns(home: string): void {
  const standin = join(ENGINE_DIR, "providers", "standin.ts");
  for (const p of STAND_INS) {
    const dir = join(home, "plugins", `resource-${p.name}-v${p.version}`);
    mkdirSync(dir, { recursive: true });
    const script = join(dir, `pulumi-resource-${p.name}`);
    writeFileSync(
      script,
      `#!/bin/sh\n# Stand-in ${p.name} provider for the engine tests (test/engine/providers/standin.ts).\nexec "${process.execPath}" --require "${tsxRequire()}" "${standin}" ${p.name} ${p.version} "$@"\n`,
    );
    chmodSync(script, 0o755);
  }
}

/** URNs of the state, without the engine's default providers (which no pin lists). */
export function stateUrns(resources: readonly StateResource[]): string[] {
  return resources
    .map((r) => r.urn)
    .filter((u) => !/::pulumi:providers:[^:]+::default(_[0-9_]+)?$/.test(u))
    .sort();
}

export function readPins(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .sort();
}

export function dirOf(file: string): string {
  return dirname(file);
}
