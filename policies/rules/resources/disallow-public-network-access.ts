import { noParams } from "../../lib/params.js";
import { AZ } from "../../lib/types.js";
import { asRecord, eqi, show } from "../../lib/values.js";
import { ALL_AZURE_NATIVE, defineResourceRule } from "../../rule.js";

/**
 * Where each PaaS type the platform creates keeps its public-access switch.
 * Any other azure-native resource with a top-level or `properties`
 * `publicNetworkAccess` is checked too.
 */
const KNOWN_FIELDS: Readonly<Record<string, readonly string[][]>> = {
  [AZ.keyVault]: [["properties", "publicNetworkAccess"]],
  [AZ.recoveryVault]: [["properties", "publicNetworkAccess"]],
  [AZ.storageAccount]: [["publicNetworkAccess"]],
  [AZ.managedCluster]: [["publicNetworkAccess"]],
  [AZ.disk]: [["publicNetworkAccess"]],
  [AZ.workspace]: [["publicNetworkAccessForIngestion"], ["publicNetworkAccessForQuery"]],
};

function fieldsOf(type: string, props: Record<string, unknown>): string[][] {
  const known = KNOWN_FIELDS[type];
  if (known) return known.map((f) => [...f]);
  const found: string[][] = [];
  if ("publicNetworkAccess" in props) found.push(["publicNetworkAccess"]);
  const nested = asRecord(props.properties);
  if (nested && "publicNetworkAccess" in nested) found.push(["properties", "publicNetworkAccess"]);
  return found;
}

export const disallowPublicNetworkAccess = defineResourceRule({
  name: "azure-resources-disallow-public-network-access",
  kind: "resource",
  description:
    "Every PaaS resource that has a public-network-access switch sets it to `Disabled`: Key Vaults, Recovery Services vaults, storage accounts, AKS clusters, managed disks, Log Analytics workspaces (ingestion and query), and any other resource declaring `publicNetworkAccess`. The service is then reached only through private endpoints.",
  severity: "high",
  category: "security",
  remediation:
    "Set the field named in the finding to \"Disabled\" and reach the service through a private endpoint registered in the hub's private DNS zones (for workspaces, through the unit's Azure Monitor private link scope).",
  controls: { nis2: [9], iso27001: ["8.20", "8.21"], alz: ["Deny-Public-Endpoints"] },
  config: noParams(),
  resourceTypes: [ALL_AZURE_NATIVE],
  validate(resource, ctx) {
    const fields = fieldsOf(resource.type, resource.props);
    if (fields.length === 0) return ctx.notApplicable("The resource type has no public network access switch");
    for (const field of fields) {
      let value: unknown = resource.props;
      for (const key of field) value = asRecord(value)?.[key];
      if (!eqi(value, "Disabled")) {
        ctx.report(`'${resource.name}': ${field.join(".")} is ${show(value)} (must be "Disabled").`);
      }
    }
  },
});
