/**
 * Data collection rule for the Azure Monitor agent on every lifted server,
 * Windows and Linux alike. Tenants associate their VMs with it
 * (PlatformRefs.serverDataCollectionRuleId), so what servers log is decided
 * once, here, for the whole unit.
 *
 * What is collected and why:
 * - Windows Security log into SecurityEvent (Sentinel's analytics rules read
 *   that table, not Event): sign-ins, privilege use, account changes.
 * - Windows Application and System at Warning and above into Event.
 * - Linux auth/authpriv from Info (every sign-in and sudo), other
 *   facilities from Warning, into Syslog.
 * - A small set of performance counters every 60 s into Perf, enough for
 *   capacity alerts without the volume of a full counter set.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import { azureName } from "../vocabulary/naming.js";

export interface ServerDataCollectionArgs {
  unitId: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

const DESTINATION = "unitWorkspace";

export const WINDOWS_EVENT_QUERIES = [
  "Application!*[System[(Level=1 or Level=2 or Level=3)]]",
  "System!*[System[(Level=1 or Level=2 or Level=3)]]",
] as const;

/** All Security log events: filtering happens in analytics, not at the source. */
export const WINDOWS_SECURITY_QUERIES = ["Security!*"] as const;

export const LINUX_SECURITY_FACILITIES = ["auth", "authpriv"] as const;
export const LINUX_OTHER_FACILITIES = ["cron", "daemon", "kern", "syslog", "user"] as const;

export const PERF_COUNTERS = [
  "\\Processor Information(_Total)\\% Processor Time",
  "\\Memory\\% Committed Bytes In Use",
  "\\LogicalDisk(_Total)\\% Free Space",
  "Processor(*)\\% Processor Time",
  "Memory(*)\\% Used Memory",
  "Logical Disk(*)\\% Free Space",
] as const;

/** Creates the rule as a child of `parent` (a component); returns it. */
export function serverDataCollection(
  parent: pulumi.ComponentResource,
  logicalName: string,
  args: ServerDataCollectionArgs,
): monitor.DataCollectionRule {
  return new monitor.DataCollectionRule(
    logicalName,
    {
      dataCollectionRuleName: azureName("dataCollectionRule", args.unitId, "servers"),
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      description: "Azure Monitor agent on the unit's servers: security events, syslog, performance.",
      dataSources: {
        windowsEventLogs: [
          { name: "windowsEvents", streams: ["Microsoft-Event"], xPathQueries: [...WINDOWS_EVENT_QUERIES] },
          {
            name: "windowsSecurityEvents",
            streams: ["Microsoft-SecurityEvent"],
            xPathQueries: [...WINDOWS_SECURITY_QUERIES],
          },
        ],
        syslog: [
          {
            name: "linuxSecurity",
            streams: ["Microsoft-Syslog"],
            facilityNames: [...LINUX_SECURITY_FACILITIES],
            logLevels: ["Info", "Notice", "Warning", "Error", "Critical", "Alert", "Emergency"],
          },
          {
            name: "linuxSystem",
            streams: ["Microsoft-Syslog"],
            facilityNames: [...LINUX_OTHER_FACILITIES],
            logLevels: ["Warning", "Error", "Critical", "Alert", "Emergency"],
          },
        ],
        performanceCounters: [
          {
            name: "perfCounters",
            streams: ["Microsoft-Perf"],
            samplingFrequencyInSeconds: 60,
            counterSpecifiers: [...PERF_COUNTERS],
          },
        ],
      },
      destinations: { logAnalytics: [{ name: DESTINATION, workspaceResourceId: args.workspaceId }] },
      dataFlows: [
        { streams: ["Microsoft-Event", "Microsoft-Syslog", "Microsoft-Perf"], destinations: [DESTINATION] },
        { streams: ["Microsoft-SecurityEvent"], destinations: [DESTINATION] },
      ],
      tags: args.tags,
    },
    { parent },
  );
}
