// Reading a codebook (JSON, or a CSV edited in Excel) into codes with parsed rules.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { parseOptions } from "../../boundary/options.js";
import { localize, type Localized } from "../../errors/catalogue.js";
import { codebookMessages as m } from "../../errors/coding-messages.js";
import { KoeArgumentError, KoeReadError } from "../../errors/errors.js";
import { readCsv } from "../../ingest/read-csv.js";
import type { CsvSource } from "../../ingest/source.js";
import { Code } from "../../model/transcript.js";
import { parseRule, type Rule } from "./rule.js";

/** A code ready for coding: its rule text and the parsed rule (`null` for a grouping code without a rule). */
export interface CodingCode {
  id: string;
  ja: string;
  en: string;
  description: string;
  parent: string | null;
  keywords: string[];
  rule: string | null;
  parsed: Rule | null;
}

/** A codebook read by {@link readCodebook}. */
export interface CodingCodebook {
  id: string;
  ja: string;
  en: string;
  codes: CodingCode[];
}

export const ReadCodebookOptions = z.object({
  /** Id of a codebook read from CSV (a JSON codebook names its own); default "codebook". */
  id: z.string().min(1).default("codebook"),
  /** Japanese name of a codebook read from CSV; default "コードブック". */
  ja: z.string().default("コードブック"),
  /** English name of a codebook read from CSV; default "Codebook". */
  en: z.string().default("Codebook"),
});
export type ReadCodebookOptions = z.input<typeof ReadCodebookOptions>;

const JsonCodebook = z.object({ id: z.string(), ja: z.string(), en: z.string(), codes: z.array(Code).min(1) });

interface Draft {
  row: number | null;
  code: z.output<typeof Code>;
}

const quoteKeyword = (k: string) => (k.includes('"') ? `「${k}」` : `"${k}"`);

function label(source: unknown): string {
  if (typeof source === "string" && !/[\r\n]/.test(source)) return JSON.stringify(source);
  if (typeof source === "object" && source !== null && "path" in source) return JSON.stringify((source as { path: string }).path);
  return "(given)";
}

async function fromJson(source: unknown, where: string): Promise<{ id: string; ja: string; en: string; drafts: Draft[] }> {
  let value: unknown = source;
  try {
    if (typeof source === "string" && !/^\s*\{/.test(source)) value = JSON.parse(await readFile(source, "utf8"));
    else if (typeof source === "object" && source !== null && "path" in source) value = JSON.parse(await readFile((source as { path: string }).path, "utf8"));
    else if (typeof source === "string") value = JSON.parse(source);
  } catch (e) {
    throw new KoeReadError(localize(m.badJson, { source: where, detail: (e as Error).message }), [], m.badJson.code);
  }
  const parsed = JsonCodebook.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KoeReadError(localize(m.badJson, { source: where, detail: `${issue.path.join(".") || "top level"}: ${issue.message}` }), [], m.badJson.code);
  }
  const { id, ja, en, codes } = parsed.data;
  return { id, ja, en, drafts: codes.map((code) => ({ row: null, code })) };
}

const CSV_NEEDED = ["id", "ja", "en", "rule"] as const;

async function fromCsv(source: CsvSource): Promise<Draft[]> {
  const { table, issues, summary } = await readCsv(source);
  if (summary.rowsRejected > 0) throw new KoeReadError(issues[0]!.localized, issues);
  const names = table.columnNames();
  const missing = CSV_NEEDED.filter((c) => !names.includes(c));
  if (missing.length > 0) throw new KoeReadError(localize(m.missingColumns, { columns: missing }), [], m.missingColumns.code);
  const cell = (v: unknown) => (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v).trim());
  return (table.objects() as Record<string, unknown>[]).map((r, i) => ({
    row: i + 2,
    code: {
      id: cell(r.id),
      ja: cell(r.ja),
      en: cell(r.en),
      description: cell(r.description),
      parent: cell(r.parent) === "" ? null : cell(r.parent),
      keywords: [],
      rule: cell(r.rule) === "" ? undefined : cell(r.rule),
    },
  }));
}

