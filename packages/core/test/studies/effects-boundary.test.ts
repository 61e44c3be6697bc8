// Issue 8 ("honest inputs") for the effect estimators and the cross-boundary study: each repro
// (3, 4, 5, 9 and the IPW default) failed before and passes now; natural inputs (はい/いいえ,
// 0/1, Japanese labels, Japanese headers) give the clean answer, bad ones a KoeError naming the
// column. Expected numbers: r/effects.R (R 4.2.2, sandwich 3.0.2) → r/effects.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  balanceTable, crossBoundaryReport, differenceInDifferences, estimateEffect, KoeArgumentError, KoeError, readCsv, readRespondents, renderNote, wildClusterBootstrap, type EffectMethod,
} from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "effects.json"), "utf8"));
const root = join(import.meta.dirname, "..", "..", "..", "..");
const covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"];
let lalonde: ReturnType<typeof aq.table>;
let respondents: ReturnType<typeof aq.table>;
beforeAll(async () => {
  lalonde = (await readCsv(join(import.meta.dirname, "r", "lalonde.csv"))).table;
  respondents = (await readRespondents(join(root, "data", "respondents.csv"))).table;
});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
/** lalonde with its treatment column written another way. */
const withTreat = (f: (v: number) => unknown) => lalonde.derive({ treat: aq.escape((d: { treat: number }) => f(d.treat)) });

describe("estimateEffect against R (r/effects.R)", () => {
  it("IPW is unclipped by default: the ATT equals R's weighting (1214.07, not 1213.97), with nothing trimmed and no warning", () => {
    const w = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "weighting" });
    expect(w.estimate).toBeCloseTo(R.weighting_att.estimate, 7);
    expect(w.estimate!.toFixed(2)).toBe("1214.07");
    expect(rel(w.stdError!, R.weighting_att.stdError)).toBeLessThan(1e-8);
    expect(w.trimmed).toBeNull();
    expect(w.warnings).toEqual([]);
    const ate = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "weighting", estimand: "ATE" });
    expect(ate.estimate).toBeCloseTo(R.weighting_ate.estimate, 7);
    expect(rel(ate.stdError!, R.weighting_ate.stdError)).toBeLessThan(1e-8);
  });

  it("clipping is asked for, then reported in the result and its warnings", () => {
    const w = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "weighting", trim: 0.01 });
    const e = R["weighting_att_clipped_0.01"];
    expect(w.estimate).toBeCloseTo(e.estimate, 7);
    expect(w.trimmed).toEqual({ trim: 0.01, rows: e.rows_clipped });
    expect(w.warnings.map((x) => x.code)).toEqual(["effect.trimmed"]);
    expect(w.warnings[0]!.localized.en).toMatch(/1 of 614 rows were clipped to \[0\.01, 0\.99\]/);
    expect(w.warnings[0]!.localized.ja).toMatch(/614行のうち1行の傾向スコアを/);
  });

  it("regression is g-computation (Lin's interacted regression): ATT over the treated, ATE over everyone, as R", () => {
    for (const [estimand, key] of [["ATT", "regression_att"], ["ATE", "regression_ate"]] as const) {
      const r = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "regression", estimand });
      expect(r.estimand).toBe(estimand);
      expect(r.estimate, estimand).toBeCloseTo(R[key].estimate, 6);
      expect(rel(r.stdError!, R[key].stdError), estimand).toBeLessThan(1e-8);
    }
  });

  it("doubly robust: the weighted regression with ATT or ATE weights, as R", () => {
    for (const [estimand, key] of [["ATT", "doubly_robust_att"], ["ATE", "doubly_robust_ate"]] as const) {
      const r = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "doubly-robust", estimand });
      expect(r.estimate, estimand).toBeCloseTo(R[key].estimate, 6);
      expect(rel(r.stdError!, R[key].stdError), estimand).toBeLessThan(1e-8);
    }
  });

  it("ATE for the naive difference is the same number, and the result says what it is; matching refuses the ATE", () => {
    const att = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", method: "difference" });
    const ate = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", method: "difference", estimand: "ATE" });
    expect(ate.estimate).toBe(att.estimate);
    expect(ate.estimand).toBe("ATE");
    expect(ate.warnings.map((w) => w.code)).toEqual(["effect.naiveDifference"]);
    expect(ate.warnings[0]!.localized.en).toMatch(/same number for ATT and ATE/);
    const e = thrown(() => estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "matching", estimand: "ATE" }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.code).toBe("effect.attOnly");
    expect(e.localized.ja).toMatch(/ATT（参加者にとっての効果）だけです/);
  });
});

