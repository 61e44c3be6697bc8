// A seeded property test of the effect estimators at the input boundary: on a random survey-like
// table, harmless rewritings (the treatment as 0/1, はい/いいえ or 経験あり/経験なし, Japanese
// labels, numeric text, Japanese headers, shuffled rows) give the clean answer, and bad inputs
// (a 2, a text score, an unknown label, a typo, one group, all missing, no rows) throw a KoeError
// naming the column or option — never a result with rows silently dropped.
import {
  balanceTable, createRandom, differenceInDifferences, estimateEffect, KoeError, logisticRegression, ols, type Table,
} from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

function recode(t: Table, column: string, f: (v: unknown, row: Record<string, unknown>, i: number) => unknown, rename?: string): Table {
  const rows = t.objects() as Record<string, unknown>[];
  const out = t.assign(aq.table({ [column]: rows.map((r, i) => f(r[column], r, i)) }));
  return rename ? out.rename({ [column]: rename }) : out;
}

const GEN_JA: Record<string, string> = { young: "若手", mid: "中堅", senior: "シニア" };

function survey(seed: number): Table {
  const random = createRandom(seed);
  const rows = Array.from({ length: 240 }, (_, i) => {
    const generation = ["young", "mid", "senior"][random.int(3)]!;
    const manager = random.next() < 0.3;
    const pre = Math.round((3 + 0.6 * random.normal() + (manager ? 0.2 : 0)) * 10) / 10;
    const treated = random.next() < 1 / (1 + Math.exp(-(pre - 3.2) * 1.5 - (generation === "young" ? 0.4 : 0)));
    const post = Math.round((pre + 0.1 + (treated ? 0.3 : 0) + 0.4 * random.normal()) * 10) / 10;
    return { company: `C${String(i % 12).padStart(2, "0")}`, generation, manager, cross_boundary: treated, engagement_pre: pre, engagement_post: post };
  });
  return aq.from(rows);
}

/** Every estimator on the table, as plain numbers (the answer the user reads). */
function run(t: Table) {
  const covariates = ["engagement_pre", "generation", "manager"];
  const opts = { outcome: "engagement_post", treatment: "cross_boundary", covariates, cluster: "company" };
  const effect = (method: "difference" | "regression" | "matching" | "weighting" | "doubly-robust", estimand: "ATT" | "ATE" = "ATT") => {
    const r = estimateEffect(t, { ...opts, ...(method === "difference" ? { covariates: [] } : {}), method, estimand });
    return [r.estimate, r.stdError, r.n, r.nMissing, r.nTreated, r.nControl];
  };
  const did = differenceInDifferences(t, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", cluster: "company", covariates: ["generation"], bootstrap: { draws: 99, seed: 3 } });
  const bal = balanceTable(t, { treatment: "cross_boundary", covariates });
  const fit = ols(t, { outcome: "engagement_post", predictors: ["cross_boundary", ...covariates], cluster: "company" });
  const ps = logisticRegression(t, { outcome: "cross_boundary", predictors: covariates });
  return {
    effects: [effect("difference"), effect("regression"), effect("regression", "ATE"), effect("matching"), effect("weighting"), effect("weighting", "ATE"), effect("doubly-robust")],
    did: [did.estimate, did.stdError, did.n, did.nMissing, did.wildBootstrap!.pValue, did.changeScore.coefficients[1]!.estimate, did.ancova.coefficients[1]!.estimate],
    balance: bal.rows.map((r) => [r.covariate, r.level, r.smd, r.meanTreated, r.meanControl]),
    ols: fit.coefficients.map((c) => [c.estimate, c.stdError]),
    logistic: ps.coefficients.map((c) => [c.estimate, c.stdError]),
    n: [fit.n, fit.nMissing, ps.n],
  };
}

/** Equal as the user reads them: numbers to 1e-9 relative (summing in another row order moves the last digits), the rest exactly. */
function same(a: unknown, b: unknown, path = ""): void {
  if (typeof a === "number" && typeof b === "number") {
    expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  } else if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((x, i) => same(x, b[i], `${path}[${i}]`));
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(a), path).toEqual(Object.keys(b));
    for (const k of Object.keys(a)) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else expect(a, path).toEqual(b);
}

