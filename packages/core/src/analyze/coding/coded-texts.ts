// The shape of coded texts: what codeTexts returns and what the interview study's tables,
// quotes, agreement and charts read. One row per text; every count leads back to its words.
import type { ColumnTable } from "arquero";
import type { CodingCodebook } from "./read-codebook.js";

/** The words behind a code: `text.slice(start, end)` of the text with this id (offsets in the original text, UTF-16). */
export interface CodedSpan {
  /** The text's id (as in the id column; the 1-based row number as a string when no id column is given). */
  id: string;
  code: string;
  start: number;
  end: number;
}

/**
 * One code given to one text by one coder: automatic codings have coder {@link AUTOMATIC_CODER}.
 * `code` null: the coder read the text and gave it no code (a manual coder read exactly the texts
 * they have a row for; koe's own coder reads every text).
 */
export interface Coding {
  id: string;
  code: string | null;
  coder: string;
}

/** The coder name of koe's own (rule-based) codings. */
export const AUTOMATIC_CODER = "auto";

/** Texts coded against a codebook (see `codeTexts`). */
export interface CodedTexts {
  /**
   * The input table, row for row, with a 0/1 column per code of the codebook, named by the code's
   * id, in codebook order (a grouping code without a rule is 1 when any code under it is).
   */
  table: ColumnTable;
  /** The code ids of the 0/1 columns, in codebook order. */
  codes: string[];
  codebook: CodingCodebook;
  /** The column holding the text. */
  text: string;
  /** The id column (null: ids are 1-based row numbers as strings). */
  id: string | null;
  /** The column naming the person who wrote or said each text (null: each text is its own person). Groups are counted in people. */
  person: string | null;
  /** Every automatic match, sorted by row, then code order, then start. */
  spans: CodedSpan[];
  /** Automatic codings (coder "auto") and any manual codings joined, one row per id × code × coder (a manual row with code null: read, nothing given). */
  codings: Coding[];
  /** The coders present in `codings`, "auto" first. */
  coders: string[];
}
