import { localize, type Localized, type Message } from "../errors/catalogue.js";
import type { IssueCode } from "../errors/issue.js";
import { readMessages as m } from "../errors/messages.js";
import { normalizeKey } from "../model/vocabulary.js";
import type { ColumnSpec } from "./column-spec.js";
import { decodeBytes, type ByteEncoding } from "./encoding.js";
import type { PartColumn } from "./parallel.js";
import { FieldFlag } from "./tokenizer.js";

/** A rejected cell: why (in Japanese and English), and the text that was there. */
export interface CellProblem {
  code: IssueCode;
  text: Localized;
  value: string | null;
}

function problem<P>(code: IssueCode, message: Message<P>, params: P, value: string | null): CellProblem {
  return { code, text: localize(message, params), value };
}

/** The text of a cell as a person sees it: NFKC-normalised (full-width digits become ASCII), trimmed. */
export function normalizeCell(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return s.normalize("NFKC").trim();
  }
  return s.trim();
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a normalised cell as a number, or NaN. */
export function parseNumber(t: string): number {
  return NUMBER_RE.test(t) ? Number(t) : Number.NaN;
}

/** Reads the text of a field: unquotes, decodes; `null` when the bytes are not valid in the encoding. */
export function fieldText(buf: Buffer, start: number, end: number, flag: number, encoding: ByteEncoding): string | null {
  const raw = decodeBytes(buf, start, end, encoding);
  if (raw === null) return null;
  if (flag === FieldFlag.QuotedEscapes) return raw.replaceAll('""', '"');
  if (flag === FieldFlag.Malformed) return raw.replace(/^"/, "").replace(/"(?!")/, "").replaceAll('""', '"');
  return raw;
}

export interface CellContext {
  encoding: ByteEncoding;
  missing: ReadonlySet<string>;
  likert: ReadonlyMap<string, number>;
  /** Tells numbers and labels from other text (for columns without a schema). */
  kinds: CellKinds;
  /** No missing marker is written in digits (such as "99"): a cell of digits is then always a number. */
  digitsAreNumbers: boolean;
}

/** The context cells of one read are converted in. */
export function cellContext(missing: readonly string[], likertLabels: Readonly<Record<string, number>>): CellContext {
  const likert = new Map(Object.entries(likertLabels).map(([k, v]) => [normalizeKey(k), v]));
  const markers = new Set(missing.map(normalizeCell));
  return { encoding: "utf-8", missing: markers, likert, kinds: new CellKinds(likert), digitsAreNumbers: ![...markers].some((t) => /^-?\d+$/.test(t)) };
}

export const enum CellKind {
  Number = 0,
  Label = 1,
  Text = 2,
}

/**
 * Tells numbers and Likert labels from other text quickly: most text cannot be a number by its
 * first character, nor a label by its first character, so the regular expression and the
 * normalisation run only on the few cells that might be.
 */
export class CellKinds {
  private readonly firsts = new Set<string>();
  /** Kinds of the texts of the column being inferred: category columns repeat a few texts many times. */
  private seen: Map<string, CellKind> | null = new Map<string, CellKind>();
  private hits = 0;
  private misses = 0;
  private readonly mayStart = new Uint8Array(65536);
  constructor(private readonly likert: ReadonlyMap<string, number>) {
    for (const k of likert.keys()) if (k.length > 0) this.firsts.add(k[0]!);
  }

  /** Starts a column (see {@link of}). */
  nextColumn(): void {
    this.seen = new Map();
    this.hits = 0;
    this.misses = 0;
  }

  /** Whether a text is a number, a Likert label, or other text. */
  of(v: string): CellKind {
    const seen = this.seen;
    if (seen === null) return this.kindOf(v);
    let k = seen.get(v);
    if (k !== undefined) {
      this.hits++;
      return k;
    }
    k = this.kindOf(v);
    // Mostly new texts (ids): stop remembering them for this column.
    if (++this.misses >= 4096 && this.misses > this.hits) this.seen = null;
    else {
      if (seen.size >= 65536) seen.clear();
      seen.set(v, k);
    }
    return k;
  }

  private kindOf(v: string): CellKind {
    return this.isNumber(v) ? CellKind.Number : this.isLabel(v) ? CellKind.Label : CellKind.Text;
  }

  isNumber(v: string): boolean {
    const c = v.charCodeAt(0);
    if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return false;
    return !Number.isNaN(parseNumber(v));
  }

  isLabel(v: string): boolean {
    if (this.likert.size === 0 || v.length === 0) return false;
    // Whether a label may start with this character, worked out once per character (1 yes, 2 no).
    const code = v.charCodeAt(0);
    let may = this.mayStart[code]!;
    if (may === 0) {
      const c = v[0]!.toLowerCase();
      // normalizeKey drops leading spaces, underscores, hyphens, 「・」 and slashes: then look it up in full.
      may = this.mayStart[code] = this.firsts.has(c) || /[\s_\-‐・･/／]/.test(c) ? 1 : 2;
    }
    if (may === 2) return false;
    return this.likert.has(normalizeKey(v));
  }
}

/** A converted cell remembered by its bytes, so repeated category values are decoded once. */
interface CachedCell {
  bytes: Uint8Array;
  value: unknown;
  problem: CellProblem | null;
}
const CACHE_SLOTS = 256;
const CACHE_MAX_BYTES = 32;

/**
 * Converts the cells of one column. `read` writes the value into the next free slot;
 * `commit` keeps it once the whole row is known to be valid. A rejected row leaves nothing
 * behind: its slot is overwritten by the next row.
 */
export class ColumnBuilder {
  readonly name: string;
  length = 0;
  numbers: Float64Array | Float32Array | null = null;
  values: unknown[] | null = null;
  /**
   * A column without a schema is read as numbers until a cell is text that is neither a number nor
   * a Likert label; then it turns into text, every cell as it was written (see {@link toText}).
   */
  inferring = false;
  /** While inferring: the text of each cell whose number does not spell it (`007`, `1.50`, a label). */
  private spelled: Map<number, string> | null = null;
  private readonly labelCache = new Map<string, unknown>();
  // Bounds for the integer fast path; values outside take the slow path, which reports them.
  readonly lo: number;
  readonly hi: number;
  /** Plain ASCII integers within [lo, hi] may be written straight into `numbers` (see RowReader.readRow). */
  readonly fastNumbers: boolean;
  /** An inferring column may read plain digits straight from bytes (see RowReader.readRow). */
  readonly fastInferred: boolean;
  readonly blankIsMissing: boolean;
  private cache: (CachedCell | undefined)[] | null;
  private cacheTries = 0;
  private cacheHits = 0;
  /** The previous cell read through the cache: its entry, its chunk and where it was in it. */
  private lastCell: CachedCell | undefined = undefined;
  private lastBuf: Buffer | null = null;
  private lastStart = 0;
  private lastEnd = 0;

  constructor(
    readonly spec: ColumnSpec | null,
    name: string,
    readonly source: number,
    private readonly ctx: CellContext,
    capacity: number,
  ) {
    this.name = name;
    const numeric = spec?.kind === "number";
    if (numeric) {
      const exactInFloat32 =
        spec.integer && spec.min !== undefined && spec.max !== undefined && Math.abs(spec.min) <= 2 ** 24 && Math.abs(spec.max) <= 2 ** 24;
      this.numbers = exactInFloat32 ? new Float32Array(capacity) : new Float64Array(capacity);
    } else if (spec === null) {
      this.numbers = new Float64Array(capacity);
      this.inferring = true;
    } else this.values = new Array<unknown>(0);
    this.lo = Math.max(spec?.min ?? -Infinity, spec?.exclusiveMin === undefined ? -Infinity : spec.exclusiveMin + 1);
    this.hi = Math.min(spec?.max ?? Infinity, spec?.exclusiveMax === undefined ? Infinity : spec.exclusiveMax - 1);
    // Digits read straight from bytes, unless a missing marker is written in digits.
    this.fastNumbers = numeric && spec.zodCheck === undefined && ctx.digitsAreNumbers;
    this.fastInferred = this.inferring && ctx.digitsAreNumbers;
    this.blankIsMissing = ctx.missing.has("");
    this.cache = numeric || this.inferring ? null : new Array<CachedCell | undefined>(CACHE_SLOTS);
  }

  /** Makes room for `n` rows at once (when the reader can estimate the row count). */
  reserve(n: number): void {
    if (this.values !== null && n > this.values.length) {
      // Pre-sized once: far cheaper than growing a million-element array step by step.
      const grown = new Array<unknown>(n);
      for (let i = 0; i < this.length; i++) grown[i] = this.values[i];
      this.values = grown;
    }
    if (this.numbers !== null && n > this.numbers.length) {
      const grown = new (this.numbers.constructor as Float64ArrayConstructor)(n);
      grown.set(this.numbers.subarray(0, this.length));
      this.numbers = grown;
    }
  }

  /** Moves the column's numbers into `storage` (of the same kind, larger than what it holds), e.g. a view of a block shared by several columns. */
  adopt(storage: Float64Array | Float32Array): void {
    storage.set(this.numbers!.subarray(0, this.length));
    this.numbers = storage;
  }

  private stage(v: unknown): void {
    if (this.numbers !== null) {
      if (this.length === this.numbers.length) this.reserve(Math.max(1024, this.length * 2));
      this.numbers[this.length] = v as number;
    } else this.values![this.length] = v;
  }

  /** Converts a cell and stages its value; returns a problem or null. */
  read(buf: Buffer, s: number, e: number, flag: number): CellProblem | null {
    if (this.inferring) return this.readInferred(buf, s, e, flag);
    if (flag === FieldFlag.Plain) {
      if (s === e && this.blankIsMissing) return this.stageMissing();
      if (this.fastNumbers) {
        // A plain ASCII integer within bounds (Likert answers, ages): no text is made.
        const n = e - s;
        if (n < 10) {
          let v = 0;
          let i = s;
          for (; i < e; i++) {
            const d = buf[i]! - 0x30;
            if (d < 0 || d > 9) break;
            v = v * 10 + d;
          }
          if (i === e && v >= this.lo && v <= this.hi) {
            const nums = this.numbers!;
            if (this.length === nums.length) this.reserve(Math.max(1024, this.length * 2));
            this.numbers![this.length] = v;
            return null;
          }
        }
      } else if (this.cache !== null && e - s <= CACHE_MAX_BYTES) {
        return this.readCached(buf, s, e, flag);
      }
    }
    return this.readText(buf, s, e, flag);
  }

  /**
   * A cell of a column without a schema while all its cells so far were numbers or labels: a plain
   * integer of up to 15 digits is read from its bytes (exact; no text is made); anything else is
   * decoded and normalised as text, then kept as a number (its text remembered when the number does
   * not spell it), a label's number, or, at the first other text, the column turns into text.
   */
  private readInferred(buf: Buffer, s: number, e: number, flag: number): CellProblem | null {
    const nums = this.numbers!;
    if (this.length === nums.length) this.reserve(Math.max(1024, this.length * 2));
    if (flag === FieldFlag.Plain) {
      if (s === e && this.blankIsMissing) {
        this.numbers![this.length] = Number.NaN;
        return null;
      }
      const n = e - s;
      if (n <= 15 && n > 0 && this.fastInferred) {
        const neg = buf[s] === 0x2d;
        let i = neg ? s + 1 : s;
        // Canonical only: no leading zero (but "0" itself), no "-0"; others keep their text.
        const first = buf[i]! - 0x30;
        if (i < e && first >= 0 && first <= 9 && (first !== 0 || (i + 1 === e && !neg))) {
          let v = 0;
          for (; i < e; i++) {
            const d = buf[i]! - 0x30;
            if (d < 0 || d > 9) break;
            v = v * 10 + d;
          }
          if (i === e) {
            this.numbers![this.length] = neg ? -v : v;
            return null;
          }
        }
      }
    }
    const raw = fieldText(buf, s, e, flag, this.ctx.encoding);
    if (raw === null) return problem("encoding", m.encoding, { encoding: this.ctx.encoding }, null);
    const t = normalizeCell(raw);
    const at = this.length;
    if (this.ctx.missing.has(t)) {
      this.numbers![at] = Number.NaN;
      return null;
    }
    const kinds = this.ctx.kinds;
    let v: number;
    if (kinds.isNumber(t)) v = parseNumber(t);
    else if (kinds.isLabel(t)) v = this.ctx.likert.get(normalizeKey(t))!;
    else {
      this.toText();
      this.values![at] = t;
      return null;
    }
    this.numbers![at] = v;
    if (String(v) !== t) (this.spelled ??= new Map()).set(at, t);
    return null;
  }

  /** The text of cell `i` of an inferring column (null when missing), exactly as it was read. */
  private textAt(i: number): string | null {
    const v = this.numbers![i]!;
    if (Number.isNaN(v)) return null;
    return this.spelled?.get(i) ?? String(v);
  }

  /** Turns an inferring column into text: each cell read so far becomes the text it was written as. */
  private toText(): void {
    const nums = this.numbers!;
    const values = new Array<unknown>(nums.length);
    for (let i = 0; i < this.length; i++) values[i] = this.textAt(i);
    this.values = values;
    this.numbers = null;
    this.spelled = null;
    this.inferring = false;
    this.cache = new Array<CachedCell | undefined>(CACHE_SLOTS);
  }

  /**
   * Appends `k` cells read by a worker (see parallel.ts): numbers (NaN = missing), or texts by code
   * (-1 = missing), each already normalised. The same as reading the cells one by one: a column
   * still numbers takes numbers as they are and classifies texts as readInferred does (a number, its
   * text remembered when the number does not spell it; a label's number; other text turns the column
   * into text); a column of text takes numbers as they were written (canonical integers). A column
   * still numbers becomes the worker's array when there is room before its numbers for the rows read
   * here (copied in): its numbers are not copied, nor is memory mapped for them here.
   */
  appendPart(part: PartColumn, k: number): void {
    if ("numbers" in part) {
      const { numbers: src, offset } = part;
      if (this.inferring && offset >= this.length && src.length - offset >= k) {
        const own = this.numbers!.subarray(0, this.length);
        this.numbers = src.subarray(offset - this.length);
        this.numbers.set(own);
      } else if (this.inferring) {
        this.reserve(this.length + k);
        this.numbers!.set(src.subarray(offset, offset + k), this.length);
      } else {
        this.reserve(this.length + k);
        const values = this.values!;
        for (let i = 0; i < k; i++) {
          const v = src[offset + i]!;
          values[this.length + i] = v !== v ? null : String(v);
        }
      }
      this.length += k;
      return;
    }
    this.reserve(this.length + k);
    const { codes, texts } = part;
    let i = 0;
    if (this.inferring) {
      const kinds = this.ctx.kinds;
      for (; i < k; i++) {
        const c = codes[i]!;
        const at = this.length;
        if (c < 0) this.numbers![at] = Number.NaN;
        else {
          const t = texts[c]!;
          let v: number;
          if (kinds.isNumber(t)) v = parseNumber(t);
          else if (kinds.isLabel(t)) v = this.ctx.likert.get(normalizeKey(t))!;
          else {
            this.toText();
            break;
          }
          this.numbers![at] = v;
          if (String(v) !== t) (this.spelled ??= new Map()).set(at, t);
        }
        this.length++;
      }
    }
    const values = this.values!;
    for (; i < k; i++) {
      const c = codes[i]!;
      values[this.length++] = c < 0 ? null : texts[c]!;
    }
  }

  /** Forgets what a rejected row staged (only an inferring column remembers anything beside the slot). */
  discard(): void {
    this.spelled?.delete(this.length);
  }

  /**
   * The finished column of an inferring column (every cell a number or a label): numbers (NaN =
   * missing), or, when no cell holds anything, the missing values as `null` (a column of text).
   */
  finishInferred(): Float64Array | null[] {
    const nums = this.numbers!.subarray(0, this.length) as Float64Array;
    for (let i = 0; i < nums.length; i++) if (nums[i] === nums[i]) return nums;
    return new Array<null>(this.length).fill(null);
  }

  /** The first `n` cells of an inferring column as text (for checks on a column's values). */
  texts(n: number): (string | null)[] {
    return Array.from({ length: Math.min(n, this.length) }, (_, i) => this.textAt(i));
  }

  /** Category-like columns: look the bytes up before decoding; give up on columns of unique values. */
  private readCached(buf: Buffer, s: number, e: number, flag: number): CellProblem | null {
    // The same bytes as this column's previous cell in the same chunk (sorted or grouped data
    // repeats a value row after row): its entry, without hashing.
    const last = this.lastCell;
    if (last !== undefined && buf === this.lastBuf && e - s === this.lastEnd - this.lastStart) {
      const ls = this.lastStart;
      let i = 0;
      while (i < e - s && buf[s + i] === buf[ls + i]) i++;
      if (i === e - s) {
        this.cacheTries++;
        this.cacheHits++;
        this.lastStart = s;
        this.lastEnd = e;
        if (last.problem === null) this.stage(last.value);
        return last.problem;
      }
    }
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const slot = (h >>> 0) & (CACHE_SLOTS - 1);
    const cache = this.cache!;
    const hit = cache[slot];
    this.cacheTries++;
    if (hit !== undefined && hit.bytes.length === e - s) {
      const b = hit.bytes;
      let same = true;
      for (let i = 0; i < b.length; i++) {
        if (b[i] !== buf[s + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.cacheHits++;
        this.remember(hit, buf, s, e);
        if (hit.problem === null) this.stage(hit.value);
        return hit.problem;
      }
    }
    const problem = this.readText(buf, s, e, flag);
    // A copy: a view would keep the whole chunk alive.
    const entry = { bytes: Uint8Array.prototype.slice.call(buf, s, e), value: problem === null ? this.stagedValue() : null, problem };
    cache[slot] = entry;
    this.remember(entry, buf, s, e);
    if (this.cacheTries >= 4096 && this.cacheHits * 2 < this.cacheTries) this.cache = null;
    return problem;
  }

  /** The entry of the cell just read and where its bytes are (see {@link readCached}). */
  private remember(entry: CachedCell, buf: Buffer, s: number, e: number): void {
    this.lastCell = entry;
    this.lastBuf = buf;
    this.lastStart = s;
    this.lastEnd = e;
  }

  private stagedValue(): unknown {
    return this.numbers !== null ? this.numbers[this.length] : this.values![this.length];
  }

  /** The general path: decode, normalise, then convert by the field's kind. */
  private readText(buf: Buffer, s: number, e: number, flag: number): CellProblem | null {
    const raw = fieldText(buf, s, e, flag, this.ctx.encoding);
    if (raw === null) return problem("encoding", m.encoding, { encoding: this.ctx.encoding }, null);
    const t = normalizeCell(raw);
    if (this.ctx.missing.has(t)) return this.stageMissing();
    const spec = this.spec;
    if (spec === null) {
      this.stage(t);
      return null;
    }
    switch (spec.kind) {
      case "number": {
        let v = parseNumber(t);
        if (Number.isNaN(v) && spec.likert) {
          const mapped = this.ctx.likert.get(normalizeKey(t));
          if (mapped === undefined) {
            return this.ctx.likert.size > 0 && !/\d/.test(t)
              ? problem("unknown_label", m.unknownLabel, { value: t, known: [...this.ctx.likert.keys()] }, t)
              : problem("not_a_number", m.notANumber, { value: t }, t);
          }
          v = mapped;
        }
        if (Number.isNaN(v)) return problem("not_a_number", m.notANumber, { value: t }, t);
        return this.checkNumber(v, t);
      }
      case "enum":
      case "boolean": {
        const cached = this.labelCache.get(t);
        const resolved = cached !== undefined ? cached : this.resolveLabel(t);
        if (cached === undefined) this.labelCache.set(t, resolved);
        if (resolved === NOT_FOUND) {
          return spec.kind === "boolean"
            ? problem("unknown_label", m.unknownBoolean, { value: t, trueWords: [...spec.trueWords], falseWords: [...spec.falseWords] }, t)
            : problem("unknown_label", m.unknownLabel, { value: t, known: this.knownLabels() }, t);
        }
        this.stage(resolved);
        return this.zodCheck(resolved, t);
      }
      default: {
        if (spec.minLength !== undefined && t.length < spec.minLength) return problem("invalid_value", m.tooShort, { value: t, min: spec.minLength }, t);
        if (spec.maxLength !== undefined && t.length > spec.maxLength) return problem("invalid_value", m.tooLong, { value: t, max: spec.maxLength }, t);
        if (spec.pattern !== undefined && !spec.pattern.test(t)) return problem("invalid_value", m.noPatternMatch, { value: t, pattern: String(spec.pattern) }, t);
        this.stage(t);
        return this.zodCheck(t, t);
      }
    }
  }

  private knownLabels(): string[] {
    const spec = this.spec!;
    if (spec.vocabulary) return spec.vocabulary.terms.flatMap((term) => [term.id, term.ja]);
    return [...spec.enumValues];
  }

  private resolveLabel(t: string): unknown {
    const spec = this.spec!;
    if (spec.kind === "boolean") {
      const k = normalizeKey(t);
      return spec.trueWords.has(k) ? true : spec.falseWords.has(k) ? false : NOT_FOUND;
    }
    const id = spec.vocabulary?.resolve(t) ?? spec.enumValues.find((v) => normalizeKey(v) === normalizeKey(t));
    return id !== undefined && spec.enumValues.includes(id) ? id : NOT_FOUND;
  }

  private checkNumber(v: number, t: string): CellProblem | null {
    const spec = this.spec!;
    if (spec.integer && !Number.isInteger(v)) return problem("not_an_integer", m.notAnInteger, { value: t }, t);
    if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max) || (spec.exclusiveMin !== undefined && v <= spec.exclusiveMin) || (spec.exclusiveMax !== undefined && v >= spec.exclusiveMax)) {
      return problem("out_of_range", m.outOfRange, { value: t, min: spec.min ?? spec.exclusiveMin, max: spec.max ?? spec.exclusiveMax }, t);
    }
    this.stage(v);
    return this.zodCheck(v, t);
  }

  private zodCheck(v: unknown, t: string): CellProblem | null {
    const check = this.spec?.zodCheck;
    if (check === undefined) return null;
    const r = check.safeParse(v);
    return r.success ? null : problem("invalid_value", m.failsCheck, { value: t, detail: r.error.issues[0]?.message ?? "invalid" }, t);
  }

  private stageMissing(): CellProblem | null {
    if (this.spec?.required) return problem("missing_required", m.missingRequired, {}, "");
    this.stage(this.numbers !== null ? Number.NaN : null);
    return null;
  }

  /** Stages a missing value for a column absent from the file. */
  stageAbsent(): CellProblem | null {
    return this.stageMissing();
  }

  /** The staged value as a key for uniqueness checks; null when missing. */
  stagedKey(): string | null {
    if (this.inferring) return this.textAt(this.length);
    const v = this.stagedValue();
    return v === null || (typeof v === "number" && Number.isNaN(v)) ? null : String(v);
  }

  commit(): void {
    this.length++;
  }

  /** The finished column: a typed array (NaN = missing) for numbers, an array otherwise. */
  finish(): Float64Array | Float32Array | unknown[] {
    if (this.numbers !== null) return this.numbers.subarray(0, this.length);
    this.values!.length = this.length;
    return this.values!;
  }
}

const NOT_FOUND = Symbol("not found");
