import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decodeKubeconfig, withKubeloginMode } from "../../../components/cluster/kubeconfig.js";

const exec = (args: string[], command = "kubelogin") =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    users: [{ name: "u", user: { exec: { command, args } } }],
  });

describe("withKubeloginMode", () => {
  const downloaded = ["get-token", "--environment", "AzurePublicCloud", "--server-id", "srv", "--client-id", "cli", "--tenant-id", "ten", "--login", "devicecode"];

  it.each(["azurecli", "workloadidentity", "msi", "spn"] as const)("rewrites devicecode to %s and drops the interactive client", (mode) => {
    const out = parse(withKubeloginMode(exec(downloaded), mode));
    expect(out.users[0].user.exec.args).toEqual(["get-token", "--environment", "AzurePublicCloud", "--server-id", "srv", "--tenant-id", "ten", "--login", mode]);
  });

  it("handles a kubelogin given by path and a config without --environment", () => {
    const out = parse(withKubeloginMode(exec(["get-token", "--server-id", "srv", "--login", "devicecode"], "/usr/local/bin/kubelogin"), "azurecli"));
    expect(out.users[0].user.exec.args).toEqual(["get-token", "--server-id", "srv", "--login", "azurecli"]);
  });

  it("leaves users without kubelogin unchanged, byte for byte", () => {
    const other = exec(["eks", "get-token"], "aws");
    expect(withKubeloginMode(other, "azurecli")).toBe(other);
    const token = "apiVersion: v1\nusers: [{name: u, user: {token: t}}]\n";
    expect(withKubeloginMode(token, "azurecli")).toBe(token);
  });
});

describe("decodeKubeconfig", () => {
  it("decodes the first kubeconfig", () => {
    expect(decodeKubeconfig([{ name: "clusterUser", value: Buffer.from("apiVersion: v1").toString("base64") }], "aks-u1")).toBe("apiVersion: v1");
  });
  it("explains a missing kubeconfig", () => {
    expect(() => decodeKubeconfig([], "aks-u1")).toThrow(/Cluster 'aks-u1': listManagedClusterUserCredentials returned no kubeconfig/);
    expect(() => decodeKubeconfig(undefined, "aks-u1")).toThrow(/returned no kubeconfig/);
  });
});
