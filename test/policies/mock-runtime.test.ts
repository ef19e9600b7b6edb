/**
 * The offline path end to end: a program built from the real SDK classes runs
 * under the mock runtime, and its recorded resources go straight into
 * evaluatePack, as the conformance test over the example units will.
 */
import * as network from "@pulumi/azure-native/network/index.js";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights/index.js";
import * as resources from "@pulumi/azure-native/resources/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { runWithMocks, type RecordedResource } from "../../packages/tools/mock-runtime/index.js";
import { tenantTags } from "../../components/vocabulary/tags.js";
import { evaluatePack, type Violation } from "../../policies/evaluate.js";
import { emptyExemptions } from "../../policies/exemptions.js";
import { requireDiagnosticSettings } from "../../policies/rules/monitor/require-diagnostic-settings.js";
import { requireWorkspaceRetention } from "../../policies/rules/monitor/require-workspace-retention.js";
import { disallowManagementPortsFromInternet } from "../../policies/rules/network/disallow-management-ports-from-internet.js";
import { disallowPublicIpOnNic } from "../../policies/rules/network/disallow-public-ip-on-nic.js";

const tags = tenantTags({
  unitId: "u1",
  ean: "5798000000001",
  costCentre: "k101",
  code: "101",
  municipality: "København",
  dataClassification: "personal",
  lifecycle: "prod",
});

let recorded: RecordedResource[];
let found: Violation[];

beforeAll(async () => {
  const run = await runWithMocks(
    () => {
      const rg = new resources.ResourceGroup("rg-101-app", { resourceGroupName: "rg-u1-k101-app", location: "denmarkeast", tags });
      const nsg = new network.NetworkSecurityGroup("nsg-101", {
        resourceGroupName: rg.name,
        networkSecurityGroupName: "nsg-u1-k101",
        securityRules: [
          { name: "rdp", access: "Allow", direction: "Inbound", protocol: "Tcp", priority: 100, sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "3000-4000" },
        ],
        tags,
      });
      const rt = new network.RouteTable("rt-101", { resourceGroupName: rg.name, routeTableName: "rt-u1-k101", tags });
      const vnet = new network.VirtualNetwork("vnet-101", {
        resourceGroupName: rg.name,
        virtualNetworkName: "vnet-u1-k101",
        addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
        tags,
      });
      const subnet = new network.Subnet("snet-101", {
        resourceGroupName: rg.name,
        virtualNetworkName: vnet.name,
        subnetName: "snet-app",
        addressPrefix: "10.1.0.0/24",
        networkSecurityGroup: { id: nsg.id },
        routeTable: { id: rt.id },
        defaultOutboundAccess: false,
      });
      const pip = new network.PublicIPAddress("pip-vm", { resourceGroupName: rg.name, publicIpAddressName: "pip-vm", tags });
      new network.NetworkInterface("nic-101", {
        resourceGroupName: rg.name,
        networkInterfaceName: "nic-u1-k101",
        ipConfigurations: [{ name: "ipconfig", subnet: { id: subnet.id }, publicIPAddress: { id: pip.id } }],
        tags,
      });
      new operationalinsights.Workspace("log-101", { resourceGroupName: rg.name, workspaceName: "log-u1-k101", retentionInDays: 30, tags });
    },
    { stack: "u1" },
  );
  recorded = run.resources;
  found = evaluatePack(recorded, { exemptions: emptyExemptions() });
}, 120_000);

const urnOf = (name: string) => recorded.find((r) => r.name === name)!.urn;
const rulesAt = (name: string) => found.filter((v) => v.urn === urnOf(name)).map((v) => v.policy).sort();

describe("a program run under the mock runtime", () => {
  it("is evaluated from its recorded resources as they are", () => {
    expect(recorded.length).toBeGreaterThanOrEqual(8);
  });

  it("finds the public IP on the NIC", () => {
    expect(rulesAt("nic-101")).toContain(disallowPublicIpOnNic.name);
  });

  it("finds RDP reachable from the internet through a port range", () => {
    expect(rulesAt("nsg-101")).toContain(disallowManagementPortsFromInternet.name);
  });

  it("finds the short retention", () => {
    expect(rulesAt("log-101")).toContain(requireWorkspaceRetention.name);
  });

  it("resolves references between resources through the mock's ids", () => {
    // The subnet names its NSG and route table by the ids the mock gave them, so it passes the subnet rules.
    expect(rulesAt("snet-101")).toEqual([]);
    // The NSG and the network are found by diagnostic coverage, which needs their ids.
    expect(found.filter((v) => v.policy === requireDiagnosticSettings.name).map((v) => v.urn).sort()).toEqual(
      [urnOf("log-101"), urnOf("nsg-101"), urnOf("pip-vm"), urnOf("vnet-101")].sort(),
    );
  });

  it("attributes findings to the municipality", () => {
    expect(found.filter((v) => v.urn === urnOf("nic-101")).every((v) => v.kommunekode === "101")).toBe(true);
  });
});
