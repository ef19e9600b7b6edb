/**
 * Runs a Pulumi program under Pulumi's own mock runtime and records every
 * resource registration exactly as the engine would receive it: URN, type,
 * name, parent, inputs and the resource options that matter for data safety
 * (protect, retainOnDelete, aliases).
 *
 * The offline plan and the component tests both use this one harness, so what
 * the tests assert is what the plan reports.
 *
 * Why a recording monitor rather than `setMocks` alone: the mocks' callbacks
 * see neither the parent nor any resource option; the monitor request does.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { stableGuid } from "../../../components/vocabulary/naming.js";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** true for provider-managed (custom) resources, false for components. */
  custom: boolean;
  parentUrn?: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** URNs of the resource's explicit dependencies. */
  dependencies: string[];
  /** Number of aliases that reached the engine for this resource. */
  aliasCount: number;
  /** Inputs as the program sent them (before any provider Check). */
  inputs: Record<string, unknown>;
  /** The fake id given by the mock runtime (empty for components). */
  id: string;
}

export interface MockRunResult {
  resources: RecordedResource[];
  /** Stack outputs, when the program ran inside a stack. */
  outputs: Record<string, unknown>;
  invokes: { token: string; inputs: Record<string, unknown> }[];
}

export type InvokeHandler = (inputs: Record<string, unknown>) => Record<string, unknown>;

export interface MockRunOptions {
  project?: string;
  stack: string;
  /** Extra invoke handlers, keyed by token. Unknown tokens fail loudly. */
  invokes?: Record<string, InvokeHandler>;
  /** Run as a preview (unknown values stay unknown). Default false. */
  preview?: boolean;
}

export const FAKE_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const FAKE_TENANT_ID = "11111111-1111-1111-1111-111111111111";

/** Invokes the platform calls. Every other token fails the run. */
export const defaultInvokes: Record<string, InvokeHandler> = {
  "azure-native:authorization:getClientConfig": () => ({
    clientId: "22222222-2222-2222-2222-222222222222",
    objectId: "33333333-3333-3333-3333-333333333333",
    subscriptionId: FAKE_SUBSCRIPTION_ID,
    tenantId: FAKE_TENANT_ID,
  }),
  "azure-native:containerservice:listManagedClusterUserCredentials": (inputs) => ({
    kubeconfigs: [
      {
        name: "clusterUser",
        value: Buffer.from(fakeKubeconfig(String(inputs.resourceName ?? "cluster"))).toString("base64"),
      },
    ],
  }),
  "azure-native:containerservice:listManagedClusterAdminCredentials": (inputs) => ({
    kubeconfigs: [
      {
        name: "clusterAdmin",
        value: Buffer.from(fakeKubeconfig(String(inputs.resourceName ?? "cluster"))).toString("base64"),
      },
    ],
  }),
};

function fakeKubeconfig(cluster: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `clusters: [{name: ${cluster}, cluster: {server: "https://${cluster}.privatelink.example.invalid"}}]`,
    `contexts: [{name: ${cluster}, context: {cluster: ${cluster}, user: ${cluster}}}]`,
    `current-context: ${cluster}`,
    `users: [{name: ${cluster}, user: {token: mock}}]`,
  ].join("\n");
}

/**
 * Azure-shaped, deterministic fake id so that references between resources
 * (`resourceGroupName`, `keyVaultId`, ...) stay readable and attributable.
 */
export function fakeAzureId(type: string, name: string, inputs: Record<string, unknown>): string {
  const [, mod = "unknown", kind = "Resource"] = type.split(":");
  const rg = typeof inputs.resourceGroupName === "string" ? inputs.resourceGroupName : undefined;
  if (type === "azure-native:resources:ResourceGroup") {
    return `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${String(inputs.resourceGroupName ?? name)}`;
  }
  const scope = rg ? `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${rg}` : `/subscriptions/${FAKE_SUBSCRIPTION_ID}`;
  return `${scope}/providers/${mod}/${kind}/${resourceNameFromInputs(type, name, inputs)}`;
}

/**
 * azure-native resources take their Azure name from a type-specific input
 * (`virtualNetworkName`, `vaultName`, ...) and expose it as the `name`
 * output. The mock fills `name` so that code reading `.name` gets a value.
 */
