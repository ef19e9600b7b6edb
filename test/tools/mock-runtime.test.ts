/**
 * The mock runtime (packages/tools/mock-runtime) behaves as the engine would.
 *
 * Tier: runtime (vitest.config.mts): runs the Pulumi runtime in the test's own
 * process, whose state is process-global, hence a forked worker.
 */
import { expect, test } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { fakeIdentityOutputs, runWithMocks } from "../../packages/tools/mock-runtime/index.js";

test("managed identities get deterministic principal and client ids", () => {
  const a = fakeIdentityOutputs("azure-native:managedidentity:UserAssignedIdentity", "/x/id-a", {});
  const again = fakeIdentityOutputs("azure-native:managedidentity:UserAssignedIdentity", "/x/id-a", {});
  const b = fakeIdentityOutputs("azure-native:managedidentity:UserAssignedIdentity", "/x/id-b", {});
  expect(a).toEqual(again);
  expect(a.principalId).not.toEqual(b.principalId);
  expect(a.principalId).not.toEqual(a.clientId);
});

test("system-assigned identities keep their inputs and gain a principal id", () => {
  const out = fakeIdentityOutputs("azure-native:compute:DiskEncryptionSet", "/x/des", { identity: { type: "SystemAssigned" } });
  expect(out).toMatchObject({ identity: { type: "SystemAssigned" } });
  expect(String((out.identity as { principalId: string }).principalId)).toMatch(/^[0-9a-f-]{36}$/);
  expect(fakeIdentityOutputs("azure-native:compute:Disk", "/x/d", {})).toEqual({});
});

test("the engine's rule against duplicate URNs holds under the mocks too", async () => {
  class Box extends pulumi.ComponentResource {
    constructor(name: string) {
      super("driftsenhed:test:Box", name, {}, {});
    }
  }
  await expect(
    runWithMocks(() => {
      new Box("same");
      new Box("same");
    }, { stack: "dup" }),
  ).rejects.toThrow(/Duplicate resource URN/);
});

test("an invoke without a mock fails instead of hanging", async () => {
  await expect(
    runWithMocks(async () => {
      await pulumi.runtime.invoke("azure-native:network:getVirtualNetwork", {});
    }, { stack: "invoke" }),
  ).rejects.toThrow(/No mock for invoke 'azure-native:network:getVirtualNetwork'/);
});
