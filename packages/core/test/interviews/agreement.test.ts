// coderAgreement: per code and overall agreement between coders, checked against R (base-R formulas
// and psych::cohen.kappa in reference/agreement.R; irr::kappam.fleiss' per-category kappas on the
// diagnoses data), against the stats kernels on the same matrices, and every refusal in both languages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { readCodebook } from "../../src/analyze/coding/read-codebook.js";
import type { CodedTexts, Coding } from "../../src/analyze/coding/coded-texts.js";
import { messageOfCode } from "../../src/errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError } from "../../src/errors/errors.js";
import { thrown } from "./thrown.js";
import { cohensKappa, fleissKappa, krippendorffAlpha } from "../../src/stats/agreement.js";
import { coderAgreement } from "../../src/studies/interviews/agreement.js";
import { expectNear, referenceCase } from "../stats/reference.js";

const here = join(import.meta.dirname, "reference");
const csv = readFileSync(join(here, "agreement-codings.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
  const [unit, coder, code] = l.split(",");
  return { unit: unit!, coder: coder!, code: code ?? "" };
});
const R = JSON.parse(readFileSync(join(here, "agreement.json"), "utf8")) as Record<"three_coders" | "two_coders", { codes: Record<string, number | string | undefined>[]; pooled: Record<string, number> }>;
const CODES = ["career", "manager", "chance", "other"];
const close = (actual: unknown, expected: unknown, what: string) => {
  if (expected === undefined || expected === null) expect(actual, what).toBeNull();
  else expect(actual as number, what).toBeCloseTo(expected as number, 12);
};

describe("coderAgreement against R (reference/agreement.R, agreement.json)", () => {
  for (const [name, coders] of [["three_coders", ["A", "B", "C"]], ["two_coders", ["A", "B"]]] as const) {
    it(`${name}: every measure per code and pooled`, () => {
      const r = coderAgreement(csv, { codes: CODES, coders: [...coders] });
      const rows = r.tables.agreement!.rows;
      expect(rows.map((x) => [x.scope, x.code])).toEqual([...CODES.map((c) => ["code", c]), ["pooled", null], ["mean", null]]);
      for (const ref of R[name].codes) {
        const row = rows.find((x) => x.code === ref.code)!;
        for (const k of ["units", "units_all_coders", "times_given"]) expect(row[k], `${String(ref.code)}.${k}`).toBe(ref[k]);
        for (const k of ["percent_agreement", "pairwise_agreement", "fleiss_kappa", "krippendorff_alpha", "cohen_kappa", "cohen_ci_low", "cohen_ci_high"]) close(row[k], ref[k], `${String(ref.code)}.${k}`);
        if (name === "two_coders" && ref.psych_cohen_kappa !== undefined) close(row.cohen_kappa, ref.psych_cohen_kappa, "psych::cohen.kappa");
        if (name === "three_coders") expect(row.cohen_kappa).toBeNull();
      }
      const pooled = rows.find((x) => x.scope === "pooled")!;
      expect(pooled.units).toBe(R[name].pooled.units);
      for (const k of ["percent_agreement", "pairwise_agreement", "fleiss_kappa", "krippendorff_alpha", "cohen_kappa"]) close(pooled[k], R[name].pooled[k], `pooled.${k}`);
      expect([pooled.cohen_ci_low, pooled.cohen_ci_high]).toEqual([null, null]);
    });
  }

  it("the mean row averages the per-code values where defined, and says which codes it leaves out", () => {
    const r = coderAgreement(csv, { codes: CODES });
    const perCode = r.tables.agreement!.rows.filter((x) => x.scope === "code");
    const mean = r.tables.agreement!.rows.find((x) => x.scope === "mean")!;
    const used = R.three_coders.codes.filter((c) => c.code !== "other");
    close(mean.fleiss_kappa, used.reduce((s, c) => s + (c.fleiss_kappa as number), 0) / 3, "mean fleiss");
    close(mean.krippendorff_alpha, used.reduce((s, c) => s + (c.krippendorff_alpha as number), 0) / 3, "mean alpha");
    close(mean.percent_agreement, R.three_coders.codes.reduce((s, c) => s + (c.percent_agreement as number), 0) / 4, "mean percent");
    expect(perCode.find((x) => x.code === "other")!.fleiss_kappa).toBeNull();
    expect(r.warnings).toContainEqual({ code: "agreementNote.meanLeavesOut", params: { measure: "Fleiss' kappa", codes: ["other"] } });
  });
});

