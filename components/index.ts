/**
 * @driftsenhed/components: the standard platform of a fælleskommunal
 * it-driftsenhed as Pulumi components, one namespace per area (the shape of
 * `@pulumi/awsx`): `platform.OperatingUnitPlatform`, `tenant.MunicipalityTenant`,
 * `network.Hub`, … The vocabulary (lifecycle states, defaults, limits, naming,
 * tags) is also importable alone from `@driftsenhed/components/vocabulary`,
 * without the Pulumi SDKs.
 */
export * as backup from "./backup/index.js";
export * as cluster from "./cluster/index.js";
export * as identity from "./identity/index.js";
export * as monitoring from "./monitoring/index.js";
export * as network from "./network/index.js";
export * as platform from "./platform/index.js";
export * as resources from "./resources/index.js";
export * as servers from "./servers/index.js";
export * as tenant from "./tenant/index.js";
export * as transformations from "./transformations/index.js";
export * as vocabulary from "./vocabulary/index.js";

// The entry points most programs need, also at the top level.
export { OperatingUnitPlatform, type OperatingUnitPlatformArgs } from "./platform/operating-unit-platform.js";
export type { PlatformRefs } from "./platform/refs.js";
export { platformRefsFromStackReference } from "./platform/stack-reference.js";
export { MunicipalityTenant } from "./tenant/tenant.js";
export type { MunicipalityTenantArgs } from "./tenant/args.js";
export { applyPlatformTransformations } from "./transformations/strip-provider-aliases.js";
export { ComponentArgsError, rejectArgs, type ArgsProblem } from "./errors.js";
export { InputError, isInputError, formatInputFinding, type InputFinding } from "./vocabulary/errors.js";
