import type { Issue } from "./issue.js";

/** Base class of every error koe throws on purpose; `code` is stable, `message` is for people. */
export class KoeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "KoeError";
    this.code = code;
  }
}

/** Thrown when a function is given too little data to compute its result. */
export class InsufficientDataError extends KoeError {
  readonly fn: string;
  readonly column: string | null;
  readonly found: number;
  readonly needed: number;
  constructor(fn: string, needed: number, found: number, column: string | null = null, message?: string) {
    super(
      "insufficient_data",
      message ??
        `${fn} needs at least ${needed} value${needed === 1 ? "" : "s"}${column === null ? "" : ` in column "${column}"`} (found ${found})`,
    );
    this.name = "InsufficientDataError";
    this.fn = fn;
    this.column = column;
    this.found = found;
    this.needed = needed;
  }
}

/** Thrown for a bad argument (unknown column, unknown option value); the message names it. */
export class KoeArgumentError extends KoeError {
  constructor(message: string) {
    super("bad_argument", message);
    this.name = "KoeArgumentError";
  }
}

/**
 * Thrown by a reader in `strict` mode, or when a source cannot be read at all
 * (no such file). Carries the issues found so far.
 */
export class KoeReadError extends KoeError {
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[] = [], code = "read_failed") {
    super(code, message);
    this.name = "KoeReadError";
    this.issues = issues;
  }
}
