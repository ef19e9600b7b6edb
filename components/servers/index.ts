/** Public entry of components/servers. */
export * from "./servers.js";
