import { readFileSync, mkdtempSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readComments, readInitiativeRatings, readRespondents, readTranscripts } from "@koe/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, generateDataset, writeRespondentsCsv } from "../data/generator/index.js";

const FILES = ["respondents.csv", "initiative_ratings.csv", "comments.csv", "transcripts.csv", "codebook.json", "instrument.json", "truth.json"];
const bundled = (f: string) => readFileSync(join(import.meta.dirname, "..", "data", f));

describe("the bundled dataset", () => {
  const dir = mkdtempSync(join(tmpdir(), "koe-data-"));
  const truth = generateDataset({ outDir: dir });

  it("is exactly what the seeded generator makes (byte-identical: the committed files are not stale)", () => {
    for (const f of FILES) expect(readFileSync(join(dir, f)).equals(bundled(f)), f).toBe(true);
  });

  it("changes with the seed", () => {
    const other = mkdtempSync(join(tmpdir(), "koe-data-"));
    generateDataset({ outDir: other, seed: DEFAULT_SEED + 1 });
    expect(readFileSync(join(other, "respondents.csv")).equals(bundled("respondents.csv"))).toBe(false);
  });

  it("reads without a single rejected row, in its encodings", async () => {
    const r = await readRespondents(join(dir, "respondents.csv"));
    expect(r.summary).toMatchObject({ rowsRead: 5000, rowsAccepted: 5000, encoding: "utf-8" });
    expect(r.issues).toEqual([]);
    expect(r.table.numCols()).toBe(11 + 32);
    const ratings = await readInitiativeRatings(join(dir, "initiative_ratings.csv"));
    expect(ratings.summary.rowsRejected).toBe(0);
    expect(ratings.summary.rowsRead).toBe(truth.initiatives.rows);
    const comments = await readComments(join(dir, "comments.csv"));
    expect(comments.summary).toMatchObject({ rowsRead: 500, rowsRejected: 0, encoding: "shift_jis" });
    const transcripts = await readTranscripts(join(dir, "transcripts.csv"));
    expect(transcripts.summary.rowsRejected).toBe(0);
  });

  it("has the shapes and rates it promises", async () => {
    const r = await readRespondents(join(dir, "respondents.csv"));
    const part = Array.from(r.table.array("cross_boundary") as boolean[]).filter(Boolean).length;
    expect(part / 5000).toBeGreaterThan(0.04);
    expect(part / 5000).toBeLessThan(0.06);
    let missing = 0;
    let cells = 0;
    for (const name of r.table.columnNames().filter((c) => /^(eng|inn)_\d\d_(pre|post)$/.test(c))) {
      for (const v of r.table.array(name) as Float32Array) {
        cells++;
        if (Number.isNaN(v)) missing++;
      }
    }
    expect(missing / cells).toBeGreaterThan(0.015);
    expect(missing / cells).toBeLessThan(0.025);
    const companies = new Set(r.table.array("company") as string[]);
    expect(companies.size).toBe(25);
    const sizes = Object.values(truth.companies);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(4);
  });

  it("builds in selection (participants start higher) and a true effect the naive comparison overstates", () => {
    const e = (truth.respondents as unknown as Record<string, unknown>).engagement as { baselineGapSd: number; trueAtt: number; naiveDifferencePost: number };
    expect(e.baselineGapSd).toBeGreaterThan(0.2);
    expect(e.trueAtt).toBeGreaterThan(0.1);
    expect(e.naiveDifferencePost).toBeGreaterThan(e.trueAtt * 1.5);
  });

  it("encodes as users' exports do: ratings with BOM, comments in Shift_JIS", () => {
    expect([...bundled("initiative_ratings.csv").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(isUtf8(bundled("comments.csv"))).toBe(false);
    expect(new TextDecoder("shift_jis").decode(bundled("comments.csv"))).toContain("回答者ID");
  });

  it("streams a large file whose rows equal the in-memory generator's for the same seed", async () => {
    const path = join(dir, "stream.csv");
    await writeRespondentsCsv(path, { n: 2000 });
    const streamed = readFileSync(path, "utf8").split("\n");
    const inMemory = readFileSync(join(dir, "respondents.csv"), "utf8").split("\n");
    expect(streamed.length).toBe(2002);
    expect(streamed.slice(0, 2001)).toEqual(inMemory.slice(0, 2001));
  });
});
