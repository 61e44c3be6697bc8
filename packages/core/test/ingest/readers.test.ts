import { readCsv, readInitiativeRatings, readRespondents, readTranscripts, toCsv, writeCsv } from "@koe/core";
import * as aq from "arquero";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

const items = ["eng_01", "eng_02", "eng_03", "eng_04", "eng_05", "eng_06", "eng_07", "eng_08", "eng_09", "eng_10", "inn_01", "inn_02", "inn_03", "inn_04", "inn_05", "inn_06"];

describe("readRespondents", () => {
  it("maps Japanese headers and labels, full-width digits and Likert labels to the schema", async () => {
    const jaItems = [...items.map((_, i) => (i < 10 ? `エンゲージメント${i + 1}_事前` : `イノベーション${i - 9}（事前）`))];
    const header = ["回答者ID", "会社名", "年齢", "世代", "職種", "管理職区分", "キャリア意識層", "不動層タイプ", "越境経験", "越境の種類", "越境の選ばれ方", ...jaItems];
    const row1 = ["R1", "Ａ社", "３４", "若手", "技術系", "非管理職", "伝統的なキャリア意識層", "キャリアがわからない", "なし", "", "", "そう思う", "４", ...Array(14).fill("3")];
    const row2 = ["R2", "A社", "52", "ベテラン", "現場", "管理職", "実践層", "", "あり", "社外", "手挙げ", ...Array(16).fill("無回答")];
    const r = await readRespondents(iconv.encode([header, row1, row2].map((r) => r.join(",")).join("\r\n"), "cp932"));
    expectAccounted(r);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    const [a, b] = r.table.objects() as Record<string, unknown>[];
    expect(a).toMatchObject({ respondent_id: "R1", company: "A社", age: 34, generation: "young", job_type: "technical", manager: false, layer: "traditional", immobile_type: "unaware", cross_boundary: false, cb_kind: null, eng_01_pre: 5, eng_02_pre: 4 });
    expect(b).toMatchObject({ generation: "senior", job_type: "frontline", manager: true, layer: "practising", cross_boundary: true, cb_kind: "external", cb_selection: "self_nominated" });
    expect(b!.eng_01_pre).toBeNaN();
    // The post-wave columns and the 23 career-ownership columns are not in this file: all missing, with a warning each.
    expect(r.issues.filter((i) => i.code === "missing_column" && i.severity === "warning").length).toBe(16 + 23);
  });

  it("rejects a repeated respondent id, an unknown generation label and an out-of-range answer", async () => {
    const header = ["respondent_id", "company", "generation", "eng_01_pre"].join(",");
    const r = await readRespondents([header, "R1,C01,young,5", "R1,C01,mid,4", "R2,C01,部長,3", "R3,C01,mid,7"].join("\n"));
    expectAccounted(r);
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.column, i.code])).toEqual([
      [3, "respondent_id", "duplicate_id"],
      [4, "generation", "unknown_label"],
      [5, "eng_01_pre", "out_of_range"],
    ]);
    expect(r.issues.find((i) => i.code === "unknown_label")!.message).toBe('"部長" is not a known value (known: "young", "若手", "mid", "中堅", "senior", "シニア")');
  });
});

describe("readInitiativeRatings and readTranscripts", () => {
  it("reads Japanese headers and labels into catalogue ids; a repeated rating cell is rejected", async () => {
    const csv = "会社,調査回,世代,浸透ステップ,施策,効果あり,結果,理由コード,理由\n" +
      "C01,1,若手,知る,キャリア1on1,はい,実践して効果が出た,manager_engaged,上司が熱心\n" +
      "C01,1,中堅,さらに理解を深める,ｅラーニング,いいえ,実践しなかった,,\n" +
      "C01,1,若手,知る,1on1,はい,実践して効果が出た,,\n";
    const r = await readInitiativeRatings(csv);
    expectAccounted(r);
    expect(r.table.objects()).toEqual([
      { company: "C01", wave: 1, generation: "young", step: "know", initiative: "one_on_one", effective: true, outcome: "practised_effective", reason_code: "manager_engaged", reason: "上司が熱心" },
      { company: "C01", wave: 1, generation: "mid", step: "deepen", initiative: "e_learning", effective: false, outcome: "not_practised", reason_code: null, reason: null },
    ]);
    expect(r.issues).toMatchObject([{ row: 4, code: "duplicate_id", column: "company + wave + generation + step + initiative" }]);
  });

  it("reads transcripts with multi-line turns", async () => {
    const r = await readTranscripts('インタビューID,発話番号,話者,回答者ID,発話\nT1,1,インタビュアー,,"最近の仕事は\nどうですか"\nT1,2,対象者,R1,忙しいです\n');
    expectAccounted(r);
    expect(r.table.array("text")).toEqual(["最近の仕事は\nどうですか", "忙しいです"]);
    expect(r.table.array("respondent_id")).toEqual([null, "R1"]);
  });
});

describe("writeCsv", () => {
  it("writes UTF-8 with BOM and CRLF for Excel, quoting where needed, missing as empty; reads back the same", async () => {
    const t = aq.table({ 会社: ["A社", 'B"社', "C,社"], 人数: new Float64Array([5, Number.NaN, 12]), メモ: ["改行\nあり", null, "ok"] });
    const dir = mkdtempSync(join(tmpdir(), "koe-"));
    const path = join(dir, "out.csv");
    await writeCsv(t, path, { excel: true });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").slice(1)).toBe('会社,人数,メモ\r\nA社,5,"改行\nあり"\r\n"B""社",,\r\n"C,社",12,ok\r\n');
    const back = await readCsv(path);
    expect(back.table.objects()).toEqual([
      { 会社: "A社", 人数: 5, メモ: "改行\nあり" },
      { 会社: 'B"社', 人数: Number.NaN, メモ: null },
      { 会社: "C,社", 人数: 12, メモ: "ok" },
    ]);
  });

  it("writes Shift_JIS on request and respects filters and order", async () => {
    const t = aq.table({ 世代: ["若手", "中堅", "シニア"], n: [3, 1, 2] }).orderby("n").filter((d: { n: number }) => d.n > 1);
    expect(toCsv(t)).toBe("世代,n\r\nシニア,2\r\n若手,3\r\n");
    const path = join(mkdtempSync(join(tmpdir(), "koe-")), "sjis.csv");
    await writeCsv(t, path, { encoding: "shift_jis" });
    expect(iconv.decode(readFileSync(path), "cp932")).toBe("世代,n\r\nシニア,2\r\n若手,3\r\n");
  });
});
