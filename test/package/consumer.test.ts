/**
 * The consumer test: @driftsenhed/components and @driftsenhed/policies as
 * another unit gets them. Both packages are packed (which builds them), the
 * tarballs are installed into a scratch project outside the repository, a
 * small program written against their public exports only is type-checked
 * strictly and run under Pulumi's mock runtime, and the policy pack from the
 * tarball evaluates what it registered.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const rootPackage = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let scratch = "";

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw Object.assign(new Error(`${cmd} ${args.join(" ")} failed in ${cwd}\n${e.stdout ?? ""}${e.stderr ?? ""}`), { stdout: e.stdout });
  }
}

/** The same version the repository locks, so the scratch install needs nothing the lock file does not name. */
function pinned(name: string): string {
  const v = rootPackage.dependencies[name] ?? rootPackage.devDependencies[name];
  if (!v) throw new Error(`${name} is not a dependency of the repository`);
  return v;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "driftsenhed-consumer-"));
  run(npm, ["pack", "--workspace", "components", "--workspace", "policies", "--pack-destination", scratch, "--silent"], ROOT);
  const tarballs = readdirSync(scratch).filter((f) => f.endsWith(".tgz"));
  const tarball = (prefix: string) => {
    const t = tarballs.find((f) => f.startsWith(prefix));
    if (!t) throw new Error(`npm pack wrote no ${prefix} tarball (found: ${tarballs.join(", ")})`);
    return `file:./${t}`;
  };
  writeFileSync(
    path.join(scratch, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        private: true,
        dependencies: {
          "@driftsenhed/components": tarball("driftsenhed-components-"),
          "@driftsenhed/policies": tarball("driftsenhed-policies-"),
          ...Object.fromEntries(["@pulumi/pulumi", "@pulumi/azure-native", "@pulumi/kubernetes", "@pulumi/random", "@pulumi/policy"].map((n) => [n, pinned(n)])),
        },
        devDependencies: Object.fromEntries(["typescript", "@types/node"].map((n) => [n, pinned(n)])),
      },
      null,
      2,
    ),
  );
  for (const f of ["program.ts", "run.ts", "tsconfig.json"]) copyFileSync(path.join(__dirname, "consumer", f), path.join(scratch, f));
  // The packages CI just installed are in npm's cache: prefer it, so the scratch install needs no download.
  run(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], scratch);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the packages as another unit installs them", () => {
  it("ship compiled JavaScript and declarations, no sources or tests", () => {
    for (const pkg of ["components", "policies"]) {
      const dir = path.join(scratch, "node_modules", "@driftsenhed", pkg);
      const files = run("find", [".", "-type", "f"], dir).split("\n").filter(Boolean);
      expect(files.some((f) => f.endsWith(".d.ts"))).toBe(true);
      expect(files.some((f) => f.endsWith(".js"))).toBe(true);
      expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
      expect(files).toContain("./CHANGELOG.md");
    }
  });

  it("type-check a program written against the public exports", () => {
    run(path.join(scratch, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], scratch);
  });

  it("refuse a deep import past the exports map", () => {
    writeFileSync(path.join(scratch, "deep.ts"), 'import { VirtualMachineWorkload } from "@driftsenhed/components/dist/tenant/vm.js";\nvoid VirtualMachineWorkload;\n');
    let out = "";
    try {
      run(path.join(scratch, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], scratch);
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    } finally {
      rmSync(path.join(scratch, "deep.ts"));
    }
    expect(out).toMatch(/deep\.ts.*(TS2307|TS2305)/);
  });

  it("run under the mock runtime: a platform and a tenant, and the pack passes them", () => {
    const line = run(process.execPath, ["out/run.js"], scratch).trim().split("\n").pop()!;
    const result = JSON.parse(line) as { types: string[]; names: string[]; rules: number; violations: string[] };
    expect(result.types).toContain("driftsenhed:platform:OperatingUnitPlatform");
    expect(result.types).toContain("azure-native:network:AzureFirewall");
    expect(result.types).toContain("driftsenhed:tenant:MunicipalityTenant");
    expect(result.types.filter((t) => t === "azure-native:compute:VirtualMachine")).toHaveLength(1);
    expect(result.rules).toBeGreaterThan(50);
    expect(result.violations).toEqual([]);
  });
});
