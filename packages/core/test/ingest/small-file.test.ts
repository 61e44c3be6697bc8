// A small file is read at once (one synchronous read), its columns sized before its records are
// read, and a cell repeating the one above it in a text column taken from that cell (issue 13):
// the results must be those of the same bytes read in chunks of a few bytes (the general path).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as aq from "arquero";
import { z } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/ingest/index.js";
import { binaryColumn, segmentColumn } from "../../src/boundary/roles.js";
import { KoeArgumentError } from "../../src/errors/errors.js";
import { expectAccounted } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "koe-small-file-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** Grouped rows, as a ratings file is sorted: each text column repeats its value row after row. */
const grouped = [
  "company,generation,step,initiative,effective",
  ...["C0", "C0", "C0", "C1", "C1", "C2"].flatMap((c, i) => [`${c},young,know,one_on_one,${i % 2}`, `${c},young,know,e_learning,1`, `${c},mid,know,e_learning,0`]),
  "",
].join("\n");

describe("a small file read from its path", () => {
  it("gives the table, issues and summary of the same bytes read in chunks of 7 bytes", async () => {
    const path = file("grouped.csv", grouped);
    const whole = await readCsv(path);
    const chunked = await readCsv(path, { chunkSize: 7 });
    expectAccounted(whole);
    expect(whole.table.objects()).toEqual(chunked.table.objects());
    expect(whole.issues).toEqual(chunked.issues);
    expect(whole.summary).toEqual(chunked.summary);
    expect(whole.table.numRows()).toBe(18);
    expect(whole.table.array("company").slice(0, 4)).toEqual(["C0", "C0", "C0", "C0"]);
    expect(Array.from(whole.table.array("effective") as Float64Array).slice(0, 4)).toEqual([0, 1, 0, 1]);
  });

  it("rejects each of two rows repeating the same bad label, naming its own row", async () => {
    const path = file("labels.csv", "id,generation\n1,young\n2,teen\n3,teen\n4,mid\n");
    const schema = z.object({ id: z.number().int(), generation: z.enum(["young", "mid", "senior"]) });
    const whole = await readCsv(path, { schema });
    const chunked = await readCsv(path, { schema, chunkSize: 5 });
    expectAccounted(whole);
    expect(whole.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.column, i.value])).toEqual([
      [3, "generation", "teen"],
      [4, "generation", "teen"],
    ]);
    expect(whole.issues).toEqual(chunked.issues);
    expect(whole.table.objects()).toEqual([
      { id: 1, generation: "young" },
      { id: 4, generation: "mid" },
    ]);
  });

  it("keeps a repeated cell's spelling and a text column turned from numbers, as read in chunks", async () => {
    const text = "code,name\n007,a\n007,a\n7,b\nx,b\n";
    const whole = await readCsv(file("codes.csv", text));
    const chunked = await readCsv(Buffer.from(text), { chunkSize: 3 });
    expect(whole.table.array("code")).toEqual(["007", "007", "7", "x"]);
    expect(whole.table.objects()).toEqual(chunked.table.objects());
    expect(whole.issues).toEqual(chunked.issues);
  });

  it("a missing file is still an error naming it", async () => {
    await expect(readCsv(join(tmp, "nowhere.csv"))).rejects.toThrow(/nowhere\.csv/);
  });
});

describe("the roles read from repeated values", () => {
  it("segmentColumn counts every row of a repeated unknown value and of a repeated missing one", () => {
    const t = aq.table({ generation: ["若手", "若手", "teen", "teen", null, null, "NA", "中堅"] });
    expect(segmentColumn("f", aq.table({ generation: ["若手", "若手", null, null, "NA", "中堅", "中堅"] }), "generation")).toMatchObject({
      codes: Int32Array.from([0, 0, -1, -1, -1, 1, 1]),
      levels: ["young", "mid"],
      nMissing: 3,
    });
    let thrown: unknown;
    try {
      segmentColumn("f", t, "generation");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KoeArgumentError);
    expect((thrown as KoeArgumentError).params).toMatchObject({ values: [{ value: "teen", rows: 2, firstRow: 3 }] });
  });

  it("binaryColumn reads words in a text column and lists them when a value is neither", () => {
    expect(Array.from(binaryColumn("f", aq.table({ effective: ["効果あり", "効果あり", "効果なし", "NA"] }), "effective").values)).toEqual([1, 1, 0, 255]);
    let thrown: unknown;
    try {
      binaryColumn("f", aq.table({ effective: Float64Array.from([1, 0, 2]) }), "effective");
    } catch (e) {
      thrown = e;
    }
    expect((thrown as KoeArgumentError).params).toMatchObject({ values: [{ value: "2", rows: 1, firstRow: 3 }] });
    expect((thrown as KoeArgumentError).params).toHaveProperty("yes", expect.arrayContaining(["効果あり"]));
  });
});
