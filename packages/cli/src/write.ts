// A study's outputs on disk: each of its reports' tables as CSV (UTF-8 with BOM, as Excel opens it),
// its readings as text, its charts as SVG — and its findings printed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KoeError, reportTable, reportText, writeCsv, type StudyReport } from "@koe/core";
import { renderSvg } from "@koe/charts";
import type { Io } from "./io.js";
import { dataMessages, runMessages } from "./messages.js";

/** A chart as the charts package builds it (a vega-lite spec). */
export type ChartSpec = Parameters<typeof renderSvg>[0];

/** The studies the command runs. */
export type StudyId = "matrix" | "compare" | "code" | "segments";

/** A chart of a study: its file (without .svg), its caption, and how to build it. */
export interface StudyChart {
  file: string;
  title: string;
  /** Built when drawn, so that a chart refusing its input is reported without stopping the others. */
  build: () => ChartSpec;
}

/** One report of a study (a section of the report page) with the charts drawn from it. */
export interface StudyPart {
  /** The part's name in file names (`""` for a study of one report). */
  part: string;
  /** The section's heading. */
  title: string;
  report: StudyReport;
  charts: StudyChart[];
}

/** What one study produced: its reports (by part) and their charts. */
export interface StudyOutput {
  study: StudyId;
  /** The files' prefix: `<prefix>-<part>-<table>.csv`, `reading-<prefix>.txt`. */
  prefix: string;
  parts: StudyPart[];
}

/**
 * A study of one report: one part, named `title`, with its charts given as [file, caption, build].
 * @example
 * oneReport("matrix", "initiatives", "施策", report, [["initiatives-matrix", "上位施策", () => spec]]).parts[0].charts[0].file // => "initiatives-matrix"
 */
export function oneReport(study: StudyId, prefix: string, title: string, report: StudyReport, charts: readonly (readonly [string, string, () => ChartSpec])[]): StudyOutput {
  return { study, prefix, parts: [{ part: "", title, report, charts: charts.map(([file, caption, build]) => ({ file, title: caption, build })) }] };
}

/** A part as the report page takes it: the charts that could be drawn. */
export interface WrittenPart {
  title: string;
  report: StudyReport;
  charts: { title: string; spec: ChartSpec }[];
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The CSV file of one table of a study's part. */
export function tableFile(output: StudyOutput, part: string, table: string): string {
  return [output.prefix, part, kebab(table)].filter((s) => s !== "").join("-") + ".csv";
}

/** How many charts a study draws (steps of the progress bar). */
export const chartCount = (output: StudyOutput) => output.parts.reduce((n, p) => n + p.charts.length, 0);

/**
 * Writes a study's tables, readings and charts into `out` and prints its findings and warnings.
 * A chart that cannot be drawn is reported and skipped (the tables are written all the same).
 * @returns the files written, the parts with the charts drawn (for the report page), and whether every chart was drawn.
 */
export async function writeStudy(output: StudyOutput, out: string, name: string, io: Io): Promise<{ files: string[]; parts: WrittenPart[]; complete: boolean }> {
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const { part, report } of output.parts) {
    for (const table of Object.keys(report.tables)) {
      const path = join(out, tableFile(output, part, table));
      await writeCsv(reportTable(report, table), path);
      files.push(path);
    }
  }
  const readings = output.parts.map(({ report }) => reportText(report, io.lang));
  const reading = join(out, `reading-${output.prefix}.txt`);
  writeFileSync(reading, readings.flatMap((r) => [...r.findings, ...r.warnings.map((w) => `! ${w}`)]).join("\n") + "\n");
  files.push(reading);
  const findings = readings.flatMap((r) => r.findings);
  const warnings = readings.flatMap((r) => r.warnings);
  io.say(io.text(findings.length > 0 ? runMessages.findings : runMessages.noFindings, { study: name }));
  for (const f of findings) io.say(`  • ${f}`);
  if (warnings.length > 0) {
    io.say(`  ${io.text(runMessages.warnings, {})}`);
    for (const w of warnings) io.say(`  ! ${w}`);
  }
  let complete = true;
  const parts: WrittenPart[] = [];
  for (const { title, report, charts } of output.parts) {
    const drawn: WrittenPart["charts"] = [];
    for (const chart of charts) {
      io.progress.step(io.text(runMessages.stepChart, { chart: chart.file }));
      try {
        const spec = chart.build();
        const path = join(out, `${chart.file}.svg`);
        writeFileSync(path, await renderSvg(spec));
        files.push(path);
        drawn.push({ title: chart.title, spec });
      } catch (e) {
        if (!(e instanceof KoeError)) throw e;
        complete = false;
        io.warn(io.text(dataMessages.studyFailed, { study: chart.file, message: e.localized[io.lang] }));
      }
    }
    parts.push({ title, report, charts: drawn });
  }
  return { files, parts, complete };
}
