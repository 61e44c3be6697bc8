import { createHmac } from "node:crypto";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { KoeArgumentError } from "../src/errors/errors.js";
import { generateKey, MIN_KEY_BYTES, pseudonymizeColumns, pseudonymizeIds } from "../src/privacy/index.js";

// 32-byte test keys (never use a key written in code for real data: make one with generateKey()).
const KEY1 = "key-1/for-tests/0123456789abcdef";
const KEY2 = "key-2/for-tests/0123456789abcdef";

describe("pseudonymizeIds", () => {
  it("is HMAC-SHA256 of the id under the key, cut to 16 hex characters", () => {
    // printf 'R1' | openssl dgst -sha256 -hmac 'key-1/for-tests/0123456789abcdef' → 62c4c9fd4ec64341…
    expect(pseudonymizeIds(["R1"], KEY1)).toEqual(["62c4c9fd4ec64341"]);
    // Text keys and ids are UTF-8: printf '社員0001' | openssl dgst -sha256 -hmac 'key-1/…' → 327e9de58275bdfb…
    expect(pseudonymizeIds(["社員0001"], KEY1)).toEqual(["327e9de58275bdfb"]);
    expect(pseudonymizeIds(["R1"], new TextEncoder().encode(KEY1))).toEqual(["62c4c9fd4ec64341"]);
  });

  it("is deterministic for one key, differs between keys, and keeps missing values missing", () => {
    const a = pseudonymizeIds(["R1", "R2", null, "R1", undefined], KEY1);
    expect(a[0]).toBe(a[3]);
    expect(a[0]).not.toBe(a[1]);
    expect(a[2]).toBeNull();
    expect(a[4]).toBeNull();
    expect(pseudonymizeIds(["R1", "R2", null, "R1", undefined], KEY1)).toEqual(a);
    const b = pseudonymizeIds(["R1", "R2"], KEY2);
    expect(b[0]).toBe("beb3c859a2879ec4"); // printf 'R1' | openssl dgst -sha256 -hmac 'key-2/for-tests/0123456789abcdef'
    expect(b[1]).not.toBe(a[1]);
  });

  it("takes a length and a prefix", () => {
    // printf 'R001' | openssl dgst -sha256 -hmac 'key-1/for-tests/0123456789abcdef' → 85b4f45460ed…
    expect(pseudonymizeIds(["R001"], KEY1, { length: 8, prefix: "P-" })).toEqual(["P-85b4f454"]);
    expect(pseudonymizeIds(["R001"], KEY1, { length: 64 })[0]).toBe("85b4f45460ed8cadd95fd7657e153f3b293578e05a85467a478b88d702e92cc0");
    expect(() => pseudonymizeIds(["R001"], KEY1, { length: 4 })).toThrow('pseudonymizeIds: option "length" must be a whole number from 8 to 64 (got 4)');
  });

  it("rejects an empty key", () => {
    expect(() => pseudonymizeIds(["R1"], "")).toThrow(KoeArgumentError);
    expect(() => pseudonymizeIds(["R1"], new Uint8Array(0))).toThrow(/key must not be empty/);
  });

  it("refuses a one-character key (a guessing attack finds it in a few dozen tries: 21 in the issue, 11 here) and every key under 32 bytes", () => {
    // The attack: pseudonyms published under the key "k", one known id (e.g. the analyst's own).
    // Trying the printable characters in order finds the key, and with it every id, by hashing guesses.
    const published = createHmac("sha256", "k").update("R0001").digest("hex").slice(0, 16);
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const guesses = [...alphabet].findIndex((k) => createHmac("sha256", k).update("R0001").digest("hex").slice(0, 16) === published) + 1;
    expect(guesses).toBe(11);
    // koe no longer accepts such a key, in either language, naming its length.
    let e: unknown;
    try {
      pseudonymizeIds(["R0001"], "k");
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect((e as KoeArgumentError).localized).toEqual({
      en: "pseudonymizeIds: the key is 1 byte long; use at least 32 random bytes (generateKey() makes one), kept outside the repository",
      ja: "pseudonymizeIds: 鍵が1バイトしかありません。32バイト以上のランダムな鍵（generateKey() で作れます）を使い、リポジトリの外に保管してください",
    });
    expect(MIN_KEY_BYTES).toBe(32);
    for (let n = 1; n < 32; n++) expect(() => pseudonymizeIds(["R1"], "x".repeat(n))).toThrow(`the key is ${n} byte`);
    // Bytes, not characters: 11 kanji are 33 bytes of UTF-8.
    expect(() => pseudonymizeIds(["R1"], "鍵".repeat(10))).toThrow("the key is 30 bytes long");
    expect(pseudonymizeIds(["R1"], "鍵".repeat(11))[0]).toHaveLength(16);
    expect(() => pseudonymizeIds(["R1"], new Uint8Array(31))).toThrow("the key is 31 bytes long");
    expect(() => pseudonymizeColumns(aq.table({ id: ["R1"] }), ["id"], "short")).toThrow("pseudonymizeColumns: the key is 5 bytes long");
  });

  it("generateKey makes 32 random bytes as base64url text, different every time", () => {
    const keys = Array.from({ length: 50 }, generateKey);
    expect(new Set(keys).size).toBe(50);
    for (const k of keys) {
      expect(k).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(k, "base64url")).toHaveLength(32);
    }
    expect(pseudonymizeIds(["R1"], keys[0]!)).not.toEqual(pseudonymizeIds(["R1"], keys[1]!));
  });

  it("refuses to merge two ids whose pseudonyms collide, without printing the ids", () => {
    // Found by search: under KEY1, E60630 and E80167 share their first 8 hex characters (44e645d0).
    let message = "";
    try {
      pseudonymizeIds(["E60630", "E80167"], KEY1, { length: 8 });
    } catch (e) {
      expect(e).toBeInstanceOf(KoeArgumentError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/two different ids get the same pseudonym at length 8/);
    expect(message).not.toMatch(/E60630|E80167/);
    const long = pseudonymizeIds(["E60630", "E80167"], KEY1);
    expect(long[0]).not.toBe(long[1]);
  });
});

describe("pseudonymizeColumns", () => {
  const t = aq.table({ respondent_id: ["R1", "R2", "R1"], manager_id: ["M1", "M1", null], score: [3, 4, 5] });

  it("replaces the named columns in a new table, consistently with pseudonymizeIds", () => {
    const p = pseudonymizeColumns(t, ["respondent_id", "manager_id"], KEY1, { prefix: "P" });
    expect(p.array("respondent_id")).toEqual(pseudonymizeIds(["R1", "R2", "R1"], KEY1, { prefix: "P" }));
    expect(p.array("manager_id")).toEqual(["P83fd7ffe8d6b9786", "P83fd7ffe8d6b9786", null]);
    expect(p.array("score")).toEqual([3, 4, 5]);
    expect(p.columnNames()).toEqual(["respondent_id", "manager_id", "score"]);
    expect(t.array("respondent_id")).toEqual(["R1", "R2", "R1"]); // the input is unchanged
  });

  it("works on filtered and ordered tables", () => {
    const view = t.filter((d: { score: number }) => d.score > 3).orderby("score");
    const p = pseudonymizeColumns(view, ["respondent_id"], KEY1);
    expect(p.numRows()).toBe(2);
    expect(p.array("respondent_id")).toEqual(pseudonymizeIds(["R2", "R1"], KEY1));
  });

  it("names an unknown column and lists the table's columns; rejects an empty key", () => {
    expect(() => pseudonymizeColumns(t, ["id"], KEY1)).toThrow('pseudonymizeColumns: no column "id" (columns: "respondent_id", "manager_id", "score")');
    expect(() => pseudonymizeColumns(t, ["respondent_id"], "")).toThrow(/pseudonymizeColumns: the key must not be empty/);
  });
});
