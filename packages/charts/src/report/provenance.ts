// The report's last section: where each study's figures came from (its inputs and the rows it
// used, seed, koe version, minimum group size, options) and, when given, the files read with the
// rows each reader read, accepted and rejected.
import { z, type StudyReport } from "@koe/core";
import type { Lang } from "../messages.js";
import { reportWords } from "../report-messages.js";
import { escapeHtml } from "../render.js";

const count = z.number().int().min(0);

/** A file the data came from, as its reader summarised it (`ReadResult.summary`: rows read = accepted + rejected). */
export const FileRead = z.object({
  /** The file's name as the reader should see it. */
  file: z.string(),
  rowsRead: count,
  rowsAccepted: count,
  rowsRejected: count,
  /** The text encoding found (null for a workbook). Default: not shown. */
  encoding: z.string().nullable().optional(),
  /** How many issues the reader reported. Default: not shown. */
  issues: count.optional(),
});
export type FileRead = z.output<typeof FileRead>;

const grouped = (n: number) => n.toLocaleString("en-US");
const row = (cells: readonly string[]) => `<tr>${cells.join("")}</tr>`;
const td = (text: string, num = false) => `<td${num ? ' class="num"' : ""}>${escapeHtml(text)}</td>`;
const headRow = (names: readonly string[]) => `<thead><tr>${names.map((n) => `<th scope="col">${escapeHtml(n)}</th>`).join("")}</tr></thead>`;

/** The provenance section (id `provenance`) and, with files, its files-read table (id `files-read`). */
export function provenanceHtml(studies: readonly { title: string; report: StudyReport }[], reads: readonly FileRead[], lang: Lang): string {
  const w = reportWords[lang];
  const c = w.columns;
  const rows = studies.flatMap(({ title, report }) => {
    const p = report.provenance;
    const inputs = p.inputs.length > 0 ? p.inputs : [null];
    return inputs.map((input) =>
      row([
        td(`${title} (${report.study})`),
        td(input?.name ?? w.none),
        td(input === null ? "—" : grouped(input.rows), true),
        td(input === null ? "—" : grouped(input.rowsUsed), true),
        td(p.seed === null ? w.none : String(p.seed)),
        td(p.koeVersion),
        td(String(p.minGroupSize), true),
        `<td><code>${escapeHtml(JSON.stringify(p.options))}</code></td>`,
      ]),
    );
  });
  const studiesTable = `<div class="scroll"><table>${headRow([c.study, c.input, c.rows, c.rowsUsed, c.seed, c.version, c.minGroupSize, c.options])}<tbody>\n${rows.join("\n")}\n</tbody></table></div>`;
  const f = w.fileColumns;
  const filesTable = reads.length === 0 ? "" : `
<h3 id="files-read">${escapeHtml(w.filesRead)}</h3>
<p>${escapeHtml(w.filesReadNote)}</p>
<div class="scroll"><table>${headRow([f.file, f.encoding, f.rowsRead, f.rowsAccepted, f.rowsRejected, f.issues])}<tbody>
${reads.map((r) => row([td(r.file), td(r.encoding ?? "—"), td(grouped(r.rowsRead), true), td(grouped(r.rowsAccepted), true), td(grouped(r.rowsRejected), true), td(r.issues === undefined ? "—" : grouped(r.issues), true)])).join("\n")}
</tbody></table></div>`;
  return `<section class="provenance" id="provenance">
<h2>${escapeHtml(w.provenance)}</h2>
<p>${escapeHtml(w.provenanceNote)}</p>
${studiesTable}${filesTable}
</section>`;
}
