// The exit codes scripts rely on, and which errors lead to which.
import { KoeError, localize, type Lang, type Localized, type Message } from "@koe/core";
import { dataMessages } from "./messages.js";

/** Exit codes of `koe`: 0 done, 1 a problem in the data, 2 a usage mistake. */
export const EXIT = { ok: 0, data: 1, usage: 2 } as const;

/** A usage mistake (unknown command or option, a missing file, a bad configuration): exit code 2. */
export class UsageError extends Error {
  readonly localized: Localized;
  readonly code: string;
  constructor(code: string, localized: Localized, lang: Lang) {
    super(localized[lang]);
    this.name = "UsageError";
    this.code = code;
    this.localized = localized;
  }

  /** A UsageError from a catalogue entry, worded in `lang`. */
  static of<P>(message: Message<P>, params: P, lang: Lang): UsageError {
    return new UsageError(message.code, localize(message, params), lang);
  }
}

/**
 * The exit code of an error and its text in `lang`: a usage mistake is 2; anything koe says about
 * the data (a KoeError: unreadable file, rejected rows under --strict, a study that cannot run) is 1,
 * as is an unexpected error, which is worded as a bug.
 */
export function exitOf(error: unknown, lang: Lang): { code: number; text: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, text: error.localized[lang] };
  if (error instanceof KoeError) return { code: EXIT.data, text: error.localized[lang] };
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: EXIT.data, text: localize(dataMessages.internal, { message })[lang] };
}
