import { createHmac } from "node:crypto";
import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../ingest/read-csv.js";

export interface PseudonymOptions {
  /** Hex characters kept from the HMAC-SHA256 (default 16 = 64 bits; collisions are then negligible). */
  length?: number;
  prefix?: string;
}

function checkKey(fn: string, key: string | Uint8Array): void {
  if (key.length === 0) throw new KoeArgumentError(`${fn}: the key must not be empty (keep it secret and out of the repository)`);
}

/**
 * Keyed pseudonyms (HMAC-SHA256): the same id and key always give the same pseudonym, so files
 * can still be joined; without the key the ids cannot be recovered or re-derived. Missing stays missing.
 * @example
 * pseudonymizeIds(["R001", "R002"], "secret", { prefix: "P" }) // => ["P3b5c…", "P9a1e…"]
 */
export function pseudonymizeIds(values: readonly (string | null)[], key: string | Uint8Array, { length = 16, prefix = "" }: PseudonymOptions = {}): (string | null)[] {
  checkKey("pseudonymizeIds", key);
  if (!Number.isInteger(length) || length < 8 || length > 64) throw new KoeArgumentError(`pseudonymizeIds: length must be a whole number from 8 to 64 (got ${length})`);
  const cache = new Map<string, string>();
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    const s = String(v);
    let p = cache.get(s);
    if (p === undefined) {
      p = prefix + createHmac("sha256", key).update(s).digest("hex").slice(0, length);
      cache.set(s, p);
    }
    return p;
  });
}

/** Replaces id columns of a table by their keyed pseudonyms (a new table; the input is unchanged). */
export function pseudonymizeColumns(table: Table, columns: readonly string[], key: string | Uint8Array, options: PseudonymOptions = {}): Table {
  checkKey("pseudonymizeColumns", key);
  const names = table.columnNames();
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const assigned: Record<string, (string | null)[]> = {};
  for (const c of columns) {
    if (!names.includes(c)) throw new KoeArgumentError(`pseudonymizeColumns: no column "${c}" (columns: ${names.join(", ")})`);
    assigned[c] = pseudonymizeIds(Array.from(t.array(c) as ArrayLike<unknown>, (v) => (v === null || v === undefined ? null : String(v))), key, options);
  }
  return t.assign(assigned);
}
