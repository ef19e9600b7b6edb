import { z } from "zod";
import { PLATFORM_SCOPE } from "../../../components/vocabulary/tags.js";
import { idOf, normId } from "../../lib/azure.js";
import { indexOf } from "../../lib/graph.js";
import { AZ } from "../../lib/types.js";
import { asArray, asRecord, asString, eqi } from "../../lib/values.js";
import { defineStackRule, type StackResource } from "../../rule.js";

/** Resource types whose resource logs Azure exports through diagnostic settings. */
export const DEFAULT_DIAGNOSTIC_TYPES = [
  AZ.virtualNetwork,
  AZ.networkSecurityGroup,
  AZ.publicIPAddress,
  AZ.azureFirewall,
  AZ.virtualNetworkGateway,
  AZ.bastionHost,
  AZ.keyVault,
  AZ.recoveryVault,
  AZ.storageAccount,
  AZ.managedCluster,
  AZ.workspace,
];

/** Storage logs come from the blob service, not from the account itself. */
function targetUri(r: StackResource, id: string): string {
  return r.type === AZ.storageAccount ? `${id}/blobServices/default` : id;
}

/** The monitored resource of a diagnostic setting: `resourceUri` input, or its id minus the setting's own suffix. */
function monitoredUri(setting: StackResource): string | undefined {
  const uri = asString(setting.props.resourceUri);
  if (uri) return uri;
  const id = idOf(setting);
  const m = id ? /^(.*)\/providers\/microsoft\.insights\/diagnosticSettings\/[^/]+$/i.exec(id) : null;
  return m ? m[1] : undefined;
}

function logsEnabled(setting: StackResource): boolean {
  return asArray(setting.props.logs).some((l) => {
    const entry = asRecord(l);
    return entry?.enabled === true && (eqi(entry.categoryGroup, "allLogs") || asString(entry.category) !== undefined);
  });
}

function looksLikeWorkspace(id: string): boolean {
  return /\/providers\/(microsoft\.)?operationalinsights\/workspaces?\//i.test(id);
}

export const requireDiagnosticSettings = defineStackRule({
  name: "azure-monitor-require-diagnostic-settings",
  kind: "stack",
  description:
    "Every resource in the stack whose type exports resource logs has a monitor DiagnosticSetting whose resourceUri is that resource's id (for storage accounts, their blob service) and whose workspaceId is the unit's Log Analytics workspace, with logs enabled (the allLogs category group or named categories). The unit workspace is the platform's workspace in the stack, or one named in the configuration.",
  severity: "high",
  category: "security",
  remediation:
    "Add a DiagnosticSetting for the resource with `resourceUri: resource.id`, `workspaceId: refs.workspaceId` and `logs: [{ categoryGroup: \"allLogs\", enabled: true }]`.",
  controls: { nis2: [2], iso27001: ["8.15", "8.16"], alz: ["Deploy-Diag-LogsCat"] },
  config: z.strictObject({
    resourceTypes: z
      .array(z.string().min(1))
      .default([...DEFAULT_DIAGNOSTIC_TYPES])
      .describe("Pulumi types that must have a diagnostic setting."),
    workspaceIds: z
      .array(z.string().min(1))
      .default([])
      .describe("ARM ids of the unit workspace when it is not in this stack (per-municipality stacks)."),
  }),
  validate(resources, ctx) {
    const index = indexOf(resources);
    const types = new Set(ctx.config.resourceTypes);
    const monitored = resources.filter((r) => types.has(r.type));
    if (monitored.length === 0) return ctx.notApplicable("The stack has no resources that export logs");
    const unitWorkspaces = new Set(
      [
        ...index.ofType(AZ.workspace).filter((w) => index.ownerOf(w) === PLATFORM_SCOPE).map(idOf),
        ...ctx.config.workspaceIds,
      ]
        .filter((id): id is string => id !== undefined)
        .map(normId),
    );
    const settingsByTarget = new Map<string, StackResource[]>();
    for (const s of index.ofType(AZ.diagnosticSetting)) {
      const uri = monitoredUri(s);
      if (uri === undefined) continue;
      const key = normId(uri);
      settingsByTarget.set(key, [...(settingsByTarget.get(key) ?? []), s]);
    }
    for (const r of monitored) {
      const id = idOf(r);
      if (!id) {
        ctx.report(`'${r.name}' has no id to attach a diagnostic setting to.`, { urn: r.urn });
        continue;
      }
      const mine = settingsByTarget.get(normId(targetUri(r, id))) ?? [];
      const good = mine.filter((s) => {
        const ws = asString(s.props.workspaceId);
        if (!ws || !logsEnabled(s)) return false;
        return unitWorkspaces.size > 0 ? unitWorkspaces.has(normId(ws)) : looksLikeWorkspace(ws);
      });
      if (good.length > 0) continue;
      const why =
        mine.length === 0
          ? `no diagnostic setting has resourceUri ${targetUri(r, id)}`
          : `its diagnostic setting(s) ${mine.map((s) => `'${s.name}'`).join(", ")} do not send enabled logs to the unit workspace`;
      ctx.report(`'${r.name}' (${r.type.split(":")[2]}) is not logged to the unit's workspace: ${why}.`, { urn: r.urn });
    }
  },
});
