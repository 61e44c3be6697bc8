// initiativeReport: the initiative study on the report contract — its tables and columns, what it
// finds on the bundled ratings (the generator's true top 3 in every cell), its notes in both
// languages, its provenance, and strict options.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  compareOutcomeWaves, initiativeCatalogue, initiativeReport, readInitiativeRatings, renderNote, reportTable, reportText, StudyReport, topInitiatives,
} from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";
import { smallestDerivableGroup } from "../../src/studies/initiatives/derivable.js";

type Table = ReturnType<typeof aq.table>;
type Row = Record<string, unknown>;
const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).initiatives as {
  cells: Record<string, { trueTop3: string[]; effectiveCompanies: Record<string, number>; triedCompanies: Record<string, number> }>;
  outcomesByWave: Record<string, Record<string, number>>;
};
let ratings: Table;
let report: StudyReport;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table;
  report = initiativeReport(ratings, { wave: 1, resamples: 200, seed: 7 });
});
const rows = (name: string) => report.tables[name]!.rows as Row[];

describe("initiativeReport: the contract", () => {
  it("is plain data of the report's shape: five named tables with fixed columns, notes, provenance", () => {
    expect(StudyReport.parse(report)).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.keys(report.tables)).toEqual(["matrix", "outcomes", "broad", "gaps", "waveChanges"]);
    expect(report.tables.matrix!.columns).toEqual(["row", "column", "rank", "initiative", "companies", "rated", "share", "ciLow", "ciHigh", "tied", "stability", "suppressed"]);
    expect(report.tables.outcomes!.columns).toEqual([
      "initiative", "segment", "n", "notPractised", "practisedNoEffect", "practisedEffective", "notPractisedShare", "practisedNoEffectShare", "practisedEffectiveShare",
      "adoptionRate", "adoptionLow", "adoptionHigh", "effectRate", "effectLow", "effectHigh", "topReasonNotPractised", "topReasonNoEffect", "topReasonEffective", "suppressed",
    ]);
    expect(report.tables.broad!.columns).toEqual(["initiative", "cells", "of", "everyRow", "everyColumn", "everyCell"]);
    expect(report.tables.gaps!.columns).toEqual(["row", "column", "initiative", "suppressed"]);
    expect(report.tables.waveChanges!.columns).toEqual(["initiative", "pairs", "takenUp", "dropped", "becameEffective", "lostEffect", "practisedPValue", "effectivePValue", "practisedPAdjusted", "effectivePAdjusted", "suppressed"]);
    for (const t of Object.values(report.tables)) for (const r of t.rows) expect(Object.keys(r)).toEqual(t.columns);
  });

  it("keeps its columns whatever the options; one wave gives no waveChanges", () => {
    const other = initiativeReport(ratings, { wave: 2, outcomesBy: "row", k: 5, rankBy: "share", resamples: 0 });
    for (const name of ["matrix", "outcomes", "broad", "gaps", "waveChanges"]) expect(other.tables[name]!.columns).toEqual(report.tables[name]!.columns);
    expect(new Set(rows("outcomes").map((r) => r.segment))).toEqual(new Set([null]));
    expect(new Set(other.tables.outcomes!.rows.map((r) => r.segment))).toEqual(new Set(["young", "mid", "senior"]));
    const wave1 = ratings.params({ w: 1 }).filter((d: { wave: number }, $: { w: number }) => d.wave === $.w);
    expect(Object.keys(initiativeReport(wave1, { resamples: 0 }).tables)).toEqual(["matrix", "outcomes", "broad", "gaps"]);
  });

  it("orders rows by their dimensions' natural order, never by size or first appearance", () => {
    const places = rows("matrix").map((r) => `${r.row}|${r.column}`);
    expect([...new Set(places)]).toEqual(["young", "mid", "senior"].flatMap((g) => ["know", "understand", "deepen", "practice"].map((s) => `${g}|${s}`)));
    const ranks = rows("matrix").filter((r) => r.row === "mid" && r.column === "know").map((r) => r.rank);
    expect(ranks).toEqual([1, 2, 3]);
    const order = (id: unknown) => initiativeCatalogue.order(String(id));
    for (const name of ["outcomes", "broad", "waveChanges"]) {
      const ids = rows(name).map((r) => order(r.initiative));
      expect(ids, name).toEqual([...ids].sort((a, b) => a - b));
    }
    // Reversing the input changes nothing.
    const reversed = aq.from((ratings.objects() as object[]).reverse());
    expect(initiativeReport(reversed, { wave: 1, resamples: 200, seed: 7 })).toEqual(report);
  });

  it("says where it came from: rows read and used, wave, waves, seed, resamples", () => {
    expect(report.provenance).toMatchObject({
      study: "initiatives", wave: 1, seed: 7, minGroupSize: 5,
      inputs: [{ name: "ratings", rows: 4624, rowsUsed: 4624 }],
      options: { waves: [1, 2], wavesPresent: [1, 2], resamples: 200, k: 3, rankBy: "count", outcomesBy: "none" },
    });
    expect(initiativeReport(ratings, { resamples: 0 }).provenance.seed).toBeNull();
  });

  it("reads through the input boundary: Japanese headers and labels give the same report", () => {
    const raw = aq.fromCSV(readFileSync(join(root, "data", "initiative_ratings.csv"), "utf8"));
    const mine = initiativeReport(raw, { wave: 1, resamples: 200, seed: 7 });
    expect(mine.tables).toEqual(report.tables);
    expect(mine.findings).toEqual(report.findings);
  });
});

