// An attacker who knows Benjamini–Hochberg: the adjusted p-values the report shows must not depend
// on a hidden initiative's p-value. With the raw p-values beside them, a reader could otherwise read
// off where the hidden one ranks — and so the discordant counts of its 1–4 companies.
import { join } from "node:path";
import { initiativeReport, readInitiativeRatings, type StudyReport } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
let ratings: ReturnType<typeof aq.table>;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table;
});

/** The bundled ratings with side jobs rated by three companies only; `gained`: all their wave-2 ratings effective, else none. */
function variant(gained: boolean) {
  const few = new Set(["C01", "C02", "C03"]);
  const rows = (ratings.objects() as Record<string, unknown>[])
    .filter((r) => r.initiative !== "side_jobs" || few.has(r.company as string))
    .map((r) => {
      if (r.initiative !== "side_jobs") return r;
      const effective = gained && r.wave === 2;
      return { ...r, effective, outcome: effective ? "practised_effective" : "not_practised" };
    });
  return aq.from(rows);
}
const waveRows = (r: StudyReport) => r.tables.waveChanges!.rows;

describe("initiativeReport's wave changes: adjusted over the shown rows only", () => {
  it("gives every shown row the same adjusted p-values whatever the hidden initiative's ratings", () => {
    const a = initiativeReport(variant(false), { wave: 1, resamples: 0 });
    const b = initiativeReport(variant(true), { wave: 1, resamples: 0 });
    const hidden = (r: StudyReport) => waveRows(r).find((w) => w.initiative === "side_jobs")!;
    expect(hidden(a).suppressed).toBe(true);
    expect(hidden(b).suppressed).toBe(true);
    expect(hidden(b).effectivePValue).toBeNull();
    const shown = (r: StudyReport) => waveRows(r).filter((w) => w.suppressed !== true);
    expect(shown(a).length).toBeGreaterThanOrEqual(2);
    expect(shown(b)).toEqual(shown(a));
    // And the shown adjusted values are Benjamini–Hochberg over the shown raw p-values alone.
    const raw = [...shown(a).map((w) => w.practisedPValue as number), ...shown(a).map((w) => w.effectivePValue as number)];
    const m = raw.length;
    const order = raw.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
    const bh = new Array<number>(m);
    let running = 1;
    for (let k = m - 1; k >= 0; k--) {
      running = Math.min(running, (order[k]![0] * m) / (k + 1));
      bh[order[k]![1]] = running;
    }
    shown(a).forEach((w, j) => {
      expect(w.practisedPAdjusted as number).toBeCloseTo(bh[j]!, 12);
      expect(w.effectivePAdjusted as number).toBeCloseTo(bh[shown(a).length + j]!, 12);
    });
  });
});
