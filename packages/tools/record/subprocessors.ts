/**
 * The sub-processors (underdatabehandlere) the platform itself brings in, as a
 * dated list with its source. The record names them for every municipality;
 * the unit's own organisational sub-processors (e.g. an operations supplier)
 * are not configuration and the record says so.
 */
export const SUBPROCESSORS_LISTED = "2026-12-03";

export interface Subprocessor {
  name: string;
  role: { da: string; en: string };
  /** Where it processes the municipality's data. */
  location: { da: string; en: string };
  source: string;
  url: string;
}

export const SUBPROCESSORS: readonly Subprocessor[] = [
  {
    name: "Microsoft Ireland Operations Limited (Microsoft Azure)",
    role: {
      da: "Cloududbyder: drift af servere, lagring, netværk, nøgleopbevaring, logning og backup for platformen",
      en: "Cloud provider: compute, storage, networking, key storage, logging and backup for the platform",
    },
    location: {
      da: "De Azure-regioner, planen viser (se Hvor data er)",
      en: "The Azure regions the plan shows (see Where the data is)",
    },
    source: "Microsoft Products and Services Data Protection Addendum (DPA); Microsoft's list of subprocessors on the Service Trust Portal",
    url: "https://www.microsoft.com/licensing/docs/view/Microsoft-Products-and-Services-Data-Protection-Addendum-DPA",
  },
];

/** Azure services by resource module, so the record can name which services process the data. */
export const AZURE_SERVICES: Readonly<Record<string, string>> = {
  compute: "Azure Virtual Machines and Managed Disks",
  keyvault: "Azure Key Vault (Premium, HSM-backed keys)",
  recoveryservices: "Azure Backup (Recovery Services vault)",
  operationalinsights: "Azure Monitor Log Analytics",
  securityinsights: "Microsoft Sentinel",
  security: "Microsoft Defender for Cloud",
  network: "Azure Virtual Network, Azure Firewall, VPN Gateway and Bastion",
  containerservice: "Azure Kubernetes Service",
  monitor: "Azure Monitor (diagnostic settings, data collection, alerts)",
  privatedns: "Azure Private DNS",
};
