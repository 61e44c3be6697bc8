import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { KoeArgumentError } from "../src/errors/errors.js";
import { pseudonymizeColumns, pseudonymizeIds } from "../src/privacy/index.js";

describe("pseudonymizeIds", () => {
  it("is HMAC-SHA256 of the id under the key, cut to 16 hex characters", () => {
    // printf 'R1' | openssl dgst -sha256 -hmac key-1  → 8e22b83a0f8bf121…
    expect(pseudonymizeIds(["R1"], "key-1")).toEqual(["8e22b83a0f8bf121"]);
    // Text keys and ids are UTF-8: printf '社員0001' | openssl dgst -sha256 -hmac 鍵 → 87f211391a9866f4…
    expect(pseudonymizeIds(["社員0001"], "鍵")).toEqual(["87f211391a9866f4"]);
    expect(pseudonymizeIds(["R1"], new TextEncoder().encode("key-1"))).toEqual(["8e22b83a0f8bf121"]);
  });

  it("is deterministic for one key, differs between keys, and keeps missing values missing", () => {
    const a = pseudonymizeIds(["R1", "R2", null, "R1", undefined], "key-1");
    expect(a[0]).toBe(a[3]);
    expect(a[0]).not.toBe(a[1]);
    expect(a[2]).toBeNull();
    expect(a[4]).toBeNull();
    expect(pseudonymizeIds(["R1", "R2", null, "R1", undefined], "key-1")).toEqual(a);
    const b = pseudonymizeIds(["R1", "R2"], "key-2");
    expect(b[0]).not.toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
  });

  it("takes a length and a prefix", () => {
    // printf 'R001' | openssl dgst -sha256 -hmac secret → 4da3a39ec961…
    expect(pseudonymizeIds(["R001"], "secret", { length: 8, prefix: "P-" })).toEqual(["P-4da3a39e"]);
    expect(pseudonymizeIds(["R001"], "secret", { length: 64 })[0]).toBe("4da3a39ec9611af8d69a13ac8bea9a9d24ad16d22297b9ee8d4b7e857a4593c4");
    expect(() => pseudonymizeIds(["R001"], "secret", { length: 4 })).toThrow('pseudonymizeIds: option "length" must be a whole number from 8 to 64 (got 4)');
  });

  it("rejects an empty key", () => {
    expect(() => pseudonymizeIds(["R1"], "")).toThrow(KoeArgumentError);
    expect(() => pseudonymizeIds(["R1"], new Uint8Array(0))).toThrow(/key must not be empty/);
  });

  it("refuses to merge two ids whose pseudonyms collide, without printing the ids", () => {
    // Found by search: under key "k", E31975 and E106695 share their first 8 hex characters (6a6618cc).
    let message = "";
    try {
      pseudonymizeIds(["E31975", "E106695"], "k", { length: 8 });
    } catch (e) {
      expect(e).toBeInstanceOf(KoeArgumentError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/two different ids get the same pseudonym at length 8/);
    expect(message).not.toMatch(/E31975|E106695/);
    const long = pseudonymizeIds(["E31975", "E106695"], "k");
    expect(long[0]).not.toBe(long[1]);
  });
});

describe("pseudonymizeColumns", () => {
  const t = aq.table({ respondent_id: ["R1", "R2", "R1"], manager_id: ["M1", "M1", null], score: [3, 4, 5] });

  it("replaces the named columns in a new table, consistently with pseudonymizeIds", () => {
    const p = pseudonymizeColumns(t, ["respondent_id", "manager_id"], "key-1", { prefix: "P" });
    expect(p.array("respondent_id")).toEqual(pseudonymizeIds(["R1", "R2", "R1"], "key-1", { prefix: "P" }));
    expect(p.array("manager_id")).toEqual([...pseudonymizeIds(["M1", "M1"], "key-1", { prefix: "P" }), null]);
    expect(p.array("score")).toEqual([3, 4, 5]);
    expect(p.columnNames()).toEqual(["respondent_id", "manager_id", "score"]);
    expect(t.array("respondent_id")).toEqual(["R1", "R2", "R1"]); // the input is unchanged
  });

  it("works on filtered and ordered tables", () => {
    const view = t.filter((d: { score: number }) => d.score > 3).orderby("score");
    const p = pseudonymizeColumns(view, ["respondent_id"], "key-1");
    expect(p.numRows()).toBe(2);
    expect(p.array("respondent_id")).toEqual(pseudonymizeIds(["R2", "R1"], "key-1"));
  });

  it("names an unknown column and lists the table's columns; rejects an empty key", () => {
    expect(() => pseudonymizeColumns(t, ["id"], "k")).toThrow('pseudonymizeColumns: no column "id" (columns: "respondent_id", "manager_id", "score")');
    expect(() => pseudonymizeColumns(t, ["respondent_id"], "")).toThrow(/pseudonymizeColumns: the key must not be empty/);
  });
});
