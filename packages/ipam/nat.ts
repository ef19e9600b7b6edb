/**
 * Static NAT of on-premises sites, for the configuration side. The rule itself
 * is vocabulary (components/vocabulary/nat.ts), so the tenant component and
 * the configuration checks use the same function.
 */
export { siteAzurePrefixes, type NatMapping, type NattedSite } from "../../components/vocabulary/nat.js";