describe("initiativeReport on the bundled ratings", () => {
  it("recovers the generator's top 3 in all 12 cells, with the companies an independent count gives", () => {
    for (const [key, cell] of Object.entries(truth.cells)) {
      const [row, column] = key.split("|");
      const mine = rows("matrix").filter((r) => r.row === row && r.column === column);
      expect(new Set(mine.map((r) => r.initiative)), key).toEqual(new Set(cell.trueTop3));
      for (const r of mine) {
        const effective = cell.effectiveCompanies[r.initiative as string]!;
        const tried = cell.triedCompanies[r.initiative as string]!;
        expect(r.companies).toBe(effective);
        // Companies that practised it (an independent count of the outcome column).
        const practised = new Set((ratings.objects() as Record<string, unknown>[]).filter((x) => x.wave === 1 && x.generation === row && x.step === column && x.initiative === r.initiative && x.outcome !== "not_practised").map((x) => x.company)).size;
        // The companies rule: raters and the effect rate only when at least 5 practised it without effect and at least 5 did not practise it.
        expect(r.rated, `${key} ${r.initiative}`).toBe(practised - effective >= 5 && tried - practised >= 5 ? tried : null);
        expect(r.share === null).toBe(r.rated === null);
        if (r.share !== null) expect(r.share).toBeCloseTo(effective / practised, 12);
        expect(r.suppressed).toBe(false);
      }
    }
    // The same cells as topInitiatives lists, as far as the report shows them.
    const top = topInitiatives(ratings, { wave: 1 }).cells;
    for (const r of rows("matrix")) {
      const t = top.find((c) => c.row === r.row && c.column === r.column && c.initiative === r.initiative)!;
      expect([r.rank, r.companies, r.tied]).toEqual([t.rank, t.companies, t.tied]);
    }
  });

  it("blanks rated and share even where nobody found the listed initiative ineffective (a blank says fewer than 5, possibly none)", () => {
    const all = rows("matrix").find((r) => r.row === "young" && r.column === "practice" && r.initiative === "one_on_one")!;
    expect(truth.cells["young|practice"]!.triedCompanies.one_on_one).toBe(25);
    expect(all).toMatchObject({ companies: 25, rated: null, share: null, ciLow: null, ciHigh: null });
  });

  it("outcomes per initiative add up to the generator's counts where shown; the rates follow from them", () => {
    const shown = rows("outcomes").filter((r) => !r.suppressed);
    expect(shown.length).toBe(16);
    const sum = (k: string) => shown.reduce((s, r) => s + (r[k] as number), 0);
    expect({ not_practised: sum("notPractised"), practised_no_effect: sum("practisedNoEffect"), practised_effective: sum("practisedEffective") }).toEqual(truth.outcomesByWave["1"]);
    for (const r of shown) {
      expect(r.adoptionRate).toBeCloseTo(((r.practisedNoEffect as number) + (r.practisedEffective as number)) / (r.n as number), 12);
      expect(r.effectLow as number).toBeLessThanOrEqual(r.effectRate as number);
    }
    const one = shown.find((r) => r.initiative === "one_on_one")!;
    expect(one).toMatchObject({ topReasonEffective: "manager_engaged", topReasonNoEffect: "no_followup" });
  });

  it("broad and gaps: 1on1 in every cell, mandatory training rarely tried for the mid generation", () => {
    expect(rows("broad")[0]).toEqual({ initiative: "one_on_one", cells: 12, of: 12, everyRow: true, everyColumn: true, everyCell: true });
    const gaps = rows("gaps").filter((g) => g.initiative === "mandatory_training");
    expect(gaps.map((g) => g.column)).toEqual(["know", "understand", "deepen", "practice"]);
    expect(gaps.every((g) => g.row === "mid")).toBe(true);
  });

  it("wave changes are shown only where no small group of companies can be singled out; those shown are compareOutcomeWaves' figures", () => {
    // Which rows are shown depends on the suppression engine's complementary choices; every shown
    // row must carry exactly the analyst tool's figures, and a hidden one none.
    const shown = rows("waveChanges").filter((r) => !r.suppressed);
    expect(shown.length).toBeGreaterThan(0);
    const analyst = compareOutcomeWaves(ratings).changes;
    for (const r of shown) {
      const a = analyst.find((x) => x.initiative === r.initiative)!;
      expect(r, String(r.initiative)).toMatchObject({ pairs: a.pairs, takenUp: a.takenUp, dropped: a.dropped, becameEffective: a.becameEffective, lostEffect: a.lostEffect });
    }
    const hidden = rows("waveChanges").find((r) => r.initiative === "one_on_one")!;
    expect(hidden).toEqual({ initiative: "one_on_one", pairs: null, takenUp: null, dropped: null, becameEffective: null, lostEffect: null, practisedPValue: null, effectivePValue: null, practisedPAdjusted: null, effectivePAdjusted: null, suppressed: true });
  });

  it("findings and warnings are notes from the catalogue, in Japanese and English, with the model's labels", () => {
    const codes = report.findings.map((n) => n.code);
    expect(codes.slice(0, 4)).toEqual(["initiatives.broad", "initiatives.broad", "initiatives.broad", "initiatives.gap"]);
    // One finding per shown wave change with a p-value: never about a hidden row.
    const shownWaves = new Set(rows("waveChanges").filter((r) => !r.suppressed).map((r) => r.initiative));
    const waveNotes = report.findings.filter((n) => n.code === "initiatives.waveChange");
    expect(codes.slice(4).every((c) => c === "initiatives.waveChange")).toBe(true);
    expect(waveNotes.length).toBeGreaterThan(0);
    for (const n of waveNotes) expect(shownWaves.has(n.params.initiative as string)).toBe(true);
    const text = reportText(report, "en");
    expect(text.findings[0]).toBe("Career 1on1 is among the top initiatives in 12 of the 12 cells, in every cell");
    expect(text.findings[1]).toBe("Career training is among the top initiatives in 5 of the 12 cells, in every generation");
    expect(text.findings[3]).toBe("Mandatory training is rarely even tried for Mid-career (Know, Understand, Deepen, Support practice), though widely tried elsewhere");
    expect(text.findings[4]).toMatch(/: from wave 1 to wave 2, \d+ of \d+ ratings moved to practised and \d+ became effective \(McNemar's exact test: practice p/);
    const ja = reportText(report, "ja");
    expect(ja.findings[0]).toBe("「キャリア1on1」は12セル中12セルで上位に入りました（すべてのセル）");
    expect(ja.findings[3]).toBe("「強制的な研修」は中堅（知る・理解を深める・さらに理解を深める・実践を支援する）ではほとんど試されていません（ほかでは広く試されています）");
    expect(report.warnings.map((w) => w.code)).toEqual(["initiatives.topPopulation", "initiatives.topSelection", "report.groupsHidden"]);
    // Issue 14: the intervals are labelled for the population they describe; winners' inflation and stability explained.
    expect(text.warnings[0]).toMatch(/^The 25 companies are the whole consortium: a share among them is a fact, not an estimate\. The intervals describe a wider population of companies like these/);
    expect(ja.warnings[1]).toMatch(/ブートストラップの選出頻度/);
    for (const t of Object.values(report.tables)) {
      expect(renderNote(t.privacy, "ja").length).toBeGreaterThan(10);
      expect(renderNote(t.privacy, "en")).toMatch(/companies|cells/);
    }
    expect(renderNote(report.tables.matrix!.privacy, "en")).toContain("at least 5 of them found it not effective");
  });

  it("the chosen wave among several is said as a warning; labels of a company's own initiatives come from its catalogue", () => {
    const r = initiativeReport(ratings, { resamples: 0 });
    expect(r.warnings.map((w) => w.code)).toContain("initiatives.firstWaveUsed");
    expect(renderNote(r.warnings.find((w) => w.code === "initiatives.firstWaveUsed")!, "en")).toMatch(/^initiativeReport: column "wave" holds waves 1, 2; wave 1 was used/);
  });

  it("reportTable gives each table as an arquero table with its columns in order", () => {
    expect(reportTable(report, "matrix").numRows()).toBe(36);
    expect(reportTable(report, "gaps").columnNames()).toEqual(["row", "column", "initiative", "suppressed"]);
  });
});

describe("initiativeReport: options and inputs", () => {
  it("options are strict: a misspelt key names the right one, a string where a list is meant is refused", () => {
    expect(thrown(() => initiativeReport(ratings, { minGroupsize: 3 } as never)).message).toMatch(/unknown option "minGroupsize"; did you mean "minGroupSize"\?/);
    expect(thrown(() => initiativeReport(ratings, { minCompanies: 3 } as never)).message).toMatch(/unknown option "minCompanies"/);
    expect(thrown(() => initiativeReport(ratings, { waves: 2 } as never)).message).toMatch(/option "waves" takes a list/);
    expect(thrown(() => initiativeReport(ratings, { waves: [1, 1] })).message).toMatch(/names wave 1 twice/);
    expect(thrown(() => initiativeReport(ratings, { waves: [1, 3] })).message).toMatch(/wave 3 is not in column "wave"/);
    expect(thrown(() => initiativeReport(ratings, { outcomesBy: "generation" } as never)).message).toMatch(/option "outcomesBy" must be one of "none", "row", "column"/);
    expect(thrown(() => initiativeReport(ratings.objects() as never)).localized.ja.length).toBeGreaterThan(0);
  });

  it("effective must agree with the outcome; one rating twice with different outcomes is an error naming both rows", () => {
    const objects = ratings.objects() as Row[];
    const flipped = aq.from(objects.map((r, i) => (i === 4 ? { ...r, effective: !r.effective } : r)));
    const e = thrown(() => initiativeReport(flipped, { resamples: 0 }));
    expect(e.message).toMatch(/in 1 row \(first at table row 5\) column "effective" does not say "effective" exactly when column "outcome" says practised_effective/);
    expect(e.localized.ja).toMatch(/列「effective」の効果ありと列「outcome」の「実践して効果が出た」が一致しません/);
    const first = objects[0]!;
    const twice = ratings.concat(aq.from([{ ...first, outcome: "practised_effective", effective: true }]));
    expect(thrown(() => initiativeReport(twice, { resamples: 0 })).message).toMatch(new RegExp(`table rows 1 and ${objects.length + 1} both rate initiative "${first.initiative}"`));
    // The same rating twice counts once.
    expect(initiativeReport(ratings.concat(aq.from([first])), { wave: 1, resamples: 200, seed: 7 }).tables).toEqual(report.tables);
  });
});

describe("smallestDerivableGroup: the groups a reader singles out from published sums", () => {
  const a = new Set([1, 2]);
  const b = new Set([3, 4, 5, 6, 7]);
  it("a part and the whole published: the other part is known; only the whole: nothing smaller", () => {
    expect(smallestDerivableGroup([a, b], [[1, 0], [1, 1]])).toBe(2);
    expect(smallestDerivableGroup([a, b], [[0, 1], [1, 1]])).toBe(2);
    expect(smallestDerivableGroup([a, b], [[1, 1]])).toBe(7);
  });
  it("an empty atom is taken as known to be empty, so a sum with it singles out the other", () => {
    expect(smallestDerivableGroup([a, new Set(), b], [[1, 1, 0], [0, 0, 1]])).toBe(2);
    expect(smallestDerivableGroup([new Set(), new Set()], [[1, 1]])).toBe(0);
  });
  it("chains of sums: x + y and y + z and z give x", () => {
    expect(smallestDerivableGroup([a, b, new Set([8, 9, 10, 11, 12, 13])], [[1, 1, 0], [0, 1, 1], [0, 0, 1]])).toBe(2);
    expect(smallestDerivableGroup([a, b, new Set([8, 9, 10, 11, 12, 13])], [[1, 1, 0], [0, 1, 1]])).toBe(7);
  });
});
