/** Public entry of components/cluster. */
export * from "./args.js";
export * from "./cluster.js";
export * from "./kubeconfig.js";
export * from "./validation.js";
