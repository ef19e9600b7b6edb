/** Public entry of components/identity. */
export * from "./identity.js";
export * from "./key-vault.js";
export * from "./roles.js";
