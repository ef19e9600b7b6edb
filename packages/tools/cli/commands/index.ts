/**
 * The subcommands, in help order. A new command is a module in this folder
 * added to COMMANDS.
 */
import type { CommandModule } from "../context.js";
import { planCommand } from "../../plan/command.js";
import { affectedCommand } from "./affected.js";
import { ipamCommand } from "./ipam.js";
import { policyConfigCommand } from "./policy-config.js";
import { recordCommand } from "../../record/command.js";
import { schemaCommand } from "./schema.js";
import { validateCommand } from "./validate.js";

export const COMMANDS: readonly CommandModule[] = [validateCommand, planCommand, ipamCommand, schemaCommand, affectedCommand, policyConfigCommand, recordCommand];

