/**
 * Server images the platform builds from, by OS name. The publisher, offer
 * and SKU of each are mapped in the tenant component (components/tenant/images.ts).
 */
export const VM_OS = ["windows-server-2019", "windows-server-2022", "windows-server-2025", "ubuntu-22.04", "ubuntu-24.04", "rhel-9"] as const;
export type VmOs = (typeof VM_OS)[number];
