/**
 * The subcommands, in help order. A new command is a module in this folder
 * added to COMMANDS; `plan` is reserved for the offline plan.
 */
import type { CommandModule } from "../context.js";
import { affectedCommand } from "./affected.js";
import { ipamCommand } from "./ipam.js";
import { schemaCommand } from "./schema.js";
import { validateCommand } from "./validate.js";

export const COMMANDS: readonly CommandModule[] = [validateCommand, ipamCommand, schemaCommand, affectedCommand];

/** Names kept for commands that are not part of this build yet; they answer with a clear message. */
export const RESERVED_COMMANDS: readonly string[] = ["plan"];
