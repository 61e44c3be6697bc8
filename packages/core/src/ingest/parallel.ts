// Reading a large CSV file on two threads (issue 13). A worker thread reads the records of the
// second part of the file while this thread reads the first; the columns are then joined. The
// worker starts at the first line feed at or after the split (at 40% of the file), and
// reads only plain records (no quoted field, no blank line, the header's number of fields, each
// ended by a line break, every cell valid in the file's encoding); at anything else it stops, and
// this thread reads on from there. Its part is used only when this thread's tokenizer, reading the
// first part, ends a record exactly where the worker started (the line feed was not inside a
// quoted field): otherwise, or if the worker cannot start or fails, this thread reads the rest
// itself. The result is the same either way: the worker hands each cell over as the number or the
// text this thread would have made of it, and the column's type is still decided on the whole
// column (see ColumnBuilder.appendPart). The hand-over costs little: the worker writes each column's
// numbers after room for this thread's rows, so that a column still numbers becomes the worker's
// array (this thread's rows copied in front; the worker's neither copied nor mapped again), and keeps
// a column of distinct ASCII texts (ids) as bytes, made into strings here by one decode and split.
import { normalizeCell } from "./cells.js";
import type { ByteEncoding } from "./encoding.js";
import { workerThreads, type EvalWorker } from "../runtime/worker-threads.js";

/** Below this many bytes a file is read on one thread: a worker costs tens of milliseconds to start. */
const PARALLEL_MIN_BYTES = 16 * 2 ** 20;

/**
 * One column of the worker's part: numbers (NaN = missing) from `offset` on (the room before it is
 * for this thread's rows: the column can then become this array, see ColumnBuilder.appendPart), or
 * each cell's text as a code into `texts` (-1: missing).
 */
export type PartColumn = { numbers: Float64Array; offset: number } | { codes: Int32Array; texts: string[] };

/** The records the worker read. */
export interface PlainPart {
  rows: number;
  /** Fields of each record (-1 when no record was read). */
  fields: number;
  /** File offsets: the first byte after the first line feed at or after the split, and the first byte the worker did not read. */
  start: number;
  end: number;
  columns: PartColumn[];
}

/** What the worker is told. */
interface PlainJob {
  path: string | null;
  /** The file's bytes from `from` on, when it is not a file. */
  bytes: Uint8Array | null;
  size: number;
  from: number;
  chunkSize: number;
  delimiter: number;
  encoding: ByteEncoding;
  /** Missing markers, normalised. */
  missing: readonly string[];
  digitsAreNumbers: boolean;
  rowsHint: number;
  /** Room left before the worker's numbers: this thread's rows (estimated, with a margin). */
  front: number;
}

/** A worker reading the second part of a file. */
export interface PlainReader {
  /** File offset from which the split is looked for: the first line feed at or after it ends the first part. */
  from: number;
  /** The records it is expected to read (an estimate). */
  rowsHint: number;
  /** The worker's part; null if it failed (this thread then reads the rest). */
  part: Promise<PlainPart | null>;
  stop(): void;
}


let mode: "auto" | "off" | "always" = "auto";
/**
 * Where the split is looked for, as a share of the file: this thread also allocates the columns,
 * joins the parts and finishes, and reads its part more slowly than the worker (measured on 2 cores,
 * a million rows, two reads each: 1.68–1.74 s at 0.5, 1.62–1.69 at 0.45, 1.46–1.62 at 0.34–0.42,
 * 1.54–1.60 at 0.30).
 */
const SHARE = 0.4;
let splitShare = SHARE;
/**
 * Reading on two threads: "auto" (default) for files of 16 MB or more, "off", or "always" (any
 * size: the tests compare both ways on small files); `share` places the split (0.5: the middle).
 * Not part of the public API.
 */
export function setParallelReading(m: "auto" | "off" | "always", share = SHARE): void {
  mode = m;
  splitShare = share;
}
/** Records a worker read and this thread used, since the module loaded (for the tests: the worker's path is really taken). */
export let rowsReadByWorker = 0;
/** Counts rows taken from a worker's part (called by the reader when it joins one). */
export function countWorkerRows(rows: number): void {
  rowsReadByWorker += rows;
}

let workerSource: string | undefined;

/**
 * Starts a worker reading the file from about the split on, or returns null (too small, turned
 * off, no worker threads, one core, or the worker could not start).
 */
