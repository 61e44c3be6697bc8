import {
  auditSuppression, codeFrequencies, codeTexts, InsufficientDataError, KoeArgumentError, readCodebook, readComments, readRespondents, SUPPRESSION_RULE, type CodedTexts, type CodingCodebook, type StudyReport,
} from "@koe/core";
import * as aq from "arquero";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

type Row = Record<string, unknown>;
const here = (file: string) => new URL(file, import.meta.url);
const data = (file: string) => new URL(`../../../../data/${file}`, import.meta.url).pathname;
// Rscript frequencies.R > frequencies.json (R 4.2.2), on frequencies.csv
const R = JSON.parse(readFileSync(here("reference/frequencies.json"), "utf8"));
const close = (got: unknown, want: number, tol = 1e-9) => expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));

let cb: CodingCodebook;
beforeAll(async () => {
  cb = await readCodebook({
    id: "ref",
    ja: "参照",
    en: "Reference",
    codes: [
      { id: "busy", ja: "繁忙", en: "Busy", rule: "忙しい" },
      { id: "career", ja: "キャリア", en: "Career", rule: "キャリア" },
      { id: "rare", ja: "辞令", en: "Orders", rule: "辞令" },
      { id: "never", ja: "なし", en: "Never", rule: "存在しない" },
    ],
  });
});

const rowsOf = (report: StudyReport, table: string) => report.tables[table]!.rows;

