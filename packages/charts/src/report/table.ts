// One published table of a study's report as the HTML report shows it: a heading, the privacy rule
// applied to it in words, the rows as an HTML table (a hidden figure says 秘匿, never a number),
// and a link that downloads the same table as an Excel-friendly CSV (UTF-8 with BOM), inline.
// Nothing is computed: every cell is what the report holds, formatted.
import { renderNote, reportTable, toCsv, type StudyReport } from "@koe/core";
import type { Lang } from "../messages.js";
import { reportWords } from "../report-messages.js";
import { escapeHtml } from "../render.js";

type Words = (typeof reportWords)[Lang];

/** The byte-order mark Excel needs to read UTF-8. */
const BOM = "\uFEFF";

/** A number as a reader reads it: whole numbers as they are, others to 3 decimals, tiny ones in e-notation. */
function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) < 0.001) return x.toExponential(2);
  return String(Number(x.toFixed(3)));
}

function formatValue(v: unknown, words: Words): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? words.yes : words.no;
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => formatValue(x, words)).join(", ");
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** A table cell: a hidden figure (null in a suppressed row) says so; any other missing value is a dash. */
function cell(row: Readonly<Record<string, unknown>>, column: string, words: Words): string {
  const v = row[column] ?? null;
  if (column === "suppressed") return v === true ? `<td class="hidden">${escapeHtml(words.suppressed)}</td>` : "<td></td>";
  if (v === null || (typeof v === "number" && Number.isNaN(v))) return row.suppressed === true ? `<td class="hidden">${escapeHtml(words.suppressed)}</td>` : `<td class="na">—</td>`;
  return `<td${typeof v === "number" ? ' class="num"' : ""}>${escapeHtml(formatValue(v, words))}</td>`;
}

/** The CSV of a report's table as a data: URI, as `writeCsv` writes it for Excel (UTF-8 with BOM, CRLF). */
export function csvDataUri(report: StudyReport, name: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(BOM + toCsv(reportTable(report, name)))}`;
}

/** A name safe in a file name and an HTML id (letters, digits, - and _; anything else as its code point). */
export const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

/** The HTML of one table of a report, under the id given (the table of contents links to it). */
export function tableHtml(report: StudyReport, name: string, id: string, lang: Lang): string {
  const words = reportWords[lang];
  const t = report.tables[name]!;
  const file = `${slug(report.study)}-${slug(name)}.csv`;
  const head = `<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = t.rows.map((r) => `<tr${r.suppressed === true ? ' class="suppressed"' : ""}>${t.columns.map((c) => cell(r, c, words)).join("")}</tr>`).join("\n");
  const table = t.rows.length === 0 ? `<p class="empty">${escapeHtml(words.noRows)}</p>` : `<div class="scroll"><table>${head}<tbody>\n${body}\n</tbody></table></div>`;
  return `<div class="report-table" id="${id}">
<h4>${escapeHtml(words.tableTitle(name, t.rows.length))}</h4>
<p class="privacy"><strong>${escapeHtml(words.suppression)}:</strong> ${escapeHtml(renderNote(t.privacy, lang))}</p>
${table}
<p class="download"><a download="${escapeHtml(file)}" href="${csvDataUri(report, name)}">${escapeHtml(words.download(file))}</a></p>
</div>`;
}
