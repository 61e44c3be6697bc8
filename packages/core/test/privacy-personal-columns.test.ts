import { describe, expect, it } from "vitest";
import { detectPersonalColumns } from "../src/privacy/index.js";

const kinds = (headers: string[], sample: string[][] = []) => detectPersonalColumns(headers, sample).map((f) => [f.column, f.kind]);

describe("detectPersonalColumns by header", () => {
  it.each([
    ["氏名", "name"],
    ["名前", "name"],
    ["お名前", "name"],
    ["姓", "name"],
    ["名", "name"],
    ["フリガナ", "name"],
    ["氏名（カナ）", "name"],
    ["回答者氏名", "name"],
    ["社員名", "name"],
    ["セイ", "name"],
    ["name", "name"],
    ["Name", "name"],
    ["ＮＡＭＥ", "name"], // full-width, NFKC
    ["full name", "name"],
    ["Full_Name", "name"],
    ["first name", "name"],
    ["lastName", "name"],
    ["Employee Name", "name"],
    ["e-mail", "email"],
    ["E-Mail Address", "email"],
    ["email", "email"],
    ["Ｅメール", "email"],
    ["メール", "email"],
    ["メールアドレス", "email"],
    ["mail", "email"],
    ["work_email", "email"],
    ["電話", "phone"],
    ["電話番号", "phone"],
    ["携帯電話番号", "phone"],
    ["phone", "phone"],
    ["Phone Number", "phone"],
    ["tel", "phone"],
    ["ＴＥＬ", "phone"],
  ])("%s is %s", (header, kind) => {
    expect(detectPersonalColumns([header])).toEqual([{ column: header, kind, evidence: `header ${JSON.stringify(header)}`, evidenceJa: `列名「${header}」` }]);
  });

  it.each([
    "company name",
    "Company_Name",
    "department name",
    "file name",
    "会社名",
    "部署名",
    "研修名",
    "施策名",
    "会社の名前",
    "事業者名",
    "respondent_id",
    "回答者ID",
    "社員番号",
    "generation",
    "名称",
    "メール配信",
    "email_opt_in",
    "電話対応の満足度",
    "mobile work",
    "hotel",
    "",
  ])("%s is not personal", (header) => {
    expect(detectPersonalColumns([header])).toEqual([]);
  });

  it("keeps header order and reports each column once", () => {
    expect(kinds(["回答者ID", "氏名", "会社名", "部署名", "メールアドレス", "company name", "Full Name", "電話番号"])).toEqual([
      ["氏名", "name"],
      ["メールアドレス", "email"],
      ["Full Name", "name"],
      ["電話番号", "phone"],
    ]);
  });
});

describe("detectPersonalColumns by values", () => {
  it("flags a column whose non-blank sampled values are mostly e-mail addresses", () => {
    const sample = [
      ["R1", "taro@example.jp", "3"],
      ["R2", "", "4"],
      ["R3", "hanako@example.co.jp", "5"],
      ["R4", "なし", "2"],
    ];
    expect(detectPersonalColumns(["id", "連絡先", "score"], sample)).toEqual([
      { column: "連絡先", kind: "email", evidence: "2 of 3 sampled values look like e-mail addresses", evidenceJa: "調べた3個の値のうち2個がメールアドレスの形" },
    ]);
  });

  it("does not flag a column where e-mail addresses are half or fewer of the values", () => {
    expect(kinds(["memo"], [["a@example.jp"], ["see notes"], ["n/a"], ["x@example.jp"]])).toEqual([]);
    expect(kinds(["memo"], [[""], ["  "]])).toEqual([]);
  });

  it("flags Japanese phone numbers written with separators, not bare digit ids or dates", () => {
    expect(kinds(["連絡先"], [["03-1234-5678"], ["090-1234-5678"], ["+81 90 1234 5678"]])).toEqual([["連絡先", "phone"]]);
    expect(kinds(["code"], [["0312345678"], ["2024-01-15"], ["0001234"]])).toEqual([]);
  });

  it("lets the header decide when both apply", () => {
    expect(detectPersonalColumns(["氏名"], [["taro@example.jp"]])[0]!.kind).toBe("name");
  });
});
