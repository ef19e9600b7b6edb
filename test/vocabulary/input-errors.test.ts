/**
 * One error type for wrong input: configuration, command line, platform
 * mapping and every component's args are recognised by `isInputError`, and a
 * component's message names its type, its name and the field.
 */
import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { isInputError } from "../../components/vocabulary/errors.js";
import { ComponentArgsError } from "../../components/errors.js";
import { ConfigError } from "../../packages/config/findings.js";
import { UsageError } from "../../packages/tools/cli/context.js";
import { PlatformArgsError } from "../../stacks/platform-args.js";
import { ServerFoundation, DEFAULT_PATCH_SCHEDULE } from "../../components/servers/servers.js";
import { Monitoring } from "../../components/monitoring/monitoring.js";
import { HubVpnGateway } from "../../components/network/vpn-gateway.js";
import { HubBastion } from "../../components/network/bastion.js";
import { Backup } from "../../components/backup/backup.js";
import { Identity } from "../../components/identity/identity.js";
import { runWithMocks } from "../support/mocks.js";

const TAGS = { unit: "u1" };
const WS = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log";
const GUID = "0b1e6c2a-4f0d-4c55-9a51-3f1f0a2b7c11";

async function thrown(build: () => void): Promise<unknown> {
  let error: unknown;
  await runWithMocks(() => {
    try {
      build();
    } catch (e) {
      error = e;
    }
  }, { stack: "errors" });
  return error;
}

describe("a component given bad args", () => {
  it.each<[string, string, string, () => void]>([
    ["driftsenhed:servers:ServerFoundation", "srv", "patchSchedule.duration", () => new ServerFoundation("srv", { unitId: "u1", location: "denmarkeast", tags: TAGS, patchSchedule: { ...DEFAULT_PATCH_SCHEDULE, duration: "05:00" } })],
    ["driftsenhed:monitoring:Monitoring", "mon", "retentionInDays", () => new Monitoring("mon", { unitId: "u1", location: "denmarkeast", subscriptionId: "s", retentionInDays: 30, socEmails: ["soc@x.dk"], securityContactEmails: ["s@x.dk"], tags: TAGS })],
    ["driftsenhed:network:HubVpnGateway", "vpn", "settings.bgpAsn", () => new HubVpnGateway("vpn", { unitId: "u1", location: "denmarkeast", resourceGroupName: "rg", gatewaySubnetId: "s", settings: { bgpAsn: 65517 }, zones: ["1"], workspaceId: WS, tags: TAGS })],
    ["driftsenhed:network:HubBastion", "bas", "settings.fileCopy", () => new HubBastion("bas", { unitId: "u1", location: "denmarkeast", resourceGroupName: "rg", bastionSubnetId: "s", settings: { fileCopy: true }, zones: ["1"], workspaceId: WS, tags: TAGS })],
    ["driftsenhed:backup:Backup", "bkp", "softDeleteRetentionDays", () => new Backup("bkp", { unitId: "u1", location: "denmarkeast", workspaceId: WS, redundancy: { type: "zone" }, softDeleteRetentionDays: 3, tags: TAGS })],
    ["driftsenhed:identity:Identity", "idn", "groups.socReaders", () => new Identity("idn", { unitId: "u1", location: "denmarkeast", subscriptionId: "s", tenantId: "t", managedIdentities: [], groups: { platformAdmins: GUID, unitOperators: GUID, socReaders: "SOC" }, workspaceId: WS, keyVault: { subnetId: "s", privateDnsZoneId: "z" }, tags: TAGS })],
  ])("%s throws an input error naming the component, its name and %s", async (type, name, path, build) => {
    const error = await thrown(build);
    expect(error).toBeInstanceOf(ComponentArgsError);
    expect(error).toBeInstanceOf(pulumi.ResourceError);
    expect(isInputError(error)).toBe(true);
    const e = error as ComponentArgsError;
    expect(e.message.split("\n")[0]).toBe(`${type} ${name}: invalid arguments`);
    expect(e.message).toContain(`${type} ${name}  ${path}  `);
    expect(e.findings.map((f) => f.path)).toContain(path);
    expect(e.findings.every((f) => f.source === `${type} ${name}`)).toBe(true);
  });

  it("reports every problem at once", async () => {
    const error = (await thrown(
      () => new Monitoring("mon", { unitId: "u1", location: "denmarkeast", subscriptionId: "s", retentionInDays: 30, socEmails: [], securityContactEmails: ["nope"], defenderPlans: ["Dns" as never], tags: TAGS }),
    )) as ComponentArgsError;
    expect(error.findings.map((f) => f.path)).toEqual(["retentionInDays", "socEmails", "securityContactEmails.0", "defenderPlans.0"]);
  });
});

describe("the other kinds of wrong input", () => {
  it("are input errors, with their messages unchanged", () => {
    const config = new ConfigError([{ severity: "error", file: "u/unit.yaml", line: 3, column: 7, path: "id", message: "bad", rule: "schema" }]);
    expect(isInputError(config)).toBe(true);
    expect(config.message).toBe("u/unit.yaml:3:7  id  bad");
    expect(config.findings[0]).toMatchObject({ source: "u/unit.yaml", file: "u/unit.yaml", line: 3, column: 7, path: "id", message: "bad" });
    const usage = new UsageError("give --base");
    expect(isInputError(usage)).toBe(true);
    expect(usage.message).toBe("give --base");
    const platform = new PlatformArgsError([{ source: "u/unit.yaml", path: "monitoring.retentionDays", message: "too short" }]);
    expect(isInputError(platform)).toBe(true);
    expect(platform.message).toBe("u/unit.yaml  monitoring.retentionDays  too short");
    expect(isInputError(new Error("bug"))).toBe(false);
  });
});
