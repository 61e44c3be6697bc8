// Reading on two threads (issue 13): a worker reads the records after a split while this thread
// reads those before it. Forced on small files here, the split placed after every line feed in
// turn (inside quoted fields, after a CR, before the last line without a line break, after a BOM,
// in Shift_JIS), the results must be exactly those of one thread, and those stored before the fast
// path (snapshots/read-equivalence.json).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv, type ReadCsvOptions } from "../../src/ingest/index.js";
import * as parallel from "../../src/ingest/parallel.js";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { expectAccounted } from "./helpers.js";
import { adversarial, fingerprint } from "./read-corpus.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const stored: Record<string, unknown> = JSON.parse(readFileSync(join(here, "snapshots", "read-equivalence.json"), "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "koe-read-par-"));
const json = (x: unknown) => JSON.parse(JSON.stringify(x));

afterEach(() => {
  parallel.setParallelReading("auto");
  vi.restoreAllMocks();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function oneThread(source: string | Buffer, options?: ReadCsvOptions) {
  parallel.setParallelReading("off");
  const r = await readCsv(source, options);
  parallel.setParallelReading("auto");
  return r;
}

/** Reads with the split after the line feed at or after byte `at` (of `size` bytes: a path's file size). */
async function twoThreads(source: string | Buffer, at: number, options?: ReadCsvOptions, size = Buffer.byteLength(source)) {
  parallel.setParallelReading("always", (at + 0.5) / size);
  const r = await readCsv(source, options);
  parallel.setParallelReading("auto");
  return r;
}

/** Every place a split can land: each line feed's position (the split goes after the first line feed at or after it). */
function lineFeeds(source: string | Buffer): number[] {
  const b = Buffer.from(source);
  const at: number[] = [];
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) at.push(i);
  return at;
}

describe("readCsv on two threads gives what one thread gives, wherever the split lands", () => {
  const before = parallel.rowsReadByWorker;
  for (const c of adversarial) {
    it(c.name, async () => {
      const src = c.source();
      const expected = json(fingerprint(await oneThread(src, c.options), true));
      if (stored[c.name] !== undefined) expect(expected).toEqual(stored[c.name]);
      for (const at of lineFeeds(src)) {
        const r = await twoThreads(src, at, c.options);
        expectAccounted(r);
        expect(json(fingerprint(r, true)), `split after byte ${at}`).toEqual(expected);
        // Records cut by chunk boundaries, on both threads.
        expect(json(fingerprint(await twoThreads(Buffer.from(src), at, { ...c.options, chunkSize: 7 }), true)), `split after byte ${at}, 7-byte chunks`).toEqual(expected);
      }
    });
  }
  it("the worker read records in these cases (the two-thread path was taken)", () => {
    expect(parallel.rowsReadByWorker - before).toBeGreaterThan(500);
  });
});

/** A file whose second half holds what the worker must hand back or leave to this thread. */
function tricky(): string {
  const lines = ["id,early_num,late_num,label,decimal,blank_text,code"];
  for (let i = 0; i < 60; i++) {
    const late = i < 40 ? "" : i === 47 ? "四十七" : String(i);
    const label = i === 45 ? "そう思う" : i === 50 ? "どちらともいえない" : String(i % 5);
    const decimal = i === 52 ? "1.50" : i === 53 ? "007" : i === 54 ? "-3" : i === 55 ? " ４ " : String(i);
    const early = i < 30 ? String(i) : i === 44 ? "x" : String(i);
    lines.push([`r${i}`, early, late, label, decimal, i === 57 ? "NA" : "", i % 3 === 0 ? "A" : "B"].join(","));
  }
  return lines.join("\n") + "\n";
}

describe("columns decided on the whole column", () => {
  it("numbers before the split and text after, text before and numbers after, labels, decimals and markers after", async () => {
    const src = tricky();
    const expected = json(fingerprint(await oneThread(src), true));
    const before = parallel.rowsReadByWorker;
    for (const at of lineFeeds(src)) expect(json(fingerprint(await twoThreads(src, at), true)), `split after byte ${at}`).toEqual(expected);
    expect(parallel.rowsReadByWorker - before).toBeGreaterThan(60 * 10);
    // The single-thread reader's view, so that the comparison means something.
    const r = await oneThread(src);
    expect(r.table.column("early_num")).toBeInstanceOf(Array);
    expect(r.table.column("label")).toBeInstanceOf(Float64Array);
    expect(r.issues.find((i) => i.column === "early_num")?.row).toBe(46);
    expect(r.issues.find((i) => i.column === "late_num")?.row).toBe(49);
  });

  it("a quoted field, a blank line, a ragged row and a cell not in UTF-8 after the split are read by this thread, with their row numbers", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i % 5},t${i % 3}`);
    rows[25] = '25,"3",t1';
    rows[28] = "";
    rows[31] = "31,2";
    const src = Buffer.concat([Buffer.from("a,b,c\n" + rows.slice(0, 34).join("\n") + "\n34,"), Buffer.from([0xff]), Buffer.from(",t1\n" + rows.slice(35).join("\n") + "\n")]);
    const one = await oneThread(src);
    expect(one.issues.map((i) => [i.row, i.code])).toEqual([
      [33, "ragged_row"],
      [36, "encoding"],
    ]);
    const expected = json(fingerprint(one, true));
    for (const at of lineFeeds(src)) expect(json(fingerprint(await twoThreads(src, at), true)), `split after byte ${at}`).toEqual(expected);
  });
});

describe("what is not read on two threads", () => {
  it("UTF-16 (transcoded), a schema and keys: one thread, as before", async () => {
    const text = "a,b\n" + Array.from({ length: 30 }, (_, i) => `${i},${i % 3}`).join("\n") + "\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    for (const options of [undefined, { unique: ["a"] }, { schema: z.object({ a: z.number(), b: z.number() }) }]) {
      const source = options === undefined ? utf16 : text;
      const expected = json(fingerprint(await oneThread(source, options), true));
      const before = parallel.rowsReadByWorker;
      expect(json(fingerprint(await twoThreads(source, 20, options), true))).toEqual(expected);
      expect(parallel.rowsReadByWorker).toBe(before);
    }
  });
});

describe("a file read by path", () => {
  it("the worker reads the file itself; the same result at several splits", async () => {
    const path = join(tmp, "numbers.csv");
    const lines = ["\uFEFFid,v,w,会社"];
    for (let i = 0; i < 3000; i++) lines.push(`R${i},${i % 7},${i % 11 === 0 ? "" : i * 3},${["A社", "B社", "C社"][i % 3]}`);
    writeFileSync(path, lines.join("\r\n"));
    const expected = json(fingerprint(await oneThread(path), true));
    const before = parallel.rowsReadByWorker;
    const size = readFileSync(path).length;
    for (const share of [0.01, 0.3, 0.5, 0.77, 0.999]) {
      expect(json(fingerprint(await twoThreads(path, Math.floor(size * share), undefined, size), true)), `split at ${share}`).toEqual(expected);
      // Chunks shorter than a record (the worker's buffer grows) and a few records long (what is left of one moves to its start).
      for (const chunkSize of [7, 100]) expect(json(fingerprint(await twoThreads(path, Math.floor(size * share), { chunkSize }, size), true)), `split at ${share}, ${chunkSize}-byte chunks`).toEqual(expected);
    }
    expect(parallel.rowsReadByWorker - before).toBeGreaterThan(3000);
    expect(existsSync(path)).toBe(true);
  });
});

describe("numbers handed over in the worker's array, with room before them for this thread's rows", () => {
  it("the same numbers whether this thread's rows fit in that room (long lines first: they do not) or not", async () => {
    const path = join(tmp, "long-then-short.csv");
    const lines = ["n,v,w"];
    for (let i = 0; i < 8000; i++) lines.push(`${i},${i % 5},${i < 2000 ? "x".repeat(200) : i % 7 === 0 ? "" : "y"}`);
    writeFileSync(path, lines.join("\n") + "\n");
    const one = await oneThread(path);
    expect(Array.from(one.table.column("n") as unknown as Float64Array)).toEqual(Array.from({ length: 8000 }, (_, i) => i));
    const expected = json(fingerprint(one, true));
    const size = readFileSync(path).length;
    for (const share of [0.1, 0.5, 0.9, 0.98]) {
      const before = parallel.rowsReadByWorker;
      const r = await twoThreads(path, Math.floor(size * share), undefined, size);
      expect(parallel.rowsReadByWorker - before, `split at ${share}`).toBeGreaterThan(0);
      expect(json(fingerprint(r, true)), `split at ${share}`).toEqual(expected);
      expect(r.table.column("v")).toBeInstanceOf(Float64Array);
      expect(r.table.column("v")).toEqual(one.table.column("v"));
    }
  });
});

describe("a column of distinct texts (ids), kept by the worker as bytes", () => {
  it("ids, with spaces, full-width letters, markers, blanks and numbers among them: the same texts as one thread", async () => {
    const path = join(tmp, "ids.csv");
    const lines = ["id,v"];
    const odd: Record<number, string> = { 15000: " R15000 ", 15001: "Ｒ１５００１", 15002: "NA", 15003: "", 15004: "R9", 15005: "42", 15006: "\tR15006", 15007: "r-ü" };
    for (let i = 0; i < 20000; i++) lines.push(`${odd[i] ?? (i < 100 ? String(i + 1) : `R${i}`)},${i % 5}`);
    writeFileSync(path, lines.join("\n") + "\n");
    const one = await oneThread(path);
    const ids = one.table.column("id") as unknown as (string | null)[];
    // What the cells say, independently of either reader: trimmed, NFKC, markers missing.
    expect([ids[0], ids[14999], ids[15000], ids[15001], ids[15002], ids[15003], ids[15004], ids[15005], ids[15006], ids[15007], ids[19999]]).toEqual([
      "1",
      "R14999",
      "R15000",
      "R15001",
      null,
      null,
      "R9",
      "42",
      "R15006",
      "r-ü",
      "R19999",
    ]);
    const expected = json(fingerprint(one, true));
    const size = readFileSync(path).length;
    for (const share of [0.05, 0.5, 0.8]) {
      const before = parallel.rowsReadByWorker;
      expect(json(fingerprint(await twoThreads(path, Math.floor(size * share), undefined, size), true)), `split at ${share}`).toEqual(expected);
      expect(parallel.rowsReadByWorker - before).toBeGreaterThan(20000 * (1 - share) * 0.9);
      const r = await twoThreads(path, Math.floor(size * share), undefined, size);
      expect(r.table.column("id")).toEqual(ids);
    }
  });
});

describe("when the worker cannot help, one thread reads it all, with the same result", () => {
  const src = "a,b\n" + Array.from({ length: 50 }, (_, i) => `${i},x${i % 4}`).join("\n") + "\n";
  const fakeThreads = (Worker: unknown) => {
    const real = process.getBuiltinModule.bind(process);
    vi.spyOn(process, "getBuiltinModule").mockImplementation(((id: string) => (id === "node:worker_threads" ? { Worker } : real(id))) as typeof process.getBuiltinModule);
  };

  it("no worker threads (a browser), a worker that cannot start, one that fails, one that exits", async () => {
    const expected = json(fingerprint(await oneThread(src), true));
    const failing = (event: string) =>
      class {
        on(e: string, f: (v: unknown) => void) {
          if (e === event) setTimeout(() => f(event === "message" ? { ok: false } : new Error("worker failed")), 1);
        }
        terminate() {}
      };
    const cannotStart = class {
      constructor() {
        throw new Error("no workers here");
      }
    };
    for (const Worker of [undefined, cannotStart, failing("error"), failing("exit"), failing("message")]) {
      fakeThreads(Worker);
      const before = parallel.rowsReadByWorker;
      expect(json(fingerprint(await twoThreads(src, 40), true))).toEqual(expected);
      expect(parallel.rowsReadByWorker).toBe(before);
      vi.restoreAllMocks();
    }
  });
});
