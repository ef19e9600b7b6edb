/** Public entry of components/backup. */
export * from "./backup.js";
export * from "./policies.js";