export function startPlainReader(
  input: { path: string | null; bytes: Buffer | null },
  size: number,
  job: Pick<PlainJob, "chunkSize" | "delimiter" | "encoding" | "missing" | "digitsAreNumbers">,
  bytesPerRow: number,
): PlainReader | null {
  if (mode === "off" || (mode === "auto" && size < PARALLEL_MIN_BYTES)) return null;
  if (input.path === null && input.bytes === null) return null;
  const Worker = workerThreads();
  if (!Worker) return null;
  const from = Math.max(1, Math.min(size, Math.floor(size * splitShare)));
  const rowsHint = Math.ceil(((size - from) / Math.max(1, bytesPerRow)) * 1.02) + 16;
  const front = Math.ceil((from / Math.max(1, bytesPerRow)) * 1.05) + 64;
  // A copy of the rest of the bytes (a view would send its whole buffer along).
  const bytes = input.path === null ? Uint8Array.prototype.slice.call(input.bytes!, from) : null;
  workerSource ??= `"use strict";\nconst __name = (f) => f;\n(${plainWorker.toString()})((${normalizeCell.toString()}), require("node:fs"), require("node:buffer").isUtf8, require("node:worker_threads"));`;
  let worker: EvalWorker;
  try {
    worker = new Worker(workerSource, { eval: true, workerData: { ...job, path: input.path, bytes, size, from, rowsHint, front } satisfies PlainJob });
  } catch {
    return null;
  }
  const part = new Promise<PlainPart | null>((resolve) => {
    worker.on("message", (v) => resolve(toPart(v as WireResult)));
    worker.on("error", () => resolve(null));
    worker.on("exit", () => resolve(null));
  });
  return { from, rowsHint, part, stop: () => void worker.terminate() };
}

/**
 * What the worker posts: text columns as their distinct texts joined by NUL (or listed, when a text
 * holds a NUL), then the texts it kept as bytes (`raw`: ASCII, NUL-separated; see plainWorker).
 */
type WireColumn = { numbers: Float64Array; offset: number } | { codes: Int32Array; joined: string; raw: Uint8Array | null } | { codes: Int32Array; list: string[]; raw: Uint8Array | null };
type WireResult = { ok: false } | { ok: true; rows: number; fields: number; start: number; end: number; columns: WireColumn[] };

function toPart(r: WireResult): PlainPart | null {
  if (!r.ok) return null;
  const columns = r.columns.map((c): PartColumn => {
    if ("numbers" in c) return c;
    const texts = "list" in c ? c.list : c.joined.split("\u0000");
    // One string of all the raw texts, split: far cheaper than a string made per cell and sent.
    return { codes: c.codes, texts: c.raw === null ? texts : texts.concat(Buffer.from(c.raw.buffer, c.raw.byteOffset, c.raw.length).toString("latin1").split("\u0000")) };
  });
  return { rows: r.rows, fields: r.fields, start: r.start, end: r.end, columns };
}

