// koe.config.json: what `koe init` learned from a file's header, and what every other command reads
// — the user's headers mapped to koe's fields, the cell texts that mean "no answer", the Likert items
// (and, for items koe does not know, an instrument made of them).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { DEFAULT_MISSING, Instrument, KoeArgumentError, parseOptions, z, type Lang } from "@koe/core";
import { UsageError } from "./exit.js";
import { usageMessages as m } from "./messages.js";

/** What a file holds, as the command recognises it from its columns. */
export const FileKind = z.enum(["respondents", "ratings", "comments", "transcripts"]);
export type FileKind = z.infer<typeof FileKind>;

/** One Likert item found by `koe init`: its column (as the file names it) and its answer range. */
export const ConfigItem = z.strictObject({
  column: z.string().min(1),
  min: z.int(),
  max: z.int(),
});

/**
 * The configuration (zod schema; `KoeConfig` is its output). Every key is optional; an unknown key is
 * an error naming the closest known one.
 * - `headers`: your header → koe's field id (`{ "所属会社": "company" }`); headers koe knows already
 *   (会社, 世代, eng_01_pre …) need no entry.
 * - `missing`: cell texts that mean "no answer" (default "", NA, N/A, 無回答).
 * - `items`: the Likert items (column, min, max), drawn as Likert bars by `koe segments` and `koe report`.
 * - `instrument`: an instrument for items koe does not know (see `Instrument`), so that respondents
 *   are read with them as numbers and the cross-boundary study scores its scales; null: koe's survey.
 * - `unmapped`: headers init could not map (for you to read; the commands ignore it).
 */
export const KoeConfig = z.object({
  version: z.literal(1).default(1),
  source: z.string().optional(),
  kind: FileKind.optional(),
  headers: z.record(z.string(), z.string()).default({}),
  missing: z.array(z.string()).default([...DEFAULT_MISSING]),
  items: z.array(ConfigItem).default([]),
  instrument: z.custom<z.input<typeof Instrument>>((v) => Instrument.safeParse(v).success, "an instrument: { id, ja, en, scales, items } (see Instrument)").nullable().default(null),
  unmapped: z.array(z.string()).default([]),
});
export type KoeConfig = z.output<typeof KoeConfig>;

/** The default configuration file name. */
export const CONFIG_FILE = "koe.config.json";

/**
 * Reads a configuration: the file given (which must exist), else koe.config.json in the working
 * folder when there is one, else the defaults.
 * @throws {UsageError} when the given file is missing, is not JSON, or does not match the schema.
 */
export function loadConfig(path: string | undefined, lang: Lang): KoeConfig {
  const file = path ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (file === undefined) return KoeConfig.parse({});
  if (!existsSync(file)) throw UsageError.of(m.noFile, { path: file }, lang);
  const json = readJson(file, lang);
  try {
    return parseOptions(file, KoeConfig, json);
  } catch (e) {
    if (e instanceof KoeArgumentError) throw UsageError.of(m.badConfig, { path: file, detail: e.localized[lang] }, lang);
    throw e;
  }
}

/** A JSON file's content, or a UsageError naming the file and the parser's complaint. */
export function readJson(path: string, lang: Lang): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw UsageError.of(m.badJson, { path, detail: e instanceof Error ? e.message : String(e) }, lang);
  }
}

/** Writes a configuration as readable JSON (two-space indent, a final newline). */
export function writeConfig(path: string, config: KoeConfig): void {
  writeFileSync(path, JSON.stringify(config, null, 2) + "\n");
}

/** The reader options a configuration implies: header mappings, missing markers, the instrument. */
export function readerOptions(config: KoeConfig): { headers: Record<string, string>; missing: string[] } {
  return { headers: config.headers, missing: config.missing };
}