describe("codeFrequencies against R (reference/frequencies.R)", () => {
  let report: StudyReport;
  beforeAll(() => {
    const table = aq.fromCSV(readFileSync(here("reference/frequencies.csv"), "utf8"), { parse: { text: String } });
    report = codeFrequencies(codeTexts(table, { text: "text", id: "text_id", person: "person", codebook: cb }), { by: "group" });
  });

  it("has the documented tables and columns", () => {
    expect(report.study).toBe("codeFrequencies");
    expect(report.tables.frequencies!.columns).toEqual(["code", "code_ja", "code_en", "group", "people", "texts", "with_code", "share", "share_low", "share_high", "residual", "suppressed"]);
    expect(report.tables.overall!.columns).toEqual(["code", "code_ja", "code_en", "people", "texts", "with_code", "share", "share_low", "share_high", "suppressed"]);
    expect(report.tables.tests!.columns).toEqual(["code", "method", "statistic", "df", "p_value", "p_adjusted", "groups"]);
    expect(rowsOf(report, "frequencies").map((r) => `${r.code} ${r.group}`)).toEqual(["busy", "career", "rare", "never"].flatMap((c) => ["K1", "K2", "K3", "K4"].map((g) => `${c} ${g}`)));
  });

  it("people (distinct writers), texts, texts with the code, shares and Wilson intervals equal R's (tapply, prop.test(correct = FALSE))", () => {
    for (const code of ["busy", "career", "rare", "never"]) {
      const rows = rowsOf(report, "frequencies").filter((r) => r.code === code);
      const want = R.codes[code];
      expect(rows.map((r) => r.people)).toEqual(R.people);
      expect(rows.map((r) => r.texts)).toEqual(R.texts);
      expect(rows.map((r) => r.with_code)).toEqual(want.with_code);
      rows.forEach((r, j) => {
        close(r.share, want.share[j]);
        close(r.share_low, want.share_low[j], 1e-7);
        close(r.share_high, want.share_high[j], 1e-7);
      });
      const all = rowsOf(report, "overall").find((r) => r.code === code)!;
      expect([all.people, all.texts, all.with_code]).toEqual([R.people_all, R.texts_all, want.overall.with_code]);
      close(all.share_low, want.overall.share_low, 1e-7);
      close(all.share_high, want.overall.share_high, 1e-7);
    }
  });

  it("residuals are chisq.test(...)$stdres of the code-present row", () => {
    for (const code of ["busy", "career", "rare"]) {
      rowsOf(report, "frequencies").filter((r) => r.code === code).forEach((r, j) => close(r.residual, R.codes[code].chisq.stdres[j]));
    }
    expect(rowsOf(report, "frequencies").filter((r) => r.code === "never").map((r) => r.residual)).toEqual([null, null, null, null]);
  });

  it("tests: chi-square where every expected count is ≥ 5, Fisher's exact test otherwise, Holm across codes", () => {
    const t = Object.fromEntries(rowsOf(report, "tests").map((r) => [r.code, r]));
    expect([t.busy!.method, t.career!.method, t.rare!.method, t.never!.method]).toEqual(["chisq", "chisq", "fisher", "none"]);
    for (const code of ["busy", "career"]) {
      close(t[code]!.statistic, R.codes[code].chisq.statistic);
      close(t[code]!.p_value, R.codes[code].chisq.p_value, 1e-7);
      expect(t[code]!.df).toBe(3);
    }
    close(t.rare!.p_value, R.codes.rare.fisher.p_value, 1e-7);
    expect([t.rare!.statistic, t.rare!.df]).toEqual([null, null]);
    for (const code of ["busy", "career", "rare"]) close(t[code]!.p_adjusted, R.holm[code], 1e-7);
    expect([t.never!.p_value, t.never!.p_adjusted, t.never!.groups]).toEqual([null, null, 4]);
    expect(report.findings.map((f) => f.code)).toEqual(["interviewNotes.fisherUsed"]);
  });

  it("Fisher's test is simulated, with a seed, when the tables with the margins are too many (R's exact p within Monte-Carlo error)", () => {
    const { present, totals, p_exact } = R.simulated as { present: number[]; totals: number[]; p_exact: number };
    const rows = totals.flatMap((n, j) => Array.from({ length: n }, (_, i) => ({ g: `G${j + 1}`, t: i < present[j]! ? "辞令" : "-" })));
    const coded = codeTexts(rows, { text: "t", codebook: cb });
    const run = (seed: number) => rowsOf(codeFrequencies(coded, { by: "g", codes: ["rare"], seed }), "tests")[0]!;
    const first = run(1);
    expect(first.method).toBe("fisher_simulated");
    const se = Math.sqrt((p_exact * (1 - p_exact)) / 10_000);
    expect(Math.abs((first.p_value as number) - p_exact)).toBeLessThan(4 * se);
    expect(run(1).p_value).toBe(first.p_value);
    expect(run(2).p_value).not.toBe(first.p_value);
    const report = codeFrequencies(coded, { by: "g", codes: ["rare"], resamples: 999 });
    expect(report.findings.find((f) => f.code === "interviewNotes.fisherSimulated")!.params).toEqual({ codes: ["rare"], resamples: 999, seed: 1 });
    expect(((rowsOf(report, "tests")[0]!.p_value as number) * 1000) % 1).toBeCloseTo(0, 9); // (1 + hits) / 1000
  });
});

