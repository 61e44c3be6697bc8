// estimateEffect's outputs pinned before the matching path was made faster (issue 13): the same
// estimates, errors, matched sets, propensity scores and balance tables, bit for bit, on the
// bundled respondents and on 100,000 generated ones. The fixture (pinned/effects.json) was written
// by the code before the change (`KOE_PIN=1 npx vitest run test/studies/effects-pinned.test.ts`);
// the statistics themselves are checked against R in matching*.test.ts and effects*.test.ts.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { careerSurveyInstrument, estimateEffect, readCsv, readRespondents, scoreScales, type EffectResult, type EstimateEffectOptions } from "@koe/core";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const fixture = join(import.meta.dirname, "pinned", "effects.json");
const pin = process.env.KOE_PIN === "1";
const pinned: Record<string, unknown> = pin ? {} : JSON.parse(readFileSync(fixture, "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "koe-effects-"));
afterAll(() => {
  if (pin) writeFileSync(fixture, JSON.stringify(pinned, null, 1) + "\n");
  rmSync(tmp, { recursive: true, force: true });
});

const bytes = (b: ArrayBufferView | null) => (b ? createHash("sha256").update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).digest("hex") : null);
/** Everything a result says, typed arrays as digests of their bytes (`rows`, added since, apart). */
const snapshot = ({ rows: _rows, ...r }: EffectResult) => ({
  ...r,
  matched: r.matched ? { ...r.matched, subclass: bytes(r.matched.subclass) } : null,
  propensity: bytes(r.propensity),
  warnings: r.warnings.map((w) => w.localized),
});

const six = ["engagement_pre", "innovation_pre", "age", "generation", "job_type", "manager"];
const base = { outcome: "engagement_post", treatment: "cross_boundary", covariates: six };
const cases: [string, EstimateEffectOptions][] = [
  ["matching", { ...base, method: "matching" }],
  ["matching within company 1:3, caliper, adjusted", { ...base, method: "matching", exact: "company", ratio: 3, caliper: 0.2, adjust: true }],
  ["matching auto ratio, caliper on the score, company clusters, adjusted by two", { ...base, method: "matching", ratio: "auto", caliper: 0.1, caliperScale: "score", cluster: "company", adjust: ["age", "generation"] }],
  ["weighting ATE trimmed", { ...base, method: "weighting", estimand: "ATE", trim: 0.01 }],
  ["doubly robust with company clusters", { ...base, method: "doubly-robust", cluster: "company" }],
  ["regression within company", { ...base, method: "regression", exact: "company" }],
  ["difference", { outcome: "engagement_post", treatment: "cross_boundary", method: "difference" }],
];

// With company clusters (CR2), the Satterthwaite df and what follows from it may move in the last
// digits: the df has been summed cluster by cluster since it was pinned (cluster-robust.ts).
const satterthwaite = ["df", "pValue", "ciLow", "ciHigh"] as const;
const check = (key: string, r: EffectResult, clustered: boolean) => {
  const s = JSON.parse(JSON.stringify(snapshot(r)));
  if (pin) {
    pinned[key] = s;
    return;
  }
  const want = { ...(pinned[key] as Record<string, number>) };
  if (clustered) {
    for (const f of satterthwaite) {
      expect(Math.abs(s[f] - want[f]!), `${key}: ${f}`).toBeLessThanOrEqual(1e-12 * Math.abs(want[f]!));
      delete s[f];
      delete want[f];
    }
  }
  expect(s, key).toEqual(want);
};

describe("estimateEffect gives the pinned outputs", () => {
  it("the bundled respondents, every method", async () => {
    const { table } = await readRespondents(join(root, "data", "respondents.csv"));
    const survey = scoreScales(table, careerSurveyInstrument, { reliability: false }).table;
    for (const [name, options] of cases) check(`bundled: ${name}`, estimateEffect(survey, options), options.cluster !== undefined);
  }, 60_000);
  it("100,000 generated respondents, read without a schema", async () => {
    const path = join(tmp, "respondents-100000.csv");
    // Loaded here: the generator imports the whole of @koe/core.
    const { writeRespondentsCsv } = await import("../../../../data/generator/index.js");
    await writeRespondentsCsv(path, { n: 100_000 });
    const survey = scoreScales((await readCsv(path)).table, careerSurveyInstrument, { reliability: false }).table;
    for (const [name, options] of cases.slice(0, 4)) check(`100k: ${name}`, estimateEffect(survey, options), options.cluster !== undefined);
  }, 240_000);
});
