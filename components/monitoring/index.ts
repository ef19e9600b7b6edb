/** Public entry of components/monitoring. */
export * from "./alerts.js";
export * from "./diagnostics.js";
export * from "./monitoring.js";
export * from "./server-data-collection.js";