describe("repro 5: options are strict, enums exact", () => {
  const base = { outcome: "re78", treatment: "treat", covariates };
  it.each([
    [{ estimand: "att" }, /option "estimand" must be one of "ATT", "ATE" \(got "att"\); did you mean "ATT"\?/],
    [{ estimand: "ate" }, /did you mean "ATE"\?/],
    [{ method: "weighing" }, /option "method" must be one of .*did you mean "weighting"\?/],
    [{ estimands: "ATT" }, /unknown option "estimands"; did you mean "estimand"\?/],
    [{ covariates: "generation" }, /option "covariates" takes a list, e\.g\. \["generation"\]/],
    [{ trim: 0.7 }, /option "trim"/],
  ])("estimateEffect %o", (extra, message) => {
    const e = thrown(() => estimateEffect(lalonde, { ...base, ...extra } as never));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(message);
    expect(e.localized.ja).toMatch(/estimateEffect: /);
    expect(e.localized.ja).not.toBe(e.localized.en);
  });

  it("balanceTable: sd \"pool\" is an error with \"did you mean\", not the pooled SD in silence", () => {
    const e = thrown(() => balanceTable(lalonde, { treatment: "treat", covariates, sd: "pool" as "pooled" }));
    expect(e.message).toMatch(/option "sd" must be one of "treated", "pooled" \(got "pool"\); did you mean "pooled"\?/);
    expect(thrown(() => balanceTable(lalonde, { treatment: "treat", covariates: "age" as never })).message).toMatch(/takes a list/);
  });

  it("differenceInDifferences: keys inside bootstrap are checked too", () => {
    const e = thrown(() => differenceInDifferences(lalonde, { pre: "re75", post: "re78", treatment: "treat", cluster: "race", bootstrap: { draw: 99 } as never }));
    expect(e.message).toMatch(/unknown option "bootstrap\.draw"; did you mean "draws"\?/);
    expect(thrown(() => differenceInDifferences(lalonde, { pre: "re75", post: "re78", treatment: "treat", bootstrap: { weights: "web" } as never })).message).toMatch(/did you mean "webb"\?/);
  });
});

describe("no raw TypeError reaches the user", () => {
  it.each([
    ["a file name for the table", () => estimateEffect("lalonde.csv" as never, { outcome: "re78", treatment: "treat" }), /expected an arquero table/],
    ["no options", () => estimateEffect(lalonde, undefined as never), /option "outcome"/],
    ["options not an object", () => differenceInDifferences(lalonde, "re75" as never), /options must be an object/],
    ["a number for a column", () => differenceInDifferences(lalonde, { pre: 5 as never, post: "re78", treatment: "treat" }), /option "pre"/],
    ["no covariates for balance", () => balanceTable(lalonde, { treatment: "treat", covariates: [] }), /at least one covariate/],
    ["weights of the wrong length", () => balanceTable(lalonde, { treatment: "treat", covariates: ["age"], weights: [1, 2] }), /option weights has 2 values for a table of 614 rows/],
    ["matching without covariates", () => estimateEffect(lalonde, { outcome: "re78", treatment: "treat", method: "matching" }), /needs covariates for the propensity score/],
    ["a bad instrument", () => crossBoundaryReport(respondents, { instrument: 5 as never }), /option "instrument"/],
    ["predictors as a string", () => wildClusterBootstrap(lalonde, "age" as never, "re78", "race"), /takes a list/],
    ["the same column twice", () => estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates: ["re78"] }), /column "re78" is given for two roles/],
  ])("%s", (_, f, message) => {
    const e = thrown(f);
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(message);
    expect(e.localized.ja).not.toBe(e.localized.en);
  });
});

