/**
 * The benchmark's floor: the same resources a stack's plan registered, in the
 * same order, with the same types, names, parents and inputs, registered
 * directly through the SDK classes under the same mock runtime and the same
 * alias transformation, in the same kind of worker. No configuration, no
 * component logic, no output plumbing, no policy evaluation: what is left is
 * what registering that many resources costs at the least.
 *
 * Runs as a worker program (packages/tools/plan/worker.ts loads it).
 */
import * as pulumi from "@pulumi/pulumi";
import { applyPlatformTransformations } from "../../../components/transformations/strip-provider-aliases.js";
import type { ReplayEntry } from "../plan/protocol.js";

export interface ReplayInput {
  entries: ReplayEntry[];
  stripProviderAliases: boolean;
}

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.Resource;

class ReplayedComponent extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    this.registerOutputs({});
  }
}

/** For types no SDK class is found for: the same registration, without the class's output declarations. */
class ReplayedResource extends pulumi.CustomResource {}

const classes = new Map<string, ResourceClass | undefined>();

/** `kubernetes:networking.k8s.io/v1:NetworkPolicy` → the SDK's `networking.v1.NetworkPolicy`. */
function kubernetesClass(token: string): ResourceClass | undefined {
  const m = /^kubernetes:([^/]+)\/([^:]+):(.+)$/.exec(token);
  if (!m) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const k8s = require("@pulumi/kubernetes") as Record<string, Record<string, Record<string, unknown>>>;
  const group = m[1]!.split(".")[0]!;
  return k8s[group]?.[m[2]!]?.[m[3]!] as ResourceClass | undefined;
}

/** The SDK class that registers `type`, or undefined when there is none to find. */
export function sdkClassFor(type: string): ResourceClass | undefined {
  if (classes.has(type)) return classes.get(type);
  let cls: ResourceClass | undefined;
  try {
    const [pkg, mod, name] = type.split(":");
    if (pkg === "azure-native") {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      cls = (require(`@pulumi/azure-native/${mod}/index.js`) as Record<string, ResourceClass>)[name!];
    } else if (pkg === "kubernetes") {
      cls = kubernetesClass(type);
    } else if (pkg === "random") {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      cls = (require("@pulumi/random") as Record<string, ResourceClass>)[name!];
    } else if (pkg === "pulumi" && mod === "providers") {
      const sdk = { kubernetes: "@pulumi/kubernetes", "azure-native": "@pulumi/azure-native", random: "@pulumi/random" }[name!];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (sdk) cls = (require(sdk) as Record<string, ResourceClass>).Provider;
    }
  } catch {
    cls = undefined;
  }
  classes.set(type, cls);
  return cls;
}

/** Registers the entries; returns how many had no SDK class and went through the generic CustomResource. */
export async function replayStack(input: ReplayInput): Promise<Record<string, unknown>> {
  applyPlatformTransformations({ stripProviderAliases: input.stripProviderAliases });
  const created: pulumi.Resource[] = [];
  let generic = 0;
  for (const e of input.entries) {
    const parent = e.parent >= 0 ? created[e.parent] : undefined;
    const opts = parent ? { parent } : {};
    if (!e.custom) {
      created.push(new ReplayedComponent(e.type, e.name, opts));
      continue;
    }
    const cls = sdkClassFor(e.type);
    if (cls) created.push(new cls(e.name, e.inputs, opts));
    else {
      generic++;
      created.push(new ReplayedResource(e.type, e.name, e.inputs, opts));
    }
  }
  return { registered: created.length, generic };
}