describe("coderAgreement equals the stats kernels on the same matrices", () => {
  // The matrices built here, independently of coderAgreement: units u1…u20, 1 = given, 0 = coded without it, null = not coded.
  const units = [...new Set(csv.map((r) => r.unit))].sort((a, b) => +a.slice(1) - +b.slice(1));
  const matrix = (code: string, coders: string[]) =>
    units
      .map((u) => coders.map((k) => (csv.some((r) => r.unit === u && r.coder === k) ? (csv.some((r) => r.unit === u && r.coder === k && r.code === code) ? 1 : 0) : null)))
      .filter((row) => row.filter((v) => v !== null).length >= 2);
  for (const code of ["career", "manager", "chance"]) {
    it(code, () => {
      const m3 = matrix(code, ["A", "B", "C"]);
      const row3 = coderAgreement(csv, {}).tables.agreement!.rows.find((x) => x.code === code)!;
      expect(row3.fleiss_kappa).toBe(fleissKappa(m3.filter((r) => r.every((v) => v !== null))).estimate);
      expect(row3.krippendorff_alpha).toBe(krippendorffAlpha([0, 1, 2].map((k) => m3.map((r) => r[k]!))).estimate);
      const m2 = matrix(code, ["A", "B"]);
      const row2 = coderAgreement(csv, { coders: ["A", "B"] }).tables.agreement!.rows.find((x) => x.code === code)!;
      const k = cohensKappa(m2.map((r) => r[0]!), m2.map((r) => r[1]!));
      expect([row2.cohen_kappa, row2.cohen_ci_low, row2.cohen_ci_high]).toEqual([k.estimate, k.ciLow, k.ciHigh]);
    });
  }
});

describe("coderAgreement against irr::kappam.fleiss (diagnoses: 30 patients, 6 psychiatrists)", () => {
  // A binary code per diagnosis: Fleiss' kappa of "this diagnosis or not" is Fleiss' (1971) kappa for that category.
  const ref = referenceCase("09_interrater_agreement");
  const diagnoses = ref.csv("diagnoses.csv");
  const codings = diagnoses.flatMap((row, i) => Object.entries(row).map(([rater, diagnosis]) => ({ patient: `p${i + 1}`, rater, diagnosis })));
  it("per-category kappas (irr rounds them to 3 digits)", () => {
    const e = ref.entry("fleiss_diagnoses_detail");
    const r = coderAgreement(codings, { unit: "patient", coder: "rater", code: "diagnosis" });
    const rows = r.tables.agreement!.rows.filter((x) => x.scope === "code");
    expect(rows.map((x) => x.code)).toEqual(Object.keys(e.values));
    for (const row of rows) expect(Math.abs((row.fleiss_kappa as number) - (e.values[row.code as string] as { kappa: number }).kappa)).toBeLessThanOrEqual(0.0005);
    expect(rows.every((x) => x.units === 30 && x.units_all_coders === 30 && x.coders === 6)).toBe(true);
  });
  it("the overall Fleiss' kappa of the multi-category ratings is not the pooled binary one (documented: pooled is over unit × code decisions)", () => {
    const e = ref.entry("fleiss_diagnoses");
    const r = coderAgreement(codings, { unit: "patient", coder: "rater", code: "diagnosis" });
    const pooled = r.tables.agreement!.rows.find((x) => x.scope === "pooled")!;
    expect(pooled.units).toBe(150);
    expectNear(fleissKappa(diagnoses.map((row) => Object.values(row))).estimate, (e.values as { value: number }).value, e, "value");
    expect(pooled.fleiss_kappa).not.toBeCloseTo((e.values as { value: number }).value, 3);
  });
});

