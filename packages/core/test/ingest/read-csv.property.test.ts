import { KoeError, readCsv } from "@koe/core";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

// Fields drawn from what real exports contain: Japanese text, digits, quotes, delimiters, newlines.
const fieldText = fc.string({
  unit: fc.constantFrom("a", "B", "1", "５", " ", ",", '"', "\n", "\r\n", "\t", ";", "あ", "社", "ｶ", "①", "NA", "無回答", "😀"),
  maxLength: 12,
});

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

describe("readCsv on random input (fast-check)", () => {
  it("random bytes never raise anything but koe's typed error, and never lose a row", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), async (bytes, chunkSize) => {
        try {
          const r = await readCsv(bytes, { chunkSize });
          expectAccounted(r);
        } catch (e) {
          expect(e).toBeInstanceOf(KoeError);
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it("random well-formed CSV: every record read, fields equal csv-parse's, nothing lost", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(fieldText, { minLength: 5, maxLength: 5 }), { minLength: 0, maxLength: 30 }),
        fc.constantFrom("\n", "\r\n"),
        fc.integer({ min: 1, max: 50 }),
        async (ncol, rows, eol, chunkSize) => {
          const header = Array.from({ length: ncol }, (_, i) => `c${i}`);
          const records = rows.map((r) => r.slice(0, ncol)).filter((r) => !(ncol === 1 && r[0] === ""));
          const csv = [header.join(","), ...records.map((r) => r.map(quote).join(","))].join(eol) + eol;
          const schema = z.object(Object.fromEntries(header.map((h) => [h, z.string().nullable()])));
          const r = await readCsv(Buffer.from(csv, "utf8"), { chunkSize, schema, missing: [] });
          expectAccounted(r);
          const expected = parse(csv, { columns: false, relax_column_count: true }) as string[][];
          expect(r.summary.rowsRead).toBe(expected.length - 1);
          expect(r.summary.rowsRejected).toBe(0);
          // koe normalises text (NFKC, trim); compare on the same footing.
          const norm = (s: string) => s.normalize("NFKC").trim();
          for (let c = 0; c < ncol; c++) {
            expect(r.table.array(`c${c}`)).toEqual(expected.slice(1).map((row) => norm(row[c]!)));
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it("random text as UTF-16 LE or BE with a BOM, in any chunk size, reads exactly as the same text in UTF-8", async () => {
    const text = fc.string({ unit: fc.constantFrom("a", "1", "５", ",", '"', "\n", "\r\n", "あ", "社", "😀", "𠮷", "\t", " "), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom("utf-16le", "utf-16be"), fc.integer({ min: 1, max: 40 }), async (body, encoding, chunkSize) => {
        const csv = "a,b\n" + body;
        const le = Buffer.from(csv, "utf16le");
        const bytes = Buffer.concat([encoding === "utf-16le" ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]), encoding === "utf-16le" ? le : Buffer.from(le).swap16()]);
        const utf8 = await readCsv(Buffer.from(csv, "utf8"));
        const utf16 = await readCsv(bytes, { chunkSize });
        expectAccounted(utf16);
        expect(utf16.summary.encoding).toBe(encoding);
        expect(utf16.table.objects()).toEqual(utf8.table.objects());
        expect(utf16.issues).toEqual(utf8.issues);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it("random numeric cells: accepted or rejected with an issue, never coerced (blank is missing, not 0)", async () => {
    const cell = fc.oneof(fc.integer({ min: -3, max: 9 }).map(String), fc.constantFrom("", "NA", "３", "x", "2.5", " 4 ", "1e0"));
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { maxLength: 40 }), async (cells) => {
        const csv = "id,v\n" + cells.map((c, i) => `r${i},${c}`).join("\n") + "\n";
        const r = await readCsv(csv, { schema: z.object({ id: z.string(), v: z.number().int().min(1).max(5).nullable() }) });
        expectAccounted(r);
        const values = Array.from(r.table.array("v") as Float32Array);
        const accepted = cells.filter((c) => {
          const t = c.normalize("NFKC").trim();
          return t === "" || t === "NA" || (/^-?\d+(\.\d+)?(e0)?$/.test(t) && Number.isInteger(Number(t)) && Number(t) >= 1 && Number(t) <= 5);
        });
        expect(values.length).toBe(accepted.length);
        accepted.forEach((c, i) => {
          const t = c.normalize("NFKC").trim();
          if (t === "" || t === "NA") expect(values[i]).toBeNaN();
          else expect(values[i]).toBe(Number(t));
        });
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
