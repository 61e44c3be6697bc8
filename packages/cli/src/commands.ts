// What each command does, once its arguments are parsed: read, run, write, and say how it went.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { KoeError, localize, readCodebook, type CodingCodebook, type Table } from "@koe/core";
import { buildReport } from "@koe/charts";
import { CONFIG_FILE, loadConfig, readJson, writeConfig, type FileKind, type KoeConfig } from "./config.js";
import { EXIT, UsageError } from "./exit.js";
import { filled } from "./columns.js";
import { initConfig } from "./init.js";
import { readInput, requireFile, type Input, type ReadSettings } from "./inputs.js";
import type { Io } from "./io.js";
import { dataMessages, runMessages, studyNames, titleMessages, usageMessages } from "./messages.js";
import { peekFile } from "./peek.js";
import { runCode } from "./studies/code.js";
import { runCompare } from "./studies/compare.js";
import { runMatrix } from "./studies/matrix.js";
import { runSegments } from "./studies/segments.js";
import { chartCount, writeStudy, type StudyId, type StudyOutput, type WrittenPart } from "./write.js";

/** The options every command may be given (each command declares those it takes). */
export interface CommandOptions {
  config?: string;
  out?: string;
  strict?: boolean;
  quiet?: boolean;
  seed?: number;
  resamples?: number;
  wave?: number;
  codebook?: string;
  respondents?: string;
  by?: string;
  rules?: string;
  sheet?: string | number;
  title?: string;
  force?: boolean;
}

/** The default output folder. */
export const DEFAULT_OUT = "report";

const settingsOf = (o: CommandOptions, out: string | null): ReadSettings => ({ strict: o.strict === true, sheet: o.sheet, out });

/** `koe init <file>`: writes the configuration learned from the file's head. */
export async function initCommand(file: string, o: CommandOptions, io: Io): Promise<number> {
  requireFile(file, io);
  const target = o.config ?? CONFIG_FILE;
  if (existsSync(target) && o.force !== true) throw UsageError.of(usageMessages.configExists, { path: target }, io.lang);
  const head = await peekFile(file, o.sheet);
  const { config, kind, mapped, guessed } = initConfig(head.table, basename(file));
  writeConfig(target, config);
  const kindText = io.text(runMessages.kind, { kind: kind ?? "?" });
  io.say(io.text(runMessages.configWritten, { path: target, kind: kindText, mapped, unmapped: config.unmapped, items: config.items.length, missing: config.missing }));
  for (const g of guessed) io.say(`  ${g.header} → ${g.field}`);
  if (kind === null) io.warn(io.text(dataMessages.notRecognised, { file, columns: head.table.columnNames() }));
  return EXIT.ok;
}

/** Everything a study needs from the files, found by kind. */
interface Found {
  respondents: Table | null;
  ratings: Table | null;
  comments: Table | null;
  codebook: CodingCodebook | null;
}

function found(inputs: readonly Input[]): Found {
  const table = (kind: string) => {
    const input = inputs.find((i) => i.kind === kind);
    return input !== undefined && "read" in input ? input.read.table : null;
  };
  const book = inputs.find((i) => i.kind === "codebook");
  return { respondents: table("respondents"), ratings: table("ratings"), comments: table("comments"), codebook: book !== undefined && "codebook" in book ? book.codebook : null };
}

/** The waves of the configuration's instrument (koe's survey: before and after). */
const wavesOf = (config: KoeConfig) => (config.instrument === null ? 2 : (config.instrument.waves ?? []).length);

/** Runs one study on what was found (the caller checked it is there). */
function runStudy(study: StudyId, f: Found, config: KoeConfig, o: CommandOptions, io: Io): StudyOutput {
  const common = { lang: io.lang, seed: o.seed ?? 1 };
  switch (study) {
    case "matrix":
      return runMatrix(f.ratings!, { ...common, missing: config.missing, wave: o.wave, resamples: o.resamples });
    case "compare":
      return runCompare(f.respondents!, config, { ...common, resamples: o.resamples });
    case "code":
      return runCode(f.comments!, f.codebook!, f.respondents, { ...common, missing: config.missing, by: o.by });
    case "segments":
      return runSegments(f.respondents!, config, { lang: io.lang, by: o.by, rules: o.rules === undefined ? undefined : readJson(o.rules, io.lang) });
  }
}

/** Runs a study and writes what it gives; a KoeError from the study is the caller's to handle. */
async function studyStep(study: StudyId, f: Found, config: KoeConfig, o: CommandOptions, out: string, io: Io): Promise<{ files: string[]; parts: WrittenPart[]; complete: boolean }> {
  const name = io.text(studyNames[study], {});
  io.progress.step(io.text(runMessages.stepStudy, { study: name }));
  const output = runStudy(study, f, config, o, io);
  io.progress.add(chartCount(output));
  return writeStudy(output, out, name, io);
}

/** What each single-study command reads. */
const SINGLE: Record<StudyId, FileKind> = { matrix: "ratings", compare: "respondents", code: "comments", segments: "respondents" };

