import { createHmac } from "node:crypto";
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

function checkKey(fn: string, key: string | Uint8Array): void {
  if ((typeof key !== "string" && !(key instanceof Uint8Array)) || key.length === 0) throw KoeArgumentError.of(privacyMessages.emptyKey, { fn });
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
 * or checked by hashing guesses (unlike a plain hash of an employee number). Keep the key secret,
 * long and random (e.g. 32 bytes from `crypto.randomBytes`), out of the repository and the data.
 * Missing values (null, undefined) stay null; other values are hashed as their text (`1` as "1").
 * This is pseudonymisation, not anonymisation: whoever holds the key can re-identify.
 * @param values ids, one per respondent row
 * @param key the secret: text (hashed as UTF-8) or bytes; must not be empty
 * @param options `length` (default 16, 8–64) and `prefix` (default "")
 * @throws {KoeArgumentError} on an empty key, a bad option, or two ids colliding at this length
 * @example
 * pseudonymizeIds(["R001", "R002", null, "R001"], "secret", { prefix: "P-", length: 8 })
 * // => ["P-4da3a39e", "P-ad48f390", null, "P-4da3a39e"]
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
 * @throws {KoeArgumentError} on an empty key, a bad option, a table that is not an arquero table, or
 * an unknown column (the message names it, the closest column and the table's columns)
 * @example
 * const t = aq.table({ respondent_id: ["R1", "R2"], score: [3, 4] });
 * pseudonymizeColumns(t, ["respondent_id"], "key-1").objects()
 * // => [{ respondent_id: "8e22b83a0f8bf121", score: 3 }, { respondent_id: "55571b3b8f957d2f", score: 4 }]
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
