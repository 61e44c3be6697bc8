// respondents.csv of any size, streamed: for benchmarks of a million rows and more.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { writeChunks } from "./csv.js";
import { DEFAULT_SEED } from "./dataset.js";
import { MAX_LINE_BYTES, respondentHeader, respondents, writeRespondentLine } from "./respondents.js";

const CHUNK_BYTES = 1 << 20;

/** The file in chunks of about 1 MB of ASCII bytes, each a fresh buffer (the stream keeps it until written). */
function* respondentChunks(n: number, seed: number): Generator<Uint8Array> {
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let offset = buf.write(respondentHeader, 0, "latin1");
  for (const p of respondents(n, seed)) {
    if (offset + MAX_LINE_BYTES > CHUNK_BYTES) {
      yield buf.subarray(0, offset);
      buf = Buffer.allocUnsafe(CHUNK_BYTES);
      offset = 0;
    }
    offset = writeRespondentLine(p, buf, offset);
  }
  yield buf.subarray(0, offset);
}

/**
 * Streams `n` respondents to a CSV file (creating its directory) without holding them: memory stays flat, and 1,000,000
 * rows (about 171 MB, 66 columns) take several seconds. Row i equals row i of respondents.csv written by
 * generateDataset with the same seed.
 * @example
 * await writeRespondentsCsv(".bench-data/respondents-1000000.csv", { n: 1_000_000 });
 * @throws {RangeError} when `n` is not a whole number ≥ 0.
 */
export async function writeRespondentsCsv(path: string, { n, seed = DEFAULT_SEED }: { n: number; seed?: number }): Promise<void> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`writeRespondentsCsv: n must be a whole number (got ${n})`);
  mkdirSync(dirname(path), { recursive: true });
  await writeChunks(path, respondentChunks(n, seed));
}