describe("the treatment as analysts write it", () => {
  const forms: [string, (v: number) => unknown][] = [
    ["booleans", (v) => v === 1],
    ["はい/いいえ", (v) => (v === 1 ? "はい" : "いいえ")],
    ["\"1\"/\"0\"", (v) => String(v)],
    ["参加/不参加", (v) => (v === 1 ? "参加" : "不参加")],
  ];
  for (const [name, f] of forms) {
    it(`${name}: the same estimates as 0/1 for every method, DiD and balance`, () => {
      const t = withTreat(f);
      for (const method of ["difference", "regression", "matching", "weighting", "doubly-robust"] as EffectMethod[]) {
        const opts = { outcome: "re78", treatment: "treat", covariates: method === "difference" ? [] : covariates, method };
        const a = estimateEffect(lalonde, opts);
        const b = estimateEffect(t, opts);
        expect([b.estimate, b.stdError, b.nTreated, b.nControl], method).toEqual([a.estimate, a.stdError, a.nTreated, a.nControl]);
      }
      const did = (x: typeof t) => differenceInDifferences(x, { pre: "re75", post: "re78", treatment: "treat" });
      expect(did(t).estimate).toBe(did(lalonde).estimate);
      expect(did(t).stdError).toBe(did(lalonde).stdError);
      expect(balanceTable(t, { treatment: "treat", covariates }).rows).toEqual(balanceTable(lalonde, { treatment: "treat", covariates }).rows);
    });
  }

  it("repro 9: a treatment value of 2 is the same KoeError in DiD, estimateEffect and balanceTable, naming the column, value and rows", () => {
    const treat = Array.from(lalonde.array("treat") as ArrayLike<number>, (v, i) => (i >= 200 && i < 300 ? 2 : v));
    const t = lalonde.assign({ treat });
    const did = thrown(() => differenceInDifferences(t, { pre: "re75", post: "re78", treatment: "treat" }));
    const eff = thrown(() => estimateEffect(t, { outcome: "re78", treatment: "treat", covariates }));
    const bal = thrown(() => balanceTable(t, { treatment: "treat", covariates }));
    for (const e of [did, eff, bal]) {
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.code).toBe("boundary.notBinary");
      expect(e.params).toMatchObject({ column: "treat", values: [{ value: "2", rows: 100, firstRow: 201 }] });
      expect(e.message).toMatch(/column "treat" must be yes\/no .*"2" \(100 rows, first at table row 201\)/);
      expect(e.localized.ja).toMatch(/列「treat」は「はい\/いいえ」/);
    }
  });

  it("balanceTable says what the treatment column holds instead of \"found 0 and 0\"", () => {
    const t = aq.table({ d: [1, 1, 1, 0, 0, 0], x: [Number.NaN, Number.NaN, 3, Number.NaN, 1, 2] });
    const e = thrown(() => balanceTable(t, { treatment: "d", covariates: ["x"] }));
    expect(e.message).toBe('balanceTable needs at least 2 treated and 2 untreated rows with every column used; column "d" holds 3 yes, 3 no; rows left out for a missing value: "x" 3');
    expect(e.localized.ja).toMatch(/列「d」は「はい」3行、「いいえ」3行です。値が欠けているため除いた行: 「x」3行/);
    const blank = thrown(() => balanceTable(aq.table({ d: [null, null, 1, 0], x: [1, 2, 3, 4] }), { treatment: "d", covariates: ["x"] }));
    expect(blank.message).toMatch(/column "d" holds 1 yes, 1 no and 2 blank/);
  });

  it("covariates: Japanese segment labels and はい/いいえ give the clean estimates; a typo is named", () => {
    const gen = ["young", "mid", "senior"] as const;
    const ja = { young: "若手", mid: "中堅", senior: "シニア" };
    const rows = Array.from({ length: lalonde.numRows() }, (_, i) => i);
    const clean = lalonde.assign({ generation: rows.map((i) => gen[i % 3]), manager: rows.map((i) => i % 4 === 0) });
    const natural = lalonde.assign({ generation: rows.map((i) => ja[gen[i % 3]!]), manager: rows.map((i) => (i % 4 === 0 ? "はい" : "いいえ")) });
    for (const method of ["regression", "weighting", "doubly-robust"] as EffectMethod[]) {
      const opts = { outcome: "re78", treatment: "treat", covariates: ["age", "generation", "manager"], method };
      expect(estimateEffect(natural, opts).estimate, method).toBe(estimateEffect(clean, opts).estimate);
    }
    const e = thrown(() => estimateEffect(clean, { outcome: "re78", treatment: "treat", covariates: ["generaton"] }));
    expect(e.message).toMatch(/no column "generaton" \(option covariates\); did you mean "generation"\?/);
    const age = Array.from(clean.array("age") as ArrayLike<number>, (v, i) => (i === 3 ? "x" : v));
    const bad = thrown(() => estimateEffect(clean.assign({ age }), { outcome: "re78", treatment: "treat", covariates: ["age"] }));
    expect(bad.message).toMatch(/column "age" must hold numbers.*"x" \(1 row, first at table row 4\)/);
  });
});

