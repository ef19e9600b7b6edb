import { CLUSTERS_CASES, WORKLOAD_SHAPES } from "./cases/clusters.js";
import { NETWORK_CASES } from "./cases/network.js";
import { SERVICES_CASES } from "./cases/services.js";
import type { ResourceCase } from "./cases/types.js";

export type { ResourceCase, Variant } from "./cases/types.js";
export { WORKLOAD_SHAPES };

export const RESOURCE_CASES: ResourceCase[] = [...NETWORK_CASES, ...SERVICES_CASES, ...CLUSTERS_CASES];
