/**
 * The little Markdown the reports need. Cells are escaped so that a resource
 * name or a message can never break a table.
 */

export function cell(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string[] {
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

/** Inline code, safe for any backtick count in the value. */
export function code(value: string): string {
  const fence = value.includes("`") ? "``" : "`";
  return `${fence}${value}${fence}`;
}

const number = new Intl.NumberFormat("en-GB");
export const fmt = (value: number): string => number.format(value);

/** Resource name from its URN (the part after the last `::`). */
export function nameOfUrn(urn: string | undefined): string {
  if (!urn) return "";
  const i = urn.lastIndexOf("::");
  return i >= 0 ? urn.slice(i + 2) : urn;
}
