import type { IssueCode } from "../errors/issue.js";
import { readMessages } from "../errors/messages.js";
import { normalizeKey } from "../model/vocabulary.js";
import type { ColumnSpec } from "./column-spec.js";
import { decodeBytes, type Encoding } from "./encoding.js";
import { FieldFlag } from "./tokenizer.js";

/** A rejected cell: why, and the text that was there. */
export interface CellProblem {
  code: IssueCode;
  message: string;
  value: string | null;
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
export function fieldText(buf: Buffer, start: number, end: number, flag: number, encoding: Encoding): string | null {
  const raw = decodeBytes(buf, start, end, encoding);
  if (raw === null) return null;
  if (flag === FieldFlag.QuotedEscapes) return raw.replaceAll('""', '"');
  if (flag === FieldFlag.Malformed) return raw.replace(/^"/, "").replace(/"(?!")/, "").replaceAll('""', '"');
  return raw;
}

export interface CellContext {
  encoding: Encoding;
  missing: ReadonlySet<string>;
  likert: ReadonlyMap<string, number>;
}

/**
 * Converts the cells of one column. A value is staged by `read`, then kept by `commit` once
 * the whole row is known to be valid — a rejected row leaves nothing behind.
 */
export class ColumnBuilder {
  readonly name: string;
  length = 0;
  numbers: Float64Array | Float32Array | null = null;
  values: unknown[] | null = null;
  private stagedNumber = Number.NaN;
  private stagedValue: unknown = null;
  private readonly labelCache = new Map<string, unknown>();
  private internHits = 0;
  private internTries = 0;
  private readonly intern: Map<string, string> | null;

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
    } else this.values = [];
    this.intern = numeric ? null : new Map();
  }

  /** Makes room for `n` rows at once (when the reader can estimate the row count). */
  reserve(n: number): void {
    if (this.numbers !== null && n > this.numbers.length) {
      const grown = new (this.numbers.constructor as Float64ArrayConstructor)(n);
      grown.set(this.numbers.subarray(0, this.length));
      this.numbers = grown;
    }
  }

  /** Decoded, normalised text of a field; interned for columns that repeat few values. */
  private text(buf: Buffer, s: number, e: number, flag: number): string | null {
    const raw = fieldText(buf, s, e, flag, this.ctx.encoding);
    if (raw === null) return null;
    if (this.intern === null || this.internTries > 2000 && this.internHits * 2 < this.internTries) return normalizeCell(raw);
    this.internTries++;
    const hit = this.intern.get(raw);
    if (hit !== undefined) {
      this.internHits++;
      return hit;
    }
    const t = normalizeCell(raw);
    this.intern.set(raw, t);
    return t;
  }

  /** Stages the cell; returns a problem or null. */
  read(buf: Buffer, s: number, e: number, flag: number): CellProblem | null {
    const spec = this.spec;
    if (spec !== null && spec.kind === "number" && flag === FieldFlag.Plain) {
      // Fast path: a plain ASCII integer (Likert answers, ages).
      while (s < e && (buf[s] === 0x20 || buf[s] === 0x09)) s++;
      while (e > s && (buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
      const n = e - s;
      if (n > 0 && n < 10) {
        let v = 0;
        let i = s;
        const neg = buf[i] === 0x2d;
        if (neg) i++;
        for (; i < e; i++) {
          const d = buf[i]! - 0x30;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (i === e && e > s + (neg ? 1 : 0)) return this.checkNumber(neg ? -v : v, null);
      }
    }
    const t = this.text(buf, s, e, flag);
    if (t === null) return { code: "encoding", message: readMessages.encoding(this.ctx.encoding), value: null };
    if (this.ctx.missing.has(t)) return this.stageMissing();
    if (spec === null) {
      this.stagedValue = t;
      return null;
    }
    switch (spec.kind) {
      case "number": {
        let v = parseNumber(t);
        if (Number.isNaN(v) && spec.likert) {
          const mapped = this.ctx.likert.get(normalizeKey(t));
          if (mapped === undefined) {
            return this.ctx.likert.size > 0 && !/\d/.test(t)
              ? { code: "unknown_label", message: readMessages.unknownLabel(t, [...this.ctx.likert.keys()]), value: t }
              : { code: "not_a_number", message: readMessages.notANumber(t), value: t };
          }
          v = mapped;
        }
        if (Number.isNaN(v)) return { code: "not_a_number", message: readMessages.notANumber(t), value: t };
        return this.checkNumber(v, t);
      }
      case "enum":
      case "boolean": {
        const cached = this.labelCache.get(t);
        const resolved = cached !== undefined ? cached : this.resolveLabel(t);
        if (cached === undefined) this.labelCache.set(t, resolved);
        if (resolved === undefined || resolved === NOT_FOUND) {
          const message =
            spec.kind === "boolean"
              ? readMessages.unknownBoolean(t, [...spec.trueWords], [...spec.falseWords])
              : readMessages.unknownLabel(t, this.knownLabels());
          return { code: "unknown_label", message, value: t };
        }
        this.stagedValue = resolved;
        return this.zodCheck(resolved, t);
      }
      default: {
        if (spec.minLength !== undefined && t.length < spec.minLength) {
          return { code: "invalid_value", message: readMessages.invalidValue(t, `shorter than ${spec.minLength} characters`), value: t };
        }
        if (spec.maxLength !== undefined && t.length > spec.maxLength) {
          return { code: "invalid_value", message: readMessages.invalidValue(t, `longer than ${spec.maxLength} characters`), value: t };
        }
        if (spec.pattern !== undefined && !spec.pattern.test(t)) {
          return { code: "invalid_value", message: readMessages.invalidValue(t, `does not match ${spec.pattern}`), value: t };
        }
        this.stagedValue = t;
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

  private checkNumber(v: number, t: string | null): CellProblem | null {
    const spec = this.spec!;
    const shown = () => t ?? String(v);
    if (spec.integer && !Number.isInteger(v)) return { code: "not_an_integer", message: readMessages.notAnInteger(shown()), value: shown() };
    if (
      (spec.min !== undefined && v < spec.min) ||
      (spec.max !== undefined && v > spec.max) ||
      (spec.exclusiveMin !== undefined && v <= spec.exclusiveMin) ||
      (spec.exclusiveMax !== undefined && v >= spec.exclusiveMax)
    ) {
      return {
        code: "out_of_range",
        message: readMessages.outOfRange(shown(), spec.min ?? spec.exclusiveMin, spec.max ?? spec.exclusiveMax),
        value: shown(),
      };
    }
    this.stagedNumber = v;
    return spec.zodCheck === undefined ? null : this.zodCheck(v, shown());
  }

  private zodCheck(v: unknown, t: string): CellProblem | null {
    const check = this.spec?.zodCheck;
    if (check === undefined) return null;
    const r = check.safeParse(v);
    return r.success ? null : { code: "invalid_value", message: readMessages.invalidValue(t, r.error.issues[0]?.message ?? "invalid"), value: t };
  }

  private stageMissing(): CellProblem | null {
    if (this.spec?.required) return { code: "missing_required", message: readMessages.missingRequired(), value: "" };
    this.stagedNumber = Number.NaN;
    this.stagedValue = null;
    return null;
  }

  /** Stages a missing value for a column absent from the file. */
  stageAbsent(): CellProblem | null {
    return this.stageMissing();
  }

  /** The staged value as a key for uniqueness checks; null when missing. */
  stagedKey(): string | null {
    if (this.numbers !== null) return Number.isNaN(this.stagedNumber) ? null : String(this.stagedNumber);
    return this.stagedValue === null ? null : String(this.stagedValue);
  }

  commit(): void {
    if (this.numbers !== null) {
      if (this.length === this.numbers.length) this.reserve(Math.max(1024, this.length * 2));
      this.numbers[this.length++] = this.stagedNumber;
    } else {
      this.values!.push(this.stagedValue);
      this.length++;
    }
  }

  /** The finished column: a typed array (NaN = missing) for numbers, an array otherwise. */
  finish(): Float64Array | Float32Array | unknown[] {
    if (this.numbers !== null) return this.numbers.length === this.length ? this.numbers : this.numbers.slice(0, this.length);
    return this.values!;
  }
}

const NOT_FOUND = Symbol("not found");
