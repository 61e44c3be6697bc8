// The readers give the same tables, issues and summaries as the reader before the fast path for
// files without a schema (issue 13): the expected results were written by that reader, before the
// change, to snapshots/read-equivalence.json (`KOE_WRITE_READ_SNAPSHOTS=1 npx vitest run <this file>`
// writes them again; only do so when a change of results is intended, and say why in the commit).
// Small adversarial inputs are stored whole, so a difference shows; large ones as a digest per column.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  readComments,
  readCsv,
  readExcel,
  readInitiativeRatings,
  readRespondents,
  readTranscripts,
  type ReadResult,
} from "../../src/ingest/index.js";
import { z } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";
import { adversarial, fingerprint } from "./read-corpus.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..", "..", "..");
const snapshotPath = join(here, "snapshots", "read-equivalence.json");
const writing = process.env.KOE_WRITE_READ_SNAPSHOTS === "1";
const stored: Record<string, unknown> = existsSync(snapshotPath) ? JSON.parse(readFileSync(snapshotPath, "utf8")) : {};
const fresh: Record<string, unknown> = {};
const tmp = mkdtempSync(join(tmpdir(), "koe-read-eq-"));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (writing) writeFileSync(snapshotPath, JSON.stringify({ ...stored, ...fresh }, null, 1) + "\n");
});

function check(name: string, r: ReadResult, whole: boolean): void {
  expectAccounted(r);
  const got = JSON.parse(JSON.stringify(fingerprint(r, whole)));
  fresh[name] = got;
  if (writing) return;
  expect(stored[name], `no stored result for ${name}: write the snapshots with the reader before the change`).toBeDefined();
  expect(got).toEqual(stored[name]);
}

describe("readCsv without a schema gives the tables, issues and summaries it gave before the fast path", () => {
  for (const c of adversarial) {
    it(c.name, async () => {
      check(c.name, await readCsv(c.source(), c.options), true);
      // The same in chunks of 7 bytes: records cut anywhere read the same.
      const small = await readCsv(Buffer.from(c.source()), { ...c.options, chunkSize: 7 });
      expect(JSON.parse(JSON.stringify(fingerprint(small, true)))).toEqual(fresh[c.name]);
    });
  }

  it("the same cells as an Excel workbook without a schema", async () => {
    check("workbook fixture", await readExcel(join(here, "fixtures", "survey.xlsx")), true);
  });

  it("with a schema: numbers, labels and text columns the schema does not know", async () => {
    const schema = z.object({ id: z.string(), v: z.number().int().min(1).max(5).nullable() });
    check("schema with extras", await readCsv("id,v,extra,n\nA,3,x,1\nB,そう思う,y,007\nC,9,z,2\nD,,,\n", { schema }), true);
  });
});

describe("missing markers written in digits", () => {
  it("are missing, with a schema and without, however the digits are read", async () => {
    const csv = "id,age,n\nA,99,1\nB,41,99\nC,９９,2\n";
    const schema = z.object({ id: z.string(), age: z.number().int().min(15).max(99).nullable(), n: z.number().nullable() });
    for (const r of [await readCsv(csv, { missing: ["", "99"], schema }), await readCsv(csv, { missing: ["", "99"] })]) {
      expect(Array.from(r.table.array("age") as ArrayLike<number>)).toEqual([Number.NaN, 41, Number.NaN]);
      expect(Array.from(r.table.array("n") as ArrayLike<number>)).toEqual([1, Number.NaN, 2]);
    }
  });
});

describe("the bundled data and a generated file read as before", () => {
  const data = (f: string) => join(root, "data", f);
  for (const f of ["respondents.csv", "initiative_ratings.csv", "transcripts.csv", "comments.csv", "comment_codings.csv", "dialogue_pilot.csv", "learning.csv"]) {
    it(`readCsv ${f}`, async () => check(`readCsv ${f}`, await readCsv(data(f)), false));
  }
  it("the domain readers", async () => {
    check("readRespondents", await readRespondents(data("respondents.csv")), false);
    check("readInitiativeRatings", await readInitiativeRatings(data("initiative_ratings.csv")), false);
    check("readTranscripts", await readTranscripts(data("transcripts.csv")), false);
    check("readComments", await readComments(data("comments.csv")), false);
  });
  it("10,000 generated respondents, without and with the schema", async () => {
    const path = join(tmp, "respondents-10000.csv");
    // Loaded here: the generator imports the whole of @koe/core.
    const { writeRespondentsCsv } = await import("../../../../data/generator/index.js");
    await writeRespondentsCsv(path, { n: 10_000 });
    check("readCsv respondents-10000", await readCsv(path), false);
    check("readRespondents respondents-10000", await readRespondents(path), false);
    // Records cut by chunk boundaries anywhere (an odd chunk size) read the same.
    expect(JSON.parse(JSON.stringify(fingerprint(await readCsv(path, { chunkSize: 4099 }), false)))).toEqual(fresh["readCsv respondents-10000"]);
    expect(JSON.parse(JSON.stringify(fingerprint(await readRespondents(path, { chunkSize: 4099 }), false)))).toEqual(fresh["readRespondents respondents-10000"]);
  }, 60_000);
});