export function resourceNameFromInputs(type: string, name: string, inputs: Record<string, unknown>): string {
  const kind = type.split(":")[2] ?? "";
  const own = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`;
  for (const key of [own, "resourceName", "name"]) {
    const v = inputs[key];
    if (typeof v === "string" && v.length > 0) return v;
  }
  const nameKeys = Object.keys(inputs).filter(
    (k) => k.endsWith("Name") && k !== "resourceGroupName" && typeof inputs[k] === "string",
  );
  if (nameKeys.length === 1) return String(inputs[nameKeys[0]!]);
  return name;
}

/**
 * The URN the real engine assigns: the parent's qualified type, then `$`, then
 * the type; children of the root stack carry no prefix. (The stock mock
 * monitor keeps only the parent's last type and prefixes the stack's type,
 * so its URNs differ from the engine's.)
 */
export function engineUrn(parent: string, type: string, name: string): string {
  let qualified = type;
  if (parent) {
    const parentType = parent.split("::")[2] ?? "";
    if (parentType !== "pulumi:pulumi:Stack") qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}

/**
 * Identity outputs that Azure assigns on create (principal and client ids).
 * Code derives role-assignment names from them, so the mock gives each
 * identity a deterministic GUID of its own id instead of leaving it undefined.
 */
export function fakeIdentityOutputs(type: string, id: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const guid = (salt: string) => stableGuid(salt, id);
  if (type === "azure-native:managedidentity:UserAssignedIdentity") {
    return { principalId: guid("principal"), clientId: guid("client"), tenantId: FAKE_TENANT_ID };
  }
  const identity = inputs.identity as { type?: unknown } | undefined;
  if (identity && typeof identity.type === "string" && identity.type.includes("SystemAssigned")) {
    return { identity: { ...identity, principalId: guid("principal"), tenantId: FAKE_TENANT_ID } };
  }
  return {};
}

class RecordingMonitor extends MockMonitor {
  readonly records = new Map<string, RecordedResource>();
  /** Problems the real engine would have refused; the run fails with them. */
  readonly errors: string[] = [];

  override async registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
    const type: string = req.getType();
    const name: string = req.getName();
    const parent: string = req.getParent();
    const urn = engineUrn(parent, type, name);
    if (this.records.has(urn)) {
      // The real engine rejects duplicate URNs; the stock mock accepts them. The
      // registration is answered (so nothing is left as an unhandled rejection)
      // and the run fails afterwards with this message.
      this.errors.push(`Duplicate resource URN '${urn}': the real engine would reject this registration.`);
    }
    let inputs: Record<string, unknown> = {};
    try {
      inputs = rpc.deserializeProperties(req.getObject()) as Record<string, unknown>;
    } catch {
      inputs = {};
    }
    this.records.set(urn, {
      urn,
      type,
      name,
      custom: Boolean(req.getCustom()),
      parentUrn: parent || undefined,
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      dependencies: req.getDependenciesList() ?? [],
      aliasCount: (req.getAliasesList()?.length ?? 0) + (req.getAliasurnsList?.()?.length ?? 0),
      inputs: stripSecrets(inputs) as Record<string, unknown>,
      id: "",
    });
    // The stock monitor's own bookkeeping, with the engine's URN.
    try {
      const result = await this.mocks.newResource({
        type,
        name,
        inputs,
        provider: req.getProvider(),
        custom: req.getCustom(),
        id: req.getImportid(),
      });
      const state = await rpc.serializeProperties("", result.state);
      (this as unknown as { resources: Map<string, unknown> }).resources.set(urn, { urn, id: result.id ?? null, state });
      const rec = this.records.get(urn);
      if (rec) rec.id = result.id ?? "";
      const response = new resproto.RegisterResourceResponse();
      response.setUrn(urn);
      response.setId(result.id || "");
      response.setObject(structproto.Struct.fromJavaScript(state));
      callback(null, response);
    } catch (err) {
      callback(err, undefined);
    }
  }
}

/** Secrets arrive wrapped; the plan shows that a value is secret, never the value. */
function stripSecrets(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(stripSecrets);
  const obj = value as Record<string, unknown>;
  if (obj[rpc.specialSigKey] === rpc.specialSecretSig) return "[secret]";
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = stripSecrets(v);
  return out;
}

/**
 * Runs `program` inside a root stack resource under the mock runtime and
 * returns what was registered. The program may return stack outputs.
 *
 * One run per process: the Pulumi runtime keeps global state, which is why the
 * offline plan runs each stack in its own worker.
 */
export async function runWithMocks(
  program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void,
  options: MockRunOptions,
): Promise<MockRunResult> {
  const invokes = { ...defaultInvokes, ...(options.invokes ?? {}) };
  const seenInvokes: MockRunResult["invokes"] = [];
  // Declared before the mocks, which close over it.
  let monitor: RecordingMonitor;
  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      const inputs = args.inputs as Record<string, unknown>;
      if (!args.custom) return { id: "", state: {} };
      const id = fakeAzureId(args.type, args.name, inputs);
      const state: Record<string, unknown> = { ...inputs, id };
      if (args.type.startsWith("azure-native:")) {
        state.name = resourceNameFromInputs(args.type, args.name, inputs);
        Object.assign(state, fakeIdentityOutputs(args.type, id, inputs));
      } else if (state.name === undefined) {
        state.name = args.name;
      }
      return { id: args.type.startsWith("azure-native:") ? id : `${args.name}-id`, state };
    },
    call(args) {
      const handler = invokes[args.token];
      seenInvokes.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
      if (!handler) {
        // An unmocked invoke would otherwise hang until a timeout.
        const message = `No mock for invoke '${args.token}'. Add it to the mock runtime's invoke table.`;
        monitor.errors.push(message);
        throw new Error(message);
      }
      return handler(args.inputs as Record<string, unknown>);
    },
  };
  monitor = new RecordingMonitor(mocks);
  // "organization" is what self-managed backends report as the organization.
  settings.setMockOptions(monitor, options.project ?? "driftsenhed", options.stack, options.preview ?? false, "organization");
  let outputs: Record<string, unknown>;
  // A program that throws is caught inside the stack and rethrown once the
  // stack has settled, so the failure surfaces here, once, rather than also as
  // unhandled rejections of the stack resource's own outputs.
  let programFailed = false;
  let programError: unknown;
  try {
    outputs = (await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return (await program()) ?? {};
      } catch (err) {
        programFailed = true;
        programError = err;
        return {};
      }
    })) as Record<string, unknown>;
    // Not in the published typings, but exported: wait until every registration has settled.
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  } catch (err) {
    // The SDK loses an invoke's message on the way back; say what the mocks saw first.
    if (monitor.errors.length > 0) throw new Error(monitor.errors.join("\n"));
    throw err;
  }
  if (monitor.errors.length > 0) throw new Error(monitor.errors.join("\n"));
  if (programFailed) throw programError;
  return { resources: [...monitor.records.values()], outputs: outputs ?? {}, invokes: seenInvokes };
}
