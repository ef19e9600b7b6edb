/**
 * policies/index.ts starts a real policy server: the pack's package.json has a
 * version, the pack builds, and the server announces its port as the CLI
 * expects. Runs in a child process, which is stopped afterwards.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const packDir = path.resolve(__dirname, "../../policies");

describe("the policy pack entry point", () => {
  it("serves the pack and prints the port", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "index.ts"], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    try {
      const port = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no port within 30 s; stderr: ${stderr}`)), 30_000);
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          const line = stdout.split("\n")[0]!;
          if (stdout.includes("\n")) {
            clearTimeout(timer);
            resolve(line.trim());
          }
        });
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`pack exited with ${code}: ${stderr}`));
        });
      });
      expect(port).toMatch(/^\d+$/);
      expect(Number(port)).toBeGreaterThan(0);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
