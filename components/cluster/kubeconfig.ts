/**
 * Turning the cluster's user kubeconfig into one a deployment can use.
 *
 * With local accounts disabled, AKS hands out only Entra ID kubeconfigs
 * whose user runs `kubelogin get-token --login devicecode`: interactive,
 * which a pipeline cannot answer. The login mode is rewritten to the
 * non-interactive one the deployment runs with, the way
 * `kubelogin convert-kubeconfig -l <mode>` does.
 */
import { parse, stringify } from "yaml";

/**
 * kubelogin modes a deployment can run with:
 * - azurecli: the signed-in `az` session (developer machines, most CI).
 * - workloadidentity: federated credentials (GitHub Actions, AKS-hosted runners).
 * - msi: the managed identity of the machine running the deployment.
 * - spn: a service principal from AAD_SERVICE_PRINCIPAL_* environment variables.
 */
export type KubeloginMode = "azurecli" | "workloadidentity" | "msi" | "spn";

/** Decodes the first kubeconfig of a listManagedClusterUserCredentials result. */
export function decodeKubeconfig(
  kubeconfigs: { name?: string; value?: string }[] | undefined,
  clusterName: string,
): string {
  const value = kubeconfigs?.[0]?.value;
  if (value === undefined || value.length === 0) {
    throw new Error(
      `Cluster '${clusterName}': listManagedClusterUserCredentials returned no kubeconfig. ` +
        "Check that the deployment identity may list cluster user credentials on the cluster.",
    );
  }
  return Buffer.from(value, "base64").toString("utf8");
}

/**
 * Rewrites every kubelogin exec user to `mode`. Users without a kubelogin
 * exec entry are left unchanged. `--server-id` (the AKS Entra application
 * the token is for), `--tenant-id` and `--environment` are kept; the
 * downloaded `--client-id` is the interactive public client and would
 * override the identity the non-interactive modes read from the environment.
 */
export function withKubeloginMode(kubeconfig: string, mode: KubeloginMode): string {
  const doc = parse(kubeconfig) as { users?: { user?: { exec?: { command?: string; args?: string[] } } }[] };
  let changed = false;
  for (const entry of doc?.users ?? []) {
    const exec = entry.user?.exec;
    if (exec === undefined || !/(^|\/)kubelogin(\.exe)?$/.test(exec.command ?? "")) continue;
    const args = exec.args ?? [];
    const keep = (flag: string): string[] => {
      const i = args.indexOf(flag);
      return i >= 0 && i + 1 < args.length ? [flag, args[i + 1]!] : [];
    };
    exec.args = ["get-token", ...keep("--environment"), ...keep("--server-id"), ...keep("--tenant-id"), "--login", mode];
    changed = true;
  }
  return changed ? stringify(doc) : kubeconfig;
}
