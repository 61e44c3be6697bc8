import { createHmac, randomBytes } from "node:crypto";
import type { ColumnTable } from "arquero";
import { z } from "zod";
import { closest } from "../boundary/closest.js";
import { requireTable } from "../boundary/columns.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { KoeArgumentError } from "../errors/errors.js";
import { optionRules, privacyMessages } from "./messages.js";
import { parseOptions } from "./min-group-size.js";

/**
 * Options of {@link pseudonymizeIds} (zod schema; the type of the same name is its output):
 * - `length` (default 16): hex characters kept from the HMAC-SHA256, 8 to 64. 16 characters are
 *   64 bits, so a collision among even a million ids has a chance of about 1 in 36 million; a
 *   collision is detected and thrown, never silently merged.
 * - `prefix` (default `""`): text put before each pseudonym, e.g. `"R-"`.
 * @example
 * PseudonymOptions.parse({}) // => { length: 16, prefix: "" }
 */
export const PseudonymOptions = z.strictObject({
  length: z.int({ error: optionRules.length8to64.en }).min(8, { error: optionRules.length8to64.en }).max(64, { error: optionRules.length8to64.en }).default(16),
  prefix: z.string({ error: optionRules.text.en }).default(""),
});
export type PseudonymOptions = z.output<typeof PseudonymOptions>;
export type PseudonymOptionsInput = z.input<typeof PseudonymOptions>;

/** The shortest key accepted, in bytes: 256 bits, the size of HMAC-SHA256's own output. */
export const MIN_KEY_BYTES = 32;

function checkKey(fn: string, key: string | Uint8Array): void {
  if ((typeof key !== "string" && !(key instanceof Uint8Array)) || key.length === 0) throw KoeArgumentError.of(privacyMessages.emptyKey, { fn });
  const bytes = typeof key === "string" ? Buffer.byteLength(key, "utf8") : key.length;
  if (bytes < MIN_KEY_BYTES) throw KoeArgumentError.of(privacyMessages.keyTooShort, { fn, bytes, min: MIN_KEY_BYTES });
}

/**
 * A new pseudonym key: 32 random bytes from the operating system's cryptographic generator, as
 * base64url text (43 characters; pass the text as the key). Make it once per project, keep it
 * outside the repository and outside the data — in an environment variable (e.g. `KOE_PSEUDONYM_KEY`)
 * or a key file readable only by the analysts (`chmod 600`) — and use the same key for every file
 * that must still join. Whoever holds it can re-identify; losing it makes new files unjoinable with
 * old ones; replacing it (rotation) changes every pseudonym.
 * @example
 * generateKey().length // => 43
 * generateKey() === generateKey() // => false
 */
export function generateKey(): string {
  return randomBytes(MIN_KEY_BYTES).toString("base64url");
}

function pseudonyms(fn: string, values: readonly unknown[], key: string | Uint8Array, { length, prefix }: PseudonymOptions): (string | null)[] {
  const byId = new Map<string, string>();
  const byPseudonym = new Map<string, string>();
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    const id = String(v);
    let p = byId.get(id);
    if (p === undefined) {
      p = prefix + createHmac("sha256", key).update(id, "utf8").digest("hex").slice(0, length);
      if (byPseudonym.has(p)) throw KoeArgumentError.of(privacyMessages.pseudonymCollision, { fn, length });
      byId.set(id, p);
      byPseudonym.set(p, id);
    }
    return p;
  });
}

/**
 * Keyed pseudonyms for ids: the first `length` hex characters of HMAC-SHA256(key, id), after
 * `prefix`. The same id and key always give the same pseudonym, so files pseudonymised with one key
 * still join; another key gives unrelated pseudonyms; without the key an id cannot be recovered
 * or checked by hashing guesses (unlike a plain hash of an employee number) — provided the key
 * cannot be guessed either: it must be at least {@link MIN_KEY_BYTES} (32) bytes, e.g. from
 * {@link generateKey}, kept outside the repository and the data (an environment variable or a key
 * file readable only by the analysts). Missing values (null, undefined) stay null; other values are
 * hashed as their text (`1` as "1"). This is pseudonymisation, not anonymisation: whoever holds the
 * key can re-identify.
 * @param values ids, one per respondent row
 * @param key the secret: text (hashed as UTF-8) or bytes; at least 32 bytes
 * @param options `length` (default 16, 8–64) and `prefix` (default "")
 * @throws {KoeArgumentError} on a key shorter than 32 bytes (the message gives its length), a bad
 * option, or two ids colliding at this length
 * @example
 * const key = "kR4v-2xQ9mT7pL1sZ8wY3nB6cF0hJ5dG"; // 32 characters; make yours with generateKey()
 * pseudonymizeIds(["R001", "R002", null, "R001"], key, { prefix: "P-", length: 8 })
 * // => ["P-d710354f", "P-caa15597", null, "P-d710354f"]
 * pseudonymizeIds(["R001"], "k") // throws: the key is 1 byte long; use at least 32 random bytes
 */
export function pseudonymizeIds(values: readonly (string | null | undefined)[], key: string | Uint8Array, options: PseudonymOptionsInput = {}): (string | null)[] {
  const fn = "pseudonymizeIds";
  const opts = parseOptions(fn, PseudonymOptions, options);
  checkKey(fn, key);
  if (!Array.isArray(values)) throw KoeArgumentError.of(privacyMessages.notAList, { fn, argument: "values (the ids)", argumentJa: "values（ID）", got: values });
  return pseudonyms(fn, values, key, opts);
}

/**
 * Replaces id columns of an arquero table by their keyed pseudonyms ({@link pseudonymizeIds});
 * returns a new table, the input is unchanged. Use the same key for every file that must still join.
 * @throws {KoeArgumentError} on a key shorter than 32 bytes, a bad option, a table that is not an
 * arquero table, or an unknown column (the message names it, the closest column and the table's columns)
 * @example
 * const t = aq.table({ respondent_id: ["R1", "R2"], score: [3, 4] });
 * pseudonymizeColumns(t, ["respondent_id"], "kR4v-2xQ9mT7pL1sZ8wY3nB6cF0hJ5dG").objects()
 * // => [{ respondent_id: "b6c6ace71677cea6", score: 3 }, { respondent_id: "5ba2db619f21de0d", score: 4 }]
 */
export function pseudonymizeColumns(table: ColumnTable, columns: readonly string[], key: string | Uint8Array, options: PseudonymOptionsInput = {}): ColumnTable {
  const fn = "pseudonymizeColumns";
  const opts = parseOptions(fn, PseudonymOptions, options);
  checkKey(fn, key);
  requireTable(fn, table);
  const names = table.columnNames();
  if (!Array.isArray(columns)) throw KoeArgumentError.of(privacyMessages.notAList, { fn, argument: "columns (the id columns' names)", argumentJa: "columns（ID列の名前）", got: columns });
  for (const c of columns) {
    if (!names.includes(c)) throw KoeArgumentError.of(boundaryMessages.noColumn, { fn, column: c, option: null, suggestion: closest(String(c), names), columns: names });
  }
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const assigned: Record<string, (string | null)[]> = {};
  for (const c of columns) assigned[c] = pseudonyms(fn, Array.from(t.array(c) as ArrayLike<unknown>), key, opts);
  return t.assign(assigned);
}
