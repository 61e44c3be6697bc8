import { statSync } from "node:fs";
import { open } from "node:fs/promises";
import { KoeReadError } from "../errors/errors.js";
import { readMessages } from "../errors/messages.js";

/** What a reader reads: a file path, CSV text, or bytes. `{ path }` and `{ text }` say which explicitly. */
export type CsvSource = string | Uint8Array | ArrayBuffer | { path: string } | { text: string };

export interface OpenedSource {
  chunks: AsyncIterable<Buffer>;
  /** Total bytes when known in advance (for capacity estimates). */
  size: number | null;
  label: string;
}

const DEFAULT_CHUNK = 1 << 20;

function* slices(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, Math.min(buf.length, i + size));
}

async function* fromSync(it: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* it;
}

/**
 * Opens a source for streaming. A string with a line break is CSV text; any other string is a path.
 * Files are read in chunks, never whole.
 */
export function openSource(source: CsvSource, chunkSize = DEFAULT_CHUNK): OpenedSource {
  if (typeof source === "string" && !/[\r\n]/.test(source)) source = { path: source };
  if (typeof source === "string") source = { text: source };
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const buf = source instanceof ArrayBuffer ? Buffer.from(source) : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    return { chunks: fromSync(slices(buf, chunkSize)), size: buf.length, label: "bytes" };
  }
  if ("text" in source) {
    const buf = Buffer.from(source.text, "utf8");
    return { chunks: fromSync(slices(buf, chunkSize)), size: buf.length, label: "text" };
  }
  const path = source.path;
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new Error("it is a directory");
    size = st.size;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new KoeReadError(readMessages.sourceUnreadable(path, reason), [], "source_unreadable");
  }
  return { chunks: readChunks(path, chunkSize), size, label: path };
}

/** Reads a file in fresh chunks with positional reads, the next read already under way while a chunk is parsed. */
async function* readChunks(path: string, chunkSize: number): AsyncGenerator<Buffer> {
  const handle = await open(path, "r");
  const readNext = async () => {
    const buf = Buffer.allocUnsafe(chunkSize);
    const { bytesRead } = await handle.read(buf, 0, chunkSize, null);
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
