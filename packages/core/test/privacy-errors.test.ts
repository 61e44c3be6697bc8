// The privacy functions refuse bad input out loud, in Japanese and English: unknown options with
// the closest valid one, unknown columns with the closest column, and never a raw TypeError.
import * as aq from "arquero";
import { afterEach, describe, expect, it } from "vitest";
import { KoeArgumentError, KoeError, localize, setLanguage } from "../src/index.js";
import { auditSuppression, detectPersonalColumns, pseudonymizeColumns, pseudonymizeIds, suppressMatrix, suppressSmallGroups } from "../src/privacy/index.js";
import { privacyMessages } from "../src/privacy/messages.js";
import { thrown } from "../../../test/helpers/koe-error.js";

/** The error a call throws, or a failure if it throws none. */

const KEY = "key-1/for-tests/0123456789abcdef"; // 32 bytes

afterEach(() => setLanguage("en"));

describe("privacy options", () => {
  it("an unknown option names the closest valid one, in every privacy function", () => {
    const cases: [() => unknown, string][] = [
      [() => suppressMatrix([[1]], { minsize: 3 } as never), 'suppressMatrix: unknown option "minsize"; did you mean "minSize"?'],
      [() => suppressSmallGroups([{ g: "a", n: 1 }], { row: "g", coutn: "n" } as never), 'suppressSmallGroups: unknown option "coutn"; did you mean "count"?'],
      [() => auditSuppression([[1]], suppressMatrix([[1]]), { showTotal: false } as never), 'auditSuppression: unknown option "showTotal"; did you mean "showTotals"?'],
      [() => pseudonymizeIds(["R1"], KEY, { lenght: 8 } as never), 'pseudonymizeIds: unknown option "lenght"; did you mean "length"?'],
      [() => pseudonymizeColumns(aq.table({ id: ["R1"] }), ["id"], KEY, { prefx: "P-" } as never), 'pseudonymizeColumns: unknown option "prefx"; did you mean "prefix"?'],
    ];
    for (const [call, message] of cases) {
      const e = thrown(call);
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.message).toContain(message);
      expect(e.localized.ja).toContain("というオプションはありません");
    }
  });

  it("a bad value states the rule in both languages", () => {
    const e = thrown(() => suppressMatrix([[1]], { minSize: 2.5 }));
    expect(e.code).toBe("privacy.badOption");
    expect(e.localized).toEqual({
      en: 'suppressMatrix: option "minSize" must be a whole number ≥ 1 (got 2.5)',
      ja: "suppressMatrix: オプション「minSize」は1以上の整数で指定してください（渡された値: 2.5）",
    });
    expect(thrown(() => pseudonymizeIds(["R1"], KEY, { length: 4 })).localized.ja).toBe("pseudonymizeIds: オプション「length」は8から64までの整数で指定してください（渡された値: 4）");
    expect(thrown(() => suppressSmallGroups([{ g: "a", n: 1 }], { row: "g", complete: "yes" } as never)).localized.ja).toContain("true か false で指定してください");
    expect(thrown(() => suppressSmallGroups(aq.table({ g: ["a"], n: [1] }), {} as never)).localized).toEqual({
      en: 'suppressSmallGroups: option "row" must name a column (e.g. { row: "generation" }) (got undefined)',
      ja: 'suppressSmallGroups: オプション「row」は列名で指定してください（例: { row: "generation" }）（渡された値: undefined）',
    });
  });

  it("options that are not an object are refused, not spread into keys", () => {
    for (const call of [() => suppressMatrix([[1]], "minSize" as never), () => auditSuppression([[1]], suppressMatrix([[1]]), "x" as never), () => pseudonymizeIds(["R1"], KEY, [8] as never)]) {
      const e = thrown(call);
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.message).toMatch(/options must be an object/);
    }
  });

  it("speaks Japanese after setLanguage", () => {
    setLanguage("ja");
    expect(thrown(() => suppressSmallGroups([[1, 2], [3]])).message).toBe("suppressSmallGroups: 行列の2行目のセルは1個ですが、1行目は2個です");
  });
});

