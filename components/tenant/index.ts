/** Public entry of components/tenant. */
export * from "./args.js";
export * from "./container-workload.js";
export * from "./containers.js";
export * from "./images.js";
export * from "./keys.js";
export * from "./lifecycle.js";
export * from "./network.js";
export * from "./sites.js";
export * from "./tenant.js";
export * from "./vm.js";
export * from "./checks.js";
export * from "./plan.js";
export * from "./resolved.js";
