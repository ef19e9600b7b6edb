/**
 * The server images a municipality may run, by the OS name the file uses.
 * One table, so the allow-list, the Trusted Launch requirement (Gen2 images
 * only) and the platform patching support are reviewed in one place.
 *
 * Every entry is a Gen2 marketplace image that supports Trusted Launch and
 * `patchMode: AutomaticByPlatform`; `version: latest` because the platform
 * patches servers in place, so the build image only decides the first boot.
 */
import type { VmOs } from "../vocabulary/os.js";

export type { VmOs };

export interface VmImage {
  osType: "Windows" | "Linux";
  publisher: string;
  offer: string;
  sku: string;
  version: string;
}

export const VM_IMAGES: Readonly<Record<VmOs, VmImage>> = {
  "windows-server-2019": { osType: "Windows", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-datacenter-gensecond", version: "latest" },
  "windows-server-2022": { osType: "Windows", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
  "windows-server-2025": { osType: "Windows", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2025-datacenter-azure-edition", version: "latest" },
  "ubuntu-22.04": { osType: "Linux", publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2", version: "latest" },
  "ubuntu-24.04": { osType: "Linux", publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
  "rhel-9": { osType: "Linux", publisher: "RedHat", offer: "RHEL", sku: "9-lvm-gen2", version: "latest" },
};

/** The image for an OS name, or a clear error naming the allowed ones. */
export function vmImage(os: string, where: string): VmImage {
  const image = (VM_IMAGES as Record<string, VmImage | undefined>)[os];
  if (!image) {
    throw new Error(`${where}: server image '${os}' is not on the allow-list; allowed: ${Object.keys(VM_IMAGES).join(", ")}`);
  }
  return image;
}

/**
 * Azure Monitor agent extension per OS. `enableAutomaticUpgrade` keeps the
 * agent patched by the platform like the OS itself.
 */
export const MONITOR_AGENT: Readonly<Record<VmImage["osType"], { publisher: string; type: string; typeHandlerVersion: string }>> = {
  Windows: { publisher: "Microsoft.Azure.Monitor", type: "AzureMonitorWindowsAgent", typeHandlerVersion: "1.0" },
  Linux: { publisher: "Microsoft.Azure.Monitor", type: "AzureMonitorLinuxAgent", typeHandlerVersion: "1.0" },
};

/** Windows NetBIOS limit; Linux host names may be longer but we keep one rule. */
export const COMPUTER_NAME_MAX = 15;

/** Guest host name from the workload name: the first 15 characters, no trailing hyphen. */
export function computerName(workload: string): string {
  return workload.slice(0, COMPUTER_NAME_MAX).replace(/-+$/, "");
}
