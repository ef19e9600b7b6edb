/**
 * Building blocks shared by the unit and municipality schemas.
 */
import { z } from "zod";
import { cidrProblem } from "../../../components/vocabulary/cidr.js";
import { EU_LOCATIONS, MAX_PATCH_WINDOW_MINUTES, MIN_PATCH_WINDOW_MINUTES } from "../../../components/vocabulary/defaults.js";
import { DATA_CLASSIFICATIONS } from "../../../components/vocabulary/tags.js";

/** A canonical IPv4 CIDR (no host bits set). */
export const cidr = z
  .string({ error: "expected an IPv4 CIDR string such as 10.64.0.0/16" })
  .superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
  })
  .meta({ title: "IPv4 CIDR", description: "Canonical IPv4 CIDR, e.g. 10.64.0.0/16", examples: ["10.64.0.0/16"] });

export const ipv4Address = z
  .ipv4({ error: "expected an IPv4 address such as 203.0.113.10" })
  .meta({ description: "IPv4 address" });

/** Lower-case key used in resource names: stable, short, DNS-safe. */
export const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, {
    error: "use 2-24 lower-case letters, digits and hyphens, starting with a letter (it becomes part of resource names)",
  })
  .meta({ title: "slug", description: "2-24 lower-case letters, digits and hyphens, starting with a letter; part of resource names" });

export const euLocation = z
  .enum(EU_LOCATIONS, {
    error: `allowed regions are ${EU_LOCATIONS.join(", ")} (data stays in the EU)`,
  })
  .meta({ description: "Azure region inside the EU" });

export const dataClassification = z.enum(DATA_CLASSIFICATIONS).meta({
  description:
    "public < internal < confidential < personal (GDPR personal data) < sensitive-personal (GDPR art. 9/10 data, CPR numbers)",
});

/** Entra ID object id (group or principal). */
export const entraObjectId = z
  .guid({ error: "expected an Entra ID object id (GUID), e.g. 0b1e6c2a-4f0d-4c55-9a51-3f1f0a2b7c11" })
  .meta({ title: "Entra object id (GUID)" });

export const contact = z.strictObject({
  name: z.string().min(1).meta({ description: "Person or function (a shared mailbox is better than one person)" }),
  email: z.email({ error: "expected an e-mail address" }).meta({ description: "E-mail address" }),
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{8,16}$/, { error: "expected a phone number such as +45 33 12 34 56" })
    .meta({ description: "Phone number, e.g. +45 33 12 34 56" })
    .optional(),
});

/**
 * EAN location number (GLN, 13 digits, GS1 mod-10 check digit): Danish public
 * invoicing (NemHandel) routes invoices by it, so a wrong digit loses the bill.
 */
export function eanCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export const ean = z
  .string({ error: "expected the 13-digit EAN number as a quoted string" })
  .superRefine((value, ctx) => {
    if (!/^\d{13}$/.test(value)) {
      ctx.addIssue({ code: "custom", message: `EAN '${value}' must be exactly 13 digits`, input: value });
      return;
    }
    const expected = eanCheckDigit(value.slice(0, 12));
    if (Number(value[12]) !== expected) {
      ctx.addIssue({
        code: "custom",
        message: `EAN '${value}' has check digit ${value[12]}, expected ${expected}; check the number with the municipality's finance department`,
        input: value,
      });
    }
  })
  .meta({ title: "EAN (13 digits, quoted)", description: "EAN location number that invoices are sent to (NemHandel); the check digit is verified" });

export const billing = z.strictObject({
  ean,
  costCentre: z
    .string()
    .regex(/^[A-Za-z0-9._/-]{1,32}$/, { error: "use 1-32 letters, digits, '.', '_', '/', '-'" })
    .meta({ description: "Cost centre the costs are booked on (1-32 letters, digits, '.', '_', '/', '-')" }),
});

export const dayOfWeek = z.enum(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);

export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "expected HH:MM (24-hour), e.g. 01:00" })
  .meta({ title: "HH:MM" });

/** AKS planned maintenance: AKS refuses windows shorter than 4 hours. */
export const maintenanceWindow = z.strictObject({
  dayOfWeek: dayOfWeek.meta({ description: "Day the window starts" }),
  startTime: timeOfDay.meta({ description: "Start time, 24-hour clock" }),
  durationHours: z
    .int()
    .min(4, { error: "AKS requires maintenance windows of at least 4 hours" })
    .max(24, { error: "a maintenance window lasts at most 24 hours" })
    .meta({ description: "Length of the window in hours, 4-24 (AKS requires at least 4)" }),
});

const hm = (minutes: number) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
const patchRange = `${MIN_PATCH_WINDOW_MINUTES}-${MAX_PATCH_WINDOW_MINUTES} minutes (${hm(MIN_PATCH_WINDOW_MINUTES)} to ${hm(MAX_PATCH_WINDOW_MINUTES)})`;

/**
 * Azure guest patching of servers: a different Azure limit from the AKS
 * window above, so its own shape with the length in minutes.
 */
export const serverPatchWindow = z.strictObject({
  dayOfWeek: dayOfWeek.meta({ description: "Day the window starts" }),
  startTime: timeOfDay.meta({ description: "Start time, 24-hour clock, Danish time (follows daylight saving time)" }),
  durationMinutes: z
    .int({ error: `expected the window's length as whole minutes, ${patchRange}` })
    .min(MIN_PATCH_WINDOW_MINUTES, { error: `Azure guest patching windows last ${patchRange}; raise durationMinutes` })
    .max(MAX_PATCH_WINDOW_MINUTES, {
      error: `Azure guest patching windows last ${patchRange}; use ${MAX_PATCH_WINDOW_MINUTES} for the longest window`,
    })
    .meta({
      description: `Length of the window in minutes: ${MIN_PATCH_WINDOW_MINUTES}-${MAX_PATCH_WINDOW_MINUTES} (${hm(MIN_PATCH_WINDOW_MINUTES)} to ${hm(MAX_PATCH_WINDOW_MINUTES)}), Azure's limits for guest patching`,
    }),
});

export const zone = z.enum(["1", "2", "3"], { error: "availability zone must be the string \"1\", \"2\" or \"3\"" });