function check(drafts: Draft[]): { codes: CodingCode[]; problems: Localized[] } {
  const found: { row: number; text: Localized }[] = [];
  const at = (d: Draft, detail: Localized) => found.push({ row: d.row ?? 0, text: localize(m.atRow, { row: d.row, code: d.code.id, detail: detail.en, detailJa: detail.ja }) });
  const byId = new Map<string, Draft>();
  for (const d of drafts) {
    for (const field of ["id", "ja", "en"] as const) if (d.code[field] === "") at(d, localize(m.missingField, { field }));
    const first = byId.get(d.code.id);
    if (first !== undefined) at(d, localize(m.duplicate, { first: first.row }));
    else byId.set(d.code.id, d);
  }
  const parents = new Set(drafts.map((d) => d.code.parent).filter((p) => p !== null));
  for (const d of drafts) {
    if (d.code.parent !== null && !byId.has(d.code.parent)) at(d, localize(m.unknownParent, { parent: d.code.parent }));
  }
  const reported = new Set<string>();
  for (const d of drafts) {
    const path = [d.code.id];
    for (let p = d.code.parent; p !== null && byId.has(p); p = byId.get(p)!.code.parent) {
      if (p === d.code.id) {
        if (!path.some((id) => reported.has(id))) at(d, localize(m.cycle, { path: [...path, p] }));
        path.forEach((id) => reported.add(id));
        break;
      }
      if (path.includes(p)) break;
      path.push(p);
    }
  }
  const codes: CodingCode[] = [];
  for (const d of drafts) {
    const { id, ja, en, description, parent, keywords } = d.code;
    const rule = d.code.rule ?? (keywords.length > 0 ? keywords.map(quoteKeyword).join(" or ") : null);
    let parsed: Rule | null = null;
    if (rule === null) {
      if (!parents.has(id)) at(d, localize(m.missingField, { field: "rule" }));
    } else {
      try {
        parsed = parseRule(rule, { code: id });
      } catch (e) {
        if (!(e instanceof KoeArgumentError)) throw e;
        found.push({ row: d.row ?? 0, text: localize(m.ruleAtRow, { row: d.row, detail: e.localized.en, detailJa: e.localized.ja }) });
      }
    }
    codes.push({ id, ja, en, description, parent, keywords, rule, parsed });
  }
  // Sorted by row (stable), so that a long list reads like the sheet.
  return { codes, problems: found.sort((a, b) => a.row - b.row).map((f) => f.text) };
}

/**
 * Reads a codebook from JSON (a path ending in `.json`, JSON text, or the object itself, in the
 * shape of `Codebook`) or from a CSV a non-programmer edits in Excel (a path, text or bytes;
 * columns `id, ja, en, rule`, optional `parent`, `description`; UTF-8 with or without BOM, or
 * Shift_JIS). Every rule is parsed once (see `parseRule`); a JSON code with `keywords` and no
 * `rule` gets the rule `"kw1" or "kw2" …`. A code without rule or keywords is allowed only as the
 * parent of other codes. Parents must exist and must not form a cycle.
 *
 * @example
 * const cb = await readCodebook("id,ja,en,rule\nno_chance,機会がない,No chances,機会 and not ある\n");
 * cb.codes[0].rule // => "機会 and not ある"
 * matchRule(cb.codes[0].parsed, "異動の機会がない").matched // => true
 * await readCodebook("id,ja,en,rule,parent\na,あ,A,x,b\n") // throws: row 2, code "a": the parent "b" is not a code of this codebook
 * @throws {KoeReadError} listing every problem (with the CSV row and the code): unknown parent, cycle, duplicate id, empty label, invalid rule.
 */
export async function readCodebook(source: CsvSource | z.input<typeof JsonCodebook>, options: ReadCodebookOptions = {}): Promise<CodingCodebook> {
  const opts = parseOptions("readCodebook", ReadCodebookOptions, options);
  const where = label(source);
  const isObject = typeof source === "object" && source !== null && !(source instanceof Uint8Array) && !(source instanceof ArrayBuffer) && "codes" in source;
  const isJson =
    isObject ||
    (typeof source === "string" && (/^\s*\{/.test(source) || (!/[\r\n]/.test(source) && /\.json$/i.test(source)))) ||
    (typeof source === "object" && source !== null && "path" in source && /\.json$/i.test((source as { path: string }).path));
  const book = isJson ? await fromJson(source, where) : { id: opts.id, ja: opts.ja, en: opts.en, drafts: await fromCsv(source as CsvSource) };
  const { codes, problems } = check(book.drafts);
  if (problems.length > 0) {
    throw new KoeReadError(localize(m.invalid, { source: where, problems: problems.map((p) => p.en), problemsJa: problems.map((p) => p.ja) }), [], m.invalid.code);
  }
  return { id: book.id, ja: book.ja, en: book.en, codes };
}
