/** Public entry of components/vocabulary. */
export * from "./cidr.js";
export * from "./defaults.js";
export * from "./errors.js";
export * from "./lifecycle.js";
export * from "./naming.js";
export * from "./os.js";
export * from "./tags.js";
export * from "./data-bearing.js";
export * from "./nat.js";
