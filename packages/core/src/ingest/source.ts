import { closeSync, openSync, readSync, statSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { localize } from "../errors/catalogue.js";
import { KoeArgumentError, KoeReadError } from "../errors/errors.js";
import { readMessages as m } from "../errors/messages.js";

/** What a reader reads: a file path, CSV text, or bytes. `{ path }` and `{ text }` say which explicitly. */
export type CsvSource = string | Uint8Array | ArrayBuffer | { path: string } | { text: string };

export interface OpenedSource {
  chunks: AsyncIterable<Buffer>;
  /** Total bytes when known in advance (for capacity estimates). */
  size: number | null;
  label: string;
  /** The file's path, or its bytes when the source is in memory (for a worker reading part of it). */
  path: string | null;
  bytes: Buffer | null;
  /** The chunks from a byte offset on. */
  from(offset: number): AsyncIterable<Buffer>;
}

const DEFAULT_CHUNK = 1 << 20;

function* slices(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, Math.min(buf.length, i + size));
}

async function* fromSync(it: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* it;
}

/** How a value that is not a source is named in the error (never the value itself: it may be large). */
function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") {
    const keys = Object.keys(v as object);
    return keys.length === 0 ? "{}" : `an object with keys ${keys.slice(0, 5).join(", ")}`;
  }
  return typeof v === "string" ? "an empty string" : typeof v;
}

/** The source as `{ path } | { text } | bytes`, or a KoeArgumentError naming what was given instead. */
export function checkSource(fn: string, source: unknown): { kind: "path"; path: string } | { kind: "text"; text: string } | { kind: "bytes"; bytes: Buffer } {
  if (typeof source === "string" && source !== "") return /[\r\n]/.test(source) ? { kind: "text", text: source } : { kind: "path", path: source };
  if (source instanceof ArrayBuffer) return { kind: "bytes", bytes: Buffer.from(source) };
  if (source instanceof Uint8Array) return { kind: "bytes", bytes: Buffer.from(source.buffer, source.byteOffset, source.byteLength) };
  if (source !== null && typeof source === "object" && !Array.isArray(source)) {
    const o = source as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.path === "string" && o.path !== "") return { kind: "path", path: o.path };
    if (keys.length === 1 && typeof o.text === "string") return { kind: "text", text: o.text };
  }
  throw KoeArgumentError.of(m.badSource, { fn, got: describe(source) });
}

export function unreadable(path: string, e: unknown): KoeReadError {
  const code = (e as NodeJS.ErrnoException).code;
  const [reason, reasonJa] =
    code === "ENOENT" ? ["no such file", "ファイルがありません"] : code === "EISDIR" ? ["it is a directory", "フォルダーです"] : code === "EACCES" ? ["permission denied", "読む権限がありません"] : [(e as Error).message, (e as Error).message];
  return new KoeReadError(localize(m.sourceUnreadable, { source: path, reason, reasonJa }), [], "source_unreadable");
}

function sizeOf(path: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error("it is a directory"), { code: "EISDIR" });
    return st.size;
  } catch (e) {
    throw unreadable(path, e);
  }
}

/**
 * Opens a source for streaming. A string with a line break is CSV text; any other string is a path.
 * Files are read in chunks, never whole.
 */
export function openSource(source: CsvSource, chunkSize = DEFAULT_CHUNK, fn = "readCsv"): OpenedSource {
  const checked = checkSource(fn, source);
  if (checked.kind !== "path") {
    const buf = checked.kind === "bytes" ? checked.bytes : Buffer.from(checked.text, "utf8");
    const from = (offset: number) => fromSync(slices(buf.subarray(offset), chunkSize));
    return { chunks: from(0), size: buf.length, label: checked.kind, path: null, bytes: buf, from };
  }
  const path = checked.path;
  const size = sizeOf(path);
  // A file of one chunk is read at once, without waiting on the event loop between opening,
  // reading and closing it (each wait costs more than the read when the machine is busy).
  const chunks = (offset: number) => (size - offset <= chunkSize ? fromSync(readSmall(path, chunkSize, offset, size)) : readChunks(path, chunkSize, offset));
  return { chunks: chunks(0), size, label: path, path, bytes: null, from: chunks };
}

/** Reads a small file synchronously, in chunks of at most `chunkSize` bytes (on to its end, should it have grown). */
function* readSmall(path: string, chunkSize: number, offset: number, size: number): Generator<Buffer> {
  const fd = openSync(path, "r");
  try {
    for (let position = offset; ; ) {
      const buf = Buffer.allocUnsafe(position < size ? Math.min(chunkSize, size - position) : chunkSize);
      const got = readSync(fd, buf, 0, buf.length, position);
      if (got === 0) return;
      position += got;
      yield got === buf.length ? buf : buf.subarray(0, got);
    }
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a source (for telling a workbook from text), without reading a file whole. */
export function peekSource(fn: string, source: unknown, n = 1 << 16): { head: Buffer; label: string; isText: boolean } {
  const checked = checkSource(fn, source);
  if (checked.kind === "bytes") return { head: checked.bytes.subarray(0, n), label: "bytes", isText: false };
  if (checked.kind === "text") return { head: Buffer.alloc(0), label: "text", isText: true };
  sizeOf(checked.path);
  try {
    const fd = openSync(checked.path, "r");
    try {
      const head = Buffer.alloc(n);
      const got = readSync(fd, head, 0, n, 0);
      return { head: head.subarray(0, got), label: checked.path, isText: false };
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw unreadable(checked.path, e);
  }
}

/** A whole file's bytes (workbooks are ZIP archives and are read whole). */
export async function readAllBytes(fn: string, source: unknown): Promise<{ bytes: Buffer; label: string }> {
  const checked = checkSource(fn, source);
  if (checked.kind === "bytes") return { bytes: checked.bytes, label: "bytes" };
  if (checked.kind === "text") throw KoeArgumentError.of(m.badWorkbookSource, { fn, got: "CSV text" });
  sizeOf(checked.path);
  try {
    return { bytes: await readFile(checked.path), label: checked.path };
  } catch (e) {
    throw unreadable(checked.path, e);
  }
}

/** Reads a file in fresh chunks with positional reads, the next read already under way while a chunk is parsed. */
async function* readChunks(path: string, chunkSize: number, offset = 0): AsyncGenerator<Buffer> {
  const handle = await open(path, "r");
  let position = offset;
  const readNext = async () => {
    const buf = Buffer.allocUnsafe(chunkSize);
    const { bytesRead } = await handle.read(buf, 0, chunkSize, position);
    position += bytesRead;
    return bytesRead === chunkSize ? buf : buf.subarray(0, bytesRead);
  };
  try {
    let pending = readNext();
    for (;;) {
      const chunk = await pending;
      if (chunk.length === 0) return;
      pending = readNext();
      yield chunk;
    }
  } finally {
    await handle.close();
  }
}