describe("crossBoundaryReport at the boundary", () => {
  const quick = { seed: 1, resamples: 99 } as const;
  type Row = Record<string, unknown>;
  const effects = (r: ReturnType<typeof crossBoundaryReport>) => r.tables.effects!.rows as Row[];

  it("repro 3: a misspelt covariate is an error with \"did you mean\", not dropped", () => {
    const e = thrown(() => crossBoundaryReport(respondents, { ...quick, covariates: ["generaton"] }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(/crossBoundaryReport: no column "generaton" \(option covariates\); did you mean "generation"\?/);
    expect(thrown(() => crossBoundaryReport(respondents, { ...quick, covariates: "generation" as never })).message).toMatch(/takes a list/);
    expect(thrown(() => crossBoundaryReport(respondents, { ...quick, minGroupsize: 5 } as never)).message).toMatch(/did you mean "minGroupSize"\?/);
    expect(thrown(() => crossBoundaryReport(respondents, { draws: 99 } as never)).message).toMatch(/unknown option "draws" \(options: .*"resamples"/);
  });

  it("repro 4: はい/いいえ, 社内/社外, 手挙げ/人事の指名 and Japanese headers give the clean report", () => {
    const clean = crossBoundaryReport(respondents, quick);
    const kindJa: Record<string, string> = { internal: "社内", external: "社外", self_nominated: "手挙げ", appointed: "人事の指名" };
    const natural = respondents
      .derive({
        cross_boundary: aq.escape((d: { cross_boundary: boolean | null }) => (d.cross_boundary === null ? null : d.cross_boundary ? "はい" : "いいえ")),
        cb_kind: aq.escape((d: { cb_kind: string | null }) => (d.cb_kind === null ? null : kindJa[d.cb_kind])),
        cb_selection: aq.escape((d: { cb_selection: string | null }) => (d.cb_selection === null ? "" : kindJa[d.cb_selection])),
        generation: aq.escape((d: { generation: string }) => ({ young: "若手", mid: "中堅", senior: "シニア" })[d.generation]),
      })
      .rename({ cross_boundary: "越境経験", cb_kind: "越境の種類", company: "会社" });
    const report = crossBoundaryReport(natural, quick);
    expect(effects(report).every((e) => e.status === "ok")).toBe(true);
    const numbers = (r: typeof report) => effects(r).map((e) => [e.scale, e.kind, e.method, e.estimate, e.ciLow, e.ciHigh, e.nTreated, e.nControl, e.status]);
    expect(numbers(report)).toEqual(numbers(clean));
    expect(JSON.stringify(report.findings).replaceAll('"column":"会社"', '"column":"company"')).toBe(JSON.stringify(clean.findings)); // notes name the cluster column as given
    // The balance table names the cluster column as given (会社 here): the same rows otherwise.
    expect(report.tables.balance!.rows.map((r) => (r.covariate === "会社" ? { ...r, covariate: "company" } : r))).toEqual(clean.tables.balance!.rows);
    expect(report.tables.balance!.rows.some((r) => r.covariate === "会社")).toBe(true);
    const kinds = Array.from(natural.array("越境の種類") as ArrayLike<string | null>, (v, i) => (i === 7 ? "社内X" : v));
    const bad = thrown(() => crossBoundaryReport(natural.assign({ 越境の種類: kinds }), quick));
    expect(bad).toBeInstanceOf(KoeArgumentError);
    expect(bad.message).toMatch(/column "越境の種類" has values that are not a known cross-boundary kind: "社内X"/);
  });

  it("a failed estimator is 'failed' with its reason (no counts) in warnings; small groups and their partners are 'suppressed'", () => {
    // A covariate equal to the treatment: the propensity score separates, and the regression's
    // design is collinear — estimation failures, reported as such, never as suppression.
    const t = respondents.derive({ sep: aq.escape((d: { cross_boundary: boolean }) => (d.cross_boundary ? 1 : 0)) });
    const report = crossBoundaryReport(t, { ...quick, covariates: ["sep"], minGroupSize: 120 });
    const all = effects(report).filter((e) => e.scale === "engagement" && e.kind === "all");
    const status = Object.fromEntries(all.map((e) => [e.method, e.status]));
    expect(status).toEqual({ bracket: "ok", did: "ok", ancova: "ok", "doubly-robust": "failed", "ancova-reliability": "ok", difference: "ok", regression: "failed", matching: "failed", weighting: "failed", "weighting-cluster": "failed", "doubly-robust-cluster": "failed", "wild-bootstrap": "ok" });
    for (const e of all.filter((x) => x.status === "failed")) {
      expect(e.suppressed).toBe(false);
      expect(e.estimate).toBeNull();
      expect(e.nTreated).toBe(250);
    }
    const failed = report.warnings.filter((w) => w.code === "crossBoundary.estimateFailed" && w.params.kind === "all" && w.params.scale === "engagement");
    expect(failed.map((w) => w.params.method)).toEqual(["regression", "matching", "weighting", "doubly-robust", "weighting-cluster", "doubly-robust-cluster"]);
    expect(failed.map((w) => w.params.reason)).toEqual(["collinear", "separation", "separation", "separation", "separation", "separation"]);
    expect(renderNote(failed[1]!, "en")).toBe("Engagement, All participants, matching: not estimated — the propensity model separates perfectly (a covariate predicts taking part).");
    expect(renderNote(failed[1]!, "ja")).toBe("エンゲージメント・越境経験者全体・マッチング: 推定できませんでした（傾向スコアのモデルで完全分離が起きました（ある共変量が参加の有無を言い当てます））。");
    // 102 external and 103 appointed participants are below 120: hidden, and so are their
    // partners (148 internal, 147 self-nominated), or all − partner would give them back.
    const kinds = effects(report).filter((e) => e.kind !== "all");
    expect(kinds.every((e) => e.status === "suppressed" && e.suppressed === true && e.estimate === null && e.nTreated === null)).toBe(true);
    // No warning names a hidden group; the edge says, in general words, that groups are hidden.
    expect(report.warnings.filter((w) => w.params.kind !== undefined && w.params.kind !== "all")).toEqual([]);
    expect(report.warnings.at(-1)!.code).toBe("report.groupsHidden");
  });
});
