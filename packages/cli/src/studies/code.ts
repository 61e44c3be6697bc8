// `koe code`: free-text comments coded against a codebook, the codes counted by a segment (the
// comments' own, or the respondents' joined on respondent_id), free-text minimum 10 people.
import { codeFrequencies, codeTexts, knownField, localize, type CodingCodebook, type Lang, type Table } from "@koe/core";
import { codeBarChart, codeHeatmapChart } from "@koe/charts";
import { titleMessages as t } from "../messages.js";
import { oneReport, type StudyOutput } from "../write.js";
import { filled } from "../columns.js";

/** Options of the coding study as the command takes them. */
export interface CodeSettings {
  lang: Lang;
  seed: number;
  missing: string[];
  by?: string | undefined;
}

/** Segments looked for, in this order, when `by` is not given. */
const DEFAULT_BY = ["generation", "layer", "job_type", "company"];

/**
 * The comments with the respondents' columns they lack, joined on respondent_id (a comment without
 * its respondent keeps blanks).
 */
export function withRespondents(comments: Table, respondents: Table | null): Table {
  if (respondents === null) return comments;
  const own = new Set(comments.columnNames());
  const added = respondents.columnNames().filter((c) => !own.has(c));
  if (!own.has("respondent_id") || !respondents.columnNames().includes("respondent_id") || added.length === 0) return comments;
  return comments.join_left(respondents.select("respondent_id", ...added), "respondent_id");
}

/**
 * codeTexts then codeFrequencies by the segment, with the codes' bar and heatmap charts.
 * @throws {KoeError} when the comments or the codebook cannot be used (no text column, no segment …).
 */
export function runCode(comments: Table, codebook: CodingCodebook, respondents: Table | null, s: CodeSettings): StudyOutput {
  const table = withRespondents(comments, respondents);
  const person = table.columnNames().includes("respondent_id") ? { person: "respondent_id" } : {};
  const coded = codeTexts(table, { text: "text", codebook, missing: s.missing, ...person });
  const by = s.by ?? DEFAULT_BY.find((c) => filled(table, c)) ?? "company";
  const report = codeFrequencies(coded, { by, seed: s.seed });
  const byName = knownField(by)?.meta[s.lang] ?? by;
  return oneReport("code", "voices", localize(t.voices, {})[s.lang], report, [
    ["voices-codes", localize(t.codesChart, {})[s.lang], () => codeBarChart(report.tables.overall!, { lang: s.lang })],
    [`voices-by-${by.replace(/_/g, "-")}`, localize(t.codesByChart, { by: byName })[s.lang], () => codeHeatmapChart(report.tables.frequencies!, { by, lang: s.lang })],
  ]);
}
