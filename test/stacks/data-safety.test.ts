/**
 * Nothing a municipality or the unit owns is lost by a change: every resource
 * of a data-bearing type (components/vocabulary/data-bearing.ts) that the real
 * stack program registers, over the example and the synthetic estate (one
 * municipality per lifecycle state), carries `retainOnDelete`, and `protect`
 * while its owner is active. A resource type the estate holds that is neither
 * data-bearing nor in the reviewed list below fails the test: whoever adds a
 * new kind of resource decides, in review, whether it holds data.
 *
 * Tier: estate (vitest.config.mts); reads what test/estate/global-setup.ts built.
 */
import { describe, expect, it } from "vitest";
import { DATA_BEARING_TYPES, isDataBearingType } from "../../components/vocabulary/data-bearing.js";
import { TAG } from "../../components/vocabulary/tags.js";
import { DATA_RELEASE_TAG } from "../../components/tenant/tenant.js";
import type { RecordedResource } from "../../packages/tools/mock-runtime/index.js";
import { recordedExample, recordedSynthetic, type RecordedStack } from "../estate/estate.js";

/** Types reviewed as holding no data: deleting one loses configuration the program recreates, never data. */
const WITHOUT_DATA = new Set([
  "azure-native:authorization:RoleAssignment",
  "azure-native:authorization:RoleDefinition",
  "azure-native:compute:VirtualMachine", // its disks are separate Disk resources; the OS disk is detached and kept on delete
  "azure-native:compute:VirtualMachineExtension",
  "azure-native:containerservice:AgentPool",
  "azure-native:containerservice:MaintenanceConfiguration",
  "azure-native:containerservice:ManagedCluster", // stateless by design: workloads keep their data in Azure services, not on nodes
  "azure-native:maintenance:ConfigurationAssignment",
  "azure-native:maintenance:MaintenanceConfiguration",
  "azure-native:managedidentity:UserAssignedIdentity",
  "azure-native:monitor:ActionGroup",
  "azure-native:monitor:DataCollectionRule",
  "azure-native:monitor:DataCollectionRuleAssociation",
  "azure-native:monitor:DiagnosticSetting",
  "azure-native:monitor:MetricAlert",
  "azure-native:monitor:PrivateLinkScope",
  "azure-native:monitor:PrivateLinkScopedResource",
  "azure-native:monitor:ScheduledQueryRule",
  "azure-native:network:AzureFirewall",
  "azure-native:network:BastionHost",
  "azure-native:network:DdosProtectionPlan",
  "azure-native:network:FirewallPolicy",
  "azure-native:network:FirewallPolicyRuleCollectionGroup",
  "azure-native:network:LocalNetworkGateway",
  "azure-native:network:NetworkInterface",
  "azure-native:network:NetworkSecurityGroup",
  "azure-native:network:PrivateDnsZoneGroup",
  "azure-native:network:PrivateEndpoint",
  "azure-native:network:PublicIPAddress",
  "azure-native:network:Route",
  "azure-native:network:RouteTable",
  "azure-native:network:Subnet",
  "azure-native:network:VirtualNetwork",
  "azure-native:network:VirtualNetworkGateway",
  "azure-native:network:VirtualNetworkGatewayConnection",
  "azure-native:network:VirtualNetworkGatewayNatRule",
  "azure-native:network:VirtualNetworkPeering",
  "azure-native:privatedns:PrivateZone",
  "azure-native:privatedns:VirtualNetworkLink",
  "azure-native:recoveryservices:ProtectionPolicy",
  "azure-native:security:Pricing",
  "azure-native:security:SecurityContact",
  "azure-native:securityinsights:SentinelOnboardingState",
  "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController",
  "kubernetes:apps/v1:Deployment",
  "kubernetes:core/v1:LimitRange",
  "kubernetes:core/v1:Namespace",
  "kubernetes:core/v1:ResourceQuota",
  "kubernetes:core/v1:Service",
  "kubernetes:networking.k8s.io/v1:Ingress",
  "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  "kubernetes:policy/v1:PodDisruptionBudget",
  "kubernetes:rbac.authorization.k8s.io/v1:Role",
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  "pulumi:providers:kubernetes",
]);

