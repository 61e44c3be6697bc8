import { getLanguage, localize, type Localized, type Message } from "./catalogue.js";
import type { Issue } from "./issue.js";

/**
 * Base class of every error koe throws on purpose. `code` is stable, `params` holds what the
 * message names (function, column, values, rows) as data, `localized` the text in Japanese and
 * English, and `message` the text in the language set by `setLanguage` (default English).
 */
export class KoeError extends Error {
  readonly code: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly localized: Localized;
  constructor(code: string, message: string | Localized, params: Readonly<Record<string, unknown>> = {}) {
    const text = typeof message === "string" ? { ja: message, en: message } : message;
    super(text[getLanguage()]);
    this.name = "KoeError";
    this.code = code;
    this.params = params;
    this.localized = text;
  }

  /** A KoeError from a catalogue entry. */
  static of<P extends object>(message: Message<P>, params: P): KoeError {
    return new KoeError(message.code, localize(message, params), params as Record<string, unknown>);
  }
}

/** Thrown when a function is given too little data to compute its result. */
export class InsufficientDataError extends KoeError {
  readonly fn: string;
  readonly column: string | null;
  readonly found: number;
  readonly needed: number;
  constructor(fn: string, needed: number, found: number, column: string | null = null, message?: string | Localized) {
    const where = column === null ? "" : ` in column "${column}"`;
    super(
      "insufficient_data",
      message ?? {
        en: `${fn} needs at least ${needed} value${needed === 1 ? "" : "s"}${where} (found ${found})`,
        ja: `${fn}: ${column === null ? "" : `列「${column}」に`}少なくとも${needed}個の値が必要です（${found}個しかありません）`,
      },
      { fn, column, found, needed },
    );
    this.name = "InsufficientDataError";
    this.fn = fn;
    this.column = column;
    this.found = found;
    this.needed = needed;
  }
}

/** Thrown for a bad argument (unknown column, unknown option, a value that cannot mean what the role needs); the message names it. */
export class KoeArgumentError extends KoeError {
  constructor(message: string | Localized, params: Readonly<Record<string, unknown>> = {}, code = "bad_argument") {
    super(code, message, params);
    this.name = "KoeArgumentError";
  }

  /** A KoeArgumentError from a catalogue entry. */
  static of<P extends object>(message: Message<P>, params: P): KoeArgumentError {
    return new KoeArgumentError(localize(message, params), params as Record<string, unknown>, message.code);
  }
}

/**
 * Thrown by a reader in `strict` mode, or when a source cannot be read at all
 * (no such file). Carries the issues found so far.
 */
export class KoeReadError extends KoeError {
  readonly issues: readonly Issue[];
  constructor(message: string | Localized, issues: readonly Issue[] = [], code = "read_failed") {
    super(code, message);
    this.name = "KoeReadError";
    this.issues = issues;
  }
}