describe("codeFrequencies: privacy (free texts: groups of 10 people or more)", () => {
  // K1 30 people, K2 25, K3 20, K4 9: K4 is hidden, and one more group with it.
  const sizes = { K1: 30, K2: 25, K3: 20, K4: 9 } as const;
  const busyIn = { K1: 11, K2: 13, K3: 17, K4: 7 } as const;
  let coded: CodedTexts;
  let report: StudyReport;
  beforeAll(() => {
    const rows = Object.entries(sizes).flatMap(([g, n]) =>
      Array.from({ length: n }, (_, i) => ({ who: `${g}-${i}`, company: g, text: i < busyIn[g as keyof typeof busyIn] ? "忙しい" : i % 3 === 0 ? "キャリア" : "特になし" })),
    );
    coded = codeTexts(rows, { text: "text", person: "who", codebook: cb });
    report = codeFrequencies(coded, { by: "company" });
  });

  it("hides the small group and a complement, every figure of their rows blank", () => {
    const rows = rowsOf(report, "frequencies");
    const hiddenGroups = [...new Set(rows.filter((r) => r.suppressed).map((r) => r.company))];
    expect(hiddenGroups).toContain("K4");
    expect(hiddenGroups.length).toBeGreaterThanOrEqual(2);
    for (const r of rows.filter((x) => x.suppressed)) {
      expect(Object.entries(r).filter(([k, v]) => !["code", "code_ja", "code_en", "company", "suppressed"].includes(k) && v !== null)).toEqual([]);
    }
    expect(report.warnings.map((w) => w.code)).toEqual(["interviewNotes.testsOverShown", "report.groupsHidden"]);
  });

  it("no hidden number is anywhere in the report", () => {
    const hiddenGroups = [...new Set(rowsOf(report, "frequencies").filter((r) => r.suppressed).map((r) => r.company as keyof typeof sizes))];
    const text = JSON.stringify(report);
    for (const g of hiddenGroups) {
      const share = busyIn[g] / sizes[g];
      expect(text).not.toContain(String(share));
      expect(text).not.toContain(String(share).slice(0, 8));
    }
    // and the tests and residuals are those of the shown groups alone
    const shownOnly = coded.table.filter(aq.escape((d: Row) => !hiddenGroups.includes(d.company as keyof typeof sizes)));
    const alone = codeFrequencies({ ...coded, table: shownOnly }, { by: "company" });
    expect(rowsOf(report, "tests")).toEqual(rowsOf(alone, "tests"));
    expect(rowsOf(report, "frequencies").filter((r) => !r.suppressed)).toEqual(rowsOf(alone, "frequencies"));
  });

  it("a reader who knows the rule cannot narrow the hidden groups (auditSuppression, people per group with the total)", () => {
    const groups = rowsOf(report, "frequencies").filter((r) => r.code === "busy");
    const counts = [groups.map((r) => sizes[r.company as keyof typeof sizes])];
    const cell = (hidden: boolean) => ({ suppressed: hidden });
    const pattern = {
      cells: [groups.map((r) => cell(r.suppressed as boolean))],
      rowTotals: [cell(false)],
      // a group's column total is the group itself: not published separately
      columnTotals: groups.map((r) => ({ suppressed: r.suppressed as boolean, reason: "unpublished" as const })),
      grandTotal: cell(false),
      rule: SUPPRESSION_RULE,
    };
    expect(rowsOf(report, "overall")[0]!.people).toBe(84);
    for (const reader of ["sums", "rule"] as const) expect(auditSuppression(counts, pattern, { minSize: 10, reader }).safe).toBe(true);
    // without the complement, a reader subtracts: the audit sees it
    const greedy = { ...pattern, cells: [groups.map((r) => cell(r.company === "K4"))], columnTotals: groups.map((r) => ({ suppressed: r.company === "K4", reason: "unpublished" as const })) };
    expect(auditSuppression(counts, greedy, { minSize: 10, reader: "sums" }).safe).toBe(false);
  });

  it("with fewer than 10 people in all, no count is shown, and no test", () => {
    const few = codeTexts(Array.from({ length: 9 }, (_, i) => ({ who: `p${i}`, company: i < 5 ? "A" : "B", text: "忙しい" })), { text: "text", person: "who", codebook: cb });
    const r = codeFrequencies(few, { by: "company" });
    expect(rowsOf(r, "frequencies").every((x) => x.suppressed && x.people === null && x.with_code === null)).toBe(true);
    expect(rowsOf(r, "overall").every((x) => x.suppressed && x.people === null && x.share === null)).toBe(true);
    expect(rowsOf(r, "tests").every((x) => x.method === "none" && x.p_value === null)).toBe(true);
  });

  it("counts people, not texts: one person's two texts make one writer", () => {
    const rows = Array.from({ length: 24 }, (_, i) => ({ who: `p${i % 12}`, company: "A", text: i < 12 ? "忙しい" : "キャリア" }));
    const r = codeFrequencies(codeTexts(rows, { text: "text", person: "who", codebook: cb }), { by: "company" });
    expect(rowsOf(r, "frequencies").filter((x) => x.code === "busy").map((x) => [x.people, x.texts, x.with_code, x.suppressed])).toEqual([[12, 24, 12, false]]);
    const asTexts = codeFrequencies(codeTexts(rows.slice(0, 9), { text: "text", codebook: cb }), { by: "company" });
    expect(rowsOf(asTexts, "frequencies")[0]!.suppressed).toBe(true);
  });
});

