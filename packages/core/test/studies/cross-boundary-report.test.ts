import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crossBoundaryReport, readRespondents } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).respondents;
let report: ReturnType<typeof crossBoundaryReport>;
beforeAll(async () => {
  report = crossBoundaryReport((await readRespondents(join(root, "data", "respondents.csv"))).table, { seed: 1, draws: 199 });
});

describe("crossBoundaryReport on the bundled data", () => {
  it("the adjusted estimates recover the true effect within their intervals; the naive difference is biased", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      const att = truth[scale].trueAtt as number;
      const rows = report.effects.filter((e) => e.scale === scale && e.kind === "all");
      for (const method of ["regression", "matching", "weighting", "doubly-robust", "did", "wild-bootstrap"]) {
        const r = rows.find((e) => e.method === method)!;
        expect(r.ciLow!, `${scale} ${method}`).toBeLessThan(att);
        expect(r.ciHigh!, `${scale} ${method}`).toBeGreaterThan(att);
      }
      const naive = rows.find((e) => e.method === "difference")!;
      expect(naive.estimate).toBeCloseTo(truth[scale].naiveDifferencePost, 5);
      expect(naive.ciLow!, `${scale}: the naive interval lies above the truth`).toBeGreaterThan(att);
    }
  });

  it("by programme kind: external assignments show the larger effect the generator built in", () => {
    const did = (kind: string) => report.effects.find((e) => e.scale === "engagement" && e.kind === kind && e.method === "did")!;
    expect(did("external").estimate!).toBeGreaterThan(did("internal").estimate!);
    expect(did("internal").nTreated + did("external").nTreated).toBe(truth.participants);
  });

  it("reads the result in Japanese and English, with the baseline gap, and warns about few clusters", () => {
    expect(report.readings.ja[0]).toMatch(/^エンゲージメント: 越境経験者は事前に0\.\d\d SD高かった。/);
    expect(report.readings.en[0]).toMatch(/participants started 0\.\d\d SD higher.*difference-in-differences the effect is 0\.2\d \(95% CI/);
    expect(report.warnings.map((w) => w.localized.en)).toContain("Only 25 clusters (company): read the wild cluster bootstrap interval beside the cluster-robust one.");
    expect(report.reliability.length).toBe(4);
    expect(report.prePost.filter((p) => p.scale === "engagement" && p.group === "participants").map((p) => p.n)).toEqual([250, 250]);
    expect(report.balance.engagement!.rows[0]!.covariate).toBe("engagement_pre");
  });
});