interface FsLike {
  openSync(path: string, flags: string): number;
  readSync(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

/**
 * The worker's body; self-contained (its source runs in the worker). Reads plain records from the
 * first line feed at or after `from`, each cell as the reader would: a canonical integer of up to
 * 15 digits as a number, a blank as missing when "" is a marker, anything else decoded and
 * normalised (normalizeCell) into text, missing markers as missing. A column is numbers until its
 * first cell that is not; then all its cells are text (the numbers as they were written). Stops
 * at the first record that is not plain, or one with a cell not valid in the encoding.
 */
function plainWorker(normalize: (s: string) => string, fs: FsLike, isUtf8: (b: Uint8Array) => boolean, threads: { workerData: PlainJob; parentPort: { postMessage(v: unknown, transfer?: ArrayBuffer[]): void } }): void {
  const job = threads.workerData;
  const port = threads.parentPort;
  const LF = 10;
  const CR = 13;
  const QUOTE = 34;
  const delim = job.delimiter;
  const missing = new Set(job.missing);
  const blankIsMissing = missing.has("");
  const digits = job.digitsAreNumbers;
  // Numbers are written from `front` on (see PlainJob.front).
  const front = job.front;
  let fd = -1;
  try {
    const sjis = job.encoding === "shift_jis" ? new TextDecoder("shift_jis", { fatal: true }) : null;
    if (job.path !== null) fd = fs.openSync(job.path, "r");
    let filePos = job.from;
    let buf: Buffer = Buffer.alloc(0);
    let bufStart = job.from;
    let p = 0;
    /** Appends the next chunk to what is left of the buffer from p; false at the end of the file. */
    // A file is read into one buffer, reused: what is left of a record moves to its start, the next chunk follows.
    let store = Buffer.allocUnsafe(job.bytes === null ? job.chunkSize * 2 : 0);
    const more = (): boolean => {
      if (filePos >= job.size) return false;
      const n = Math.min(job.chunkSize, job.size - filePos);
      const restLength = buf.length - p;
      if (job.bytes !== null) {
        const chunk = Buffer.from(job.bytes.buffer, job.bytes.byteOffset + (filePos - job.from), n);
        buf = restLength === 0 ? chunk : Buffer.concat([buf.subarray(p), chunk]);
      } else {
        if (store.length < restLength + n) {
          const grown = Buffer.allocUnsafe(2 * (restLength + n));
          buf.copy(grown, 0, p);
          store = grown;
        } else if (restLength > 0) buf.copy(store, 0, p);
        const got = fs.readSync(fd, store, restLength, n, filePos);
        if (got === 0) return false;
        buf = store.subarray(0, restLength + got);
      }
      filePos += buf.length - restLength;
      bufStart += p;
      p = 0;
      return true;
    };
    // The part starts after the first line feed at or after `from`.
    for (;;) {
      const lf = buf.indexOf(LF, p);
      if (lf >= 0) {
        p = lf + 1;
        break;
      }
      p = buf.length;
      if (!more()) {
        port.postMessage({ ok: true, rows: 0, fields: -1, start: -1, end: -1, columns: [] });
        return;
      }
    }
    const start = bufStart + p;
    let rows = 0;
    let nf = -1;
    let cap = Math.max(16, job.rowsHint);
    const nums: (Float64Array | null)[] = [];
    const codes: (Int32Array | null)[] = [];
    const dicts: (Map<string, number> | null)[] = [];
    const lists: string[][] = [];
    // Per text column, the codes of recent cells by their bytes (category columns repeat a few texts): no decoding for a repeat.
    const SLOTS = 256;
    const cacheBytes: (Uint8Array | undefined)[][] = [];
    const cacheCodes: Int32Array[] = [];
    const cacheTries: number[] = [];
    const cacheHits: number[] = [];
    // A column of mostly distinct texts (ids) keeps each plain ASCII cell as bytes (NUL after each),
    // coded RAW + its place among them: no string is made here (its text is exactly its bytes when
    // no byte is a space or control character at either end, none is NUL and it is not a missing marker).
    const RAW = 0x40000000;
    const raws: (Uint8Array | null)[] = [];
    const rawLengths: number[] = [];
    const rawCounts: number[] = [];
    const markerLengths = new Set<number>();
    for (const t of missing) markerLengths.add(t.length);
    /** The code of a text: its place among the column's distinct texts (or, in a column of mostly distinct texts, a new place). */
    const code = (f: number, t: string): number => {
      const d = dicts[f];
      const list = lists[f]!;
      if (d == null) return list.push(t) - 1;
      let c = d.get(t);
      if (c === undefined) {
        c = list.push(t) - 1;
        d.set(t, c);
        // Mostly distinct texts (ids): stop looking them up.
        if (c >= 4096 && c * 2 > rows) dicts[f] = null;
      }
      return c;
    };
    /** A cell as text (the column turned into text first if it was numbers); false when it is not valid in the encoding. */
    const text = (b: Buffer, f: number, s: number, e: number, k: number): boolean => {
      let cs = codes[f];
      if (cs == null) {
        cs = new Int32Array(cap);
        const ns = nums[f]!;
        for (let i = 0; i < k; i++) cs[i] = ns[front + i] !== ns[front + i] ? -1 : code(f, String(ns[front + i]));
        codes[f] = cs;
        nums[f] = null;
      }
      const n = e - s;
      if (dicts[f] === null && n > 0 && n < 256 && b[s]! > 0x20 && b[e - 1]! > 0x20 && !markerLengths.has(n)) {
        let plain = true;
        for (let i = s; i < e; i++) {
          const x = b[i]!;
          if (x >= 0x80 || x === 0) {
            plain = false;
            break;
          }
        }
        if (plain) {
          let raw = raws[f];
          let len = rawLengths[f]!;
          if (raw == null || len + n + 1 > raw.length) {
            const grown = new Uint8Array(Math.max(1 << 16, 2 * (len + n + 1)));
            if (raw != null) grown.set(raw.subarray(0, len));
            raws[f] = raw = grown;
          }
          for (let i = s; i < e; i++) raw[len++] = b[i]!;
          raw[len++] = 0;
          rawLengths[f] = len;
          cs[k] = RAW + rawCounts[f]!++;
          return true;
        }
      }
      const cached = n <= 32 && cacheTries[f]! >= 0;
      let slot = 0;
      if (cached) {
        let h = 0x811c9dc5;
        for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
        slot = (h >>> 0) & (SLOTS - 1);
        const hit = cacheBytes[f]![slot];
        cacheTries[f]!++;
        if (hit !== undefined && hit.length === n) {
          let same = true;
          for (let i = 0; i < n; i++) {
            if (hit[i] !== b[s + i]) {
              same = false;
              break;
            }
          }
          if (same) {
            cacheHits[f]!++;
            cs[k] = cacheCodes[f]![slot]!;
            return true;
          }
        }
        // Mostly distinct cells: stop caching.
        if (cacheTries[f]! >= 4096 && cacheHits[f]! * 2 < cacheTries[f]!) cacheTries[f] = -1;
      }
      let t = "";
      if (n > 0) {
        let ascii = true;
        for (let i = s; i < e; i++) {
          if (b[i]! >= 0x80) {
            ascii = false;
            break;
          }
        }
        if (ascii) t = b.toString("latin1", s, e);
        else if (sjis === null) {
          if (!isUtf8(b.subarray(s, e))) return false;
          t = b.toString("utf8", s, e);
        } else {
          try {
            t = sjis.decode(b.subarray(s, e));
          } catch {
            return false;
          }
        }
        t = normalize(t);
      }
      const c = missing.has(t) ? -1 : code(f, t);
      cs[k] = c;
      if (cached) {
        cacheBytes[f]![slot] = Uint8Array.prototype.slice.call(b, s, e);
        cacheCodes[f]![slot] = c;
      }
      return true;
    };
    const grow = () => {
      cap *= 2;
      for (let f = 0; f < nf; f++) {
        const a = nums[f];
        if (a != null) (nums[f] = new Float64Array(front + cap)).set(a);
        const c = codes[f];
        if (c != null) (codes[f] = new Int32Array(cap)).set(c);
      }
    };
    /** Reads the record at q (its line feed is in the buffer) into row `rows`; returns where the next starts, or -1 (not plain). */
    const record = (b: Buffer, q: number): number => {
      const first = b[q]!;
      if (first === LF || first === CR) return -1;
      if (nf < 0) {
        // The first record sets the number of fields.
        nf = 1;
        for (let i = q; b[i] !== LF && b[i] !== CR; i++) if (b[i] === delim) nf++;
        for (let f = 0; f < nf; f++) {
          nums.push(new Float64Array(front + cap));
          codes.push(null);
          dicts.push(new Map());
          lists.push([]);
          cacheBytes.push(new Array<Uint8Array | undefined>(SLOTS));
          cacheCodes.push(new Int32Array(SLOTS));
          cacheTries.push(0);
          cacheHits.push(0);
          raws.push(null);
          rawLengths.push(0);
          rawCounts.push(0);
        }
      }
      if (rows === cap) grow();
      const k = rows;
      const expected = nf;
      let f = 0;
      for (;;) {
        if (f === expected) return -1;
        const s = q;
        let c = b[q]!;
        if (c === QUOTE) return -1;
        let v = 0;
        while (c >= 0x30 && c <= 0x39) {
          v = v * 10 + (c - 0x30);
          c = b[++q]!;
        }
        const digitsEnd = q;
        while (c !== delim && c !== LF && c !== CR) c = b[++q]!;
        const n = q - s;
        const ns = nums[f]!;
        if (ns !== null && digits && digitsEnd === q && (n === 1 || (n > 1 && n <= 15 && b[s] !== 0x30))) ns[front + k] = v;
        else if (ns !== null && n === 0 && blankIsMissing) ns[front + k] = Number.NaN;
        else if (!text(b, f, s, q, k)) return -1;
        f++;
        if (c === delim) {
          q++;
          continue;
        }
        if (c === CR) {
          if (b[q + 1] !== LF) return -1;
          q += 2;
        } else q++;
        break;
      }
      return f === expected ? q : -1;
    };
    read: for (;;) {
      const b = buf;
      const lastLf = b.lastIndexOf(LF);
      let q = p;
      while (q <= lastLf) {
        const next = record(b, q);
        if (next < 0) break;
        q = next;
        rows++;
      }
      p = q;
      if (q <= lastLf || !more()) break read;
    }
    const columns: unknown[] = [];
    const transfer: ArrayBuffer[] = [];
    for (let f = 0; f < Math.max(0, nf); f++) {
      const ns = nums[f];
      if (ns != null) {
        columns.push({ numbers: ns, offset: front });
        transfer.push(ns.buffer as ArrayBuffer);
        continue;
      }
      const list = lists[f]!;
      const cs = codes[f]!;
      transfer.push(cs.buffer as ArrayBuffer);
      // The raw texts follow the listed ones.
      const raw = raws[f];
      if (raw != null) {
        const shift = list.length - RAW;
        for (let i = 0; i < rows; i++) if (cs[i]! >= RAW) cs[i] = cs[i]! + shift;
        transfer.push(raw.buffer as ArrayBuffer);
      }
      const rawBytes = raw == null ? null : raw.subarray(0, rawLengths[f]! - 1);
      columns.push(list.some((t) => t.includes("\u0000")) ? { codes: cs, list, raw: rawBytes } : { codes: cs, joined: list.join("\u0000"), raw: rawBytes });
    }
    port.postMessage({ ok: true, rows, fields: nf, start, end: bufStart + p, columns }, transfer);
  } catch {
    port.postMessage({ ok: false });
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