describe("codeFrequencies: segments as analysts have them", () => {
  it("resolves Japanese headers and labels and orders groups naturally; blank groups are left out with a note", () => {
    const gens = ["シニア", "若手", "中堅", "", "若手"];
    const rows = Array.from({ length: 100 }, (_, i) => ({ generation: gens[i % 5], text: i % 2 === 0 ? "忙しい" : "キャリア" }));
    const r = codeFrequencies(codeTexts(rows, { text: "text", codebook: cb }), { by: "世代", codes: ["繁忙"] });
    expect(rowsOf(r, "frequencies").map((x) => [x.generation, x.texts])).toEqual([["young", 40], ["mid", 20], ["senior", 20]]);
    expect(r.warnings).toContainEqual({ code: "interviewNotes.blankGroup", params: { column: "generation", rows: 20 } });
    expect(rowsOf(r, "overall")[0]!.texts).toBe(80);
  });

  it("on the bundled comments: participants voice work motivation far more (residual > 2); small companies hidden", async () => {
    const [comments, respondents, codebook] = await Promise.all([readComments(data("comments.csv")), readRespondents(data("respondents.csv")), readCodebook(data("codebook.json"))]);
    const coded = codeTexts(comments.table, { text: "回答", person: "回答者ID", codebook });
    const joined = coded.table.join_left(respondents.table.select("respondent_id", "cross_boundary"), "respondent_id");
    const r = codeFrequencies({ ...coded, table: joined }, { by: "越境経験", codes: ["work_motivation"] });
    const rows = rowsOf(r, "frequencies");
    const yes = rows.find((x) => x.cross_boundary === true)!;
    const no = rows.find((x) => x.cross_boundary === false)!;
    expect(yes.share as number).toBeGreaterThan(3 * (no.share as number));
    expect(yes.residual as number).toBeGreaterThan(2);
    expect(rowsOf(r, "tests")[0]!.p_value as number).toBeLessThan(1e-6);
    const byCompany = codeFrequencies(coded, { by: "company", codes: ["work_motivation"] });
    const shown = rowsOf(byCompany, "frequencies").filter((x) => !x.suppressed);
    expect(shown.every((x) => (x.people as number) >= 10)).toBe(true);
    expect(rowsOf(byCompany, "frequencies").some((x) => x.suppressed)).toBe(true);
  });
});

describe("codeFrequencies: errors", () => {
  let coded: CodedTexts;
  beforeAll(() => {
    coded = codeTexts(Array.from({ length: 20 }, (_, i) => ({ company: i % 2 ? "A" : "B", text: "忙しい" })), { text: "text", codebook: cb });
  });
  it("names the option, the column or the code", () => {
    expect(thrown(() => codeFrequencies(coded, { by: "compny" })).message).toContain('no column "compny" (option by); did you mean "company"?');
    expect(thrown(() => codeFrequencies(coded, { by: "company", minGroupSize: 9 })).message).toContain("minGroupSize");
    expect(thrown(() => codeFrequencies(coded, { by: "company", codes: ["bussy"] })).message).toContain('"bussy" is not a code of the coded texts; did you mean "busy"?');
    expect(thrown(() => codeFrequencies(coded, { by: "company", bye: "x" } as never)).message).toContain('unknown option "bye"');
    expect(thrown(() => codeFrequencies(coded, { by: "text" })).message).toContain('"text"');
    expect(thrown(() => codeFrequencies(coded.table as never, { by: "company" })).message).toContain("expected coded texts, as codeTexts returns them");
    expect(thrown(() => codeFrequencies(coded, { by: "company", codes: ["bussy"] }))).toBeInstanceOf(KoeArgumentError);
  });
  it("a segment blank on every row is too little data", () => {
    const blank = codeTexts([{ company: "", text: "忙しい" }], { text: "text", codebook: cb });
    expect(thrown(() => codeFrequencies(blank, { by: "company" }))).toBeInstanceOf(InsufficientDataError);
  });
});