describe("effect estimators: natural inputs give the clean answer, bad ones a KoeError (seeded property test)", () => {
  it("random rewritings and corruptions", { timeout: 120_000 }, () => {
    const random = createRandom(20261129);
    const clean = survey(11);
    const expected = run(clean);
    const harmless: [string, (t: Table) => Table][] = [
      ["treatment 0/1", (t) => recode(t, "cross_boundary", (v) => (v ? 1 : 0))],
      ["treatment はい/いいえ", (t) => recode(t, "cross_boundary", (v) => (v ? "はい" : "いいえ"))],
      ["treatment \"1\"/\"0\"", (t) => recode(t, "cross_boundary", (v) => (v ? "1" : "0"))],
      ["treatment 経験あり/経験なし", (t) => recode(t, "cross_boundary", (v) => (v ? "経験あり" : "経験なし"))],
      ["generation in Japanese", (t) => recode(t, "generation", (v) => GEN_JA[v as string])],
      ["manager 管理職/非管理職", (t) => recode(t, "manager", (v) => (v ? "管理職" : "非管理職"))],
      ["scores as text (full-width digits too)", (t) => recode(t, "engagement_pre", (v, _, i) => (i % 2 ? String(v) : String(v).replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))))],
      ["header 越境経験", (t) => t.rename({ cross_boundary: "越境経験" })],
      ["header 会社 with a BOM", (t) => t.rename({ company: "\uFEFF会社" })],
      ["rows shuffled", (t) => t.orderby(aq.desc("engagement_post"), "company")],
    ];
    const bad: [string, (t: Table) => Table, RegExp][] = [
      ["treatment 2", (t) => recode(t, "cross_boundary", (v, _, i) => (i % 17 === 3 ? 2 : v)), /"cross_boundary"/],
      ["treatment 'x'", (t) => recode(t, "cross_boundary", (v, _, i) => (i === 5 ? "x" : v)), /"cross_boundary"/],
      ["a score 'x'", (t) => recode(t, "engagement_pre", (v, _, i) => (i === 9 ? "x" : v)), /"engagement_pre"/],
      ["a generation misspelt", (t) => recode(t, "generation", (v, _, i) => (i === 4 ? "yuong" : v)), /"generation"/],
      ["everyone treated", (t) => recode(t, "cross_boundary", () => true), /"cross_boundary"/],
      ["treatment all blank", (t) => recode(t, "cross_boundary", () => null), /"cross_boundary"/],
      ["scores all blank", (t) => recode(t, "engagement_pre", () => null), /"engagement_pre"/],
      ["column missing", (t) => t.select(aq.not("generation")), /"generation"/],
      ["no rows", (t) => t.filter(() => false), /"cross_boundary"|rows/],
    ];
    const seen = new Set<string>();
    for (let trial = 0; trial < 24; trial++) {
      const pick = trial < harmless.length + bad.length ? trial : random.int(harmless.length + bad.length);
      if (pick < harmless.length) {
        // One to three harmless rewritings at once: the answer must not move.
        let t = clean;
        const names: string[] = [];
        const first = harmless[pick]!;
        t = first[1](t);
        names.push(first[0]);
        for (let j = 0, m = random.int(3); j < m; j++) {
          const [name, f] = harmless[random.int(harmless.length)]!;
          if (names.includes(name) || (name.startsWith("treatment") && names.some((x) => x.startsWith("treatment") || x.startsWith("header 越境")))) continue;
          if (name.startsWith("header 越境") && names.some((x) => x.startsWith("treatment"))) continue;
          t = f(t);
          names.push(name);
        }
        seen.add(names[0]!);
        same(run(t), expected, names.join(" + "));
      } else {
        const [name, f, column] = bad[pick - harmless.length]!;
        seen.add(name);
        let error: unknown = null;
        try {
          run(f(clean));
        } catch (e) {
          error = e;
        }
        expect(error, name).toBeInstanceOf(KoeError);
        expect((error as KoeError).message, name).toMatch(column);
        expect((error as KoeError).localized.ja, name).toMatch(/[ぁ-んァ-ン一-龥]/);
      }
    }
    expect(seen.size).toBe(harmless.length + bad.length);
  });
});