const ACTIVE = new Set(["migrating", "live", "offboarding"]);

interface Owner {
  /** "platform", or the municipality's kommunekode */
  code: string;
  lifecycle?: string;
  released: boolean;
}

function tagsOf(r: RecordedResource): Record<string, string> | undefined {
  const tags = r.inputs.tags;
  return tags && typeof tags === "object" ? (tags as Record<string, string>) : undefined;
}

/** Who owns each resource: its tenant component (by the parent chain) or the platform. */
function owners(stacks: readonly RecordedStack[]): Map<string, Owner> {
  const out = new Map<string, Owner>();
  for (const stack of stacks) {
    const byUrn = new Map(stack.resources.map((r) => [r.urn, r]));
    const tenantOf = (r: RecordedResource): RecordedResource | undefined => {
      for (let p: RecordedResource | undefined = r; p; p = p.parentUrn ? byUrn.get(p.parentUrn) : undefined) {
        if (p.type === "driftsenhed:tenant:MunicipalityTenant") return p;
      }
      return undefined;
    };
    // A tenant's lifecycle and data release, read from the tags its resources carry.
    const tenantState = new Map<string, Owner>();
    for (const r of stack.resources) {
      const tenant = tenantOf(r);
      const tags = tagsOf(r);
      if (!tenant || !tags?.[TAG.lifecycle] || tags[TAG.kommunekode] === "platform") continue;
      tenantState.set(tenant.urn, { code: tags[TAG.kommunekode]!, lifecycle: tags[TAG.lifecycle], released: DATA_RELEASE_TAG in tags });
    }
    for (const r of stack.resources) {
      const tenant = tenantOf(r);
      out.set(r.urn, tenant ? (tenantState.get(tenant.urn) ?? { code: tenant.name, released: false }) : { code: "platform", released: false });
    }
  }
  return out;
}

describe.each([
  ["the example", recordedExample],
  ["the synthetic estate", recordedSynthetic],
])("data safety of %s", (_label, read) => {
  const stacks = read();
  const all = stacks.flatMap((s) => s.resources).filter((r) => r.custom);
  const owner = owners(stacks);

  it("holds data-bearing resources of every kind the platform creates", () => {
    const seen = new Set(all.filter((r) => isDataBearingType(r.type)).map((r) => r.type));
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it("classifies every resource type it holds (a new type must be declared data-bearing or reviewed as without data)", () => {
    const unclassified = [...new Set(all.map((r) => r.type))].filter((t) => !isDataBearingType(t) && !WITHOUT_DATA.has(t)).sort();
    expect(unclassified).toEqual([]);
  });

  it("retains every data-bearing resource on delete, unless a dated data release of its municipality armed deletion", () => {
    const wrong = all
      .filter((r) => isDataBearingType(r.type))
      .filter((r) => r.retainOnDelete !== !owner.get(r.urn)!.released)
      .map((r) => `${r.type} ${r.name} (owner ${owner.get(r.urn)!.code}): retainOnDelete=${r.retainOnDelete}`);
    expect(wrong).toEqual([]);
  });

  it("protects every data-bearing resource of the platform and of an active municipality", () => {
    const wrong = all
      .filter((r) => isDataBearingType(r.type))
      .filter((r) => {
        const o = owner.get(r.urn)!;
        const expected = o.code === "platform" || (ACTIVE.has(o.lifecycle ?? "") && !o.released);
        return r.protect !== expected;
      })
      .map((r) => `${r.type} ${r.name} (owner ${owner.get(r.urn)!.code}, ${owner.get(r.urn)!.lifecycle ?? "platform"}): protect=${r.protect}`);
    expect(wrong).toEqual([]);
  });
});

describe("the reviewed lists", () => {
  it("do not overlap", () => {
    expect(DATA_BEARING_TYPES.filter((t) => WITHOUT_DATA.has(t))).toEqual([]);
  });
});