describe("coderAgreement: the disagreement list and the report", () => {
  it("lists every unit whose coders do not all agree, by code order and unit (numbers as numbers), never the texts", () => {
    const r = coderAgreement(csv, { codes: CODES });
    const d = r.tables.disagreements!;
    expect(d.columns).toEqual(["code", "code_ja", "unit", "coders", "given", "codings"]);
    const perCode = r.tables.agreement!.rows.filter((x) => x.scope === "code");
    for (const row of perCode) {
      const n = d.rows.filter((x) => x.code === row.code).length;
      expect(n).toBe(Math.round((row.units as number) * (1 - (row.percent_agreement as number))));
    }
    const career = d.rows.filter((x) => x.code === "career").map((x) => x.unit as string);
    expect(career).toEqual([...career].sort((a, b) => +a.slice(1) - +b.slice(1)));
    expect(d.rows.map((x) => x.code)).toEqual([...d.rows.map((x) => x.code)].sort((a, b) => CODES.indexOf(a as string) - CODES.indexOf(b as string)));
    // Each listed unit, recomputed from the input rows.
    for (const x of d.rows) {
      const parts = (x.codings as string).split(" ").map((s) => s.split(":"));
      for (const [coder, v] of parts) expect(csv.some((c) => c.unit === x.unit && c.coder === coder && c.code === x.code) ? "1" : "0").toBe(v);
      expect(parts.length).toBe(x.coders);
      expect(parts.filter(([, v]) => v === "1").length).toBe(x.given);
      expect(x.given).toBeGreaterThan(0);
      expect(x.given).toBeLessThan(x.coders as number);
    }
  });

  it("describes no group of people: nothing suppressed, the privacy note says so; provenance counts the rows", () => {
    const r = coderAgreement(csv, { codes: CODES });
    expect(r.study).toBe("coderAgreement");
    expect(r.tables.agreement!.privacy.code).toBe("report.ruleNone");
    expect(r.tables.agreement!.columns).not.toContain("suppressed");
    expect(r.provenance.inputs).toEqual([{ name: "codings", rows: csv.length, rowsUsed: csv.length }]);
    expect(r.warnings).toContainEqual({ code: "agreementNote.singleCoderUnits", params: { units: 1 } });
    expect(r.warnings).toContainEqual({ code: "agreementNote.unusedCode", params: { code: "other", measures: ["Fleiss' kappa", "Krippendorff's alpha"] } });
    for (const w of r.warnings) expect(messageOfCode(w.code), w.code).toBeDefined();
  });

  it("the same result for an arquero table, in any row order, and with columns named in Japanese", () => {
    const a = coderAgreement(csv, {});
    const b = coderAgreement(aq.from([...csv].reverse()), {});
    expect(b.tables).toEqual(a.tables);
    const ja = csv.map((r) => ({ テキスト: r.unit, コーダー: r.coder, コード: r.code }));
    expect(coderAgreement(ja, { unit: "テキスト", coder: "コーダー", code: "コード" }).tables).toEqual(a.tables);
  });

  it("a code every coder gave every unit, and a code too rare for Fleiss' units: null with a note, never NaN", () => {
    const rows = ["t1", "t2", "t3"].flatMap((unit) => ["A", "B"].map((coder) => ({ unit, coder, code: "always" })));
    rows.push({ unit: "t1", coder: "A", code: "rare" }, { unit: "t4", coder: "A", code: "rare" }, { unit: "t4", coder: "A", code: "always" }, { unit: "t4", coder: "C", code: "always" });
    const r = coderAgreement(rows, {});
    const always = r.tables.agreement!.rows.find((x) => x.code === "always")!;
    expect([always.percent_agreement, always.fleiss_kappa, always.krippendorff_alpha]).toEqual([1, null, null]);
    expect(r.warnings).toContainEqual({ code: "agreementNote.constantCode", params: { code: "always", measures: ["Fleiss' kappa", "Krippendorff's alpha"] } });
    // Units coded by all three coders: none (C coded only t4).
    const rare = r.tables.agreement!.rows.find((x) => x.code === "rare")!;
    expect(rare.fleiss_kappa).toBeNull();
    expect(rare.krippendorff_alpha).not.toBeNull();
    expect(r.warnings).toContainEqual({ code: "agreementNote.tooFewUnits", params: { code: "rare", measure: "Fleiss' kappa", units: 0, by: "all" } });
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
    for (const row of r.tables.agreement!.rows) for (const v of Object.values(row)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
  });
});

describe("coderAgreement on coded texts", () => {
  const coded = async (codings: Coding[], ids: string[]): Promise<CodedTexts> => {
    const codebook = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [
      { id: "barriers", ja: "壁", en: "Barriers" },
      { id: "no_chance", ja: "機会がない", en: "No chances", parent: "barriers", rule: "機会" },
      { id: "busy", ja: "忙しい", en: "Busy", parent: "barriers", rule: "忙しい" },
      { id: "growth", ja: "成長", en: "Growth", rule: "成長" },
    ] });
    return {
      table: aq.table({ no: ids, text: ids.map(() => "…"), barriers: ids.map(() => 0), no_chance: ids.map(() => 0), busy: ids.map(() => 0), growth: ids.map(() => 0) }),
      codes: ["barriers", "no_chance", "busy", "growth"],
      codebook,
      text: "text",
      id: "no",
      person: null,
      spans: [],
      codings,
      coders: [...new Set(["auto", ...codings.map((c) => c.coder)])],
    };
  };
  const codings: Coding[] = [
    { id: "a1", code: "barriers", coder: "auto" }, { id: "a1", code: "no_chance", coder: "auto" },
    { id: "a2", code: "growth", coder: "auto" },
    { id: "a3", code: "barriers", coder: "auto" }, { id: "a3", code: "busy", coder: "auto" },
    { id: "a1", code: "no_chance", coder: "佐藤" }, { id: "a2", code: "growth", coder: "佐藤" }, { id: "a3", code: null, coder: "佐藤" }, { id: "a4", code: "busy", coder: "佐藤" },
  ];

  it("auto read every text, 佐藤 the texts with a row (a3: read, nothing given); a grouping code counts as given with a code under it; labels from the codebook", async () => {
    const r = coderAgreement(await coded(codings, ["a1", "a2", "a3", "a4"]));
    const rows = r.tables.agreement!.rows.filter((x) => x.scope === "code");
    expect(rows.map((x) => [x.code, x.code_ja, x.units, x.percent_agreement])).toEqual([
      ["barriers", "壁", 4, 0.5], // 佐藤 gave a1 no_chance → barriers too; a3 (auto only) and a4 (佐藤 only) disagree
      ["no_chance", "機会がない", 4, 1],
      ["busy", "忙しい", 4, 0.5],
      ["growth", "成長", 4, 1],
    ]);
    expect(r.tables.disagreements!.rows.map((x) => [x.code, x.unit, x.codings])).toEqual([
      ["barriers", "a3", "auto:1 佐藤:0"], ["barriers", "a4", "auto:0 佐藤:1"], ["busy", "a3", "auto:1 佐藤:0"], ["busy", "a4", "auto:0 佐藤:1"],
    ]);
    // The same numbers from the rows themselves, with a blank code for each text a coder read without coding.
    const asRows = [...codings.map((c) => ({ unit: c.id, coder: c.coder, code: c.code ?? "" })), { unit: "a4", coder: "auto", code: "" },
      { unit: "a1", coder: "佐藤", code: "barriers" }, { unit: "a4", coder: "佐藤", code: "barriers" }];
    const same = coderAgreement(asRows, { codes: ["barriers", "no_chance", "busy", "growth"] });
    expect(same.tables.agreement!.rows.map((x) => x.krippendorff_alpha)).toEqual(r.tables.agreement!.rows.map((x) => x.krippendorff_alpha));
  });

  it("a manual coder who coded a sample is compared on that sample only", async () => {
    const sample: Coding[] = [...codings.filter((c) => c.coder === "auto"), { id: "a1", code: "no_chance", coder: "鈴木" }, { id: "a2", code: null, coder: "鈴木" }];
    const r = coderAgreement(await coded(sample, ["a1", "a2", "a3", "a4"]));
    const rows = r.tables.agreement!.rows.filter((x) => x.scope === "code");
    // a1: auto no_chance (and barriers), 鈴木 the same; a2: auto growth, 鈴木 nothing → growth disagrees; a3, a4: 鈴木 did not read them
    expect(rows.map((x) => [x.code, x.units, x.percent_agreement])).toEqual([["barriers", 2, 1], ["no_chance", 2, 1], ["busy", 2, 1], ["growth", 2, 0.5]]);
    expect(r.tables.disagreements!.rows.map((x) => [x.code, x.unit, x.codings])).toEqual([["growth", "a2", "auto:1 鈴木:0"]]);
  });

  it("refuses column options, a code outside the codebook and a lone coder", async () => {
    const c = await coded(codings, ["a1", "a2", "a3", "a4"]);
    expect(thrown(() => coderAgreement(c, { unit: "no" })).code).toBe("agreement.columnsOfCoded");
    const e = thrown(() => coderAgreement(c, { codes: ["grwoth"] }));
    expect(e.message).toContain('did you mean "growth"');
    expect(thrown(() => coderAgreement(c, { coders: ["auto", "鈴木"] })).code).toBe("agreement.unknownCoder");
    const alone = await coded(codings.filter((x) => x.coder === "auto"), ["a1", "a2", "a3", "a4"]);
    expect(thrown(() => coderAgreement(alone))).toBeInstanceOf(InsufficientDataError);
  });
});

