/** Public entry of components/resources. */
export * from "./resource-group.js";
