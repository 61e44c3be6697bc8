// A byte-level CSV tokenizer. It never decodes text: it finds record and field boundaries in
// raw bytes (safe for UTF-8 and Shift_JIS, whose multi-byte sequences never contain the bytes
// of `"`, `,`, tab, `;`, CR or LF) and hands each complete record to a sink. A record cut by a
// chunk boundary is carried into the next chunk whole, so quoted fields of any length and with
// any number of newlines survive.

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** How a field's bytes must be read: plain, quoted, quoted with doubled quotes, or malformed quoting. */
export const enum FieldFlag {
  Plain = 0,
  Quoted = 1,
  QuotedEscapes = 2,
  Malformed = 3,
}

export interface RecordView {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  count: number;
  /** 0 for the first line of the file; blank lines are counted too, as a spreadsheet shows them. */
  index: number;
  /** The file ended inside a quoted field of this record. */
  unterminated: boolean;
}

/**
 * What the tokenizer hands records to. An object whose methods it calls (not functions passed one
 * by one): its optimised code then calls the same methods in every read, instead of being thrown
 * away at the next read for calling new closures.
 */
export interface RecordSink {
  onRecord(record: RecordView): void;
  /** A blank line, on line `index` (0-based). */
  onBlank(index: number): void;
  /**
   * Tried first at each record when `fast` is set: reads a record of plain fields straight from
   * the bytes and returns where the next record starts, or -1 to leave it to the general path
   * (which then reads it whole).
   */
  fastRecord(buf: Buffer, start: number, end: number, index: number, delimiter: number): number;
}

/**
 * The record view the tokenizer refills for every record. A class, not an object literal: a literal
 * made again in a later read takes the shape its first object had before its fields were widened,
 * and the engine then throws away the tokenizer's optimised code (a small file read after a large
 * one paid for that).
 */
class View implements RecordView {
  buf: Buffer = Buffer.alloc(0);
  count = 0;
  index = 0;
  unterminated = false;
  constructor(
    public starts: Int32Array,
    public ends: Int32Array,
    public flags: Uint8Array,
  ) {}
}

export class CsvTokenizer {
  private carry: Buffer | null = null;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private index = 0;
  private readonly view: RecordView = new View(this.starts, this.ends, this.flags);
  /** Total bytes handed over so far, for progress and capacity estimates. */
  bytesSeen = 0;
  recordsSeen = 0;

  constructor(
    private readonly delimiter: number,
    private readonly sink: RecordSink,
    /** Whether to try the sink's fastRecord at each record. */
    private readonly fast = true,
  ) {}

  /** Feeds the next chunk; pass `final` with the last one (it may be empty). */
  push(chunk: Buffer, final = false): void {
    this.bytesSeen += chunk.length;
    let buf = chunk;
    if (this.carry !== null) {
      buf = chunk.length === 0 ? this.carry : Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const consumed = this.scan(buf, final);
    if (consumed < buf.length) this.carry = Buffer.from(buf.subarray(consumed));
  }

  /** Whether every byte pushed so far was read as whole records (none is carried over). */
  get atRecordStart(): boolean {
    return this.carry === null;
  }

  /** The line the next record is on (0-based). */
  get nextIndex(): number {
    return this.index;
  }

  /** Counts `n` records read elsewhere (by a worker) before the bytes pushed next. */
  skip(n: number): void {
    this.index += n;
    this.recordsSeen += n;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }

  /** Returns how many bytes were consumed as complete records. */
  private scan(b: Buffer, final: boolean): number {
    const len = b.length;
    const delim = this.delimiter;
    let p = 0;
    let recordStart = 0;
    const sink = this.sink;
    const fast = this.fast;
    while (recordStart < len) {
      if (fast) {
        const next = sink.fastRecord(b, recordStart, len, this.index, delim);
        if (next >= 0) {
          this.index++;
          this.recordsSeen++;
          recordStart = next;
          continue;
        }
      }
      let nf = 0;
      let unterminated = false;
      p = recordStart;
      for (;;) {
        if (nf === this.starts.length) this.grow();
        if (p >= len) {
          if (!final) return recordStart;
          // The file ends right after a delimiter: one last empty field.
          this.starts[nf] = p;
          this.ends[nf] = p;
          this.flags[nf++] = FieldFlag.Plain;
          break;
        }
        let c = b[p]!;
        if (c === QUOTE) {
          const s = p + 1;
          let flag: FieldFlag = FieldFlag.Quoted;
          let q = s;
          let e = -1;
          for (;;) {
            const at = b.indexOf(QUOTE, q);
            if (at < 0) break;
            if (at + 1 < len && b[at + 1] === QUOTE) {
              flag = FieldFlag.QuotedEscapes;
              q = at + 2;
              continue;
            }
            if (at + 1 >= len && !final) break;
            e = at;
            break;
          }
          if (e < 0) {
            if (!final) return recordStart;
            unterminated = true;
            this.starts[nf] = s;
            this.ends[nf] = len;
            this.flags[nf++] = flag;
            p = len;
            break;
          }
          p = e + 1;
          if (p < len && (c = b[p]!) !== delim && c !== CR && c !== LF) {
            // Text after a closing quote (`"ab"c`): keep the raw bytes, decoded leniently later.
            while (p < len && (c = b[p]!) !== delim && c !== CR && c !== LF) p++;
            this.starts[nf] = s - 1;
            this.ends[nf] = p;
            this.flags[nf++] = FieldFlag.Malformed;
          } else {
            this.starts[nf] = s;
            this.ends[nf] = e;
            this.flags[nf++] = flag;
          }
        } else {
          const s = p;
          while (c !== delim && c !== LF && c !== CR) {
            if (++p >= len) break;
            c = b[p]!;
          }
          this.starts[nf] = s;
          this.ends[nf] = p;
          this.flags[nf++] = FieldFlag.Plain;
        }
        if (p >= len) {
          if (!final) return recordStart;
          break;
        }
        c = b[p]!;
        if (c === delim) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= len && !final) return recordStart;
          p += p + 1 < len && b[p + 1] === LF ? 2 : 1;
        } else p++; // LF
        break;
      }
      const index = this.index++;
      if (nf === 1 && this.ends[0] === this.starts[0] && this.flags[0] === FieldFlag.Plain) {
        sink.onBlank(index);
      } else {
        this.recordsSeen++;
        // One view object, refilled for every record: no allocation per row.
        const v = this.view;
        v.buf = b;
        v.starts = this.starts;
        v.ends = this.ends;
        v.flags = this.flags;
        v.count = nf;
        v.index = index;
        v.unterminated = unterminated;
        sink.onRecord(v);
      }
      recordStart = p;
    }
    return len;
  }
}

/** Guesses the delimiter from the first line: the most frequent of comma, tab and semicolon outside quotes. */
export function sniffDelimiter(head: Uint8Array): number {
  const counts = new Map<number, number>([
    [0x2c, 0],
    [0x09, 0],
    [0x3b, 0],
  ]);
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = 0x2c;
  for (const [c, n] of counts) if (n > counts.get(best)!) best = c;
  return best;
}