/** `koe matrix|compare|code|segments <file>`: one study, its tables, readings and charts. */
export async function studyCommand(study: StudyId, file: string, o: CommandOptions, io: Io): Promise<number> {
  const config = loadConfig(o.config, io.lang);
  const out = o.out ?? DEFAULT_OUT;
  const extra = [o.codebook, o.respondents].filter((x): x is string => x !== undefined);
  if (study === "code" && o.codebook === undefined) throw UsageError.of(usageMessages.missingArgument, { command: "code", argument: "--codebook <file>" }, io.lang);
  for (const path of [file, ...extra, ...(o.rules !== undefined ? [o.rules] : [])]) requireFile(path, io);
  io.progress.start(1 + extra.length + 1);
  const inputs = [await readInput(file, config, settingsOf(o, out), io, [SINGLE[study]])];
  if (o.codebook !== undefined) inputs.push(await readCodebookInput(o.codebook, io));
  if (o.respondents !== undefined) inputs.push(await readInput(o.respondents, config, settingsOf(o, out), io, ["respondents"]));
  const { files, complete } = await studyStep(study, found(inputs), config, o, out, io);
  io.progress.stop();
  io.say(io.text(runMessages.wrote, { count: files.length, dir: out }));
  return complete ? EXIT.ok : EXIT.data;
}

/** The codebook an option names (JSON or CSV, whatever its extension). */
async function readCodebookInput(path: string, io: Io): Promise<Input> {
  io.progress.step(io.text(runMessages.stepRead, { file: basename(path) }));
  return { kind: "codebook", path, name: basename(path), codebook: await readCodebook(path) };
}

/**
 * `koe report <files…>`: reads every file, runs each study the files allow (a study that cannot run
 * on them is reported and the others go on, exit code 1), writes the tables, charts, readings and
 * the report page (report.html).
 */
export async function reportCommand(files: readonly string[], o: CommandOptions, io: Io): Promise<number> {
  const config = loadConfig(o.config, io.lang);
  const out = o.out ?? DEFAULT_OUT;
  const named = [o.codebook, o.rules].filter((x): x is string => x !== undefined);
  for (const path of [...files, ...named]) requireFile(path, io);
  io.progress.start(files.length + (o.codebook !== undefined ? 1 : 0));
  const inputs: Input[] = [];
  for (const path of files) inputs.push(await readInput(path, config, settingsOf(o, out), io));
  if (o.codebook !== undefined) inputs.push(await readCodebookInput(o.codebook, io));
  const f = found(inputs);
  const plan: { study: StudyId; ready: boolean; reason: string }[] = [
    { study: "segments", ready: f.respondents !== null, reason: "" },
    {
      study: "compare",
      ready: f.respondents !== null && filled(f.respondents, "cross_boundary") && wavesOf(config) >= 2,
      reason: wavesOf(config) >= 2 ? io.text(runMessages.needsColumn, { column: "cross_boundary" }) : io.text(runMessages.needsWaves, {}),
    },
    { study: "matrix", ready: f.ratings !== null, reason: "" },
    { study: "code", ready: f.comments !== null && f.codebook !== null, reason: io.text(runMessages.needsCodebook, {}) },
  ];
  const runnable = plan.filter((p) => p.ready);
  io.progress.add(runnable.length + 1);
  for (const p of plan) if (!p.ready && p.reason !== "" && (p.study !== "compare" || f.respondents !== null) && (p.study !== "code" || f.comments !== null)) io.say(io.text(runMessages.skipped, { study: io.text(studyNames[p.study], {}), reason: p.reason }));
  if (inputs.some((i) => i.kind === "transcripts")) io.say(io.text(runMessages.transcriptsRead, {}));
  if (runnable.length === 0) throw KoeError.of(dataMessages.nothingToRun, {});
  let failed = false;
  const written: string[] = [];
  const sections: WrittenPart[] = [];
  for (const { study } of runnable) {
    try {
      const r = await studyStep(study, f, config, o, out, io);
      written.push(...r.files);
      sections.push(...r.parts);
      failed ||= !r.complete;
    } catch (e) {
      if (!(e instanceof KoeError)) throw e;
      failed = true;
      io.warn(io.text(dataMessages.studyFailed, { study: io.text(studyNames[study], {}), message: e.localized[io.lang] }));
    }
  }
  if (sections.length > 0) {
    io.progress.step(io.text(runMessages.stepReport, {}));
    const reads = inputs.flatMap((i) => {
      if (!("read" in i)) return [];
      const { rowsRead, rowsAccepted, rowsRejected, encoding } = i.read.summary;
      return [{ file: i.name, rowsRead, rowsAccepted, rowsRejected, encoding, issues: i.read.issues.length }];
    });
    const html = await buildReport(sections, { lang: io.lang, title: o.title ?? localize(titleMessages.report, {})[io.lang], reads });
    mkdirSync(out, { recursive: true });
    const page = join(out, "report.html");
    writeFileSync(page, html);
    written.push(page);
    io.progress.stop();
    io.say(io.text(runMessages.reportWritten, { path: page }));
  }
  io.progress.stop();
  io.say(io.text(runMessages.wrote, { count: written.length, dir: out }));
  return failed ? EXIT.data : EXIT.ok;
}
