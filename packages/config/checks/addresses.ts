/**
 * Azure address ranges across the whole config dir. Units may be
 * interconnected nationally, so no two Azure ranges anywhere may overlap:
 * unit supernets are disjoint, each municipality's spoke lies inside its
 * unit's supernet clear of the hub, the cluster and every other spoke.
 */
import { cidrContains, cidrOverlaps } from "../../../components/vocabulary/cidr.js";
import type { DraftFinding } from "../findings.js";
import { parsedMunicipalities, type Check } from "./types.js";

export const checkAddresses: Check = (units) => {
  const out: DraftFinding[] = [];
  const parsedUnits = units.flatMap((u) => (u.config ? [{ unit: u, config: u.config }] : []));

  parsedUnits.forEach(({ unit, config }, i) => {
    for (const { unit: other, config: otherConfig } of parsedUnits.slice(0, i)) {
      if (cidrOverlaps(config.addressSpace, otherConfig.addressSpace)) {
        out.push({
          severity: "error",
          file: unit.file,
          path: ["addressSpace"],
          value: config.addressSpace,
          rule: "cidr-overlap",
          message: `unit supernet ${config.addressSpace} overlaps unit '${other.folder}' (${otherConfig.addressSpace}, ${other.file}); units are interconnected, so give each a disjoint supernet`,
        });
      }
    }
    if (config.cluster.mode === "enabled") {
      for (const key of ["podCidr", "serviceCidr"] as const) {
        const range = config.cluster[key];
        for (const { unit: other, config: otherConfig } of parsedUnits) {
          if (other === unit || !cidrOverlaps(range, otherConfig.addressSpace)) continue;
          out.push({
            severity: "error",
            file: unit.file,
            path: ["cluster", key],
            value: range,
            rule: "cidr-overlap",
            message: `cluster ${key} ${range} overlaps unit '${other.folder}' (${otherConfig.addressSpace}); pods could not reach that unit; pick a range no network uses`,
          });
        }
      }
    }
  });

  const spokes = parsedMunicipalities(units);
  spokes.forEach(({ unit, entry, config }, i) => {
    const space = config.network.addressSpace;
    const path = ["network", "addressSpace"];
    const error = (rule: string, message: string) => out.push({ severity: "error", file: entry.file, path, value: space, rule, message });
    const unitConfig = unit.config;
    if (unitConfig) {
      if (!cidrContains(unitConfig.addressSpace, space)) {
        error("cidr-outside-supernet", `${space} lies outside unit '${unit.folder}''s supernet ${unitConfig.addressSpace}; run \`driftsenhed ipam ${unit.folder}\` for a free block`);
      }
      if (cidrOverlaps(space, unitConfig.hub.addressSpace)) {
        error("cidr-overlap", `${space} overlaps the hub's reserved range ${unitConfig.hub.addressSpace} (${unit.file}); run \`driftsenhed ipam ${unit.folder}\` for a free block`);
      }
      if (unitConfig.cluster.mode === "enabled" && cidrOverlaps(space, unitConfig.cluster.addressSpace)) {
        error("cidr-overlap", `${space} overlaps the cluster's range ${unitConfig.cluster.addressSpace} (${unit.file}); run \`driftsenhed ipam ${unit.folder}\` for a free block`);
      }
    }
    for (const other of spokes.slice(0, i)) {
      const otherSpace = other.config.network.addressSpace;
      if (cidrOverlaps(space, otherSpace)) {
        error(
          "cidr-overlap",
          `${space} overlaps ${other.config.code} ${other.config.name}'s ${otherSpace} (${other.entry.file}); municipalities are isolated and need disjoint ranges`,
        );
      }
    }
  });
  return out;
};
