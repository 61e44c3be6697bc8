import { normalizeKey } from "../model/vocabulary.js";
import { normalizeCell } from "./cells.js";
import type { ColumnSpec } from "./column-spec.js";

/** How headers are compared: as vocabulary keys, also ignoring brackets (「エンゲージメント1（事前）」 = 「エンゲージメント1_事前」). */
export function normalizeHeader(h: string): string {
  return normalizeKey(h).replace(/[()[\]{}「」『』【】〔〕<>]/g, "");
}

export interface HeaderMatch {
  /** Index of the file's column. */
  source: number;
  /** The header as written in the file (trimmed, NFKC). */
  header: string;
  /** The schema field it maps to, or null if none. */
  field: string | null;
}

/**
 * Maps the file's headers to schema fields: an explicit `rename` entry first, then the field id,
 * its Japanese and English labels and its aliases.
 */
export function matchHeaders(headers: readonly string[], specs: readonly ColumnSpec[], rename: Readonly<Record<string, string>> = {}): HeaderMatch[] {
  const byKey = new Map<string, string>();
  for (const spec of specs) for (const h of spec.headers) if (!byKey.has(normalizeHeader(h))) byKey.set(normalizeHeader(h), spec.field);
  const renames = new Map(Object.entries(rename).map(([from, to]) => [normalizeHeader(from), to]));
  const fields = new Set(specs.map((s) => s.field));
  return headers.map((header, source) => {
    const key = normalizeHeader(header);
    const renamed = renames.get(key);
    const field = renamed !== undefined && fields.has(renamed) ? renamed : (byKey.get(key) ?? null);
    return { source, header, field };
  });
}

// Characters a person cannot see that editors and Excel leave in headers: a byte-order mark
// (also one left inside a quoted first header), zero-width spaces and joiners, the word joiner.
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060]/g;

/** A header as koe names the column: invisible characters removed, NFKC, trimmed. */
export function headerName(text: string): string {
  return normalizeCell(text.replace(INVISIBLE, ""));
}
