/** Public entry of components/transformations. */
export * from "./strip-provider-aliases.js";
