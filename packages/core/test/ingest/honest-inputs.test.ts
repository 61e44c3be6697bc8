// Issue 8 (honest inputs), the readers' part: bilingual issues, strict options, mixed columns
// reported, invisible header characters never leaking into messages.
import { formatIssue, getLanguage, Issue, KoeArgumentError, KoeReadError, readComments, readCsv, readInitiativeRatings, readRespondents, readTranscripts, setLanguage } from "@koe/core";
import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

const Person = z.object({ id: z.string().min(1), age: z.number().int().min(15).max(90).nullable() });

afterEach(() => setLanguage("en"));

describe("issues and reader errors speak Japanese and English", () => {
  it("every issue has both texts; message follows setLanguage; the issue still satisfies the Issue schema", async () => {
    const r = await readCsv("id,age,部署\nA,三十,営業\nB,200,x\n,30,y\n", { schema: Person });
    expect(r.issues.length).toBe(4);
    for (const i of r.issues) {
      expect(Issue.safeParse(i).success).toBe(true);
      expect(i.localized.en).toBe(i.message);
      expect(i.localized.ja).not.toBe(i.localized.en);
      expect(i.localized.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    const nan = r.issues.find((i) => i.code === "not_a_number")!;
    expect(nan.localized).toEqual({ en: '"三十" is not a number', ja: "「三十」は数値ではありません" });
    expect(formatIssue(nan)).toBe('row 2, column "age": "三十" is not a number');
    expect(formatIssue(nan, "ja")).toBe("2行目、列「age」: 「三十」は数値ではありません");
    expect(r.issues.find((i) => i.code === "out_of_range")!.localized.ja).toBe("「200」は許される範囲 15〜90 の外です");
    expect(r.issues.find((i) => i.code === "unknown_column")!.localized.ja).toBe("列「部署」はスキーマにない列です。文字列として残しました");

    setLanguage("ja");
    expect(getLanguage()).toBe("ja");
    const ja = await readCsv("id,age\nA,三十\n", { schema: Person });
    expect(ja.issues[0]!.message).toBe("「三十」は数値ではありません");
    expect(formatIssue(ja.issues[0]!)).toBe("2行目、列「age」: 「三十」は数値ではありません");
  });

  it("strict mode's error lists the problems in both languages", async () => {
    const err = (await readCsv("id,age\nA,三十\nB,9\n", { schema: Person, strict: true }).catch((e: unknown) => e)) as KoeReadError;
    expect(err).toBeInstanceOf(KoeReadError);
    expect(err.localized.en).toBe('the file has 2 problems in 2 rows:\n  row 2, column "age": "三十" is not a number\n  row 3, column "age": "9" is outside the allowed range 15–90');
    expect(err.localized.ja).toBe("ファイルの2行に2件の問題があります:\n  2行目、列「age」: 「三十」は数値ではありません\n  3行目、列「age」: 「9」は許される範囲 15〜90 の外です");
  });

  it("a missing file is named in both languages", async () => {
    const err = (await readCsv("/no/such/file.csv").catch((e: unknown) => e)) as KoeReadError;
    expect(err).toBeInstanceOf(KoeReadError);
    expect(err.localized).toEqual({ en: 'cannot read "/no/such/file.csv": no such file', ja: "「/no/such/file.csv」を読めません: ファイルがありません" });
  });
});

describe("options are parsed strictly", () => {
  it("a misspelt key is an error naming the closest valid key (readCsv and every domain reader)", async () => {
    const csv = "id\nA\nA\n";
    const err = (await readCsv(csv, { uniqe: ["id"] } as never).catch((e: unknown) => e)) as KoeArgumentError;
    expect(err).toBeInstanceOf(KoeArgumentError);
    expect(err.message).toMatch(/readCsv: unknown option "uniqe"; did you mean "unique"\?/);
    expect(err.localized.ja).toContain("「unique」の誤りではありませんか");
    await expect(readRespondents("data/respondents.csv", { instrumnet: {} } as never)).rejects.toThrow(/readRespondents: unknown option "instrumnet"; did you mean "instrument"\?/);
    await expect(readRespondents("data/respondents.csv", { generationCutof: {} } as never)).rejects.toThrow(/did you mean "generationCutoffs"/);
    await expect(readInitiativeRatings("data/initiative_ratings.csv", { catalog: {} } as never)).rejects.toThrow(/readInitiativeRatings: unknown option "catalog"; did you mean "catalogue"\?/);
    await expect(readTranscripts("data/transcripts.csv", { strictt: true } as never)).rejects.toThrow(/readTranscripts: unknown option "strictt"; did you mean "strict"\?/);
    await expect(readComments("data/comments.csv", { encodng: "cp932" } as never)).rejects.toThrow(/readComments: unknown option "encodng"; did you mean "encoding"\?/);
    // Nested objects too.
    await expect(readCsv(csv, { pseudonymize: { columns: ["id"], kee: "k" } } as never)).rejects.toThrow(/unknown option "pseudonymize.kee"; did you mean "key"/);
  });

  it("enums are exact, lists must be lists, values have their types", async () => {
    await expect(readCsv("a\n1\n", { delimiter: "|" } as never)).rejects.toThrow(/option "delimiter" must be one of/);
    await expect(readCsv("a\n1\n", { unknownColumns: "dropp" } as never)).rejects.toThrow(/did you mean "drop"/);
    await expect(readCsv("a\n1\n", { unique: "a" } as never)).rejects.toThrow(/option "unique" takes a list/);
    await expect(readCsv("a\n1\n", { missing: "-" } as never)).rejects.toThrow(/option "missing" takes a list/);
    await expect(readCsv("a\n1\n", { strict: "yes" } as never)).rejects.toThrow(KoeArgumentError);
    await expect(readCsv("a\n1\n", { schema: { id: "string" } } as never)).rejects.toThrow(/schema must be a zod object schema/);
    await expect(readCsv("a\n1\n", "utf-8" as never)).rejects.toThrow(/readCsv: options must be an object/);
    await expect(readCsv("a\n1\n", { encoding: "latin-9" })).rejects.toThrow(/readCsv: unknown encoding "latin-9"/);
    await expect(readRespondents("data/respondents.csv", { generationCutoffs: { mid: 50, senior: 35 } })).rejects.toThrow(KoeArgumentError);
  });

  it("a source that is not a path, text or bytes is a KoeArgumentError, never a TypeError", async () => {
    for (const bad of [42, null, undefined, {}, [], "", { file: "x.csv" }, { path: 3 }, true]) {
      const err = await readCsv(bad as never).catch((e: unknown) => e);
      expect(err, String(bad)).toBeInstanceOf(KoeArgumentError);
      expect((err as Error).message).toMatch(/^readCsv: the source must be a file path, CSV text, bytes/);
      expect((err as KoeArgumentError).localized.ja).toContain("読み込む元には");
    }
    await expect(readRespondents(42 as never)).rejects.toThrow(/^readRespondents: the source must be/);
    await expect(readComments(null as never)).rejects.toThrow(KoeArgumentError);
  });

  it("sheet is for workbooks: given with a CSV file it is an error, not ignored", async () => {
    await expect(readTranscripts("data/transcripts.csv", { sheet: "回答" })).rejects.toThrow(/option "sheet" is for Excel workbooks/);
  });
});

describe("schema-less reading reports a column that mixes numbers and text", () => {
  const rows = Array.from({ length: 20 }, (_, i) => `R${i + 1},${(i % 5) + 1},${i === 6 ? "-" : String((i % 4) + 1)}`);
  const csv = "id,Q1,Q2\n" + rows.join("\n") + "\n";

  it("one \"-\" in Q2: the column stays text (nothing lost) and a warning names it, its counts, the first text cell and its row, and the missing option", async () => {
    const r = await readCsv(csv);
    expectAccounted(r);
    expect(r.summary.rowsAccepted).toBe(20);
    expect(r.table.column("Q1")).toBeInstanceOf(Float64Array);
    expect(r.table.array("Q2")[6]).toBe("-");
    expect(typeof r.table.array("Q2")[0]).toBe("string");
    expect(r.issues).toHaveLength(1);
    const i = r.issues[0]!;
    expect(i).toMatchObject({ row: 8, column: "Q2", value: "-", code: "mixed_types", severity: "warning" });
    expect(i.message).toBe(
      'column "Q2" holds numbers (19 cells) and text that is not a number (1 cell: "-" in row 8); it was kept as text, so it will not compute as numbers. ' +
        'If the text means "no answer", read with missing: ["", "NA", "N/A", "無回答", "-"] and the column becomes numeric',
    );
    expect(i.localized.ja).toContain("列「Q2」には数値（19件）と、数値でない文字（1件: 8行目の「-」）が混ざっています");
    expect(i.localized.ja).toContain('missing: ["", "NA", "N/A", "無回答", "-"]');
  });

  it("read again with the missing option the message offers, the column is numeric and the warning is gone", async () => {
    const r = await readCsv(csv, { missing: ["", "NA", "N/A", "無回答", "-"] });
    expect(r.issues).toEqual([]);
    const q2 = r.table.column("Q2") as unknown as Float64Array;
    expect(q2).toBeInstanceOf(Float64Array);
    expect(q2[6]).toBeNaN();
    expect(q2[0]).toBe(1);
    const short = await readCsv(csv, { missing: ["-"] });
    expect(short.table.column("Q2")).toBeInstanceOf(Float64Array);
  });

  it("shows at most three text cells with their rows, counting the rest; a mostly-text column is not reported", async () => {
    const r = await readCsv("x\n1\n2\n-\n3\n欠\n4\n5\n?\n?\n6\n7\n");
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.message).toContain('text that is not a number (4 cells: "-" in row 4, "欠" in row 6, "?" in row 9, …)');
    expect(r.issues[0]!.message).toContain('missing: ["", "NA", "N/A", "無回答", "-", "欠", "?"]');
    const text = await readCsv("comment\nよい\n5\n特になし\nまあまあ\n");
    expect(text.issues).toEqual([]);
  });

  it("an unknown column kept beside a schema is checked the same way", async () => {
    const r = await readCsv("id,age,Q9\nA,30,1\nB,31,x\nC,32,2\n", { schema: Person });
    expect(r.issues.map((i) => [i.code, i.column, i.row])).toEqual([
      ["unknown_column", "Q9", 1],
      ["mixed_types", "Q9", 3],
    ]);
  });
});

describe("invisible characters in headers never leak into names or messages", () => {
  const Company = z.object({ 会社: z.string() });

  it("a BOM is stripped from the first header in every path: plain, quoted, forced encoding, UTF-16 LE/BE", async () => {
    const text = "会社,人数\nA社,5\n";
    const sources: [string, Buffer, object][] = [
      ["utf-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), {}],
      ["utf-8 BOM inside quotes", Buffer.from('"\uFEFF会社",人数\nA社,5\n'), {}],
      ["utf-8 BOM, encoding given", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { encoding: "utf-8" }],
      ["two BOMs", Buffer.from("\uFEFF\uFEFF" + text), {}],
      ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), {}],
      ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]), {}],
    ];
    for (const [name, bytes, opts] of sources) {
      const r = await readCsv(bytes, opts);
      expect(r.table.columnNames(), name).toEqual(["会社", "人数"]);
      expect(r.summary.columns[0]!.header, name).toBe("会社");
      const s = await readCsv(bytes, { ...opts, schema: Company });
      expect(s.issues.filter((i) => i.severity === "error"), name).toEqual([]);
      expect(s.table.array("会社"), name).toEqual(["A社"]);
    }
  });

  it("zero-width spaces and full-width letters in a header: the name is clean, and a missing column's message shows no invisible character", async () => {
    const r = await readCsv("\u200B会社\u200B,ＩＤ\u2060\nA社,1\n");
    expect(r.table.columnNames()).toEqual(["会社", "ID"]);
    const miss = await readCsv("\uFEFF部署,人数\n営業,5\n", { schema: z.object({ 会社: z.string() }) });
    const texts = miss.issues.flatMap((i) => [i.message, i.localized.ja, i.column ?? ""]);
    expect(texts.join("")).not.toMatch(/[\uFEFF\u200B-\u200D\u2060]/);
    expect(miss.issues.find((i) => i.code === "unknown_column")!.column).toBe("部署");
  });
});
