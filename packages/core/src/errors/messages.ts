// Every message text koe's readers print lives here, so wording stays consistent and translatable.

const q = (s: string) => JSON.stringify(s);
const list = (values: readonly string[], max = 12) =>
  values.slice(0, max).map(q).join(", ") + (values.length > max ? `, … (${values.length - max} more)` : "");

export const readMessages = {
  emptyFile: () => "the file is empty (0 bytes): no header, no rows",
  noDataRows: () => "the file has a header but no data rows",
  encoding: (encoding: string) => `the bytes of this field are not valid ${encoding}; the file may mix encodings (pass { encoding } to override the detected one)`,
  raggedRow: (found: number, expected: number) => `the row has ${found} field${found === 1 ? "" : "s"}, the header has ${expected}`,
  unterminatedQuote: () => "a quoted field is never closed: the file ends inside quotes",
  missingColumn: (column: string, aliases: readonly string[]) =>
    `required column ${q(column)} is not in the file (accepted headers: ${list(aliases)})`,
  absentOptionalColumn: (column: string) => `column ${q(column)} is not in the file; its values are treated as missing`,
  unknownColumn: (column: string) => `column ${q(column)} is not part of the schema; kept as text`,
  unknownColumnDropped: (column: string) => `column ${q(column)} is not part of the schema; dropped`,
  duplicateColumn: (column: string, field: string, first: string) =>
    `column ${q(column)} maps to field ${q(field)}, as column ${q(first)} already does; it was ignored`,
  droppedPersonal: (column: string, kind: string, evidence: string) =>
    `column ${q(column)} looks like personal data (${kind}: ${evidence}) and was dropped; pass keepColumns: [${q(column)}] to keep it`,
  missingRequired: () => "a value is required here but the cell is blank",
  notANumber: (value: string) => `${q(value)} is not a number`,
  notAnInteger: (value: string) => `${q(value)} is not a whole number`,
  outOfRange: (value: string, min: number | undefined, max: number | undefined) =>
    `${q(value)} is outside the allowed range ${min ?? "−∞"}–${max ?? "∞"}`,
  unknownLabel: (value: string, known: readonly string[]) => `${q(value)} is not a known value (known: ${list(known)})`,
  unknownBoolean: (value: string, trueWords: readonly string[], falseWords: readonly string[]) =>
    `${q(value)} is neither yes nor no (yes: ${list(trueWords, 6)}; no: ${list(falseWords, 6)})`,
  invalidValue: (value: string, detail: string) => `${q(value)} is not valid: ${detail}`,
  duplicateId: (value: string, column: string, firstRow: number) =>
    `${q(value)} in column ${q(column)} was already used in row ${firstRow}`,
  strictFailed: (errors: number, rows: number, first: readonly string[]) =>
    `the file has ${errors} problem${errors === 1 ? "" : "s"} in ${rows} row${rows === 1 ? "" : "s"}:\n  ${first.join("\n  ")}` +
    (errors > first.length ? `\n  … and ${errors - first.length} more (read without strict to get them all as issues)` : ""),
  sourceUnreadable: (source: string, reason: string) => `cannot read ${q(source)}: ${reason}`,
};

/** `row 12, column "age": "三十" is not a number` — how an issue prints. */
export function formatIssue(issue: { row: number | null; column: string | null; message: string }): string {
  const where = [issue.row === null ? null : `row ${issue.row}`, issue.column === null ? null : `column ${q(issue.column)}`]
    .filter((x) => x !== null)
    .join(", ");
  return where === "" ? issue.message : `${where}: ${issue.message}`;
}
