/**
 * Before the engine tests: the Pulumi CLI on PATH (built and cached when
 * absent) and the policy pack compiled (the CLI loads policies/dist).
 */
import { execFileSync } from "node:child_process";
import { pulumiBin, REPO } from "./harness.js";

export default function setup(): void {
  const started = Date.now();
  const bin = pulumiBin();
  const version = execFileSync(`${bin}/pulumi`, ["version"], { encoding: "utf8" }).trim();
  console.log(`engine tests: pulumi ${version} from ${bin} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  execFileSync("npm", ["run", "build", "--silent", "-w", "@driftsenhed/policies"], { cwd: REPO, stdio: "inherit" });
}
