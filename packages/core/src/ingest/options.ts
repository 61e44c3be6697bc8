import { z } from "zod";
import { DEFAULT_LIKERT_LABELS } from "../model/instrument.js";

/** The missing-value markers a reader uses unless told otherwise. */
export const DEFAULT_READ_MISSING: readonly string[] = ["", "NA", "N/A", "無回答"];

/** Options of {@link readCsv}; every field is optional. Unknown keys are errors. */
export const ReadCsvOptions = z.object({
  /** zod object schema the rows must satisfy; without one, headers are kept as column names and types inferred. */
  schema: z.custom<z.ZodObject>((v) => v instanceof z.ZodObject, "schema must be a zod object schema").optional(),
  /** "auto" (default) detects UTF-8 (with or without BOM), UTF-16 LE/BE (from the BOM) or Shift_JIS/CP932. */
  encoding: z.string().default("auto"),
  /** "auto" (default) picks comma, tab or semicolon from the header line. */
  delimiter: z.enum(["auto", ",", "\t", ";"]).default("auto"),
  /** Extra header → field mappings, e.g. `{ "所属会社": "company" }`. */
  headers: z.record(z.string(), z.string()).default({}),
  /** Cell texts that mean "no answer" (compared after NFKC and trimming); default `["", "NA", "N/A", "無回答"]`. */
  missing: z.array(z.string()).default([...DEFAULT_READ_MISSING]),
  /** Answer labels mapped to numbers in Likert fields (and, without a schema, in columns of only numbers and labels). */
  likertLabels: z.record(z.string(), z.number()).default(DEFAULT_LIKERT_LABELS),
  /** With a schema: keep columns the schema does not know (as text; default) or drop them. Both are reported. */
  unknownColumns: z.enum(["keep", "drop"]).default("keep"),
  /** Columns to keep even though they look like names, e-mail addresses or phone numbers. */
  keepColumns: z.array(z.string()).default([]),
  /**
   * Keys that must not repeat: a field (`"respondent_id"`) or several together
   * (`["transcript_id", "segment"]`); a repeat rejects the later row.
   */
  unique: z.array(z.union([z.string(), z.array(z.string()).min(1)])).default([]),
  /** Throw one {@link KoeReadError} listing the problems instead of returning rejected rows as issues. */
  strict: z.boolean().default(false),
  /** Replace id columns by keyed pseudonyms (HMAC-SHA256) as they are read; keep the key out of the repository. */
  pseudonymize: z.strictObject({ columns: z.array(z.string()).min(1), key: z.string().min(1) }).optional(),
  /** Bytes per read; the file is streamed, never held whole. */
  chunkSize: z.number().int().min(1).default(1 << 20),
});
export type ReadCsvOptions = z.input<typeof ReadCsvOptions>;

/** Options of {@link readExcel}: the sheet, and those of readCsv that apply to a workbook. */
export const ReadExcelOptions = ReadCsvOptions.omit({ encoding: true, delimiter: true, chunkSize: true }).extend({
  /** The sheet to read: its name, or its position counted from 1 (default: the first sheet). */
  sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
});
export type ReadExcelOptions = z.input<typeof ReadExcelOptions>;

/** What the row validation needs of either reader's options. */
export type RowOptions = Pick<
  z.output<typeof ReadCsvOptions>,
  "schema" | "headers" | "missing" | "likertLabels" | "unknownColumns" | "keepColumns" | "unique" | "strict" | "pseudonymize"
>;
