/**
 * How a component rejects its arguments: a `pulumi.ResourceError` that names
 * the component (the engine prints it against the resource, without a stack
 * trace) and carries the same findings as a configuration error, so the
 * command line and the plan treat both alike (`isInputError`).
 */
import * as pulumi from "@pulumi/pulumi";
import { brandInputError, formatInputFinding, type InputErrorLike, type InputFinding } from "./vocabulary/errors.js";

export interface ArgsProblem {
  /** Field path inside the args, e.g. `sites.0.name`. */
  path: string;
  message: string;
  value?: unknown;
}

export class ComponentArgsError extends pulumi.ResourceError implements InputErrorLike {
  declare readonly findings: readonly InputFinding[];

  constructor(resource: pulumi.Resource, source: string, problems: readonly ArgsProblem[]) {
    const findings: InputFinding[] = problems.map((p) => ({ source, path: p.path, message: p.message, value: p.value }));
    super(`${source}: invalid arguments\n${findings.map(formatInputFinding).join("\n")}`, resource, true);
    this.name = "ComponentArgsError";
    brandInputError(this, findings);
  }
}

/**
 * Throws every problem at once, naming the component. Call after `super()`,
 * with all problems collected, so a caller fixes them in one go.
 */
export function rejectArgs(resource: pulumi.ComponentResource, type: string, name: string, problems: readonly ArgsProblem[]): void {
  if (problems.length === 0) return;
  throw new ComponentArgsError(resource, `${type} ${name}`, problems);
}

/**
 * Problems written as sentences that start with the field they concern
 * (`addressSpace '10.0.0.1/22' is not canonical`, `subnets.a.nsgRules: rule x ...`):
 * the leading field becomes the path, under `prefix` when the checked
 * object sits inside the args.
 */
export function problemsFromMessages(messages: readonly string[], prefix = ""): ArgsProblem[] {
  return messages.map((m) => {
    const match = /^([A-Za-z_$][\w$]*(?:\.[\w$-]+)*):?\s+([\s\S]*)$/.exec(m);
    const field = match ? match[1]! : "";
    const path = [prefix, field].filter((p) => p !== "").join(".");
    return { path, message: match ? match[2]! : m };
  });
}
