/**
 * Runs program.ts under Pulumi's public mock API and prints what it
 * registered, then what the policy pack says about it, as one JSON line.
 */
import * as pulumi from "@pulumi/pulumi";
import { evaluatePack, RULES, type EvaluatedResource } from "@driftsenhed/policies";

const resources: EvaluatedResource[] = [];
const invokes: string[] = [];

pulumi.runtime.setMocks(
  {
    newResource(args) {
      // azure-native resources take their Azure name from a type-specific input
      // (`resourceGroupName`, `vaultName`, ...) and return it as `name`.
      const kind = args.type.split(":")[2] ?? "";
      const nameInput = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`;
      const azureName = String(args.inputs[nameInput] ?? args.inputs.resourceName ?? args.inputs.name ?? args.name);
      const id = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mock/providers/${args.type}/${azureName}`;
      resources.push({ urn: `urn:pulumi:consumer::consumer::${args.type}::${args.name}`, type: args.type, name: args.name, inputs: args.inputs, id });
      return { id, state: { ...args.inputs, name: azureName, id } };
    },
    call(args) {
      invokes.push(args.token);
      if (args.token === "azure-native:authorization:getClientConfig") {
        return { clientId: "c", objectId: "o", subscriptionId: "00000000-0000-0000-0000-000000000000", tenantId: "11111111-1111-1111-1111-111111111111" };
      }
      return {};
    },
  },
  "consumer",
  "consumer",
  false,
);

async function main(): Promise<void> {
  // The engine runs a program inside its root stack resource; stack
  // transformations (applyPlatformTransformations) need that stack.
  await pulumi.runtime.runInPulumiStack(async () => {
    const program = await import("./program.js");
    await program.ready;
    return {};
  });
  // Let the mock monitor settle every outstanding registration.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const violations = evaluatePack(resources, {});
  process.stdout.write(
    JSON.stringify({
      types: resources.map((r) => r.type),
      names: resources.map((r) => r.name),
      rules: RULES.length,
      violations: violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`),
      invokes,
    }) + "\n",
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
