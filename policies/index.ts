/**
 * Entry point of the policy pack (`pulumi preview --policy-pack policies`).
 * Constructing the PolicyPack starts the policy server; nothing else may
 * import this file. Rules live in registry.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { packArgs, PACK_NAME } from "./adapter.js";
import { loadExemptions } from "./exemptions.js";
import { RULES } from "./registry.js";

new PolicyPack(PACK_NAME, packArgs(RULES, { exemptions: loadExemptions(), now: new Date() }));
