/** Public entry of components/network. */
export * from "./bastion.js";
export * from "./dns.js";
export * from "./expressroute-gateway.js";
export * from "./firewall.js";
export * from "./hub-args.js";
export * from "./hub.js";
export * from "./nsg-rules.js";
export * from "./prefixes.js";
export * from "./private-endpoint.js";
export * from "./public-ip.js";
export * from "./spoke.js";
export * from "./subnet.js";
export * from "./vpn-gateway.js";
