/**
 * The configuration as it was at a git ref, for the history checks
 * (packages/config/history.ts): the config dir's files at REF are copied out
 * of git (`git ls-tree`, `git show`) into a temporary folder and loaded with
 * the same loader as today's. Nothing in the working tree is touched.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadConfigDir, type LoadOptions, type LoadResult } from "../../config/load.js";
import { UsageError } from "../cli/context.js";

export interface ConfigAtRef {
  /** Where the files were written (pass to compareHistory as base.dir). */
  dir: string;
  result: LoadResult;
  /** The commit the ref named. */
  commit: string;
}

function git(args: string[], cwd: string): Buffer {
  return execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}

function gitText(args: string[], cwd: string): string {
  return git(args, cwd).toString("utf8").trim();
}

function reason(err: unknown): string {
  const e = err as { stderr?: Buffer; message?: string; code?: string };
  if (e.code === "ENOENT") return "git is not installed";
  return (e.stderr?.toString("utf8").trim().split("\n")[0] ?? e.message ?? String(err)).trim();
}

/**
 * Loads `configDir` as it was at `ref`, and calls `use` with it; the
 * temporary copy is removed afterwards. A ref git does not know, or a config
 * dir outside a repository, is the user's mistake (a UsageError, exit 2).
 */
interface Materialized {
  tmp: string;
  dir: string;
  commit: string;
}

/** Writes the config dir's files at `ref` into a new temporary folder. */
function materialize(ref: string, configDir: string): Materialized {
  const absolute = path.resolve(configDir);
  let top: string;
  try {
    top = gitText(["rev-parse", "--show-toplevel"], absolute);
  } catch (err) {
    throw new UsageError(`--base ${ref}: ${configDir} is not inside a git repository (${reason(err)}); run from a clone, or leave out --base`);
  }
  let commit: string;
  try {
    commit = gitText(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], top);
  } catch {
    throw new UsageError(`--base ${ref}: git knows no commit '${ref}'; give a branch, tag or commit (CI: the merge base with main, e.g. $(git merge-base origin/main HEAD)); fetch it first in a shallow clone`);
  }
  // git paths are relative to the top and use "/", whatever the platform.
  const rel = path.relative(top, absolute).split(path.sep).join("/");
  const listed = gitText(["ls-tree", "-r", "-z", "--name-only", commit, "--", rel === "" ? "." : rel], top);
  const files = listed.split("\0").filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"));
  const tmp = mkdtempSync(path.join(tmpdir(), "driftsenhed-base-"));
  try {
    for (const file of files) {
      const target = path.join(tmp, ...file.split("/"));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, git(["show", `${commit}:${file}`], top));
    }
    const dir = path.join(tmp, ...(rel === "" ? [] : rel.split("/")));
    mkdirSync(dir, { recursive: true });
    return { tmp, dir, commit };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Loads `configDir` as it was at `ref`, and calls `use` with it; the
 * temporary copy is removed afterwards. A ref git does not know, or a config
 * dir outside a repository, is the user's mistake (a UsageError, exit 2).
 */
export function withConfigAtRef<T>(ref: string, configDir: string, options: LoadOptions, use: (base: ConfigAtRef) => T): T {
  const m = materialize(ref, configDir);
  try {
    return use({ dir: m.dir, result: loadConfigDir(m.dir, options), commit: m.commit });
  } finally {
    rmSync(m.tmp, { recursive: true, force: true });
  }
}

/** The same, for work that takes time (planning the base). */
export async function withConfigAtRefAsync<T>(ref: string, configDir: string, options: LoadOptions, use: (base: ConfigAtRef) => Promise<T>): Promise<T> {
  const m = materialize(ref, configDir);
  try {
    return await use({ dir: m.dir, result: loadConfigDir(m.dir, options), commit: m.commit });
  } finally {
    rmSync(m.tmp, { recursive: true, force: true });
  }
}
