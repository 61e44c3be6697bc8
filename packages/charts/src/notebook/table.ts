// Rows as a notebook shows them: an HTML table and the same table as aligned text. A figure blanked
// in a suppressed row says 秘匿 (suppressed), never a number; nothing is computed here.
import { displayWidth, formatNumbers } from "@koe/core";
import type { Lang } from "../messages.js";
import { escapeHtml } from "../render.js";
import { notebookWords } from "./words.js";

/** Columns and rows, as a report's table or an arquero table's objects hold them. */
export interface Rows {
  columns: readonly string[];
  rows: readonly Readonly<Record<string, unknown>>[];
  /** Rows not shown (after the first `rows.length`). */
  more: number;
}

/** A number as a reader reads it: whole numbers as they are, others to 4 significant digits. */
function formatValue(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : formatNumbers([v], 4)[0]!;
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(formatValue).join(", ");
  if (v instanceof Date) return v.toISOString();
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

interface Cell {
  text: string;
  kind: "number" | "hidden" | "missing" | "text";
}

function cellOf(row: Readonly<Record<string, unknown>>, column: string, lang: Lang): Cell {
  const v = row[column] ?? null;
  if (v === null || (typeof v === "number" && Number.isNaN(v))) return row.suppressed === true ? { text: notebookWords[lang].hidden, kind: "hidden" } : { text: "—", kind: "missing" };
  return { text: formatValue(v), kind: typeof v === "number" ? "number" : "text" };
}

const STYLE: Record<Cell["kind"], string> = { number: ' style="text-align:right"', hidden: ' class="koe-hidden" style="color:#777"', missing: ' style="color:#999"', text: "" };

/** The rows as an HTML table (header, body, and how many rows were left out). */
export function rowsHtml(t: Rows, lang: Lang): string {
  const words = notebookWords[lang];
  if (t.rows.length === 0) return `<p><em>${escapeHtml(words.noRows)}</em></p>`;
  const head = `<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = t.rows.map((r) => `<tr>${t.columns.map((c) => ((cell) => `<td${STYLE[cell.kind]}>${escapeHtml(cell.text)}</td>`)(cellOf(r, c, lang))).join("")}</tr>`).join("\n");
  const more = t.more > 0 ? `\n<p><em>${escapeHtml(words.moreRows(t.more))}</em></p>` : "";
  return `<table class="koe-table">${head}<tbody>\n${body}\n</tbody></table>${more}`;
}

/** The rows as aligned text: numbers right-aligned, text left-aligned, wide characters counted twice. */
export function rowsText(t: Rows, lang: Lang): string {
  const words = notebookWords[lang];
  if (t.rows.length === 0) return words.noRows;
  const cells = t.rows.map((r) => t.columns.map((c) => cellOf(r, c, lang)));
  const widths = t.columns.map((c, j) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[j]!.text))));
  const pad = (text: string, j: number, right: boolean) => {
    const gap = " ".repeat(widths[j]! - displayWidth(text));
    return right ? gap + text : text + gap;
  };
  const lines = [t.columns.map((c, j) => pad(c, j, false)).join("  "), ...cells.map((row) => row.map((cell, j) => pad(cell.text, j, cell.kind === "number")).join("  "))];
  if (t.more > 0) lines.push(words.moreRows(t.more));
  return lines.map((l) => l.trimEnd()).join("\n");
}