describe("coderAgreement refuses bad input, in Japanese and English", () => {
  const two = [{ unit: "t1", coder: "A", code: "x" }, { unit: "t1", coder: "B", code: "" }, { unit: "t2", coder: "A", code: "" }, { unit: "t2", coder: "B", code: "" }];
  const cases: [string, () => unknown, string, RegExp, RegExp][] = [
    ["fewer than 2 coders", () => coderAgreement(two.filter((r) => r.coder === "A")), "agreement.tooFewCoders", /at least 2 coders.*found 1: "A"/, /2人以上のコーダー/],
    ["no unit coded by two", () => coderAgreement([{ unit: "t1", coder: "A", code: "x" }, { unit: "t2", coder: "B", code: "x" }]), "agreement.noSharedUnit", /each of the 2 units was coded by one coder only/, /2人以上のコーダーがコーディングした単位/],
    ["unknown option", () => coderAgreement(two, { coder: "coder", minGroupSzie: 5 } as never), "boundary.unknownOption", /unknown option "minGroupSzie"; did you mean "minGroupSize"/, /オプションはありません/],
    ["unknown column", () => coderAgreement(two, { coder: "rater" }), "boundary.noColumn", /no column "rater" \(option coder\)/, /列「rater」がありません/],
    ["duplicate rows", () => coderAgreement([...two, { unit: "t1", coder: "A", code: "x" }]), "agreement.duplicates", /unit "t1", coder "A", code "x" on rows 1 and 5/, /1行目と5行目/],
    ["blank coder", () => coderAgreement([...two, { unit: "t3", coder: " ", code: "x" }]), "agreement.blankCell", /row 5 has no coder in column "coder"/, /5行目の列「coder」/],
    ["code outside codes", () => coderAgreement(two, { codes: ["y"] }), "agreement.unknownCode", /row 1 gives code "x", which is not among the codes "y"/, /1行目のコード「x」/],
    ["a code listed twice", () => coderAgreement(two, { codes: ["x", "x"] }), "agreement.repeatedCode", /lists "x" twice/, /2回あります/],
    ["no code at all", () => coderAgreement(two.map((r) => ({ ...r, code: "" }))), "agreement.noCodes", /nothing to compare/, /比べるものがありません/],
    ["not codings", () => coderAgreement("codings.csv" as never), "agreement.notCodings", /got string "codings.csv"/, /codeTexts の結果/],
    ["not a row", () => coderAgreement([...two, 3] as never), "agreement.notARow", /coding 5 is not a row/, /5番目のコーディング/],
  ];
  for (const [what, f, code, en, ja] of cases) {
    it(what, () => {
      const e = thrown(f);
      expect(e, what).toBeInstanceOf(code.startsWith("agreement.tooFew") || code === "agreement.noSharedUnit" ? InsufficientDataError : KoeArgumentError);
      if (!(e instanceof InsufficientDataError)) expect(e.code).toBe(code);
      expect(e.localized.en).toMatch(en);
      expect(e.localized.ja).toMatch(ja);
    });
  }
});
