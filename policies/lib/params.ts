/**
 * Shared parameter schemas. Every parameter has a default so that a rule
 * behaves securely when the CLI has not filled anything in.
 */
import { z } from "zod";

/** For rules without parameters: any key given is a mistake worth reporting. */
export const noParams = () => z.strictObject({});

/** The EU regions data may live in, Denmark East first (controls.md). */
export const DEFAULT_ALLOWED_LOCATIONS = [
  "denmarkeast",
  "swedencentral",
  "northeurope",
  "westeurope",
  "germanywestcentral",
] as const;
