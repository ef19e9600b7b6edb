/**
 * Azure Bastion: the only way to a server's RDP or SSH port, with Entra ID
 * sign-in (and its MFA) in front and no management port open to the
 * internet (CFCS; NIS2 § 6 access control).
 *
 * Secure defaults, each an explicit opt-out: native-client tunnelling off
 * (it lets a workstation forward arbitrary ports), shareable links off,
 * IP-based connect off, file copy off.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import { azureName } from "../vocabulary/naming.js";
import { attachDiagnostics } from "../monitoring/diagnostics.js";
import { createPlatformPublicIp } from "./public-ip.js";
import type { Zone } from "./firewall.js";
import { DEFAULTS } from "../vocabulary/defaults.js";
import { rejectArgs } from "../errors.js";

export const HUB_BASTION_TYPE = "driftsenhed:network:HubBastion";

export interface BastionSettings {
  /** @default DEFAULTS.bastion.sku ("Standard") */
  sku?: "Standard" | "Premium";
  /**
   * Native-client support (az network bastion tunnel/ssh).
   * @default false
   */
  tunneling?: boolean;
  /**
   * Upload and download through the native client.
   * @default false
   */
  fileCopy?: boolean;
}

export interface HubBastionArgs {
  unitId: string;
  location: string;
  resourceGroupName: pulumi.Input<string>;
  bastionSubnetId: pulumi.Input<string>;
  settings: BastionSettings;
  zones: Zone[];
  workspaceId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class HubBastion extends pulumi.ComponentResource {
  public readonly bastionId: pulumi.Output<string>;

  constructor(name: string, args: HubBastionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HUB_BASTION_TYPE, name, {}, opts);
    const fileCopy = args.settings.fileCopy ?? false;
    const tunneling = args.settings.tunneling ?? false;
    rejectArgs(
      this,
      HUB_BASTION_TYPE,
      name,
      fileCopy && !tunneling
        ? [{ path: "settings.fileCopy", value: fileCopy, message: "needs tunneling (file copy works only through the native client); enable both or neither" }]
        : [],
    );
    const common = { resourceGroupName: args.resourceGroupName, location: args.location };
    const pip = createPlatformPublicIp(this, {
      key: `${name}-pip`,
      purpose: "bastion",
      publicIpAddressName: azureName("publicIp", args.unitId, "bas"),
      ...common,
      zones: args.zones,
      workspaceId: args.workspaceId,
      tags: args.tags,
    });
    const bastion = new network.BastionHost(
      `${name}-bas`,
      {
        ...common,
        bastionHostName: azureName("bastion", args.unitId),
        sku: { name: args.settings.sku ?? DEFAULTS.bastion.sku },
        scaleUnits: 2,
        enableTunneling: tunneling,
        enableFileCopy: fileCopy,
        enableShareableLink: false,
        enableIpConnect: false,
        disableCopyPaste: false,
        ipConfigurations: [{ name: "ipconfig", subnet: { id: args.bastionSubnetId }, publicIPAddress: { id: pip.id } }],
        tags: args.tags,
      },
      { parent: this },
    );
    // BastionAuditLogs: who opened a session to which server, and when.
    attachDiagnostics(this, { key: `${name}-bas`, resourceId: bastion.id }, args.workspaceId);
    this.bastionId = bastion.id;
    this.registerOutputs({ bastionId: this.bastionId });
  }
}
