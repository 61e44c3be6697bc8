// Reading the files a command is given: each recognised by its columns (or a codebook by its
// extension), read by koe's reader for what it holds with the configuration's headers and markers,
// and accounted for — rows read, accepted, rejected, and every issue with its row and column.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import * as aq from "arquero";
import {
  formatIssue, Instrument, KoeError, KoeReadError, readCodebook, readComments, readInitiativeRatings, readRespondents, readTranscripts, writeCsv,
  type CodingCodebook, type Issue, type ReadResult,
} from "@koe/core";
import { readerOptions, type FileKind, type KoeConfig } from "./config.js";
import { UsageError } from "./exit.js";
import type { Io } from "./io.js";
import { dataMessages, runMessages, usageMessages } from "./messages.js";
import { peekFile } from "./peek.js";
import { kindOf, mapHeaders } from "./recognise.js";

/** A file read: a table of what it holds, or a codebook. */
export type Input =
  | { kind: FileKind; path: string; name: string; read: ReadResult }
  | { kind: "codebook"; path: string; name: string; codebook: CodingCodebook };

/** How files are read: strictly (a rejected row is an error) or not, which sheet of a workbook, where issues are written. */
export interface ReadSettings {
  strict: boolean;
  sheet?: string | number | undefined;
  /** The folder for `issues-<file>.csv` (none: issues are only printed). */
  out: string | null;
}

/** Issues printed per file; all of them go to `issues-<file>.csv`. */
const SHOWN_ISSUES = 10;

/** Throws a usage error unless `path` is an existing file. */
export function requireFile(path: string, io: Io): void {
  if (!existsSync(path)) throw UsageError.of(usageMessages.noFile, { path }, io.lang);
  if (statSync(path).isDirectory()) throw UsageError.of(usageMessages.notAFile, { path }, io.lang);
}

/** What a file holds, from its header (a .json file is a codebook). */
export async function recogniseFile(path: string, config: KoeConfig, sheet?: string | number): Promise<FileKind | "codebook"> {
  if (extname(path).toLowerCase() === ".json") return "codebook";
  const head = await peekFile(path, sheet);
  const kind = kindOf(mapHeaders(head.table.columnNames(), config));
  if (kind === null) throw KoeError.of(dataMessages.notRecognised, { file: path, columns: head.table.columnNames().map((c) => c.replace(/\uFEFF/g, "")) });
  return kind;
}

/**
 * Reads a file for what it holds (`expect`: the kinds the command takes; the file's own kind
 * otherwise), prints its account and first issues, writes every issue to CSV.
 * @throws {UsageError} for a missing file; {@link KoeError} for a file that cannot be read, is not
 *   what the command needs, or (strict) has rejected rows.
 */
export async function readInput(path: string, config: KoeConfig, settings: ReadSettings, io: Io, expect?: readonly (FileKind | "codebook")[]): Promise<Input> {
  requireFile(path, io);
  const name = basename(path);
  io.progress.step(io.text(runMessages.stepRead, { file: name }));
  const kind = await recogniseFile(path, config, settings.sheet);
  if (expect !== undefined && !expect.includes(kind)) {
    const kindText = (k: string) => io.text(runMessages.kind, { kind: k });
    throw KoeError.of(dataMessages.wrongKind, { file: path, kind: kindText(kind), needed: expect.map(kindText).join(" / ") });
  }
  if (kind === "codebook") return { kind, path, name, codebook: await readCodebook(path) };
  let read: ReadResult;
  try {
    read = await readTable(kind, path, config, settings);
  } catch (e) {
    if (e instanceof KoeReadError) showIssues(e.issues, io);
    throw e;
  }
  const { rowsRead, rowsAccepted, rowsRejected } = read.summary;
  io.say(io.text(runMessages.read, { file: name, kind: io.text(runMessages.kind, { kind }), read: rowsRead, accepted: rowsAccepted, rejected: rowsRejected, issues: read.issues.length }));
  if (read.issues.length > 0) {
    const written = settings.out === null ? null : await writeIssues(read.issues, settings.out, name);
    showIssues(read.issues, io, written);
  }
  return { kind, path, name, read };
}

function readTable(kind: FileKind, path: string, config: KoeConfig, settings: ReadSettings): Promise<ReadResult> {
  const options = { ...readerOptions(config), strict: settings.strict, ...(settings.sheet !== undefined ? { sheet: settings.sheet } : {}) };
  switch (kind) {
    case "respondents":
      return readRespondents(path, { ...options, ...(config.instrument !== null ? { instrument: Instrument.parse(config.instrument) } : {}) });
    case "ratings":
      return readInitiativeRatings(path, options);
    case "comments":
      return readComments(path, options);
    case "transcripts":
      return readTranscripts(path, options);
  }
}

/** The first issues, each with its row and column, on stderr; the rest counted. */
function showIssues(issues: readonly Issue[], io: Io, written: string | null = null): void {
  // Errors (rejected rows, missing columns) before warnings, each group in the reader's order.
  // Fields of koe's model the file does not have are one line, not one warning each.
  const absent = issues.filter((i) => i.code === "missing_column" && i.severity === "warning");
  const rest = issues.filter((i) => !absent.includes(i));
  const ordered = [...rest.filter((i) => i.severity === "error"), ...rest.filter((i) => i.severity !== "error")];
  for (const issue of ordered.slice(0, SHOWN_ISSUES)) io.warn(`  ${issue.severity === "error" ? "✗" : "!"} ${formatIssue(issue, io.lang)}`);
  if (absent.length > 0) io.warn(`  ! ${io.text(runMessages.absentColumns, { columns: absent.map((i) => i.column ?? "") })}`);
  if (ordered.length > SHOWN_ISSUES && written !== null) io.warn(io.text(runMessages.moreIssues, { more: ordered.length - SHOWN_ISSUES, path: written }));
  else if (written !== null) io.warn(io.text(runMessages.issuesWritten, { path: written }));
}

/** Every issue of a file as CSV (row, column, value, code, severity, message in the command's language). */
async function writeIssues(issues: readonly Issue[], out: string, name: string): Promise<string> {
  mkdirSync(out, { recursive: true });
  const path = join(out, `issues-${name.replace(/\.[^.]+$/, "")}.csv`);
  const table = aq.from(issues.map((i) => ({ row: i.row, column: i.column, value: i.value, code: i.code, severity: i.severity, message_ja: i.localized.ja, message_en: i.localized.en })));
  await writeCsv(table, path);
  return path;
}