describe("privacy columns and inputs", () => {
  it("an unknown column names the option and the closest column", () => {
    const t = aq.table({ company: ["A"], generation: ["young"], n: [3] });
    const e = thrown(() => suppressSmallGroups(t, { row: "company", column: "generaton" }));
    expect(e.message).toBe('suppressSmallGroups: no column "generaton" (option column); did you mean "generation"? (columns: "company", "generation", "n")');
    expect(e.localized.ja).toContain("列「generaton」がありません（オプション column）。「generation」の誤りではありませんか？");
    expect(thrown(() => pseudonymizeColumns(aq.table({ respondent_id: ["R1"] }), ["respondentid"], KEY)).message).toContain('did you mean "respondent_id"?');
  });

  it("input of the wrong kind is a KoeArgumentError, never a TypeError", () => {
    expect(thrown(() => pseudonymizeColumns([{ id: "R1" }] as never, ["id"], KEY)).message).toMatch(/^pseudonymizeColumns: expected an arquero table/);
    expect(thrown(() => pseudonymizeColumns(aq.table({ id: ["R1"] }), "id" as never, KEY)).message).toBe('pseudonymizeColumns: columns (the id columns\' names) must be a list (got "id")');
    expect(thrown(() => pseudonymizeIds("R1" as never, KEY)).localized.ja).toBe('pseudonymizeIds: values（ID）はリストで渡してください（渡されたもの: "R1"）');
    expect(thrown(() => auditSuppression([[1]], undefined as never)).message).toMatch(/^auditSuppression: the second argument must be a suppression pattern/);
    expect(thrown(() => detectPersonalColumns("氏名" as never)).code).toBe("privacy.notHeaders");
    const garbage: unknown[] = [undefined, null, 42, "x", {}, [null], [[null]], [{}], { cells: [[null]], rowTotals: [], columnTotals: [], grandTotal: null }];
    const calls: ((x: unknown) => unknown)[] = [
      (x) => suppressSmallGroups(x as never), (x) => suppressMatrix(x as never), (x) => auditSuppression(x as never, suppressMatrix([[1]])),
      (x) => auditSuppression([[1]], x as never), (x) => pseudonymizeIds(x as never, KEY), (x) => pseudonymizeIds(["R1"], x as never),
      (x) => pseudonymizeColumns(x as never, ["id"], KEY), (x) => detectPersonalColumns(x as never), (x) => suppressSmallGroups([{ g: "a", n: 1 }], x as never),
    ];
    let errors = 0;
    for (const call of calls) {
      for (const x of garbage) {
        try {
          call(x);
        } catch (e) {
          errors++;
          expect(e, `${String(call)} on ${JSON.stringify(x)}`).toBeInstanceOf(KoeError);
        }
      }
    }
    expect(errors).toBeGreaterThan(60);
  });

  it("audit findings carry their text in both languages", () => {
    const counts = [[12, 3], [20, 9]];
    const s = suppressSmallGroups(counts);
    s.cells[0]![0] = { suppressed: false };
    const [first] = auditSuppression(counts, s).findings;
    expect(first!.localized.ja).toBe("セル [1, 2]（3）は公表された数から逆算できます（3以外にありえません）");
    setLanguage("ja");
    expect(auditSuppression(counts, s).findings[0]!.message).toBe(first!.localized.ja);
  });

  it("personal columns give their evidence in both languages", () => {
    expect(detectPersonalColumns(["電話"], [])).toEqual([{ column: "電話", kind: "phone", evidence: 'header "電話"', evidenceJa: "列名「電話」" }]);
    expect(detectPersonalColumns(["連絡先"], [["03-1234-5678"]])[0]!.evidenceJa).toBe("調べた1個の値のうち1個が電話番号の形");
  });
});

describe("the privacy catalogue", () => {
  it("writes every message in Japanese and English, and they differ", () => {
    const sample = {
      fn: "suppressSmallGroups", name: "minSize", rule: "must be a whole number ≥ 1", ruleJa: "1以上の整数で指定してください", value: 0, row: 2, column: "n", found: 1,
      expected: 2, first: 1, again: 2, group: "a", what: { en: "row totals", ja: "行合計" }, argument: "values", argumentJa: "values（ID）", got: "x", header: "氏名", sampled: 3, length: 8,
      low: 0, high: 3, minSize: 5, table: "participants", dims: ["a", "b", "c"], count: "n", tables: ["all", "participants"], whole: "all", part: "participants",
      dim: "company", key: { company: "C03", generation: "young" }, whole_n: 40, parts_n: 41, bytes: 1, min: 32,
    };
    const named = { ...sample, name: { en: "cell [1, 2]", ja: "セル [1, 2]" } };
    const entries = Object.values(privacyMessages);
    expect(entries.length).toBeGreaterThan(15);
    for (const entry of entries) {
      const params = entry.code.startsWith("privacy.audit") ? named : sample;
      const text = localize(entry as never, params as never) as { en: string; ja: string };
      expect(text.en.length, entry.code).toBeGreaterThan(5);
      expect(text.ja, entry.code).not.toBe(text.en);
      expect(text.ja, entry.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text.en, entry.code).not.toMatch(/\[object Object\]|undefined/);
    }
  });
});
