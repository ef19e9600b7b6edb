import { createHash } from "node:crypto";

/** The password the stand-in random provider generates for a RandomPassword: deterministic per URN, so tests know what to look for. */
export function standInPassword(urn: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) {
    out += createHash("sha256").update(`standin-password:${urn}:${i}`).digest("base64").replace(/[^A-Za-z0-9]/g, "");
  }
  return `Sx!${out}`.slice(0, Math.max(length, 8));
}
