import { z } from "zod";

/** Codes of every problem a reader can report. */
export const IssueCode = z.enum([
  "empty_file",
  "no_data_rows",
  "encoding",
  "ragged_row",
  "unterminated_quote",
  "missing_column",
  "unknown_column",
  "duplicate_column",
  "dropped_personal_column",
  "missing_required",
  "not_a_number",
  "not_an_integer",
  "out_of_range",
  "unknown_label",
  "unknown_value",
  "invalid_value",
  "duplicate_id",
  "mixed_types",
  "age_generation_mismatch",
  "several_sheets",
]);
export type IssueCode = z.infer<typeof IssueCode>;

/**
 * One problem found while reading. `row` is numbered as a spreadsheet shows it
 * (the header is row 1, the first record row 2; a record with quoted newlines is one row),
 * `null` for file-level problems. `severity: "error"` means the row was rejected, `"warning"` that
 * the row was kept and something deserves a look. `message` is in the language set by
 * `setLanguage` (default English); `localized` holds it in Japanese and English.
 */
export const Issue = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: IssueCode,
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  localized: z.object({ ja: z.string(), en: z.string() }),
});
export type Issue = z.infer<typeof Issue>;
