/**
 * Stand-in resource provider for the engine tests: one program serves
 * azure-native, kubernetes and random (the package is its first argument),
 * through @pulumi/pulumi's provider support (`main(provider, args)`).
 *
 * - Check accepts the program's inputs as they are.
 * - Create/Update return the ids and outputs the mock runtime gives
 *   (packages/tools/mock-runtime: `fakeAzureId`, `resourceNameFromInputs`,
 *   `fakeIdentityOutputs`), plus a deterministic `result` for RandomPassword
 *   (`standInPassword`), so tests know the value to look for in the state.
 * - Diff compares old inputs with new ones; which properties replace is
 *   `replacement.ts`.
 * - Invoke answers the mock runtime's `defaultInvokes`.
 * - CheckConfig/DiffConfig/Configure handle provider configuration (the
 *   program constructs its own `pulumi:providers:kubernetes`).
 * - Every create, update, delete, read and invoke is appended as one JSON line
 *   to the file named by `STANDIN_CALL_LOG`.
 *
 * Usage (from the plugin's shell script): node --require tsx/cjs standin.ts <package> <version> <engine address>
 */
import { appendFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import * as provider from "@pulumi/pulumi/provider";
import { defaultInvokes, fakeAzureId, fakeIdentityOutputs, resourceNameFromInputs } from "../../../packages/tools/mock-runtime/index.js";
import { replaceKeys } from "./replacement.js";
import { standInPassword } from "./password.js";

const [pkg = "", version = "", ...rest] = process.argv.slice(2);
if (!pkg || !version) {
  console.error("usage: standin.ts <package> <version> <engine address>");
  process.exit(2);
}

/** The engine's marker of an unknown value (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

export interface CallRecord {
  pkg: string;
  op: "create" | "update" | "delete" | "read" | "invoke";
  urn?: string;
  type?: string;
  id?: string;
  token?: string;
}

function record(entry: CallRecord): void {
  const file = process.env.STANDIN_CALL_LOG;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

function unwrapSecret(v: unknown): unknown {
  if (v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) return (v as Record<string, unknown>).value;
  return v;
}

function outputs(urn: string, inputs: Record<string, unknown>): { id: string; outs: Record<string, unknown> } {
  const type = typeOf(urn);
  const name = nameOf(urn);
  if (pkg === "azure-native") {
    const id = fakeAzureId(type, name, inputs);
    // Like the mock runtime's state and azure-native's, the outputs carry the ARM id (stack policies read it).
    const outs: Record<string, unknown> = { ...inputs, id, name: resourceNameFromInputs(type, name, inputs) };
    Object.assign(outs, fakeIdentityOutputs(type, id, inputs), azureAssignedOutputs(type, inputs));
    return { id, outs };
  }
  const id = `${name}-id`;
  const outs: Record<string, unknown> = { ...inputs, id };
  if (outs.name === undefined) outs.name = name;
  if (type === "random:index/randomPassword:RandomPassword") {
    const length = Number(unwrapSecret(inputs.length) ?? 16);
    const result = standInPassword(urn, length);
    outs.result = result;
    outs.bcryptHash = `$2a$10$${createHash("sha256").update(result).digest("hex").slice(0, 53)}`;
  }
  return { id, outs };
}

/**
 * Outputs Azure assigns that the program reads and the mock runtime leaves
 * out. In a preview the SDK takes a missing output as unknown, so without
 * them every preview would show the readers as changing.
 */
function azureAssignedOutputs(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === "azure-native:keyvault:Key") {
    const keyUri = `https://${String(inputs.vaultName)}.vault.azure.net/keys/${String(inputs.keyName)}`;
    return { keyUri, keyUriWithVersion: `${keyUri}/00000000000000000000000000000001` };
  }
  return {};
}

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split(".")) {
    cur = unwrapSecret(cur);
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(",")}}`;
}

export function diffInputs(type: string, olds: Record<string, unknown>, news: Record<string, unknown>): { changed: string[]; replaces: string[] } {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
  const changed = keys.filter((k) => !same(olds[k], news[k]));
  const rk = replaceKeys(pkg, type, news);
  const replaces = rk === "all" ? changed : rk.filter((path) => !same(get(olds, path), get(news, path)));
  return { changed, replaces };
}

const impl: provider.Provider = {
  version,
  async check(_urn, _olds, news) {
    return { inputs: news };
  },
  async diff(_id, urn, olds, news) {
    // `olds` are the old inputs here (see the DiffRequest handling below).
    const { changed, replaces } = diffInputs(typeOf(urn), olds ?? {}, news ?? {});
    return { changes: changed.length > 0, replaces };
  },
  async create(urn, inputs) {
    const { id, outs } = outputs(urn, inputs);
    record({ pkg, op: "create", urn, type: typeOf(urn), id });
    return { id, outs };
  },
  async update(id, urn, _olds, news) {
    record({ pkg, op: "update", urn, type: typeOf(urn), id });
    return { outs: outputs(urn, news).outs };
  },
  async delete(id, urn) {
    record({ pkg, op: "delete", urn, type: typeOf(urn), id });
  },
  async read(id, urn, props) {
    record({ pkg, op: "read", urn, type: typeOf(urn), id });
    return { id, props };
  },
  async invoke(token, inputs) {
    record({ pkg, op: "invoke", token });
    const handler = defaultInvokes[token];
    if (!handler) return { failures: [{ property: "", reason: `stand-in ${pkg} provider has no invoke '${token}'` }] };
    return { outputs: handler(inputs) };
  },
};

/** The server of the current context of a kubeconfig (YAML or JSON text), or undefined when unknown. */
function kubeconfigServer(kubeconfig: unknown): string | undefined {
  const text = unwrapSecret(kubeconfig);
  if (typeof text !== "string" || text === UNKNOWN) return undefined;
  return /server:\s*"?([^"\s,}]+)/.exec(text)?.[1] ?? /"server"\s*:\s*"([^"]+)"/.exec(text)?.[1];
}

/**
 * Provider configuration and the old-inputs diff are not reachable through
 * the `Provider` interface of @pulumi/pulumi 3.248 (its server answers
 * CheckConfig/DiffConfig with UNIMPLEMENTED and passes old outputs to Diff),
 * so the gRPC implementation is wrapped when `main` registers it.
 */
function wrapService(implementation: Record<string, (...a: any[]) => unknown>): Record<string, unknown> {
  const req = createRequire(require.resolve("@pulumi/pulumi/package.json"));
  const provproto = req("./proto/provider_pb");
  const wrapped = Object.create(implementation) as Record<string, unknown>;
  wrapped.checkConfig = (call: any, callback: any) => {
    const resp = new provproto.CheckResponse();
    resp.setInputs(call.request.getNews());
    callback(undefined, resp);
  };
  wrapped.diffConfig = (call: any, callback: any) => {
    const r = call.request;
    const olds = (r.getOldInputs() ?? r.getOlds())?.toJavaScript() ?? {};
    const news = r.getNews()?.toJavaScript() ?? {};
    const resp = new provproto.DiffResponse();
    const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "version" && !same(olds[k], news[k]));
    const replaces: string[] = [];
    if (pkg === "kubernetes" && changed.includes("kubeconfig")) {
      const before = kubeconfigServer(olds.kubeconfig);
      const after = kubeconfigServer(news.kubeconfig);
      if (before !== undefined && after !== undefined && before !== after) replaces.push("kubeconfig");
    }
    resp.setChanges(changed.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
    resp.setReplacesList(replaces);
    resp.setDiffsList(changed);
    callback(undefined, resp);
  };
  wrapped.diff = (call: any, callback: any) => {
    const r = call.request;
    // Diff old inputs against new inputs (what the program sent last time).
    const oldInputs = r.getOldInputs?.();
    if (oldInputs) r.setOlds(oldInputs);
    return (implementation.diff as (c: unknown, cb: unknown) => unknown).call(wrapped, call, callback);
  };
  return wrapped;
}

const grpc = createRequire(require.resolve("@pulumi/pulumi/package.json"))("@grpc/grpc-js");
const addService = grpc.Server.prototype.addService;
grpc.Server.prototype.addService = function (service: unknown, implementation: Record<string, (...a: any[]) => unknown>) {
  return addService.call(this, service, wrapService(implementation));
};

provider.main(impl, rest).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
