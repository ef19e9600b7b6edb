/** Public entry of components/platform. */
export * from "./cluster-network.js";
export * from "./hub-connection.js";
export * from "./monitor-private-link.js";
export * from "./operating-unit-platform.js";
export * from "./refs.js";
export * from "./stack-reference.js";
