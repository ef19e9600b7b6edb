/**
 * Municipality files against the national register: the code exists, the
 * name is the register's, the file is named `<code>-<slug>.yaml`, and no
 * municipality is onboarded twice (in one unit or across units). Works on
 * the data as written, so these findings appear even when the file has
 * schema errors too.
 */
import { findMunicipality, nameSlugs, sameNameLoosely } from "../../registry/index.js";
import type { DraftFinding } from "../findings.js";
import type { Check, MunicipalityEntry } from "./types.js";

const FILE_NAME = /^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;

export const checkRegistry: Check = (units) => {
  const out: DraftFinding[] = [];
  const firstByCode = new Map<string, { unit: string; entry: MunicipalityEntry }>();
  for (const unit of units) {
    for (const entry of unit.municipalities) {
      const raw = (entry.raw ?? {}) as { code?: unknown; name?: unknown };
      const code = typeof raw.code === "string" && /^\d{3}$/.test(raw.code) ? raw.code : undefined;
      const name = typeof raw.name === "string" ? raw.name : undefined;
      const record = code ? findMunicipality(code) : undefined;
      const error = (path: string[], rule: string, message: string, value?: unknown) =>
        out.push({ severity: "error", file: entry.file, path, rule, message, ...(value === undefined ? {} : { value }) });

      if (code && !record) {
        error(["code"], "registry-code", `kommunekode '${code}' is not one of the 98 municipalities in the register (packages/registry); check the code`, code);
      }
      if (record && name !== undefined && name !== record.name) {
        const hint = sameNameLoosely(name, record.name) ? " (spelling differs)" : "";
        error(["name"], "registry-name", `name '${name}' does not match kommunekode ${record.code}, which is '${record.name}'${hint}; write name: ${record.name}`, name);
      }

      const match = FILE_NAME.exec(entry.fileName);
      const expected = record ? nameSlugs(record.name).map((s) => `${record.code}-${s}.yaml`) : [];
      if (!match) {
        const wanted = expected.length > 0 ? expected.join(" or ") : "<code>-<slug>.yaml, e.g. 330-slagelse.yaml";
        error([], "file-name", `file name '${entry.fileName}' does not have the form <code>-<slug>.yaml; name it ${wanted}`);
      } else if (code && match[1] !== code) {
        error(["code"], "file-name", `file name '${entry.fileName}' says kommunekode ${match[1]} but the file has code '${code}'; name it ${expected[0] ?? `${code}-<slug>.yaml`}`, code);
      } else if (record && !expected.includes(entry.fileName)) {
        error([], "file-name", `file name '${entry.fileName}' does not match ${record.name}; name it ${expected.join(" or ")}`);
      }

      if (code) {
        const first = firstByCode.get(code);
        if (first) {
          const where = first.unit === unit.folder ? `again in unit '${unit.folder}'` : `in unit '${first.unit}' as well as in unit '${unit.folder}'`;
          error(["code"], "duplicate-municipality", `kommunekode ${code} is onboarded ${where} (first in ${first.entry.file}); a municipality belongs to exactly one unit`, code);
        } else firstByCode.set(code, { unit: unit.folder, entry });
      }
    }
  }
  return out;
};
