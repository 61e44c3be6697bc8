import { detectPersonalColumns, type PersonalColumn } from "../privacy/personal-columns.js";

/** Columns whose headers say they hold names, e-mail addresses or phone numbers (dropped on ingest unless kept). */
export function findPersonalColumns(headers: readonly string[]): PersonalColumn[] {
  return detectPersonalColumns(headers);
}

/** Whether the first values of a text column look like e-mail addresses (checked once the column is read). */
export function personalByValues(name: string, values: readonly unknown[]): PersonalColumn | undefined {
  const sample = values.slice(0, 200).map((v) => [typeof v === "string" ? v : null]);
  return detectPersonalColumns([name], sample)[0];
}
