// Findings and warnings are data ({ code, params }); this is where they become words, in Japanese
// or English, from the one catalogue. No computation happens here.
import * as aq from "arquero";
import { getLanguage, messageOfCode, type Lang, type Localized } from "../errors/catalogue.js";
import { KoeArgumentError } from "../errors/errors.js";
import { defineMessages } from "../errors/catalogue.js";
import type { Table } from "../model/table.js";
import type { Note, StudyReport } from "../studies/report.js";

const m = defineMessages("present", {
  unknownNote: {
    en: (p: { code: string }) => `renderNote: no message has the code "${p.code}"`,
    ja: (p: { code: string }) => `renderNote: コード「${p.code}」のメッセージはありません`,
  },
  noTable: {
    en: (p: { name: string; tables: string[] }) => `reportTable: the report has no table "${p.name}" (tables: ${p.tables.join(", ")})`,
    ja: (p: { name: string; tables: string[] }) => `reportTable: 表「${p.name}」はこのレポートにありません（表: ${p.tables.join("、")}）`,
  },
});

/**
 * A note in words.
 * @example
 * renderNote({ code: "report.groupsHidden", params: { minGroupSize: 5 } }, "ja") // => "5人未満のグループと、そこから逆算できる数値は表示していません。"
 */
export function renderNote(note: Note, lang: Lang = getLanguage()): string {
  const message = messageOfCode(note.code);
  if (!message) throw KoeArgumentError.of(m.unknownNote, { code: note.code });
  return message[lang](note.params);
}

/** A note in both languages. */
export function localizeNote(note: Note): Localized {
  return { ja: renderNote(note, "ja"), en: renderNote(note, "en") };
}

/** A report's table as an arquero table, columns in their published order. */
export function reportTable(report: StudyReport, name: string): Table {
  const t = report.tables[name];
  if (!t) throw KoeArgumentError.of(m.noTable, { name, tables: Object.keys(report.tables) });
  return aq.table(Object.fromEntries(t.columns.map((c) => [c, t.rows.map((r) => r[c] ?? null)])));
}

/** The findings and warnings of a report in words. */
export function reportText(report: StudyReport, lang: Lang = getLanguage()): { findings: string[]; warnings: string[] } {
  return { findings: report.findings.map((n) => renderNote(n, lang)), warnings: report.warnings.map((n) => renderNote(n, lang)) };
}
