// The initiative study on the inputs analysts actually pass (issue 8): 0/1, はい/いいえ, Japanese
// labels, a renamed wave column, typos, misspelt options. Each either gives the same answer as the
// clean input (deep-equal cells) or a KoeError naming the column or option — never a quiet wrong one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  broadInitiatives, compareOutcomeWaves, createRandom, extendInitiativeCatalogue, generations, initiativeCatalogue, initiativeGaps,
  initiativeOutcomes, initiativeOutcomeTypes, InsufficientDataError, KoeArgumentError, penetrationSteps, readInitiativeRatings, topInitiatives,
} from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

type Table = ReturnType<typeof aq.table>;
const root = join(import.meta.dirname, "..", "..", "..", "..");
const csvPath = join(root, "data", "initiative_ratings.csv");
let ratings: Table;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(csvPath)).table;
});

/** Replaces one column of a table with values computed from each row. */
function recode(t: Table, column: string, f: (v: unknown, row: Record<string, unknown>) => unknown, rename?: string): Table {
  const rows = t.objects() as Record<string, unknown>[];
  const values = rows.map((r) => f(r[column], r));
  const out = t.assign(aq.table({ [column]: values }));
  return rename ? out.rename({ [column]: rename }) : out;
}

/** The error a call throws (fails the test when it does not throw). */

const ja = (vocab: { label(id: string, lang?: "ja" | "en"): string }) => (v: unknown) => (typeof v === "string" ? vocab.label(v, "ja") : v);

describe("repro 1: effective as analysts write it gives the same cells as booleans", () => {
  const forms: [string, (b: boolean) => unknown][] = [
    ["0/1 numbers", (b) => (b ? 1 : 0)],
    ['"1"/"0" text', (b) => (b ? "1" : "0")],
    ["はい/いいえ", (b) => (b ? "はい" : "いいえ")],
    ['"true"/"false" text', (b) => (b ? "true" : "false")],
    ["効果あり/効果なし", (b) => (b ? "効果あり" : "効果なし")],
    ["TRUE/FALSE (Excel)", (b) => (b ? "TRUE" : "FALSE")],
  ];
  for (const [name, form] of forms) {
    it(name, () => {
      const clean = topInitiatives(ratings, { wave: 1 });
      const mine = topInitiatives(recode(ratings, "effective", (v) => form(v as boolean)), { wave: 1 });
      expect(clean.cells.length).toBeGreaterThanOrEqual(36);
      expect(mine.cells).toEqual(clean.cells);
      expect([mine.n, mine.nMissing]).toEqual([clean.n, 0]);
    });
  }

  it("0/1 read by aq.fromCSV, on a small table an analyst types", () => {
    const csv = ["company,generation,step,initiative,effective", ...["A", "B", "C", "D", "E"].flatMap((c, i) => [`${c},young,know,one_on_one,1`, `${c},young,know,mentoring,${i < 3 ? 1 : 0}`])].join("\n");
    const fromCsv = aq.fromCSV(csv);
    const booleans = recode(fromCsv, "effective", (v) => v === 1);
    expect(topInitiatives(fromCsv).cells).toEqual(topInitiatives(booleans).cells);
    expect(topInitiatives(fromCsv).cells.map((c) => [c.initiative, c.companies, c.rated])).toEqual([["one_on_one", 5, 5], ["mentoring", 3, 5]]);
  });

  it("any other value is a KoeError naming the column and the value, in Japanese and English", () => {
    const bad = recode(ratings, "effective", (v, r) => (r.company === "C03" ? 2 : v));
    const e = thrown(() => topInitiatives(bad));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(/column "effective" must be yes\/no.*"2" \(\d+ rows, first at table row \d+\)/);
    expect(e.localized.ja).toMatch(/列「effective」.*「2」/);
    expect(thrown(() => topInitiatives(recode(ratings, "effective", (v) => (v ? "x" : "いいえ")), { wave: 1 })).message).toMatch(/"x"/);
  });

  it("a column with every rating missing is an InsufficientDataError naming it, never cells: []", () => {
    const e = thrown(() => topInitiatives(recode(ratings, "effective", () => null), { wave: 1 }));
    expect(e).toBeInstanceOf(InsufficientDataError);
    expect(e.message).toMatch(/"effective" 2297/);
    expect(e.localized.ja).toMatch(/「effective」2297行/);
  });

  it("blanks and declared markers count as missing, and a warning says how many rows were left out", () => {
    const some = recode(ratings, "effective", (v, r) => (r.company === "C01" ? "-" : v));
    expect(thrown(() => topInitiatives(some, { wave: 1 })).message).toMatch(/"effective".*"-"/);
    const r = topInitiatives(some, { wave: 1, missing: ["-"] });
    const c01 = (ratings.objects() as { company: string; wave: number }[]).filter((x) => x.company === "C01" && x.wave === 1).length;
    expect(r.nMissing).toBe(c01);
    expect(r.n + r.nMissing).toBe(topInitiatives(ratings, { wave: 1 }).n);
    expect(r.warnings.map((w) => w.code)).toContain("initiatives.rowsLeftOut");
    expect(r.warnings.find((w) => w.code === "initiatives.rowsLeftOut")!.localized.ja).toMatch(/「effective」\d+行/);
  });
});

describe("repro 2: the wave column under another name is found, and waves are never pooled", () => {
  for (const name of ["調査回", "回", "Wave"]) {
    it(`a wave column called ${name}`, () => {
      const renamed = ratings.rename({ wave: name });
      for (const wave of [undefined, 1, 2]) {
        const opts = wave === undefined ? {} : { wave };
        const clean = topInitiatives(ratings, opts);
        const mine = topInitiatives(renamed, opts);
        expect(mine.cells).toEqual(clean.cells);
        expect([mine.wave, mine.waves, mine.waveColumn, mine.n]).toEqual([wave ?? 1, [1, 2], name, clean.n]);
        expect(initiativeOutcomes(renamed, opts).rows).toEqual(initiativeOutcomes(ratings, opts).rows);
      }
      expect(compareOutcomeWaves(renamed).changes).toEqual(compareOutcomeWaves(ratings).changes);
    });
  }

  it("the first of several waves is used and reported (wave, waves, a warning in both languages)", () => {
    const r = topInitiatives(ratings.rename({ wave: "調査回" }));
    expect([r.wave, r.waves]).toEqual([1, [1, 2]]);
    const w = r.warnings.find((x) => x.code === "initiatives.firstWaveUsed")!;
    expect(w.localized.en).toMatch(/column "調査回" holds waves 1, 2; wave 1 was used/);
    expect(w.localized.ja).toMatch(/調査回 1 を使いました/);
    expect(topInitiatives(ratings, { wave: 1 }).warnings).toEqual([]);
  });

  it("rows with a blank wave belong to no wave: left out, and a warning says how many", () => {
    const t = recode(ratings, "wave", (v, r) => (r.company === "C05" && v === 1 ? "" : v), "調査回");
    const c05 = (ratings.objects() as { company: string; wave: number }[]).filter((x) => x.company === "C05" && x.wave === 1).length;
    const clean = topInitiatives(ratings, { wave: 1 });
    const r = topInitiatives(t, { wave: 1 });
    expect(r.n).toBe(clean.n - c05);
    const w = r.warnings.find((x) => x.code === "initiatives.rowsWithoutWave")!;
    expect(w.params).toMatchObject({ column: "調査回", rows: c05 });
    expect(w.localized.ja).toMatch(new RegExp(`列「調査回」の調査回が空の行が${c05}行`));
    expect(initiativeOutcomes(t, { wave: 1 }).warnings.map((x) => x.code)).toContain("initiatives.rowsWithoutWave");
    expect(compareOutcomeWaves(t).warnings.map((x) => x.code)).toEqual(["initiatives.rowsWithoutWave"]);
  });

  it("a wave that is not there, or a wave asked of a table without a wave column, is an error", () => {
    expect(thrown(() => topInitiatives(ratings.rename({ wave: "調査回" }), { wave: 3 })).message).toMatch(/wave 3 is not in column "調査回" \(waves: "1", "2"\)/);
    const oneWave = ratings.params({ w: 1 }).filter((d: { wave: number }, $: { w: number }) => d.wave === $.w).select(aq.not("wave"));
    expect(thrown(() => topInitiatives(oneWave, { wave: 2 })).message).toMatch(/no wave column/);
    expect(topInitiatives(oneWave).cells).toEqual(topInitiatives(ratings, { wave: 1 }).cells);
    expect(thrown(() => initiativeOutcomes(ratings, { waveColumn: "wav" })).message).toMatch(/no column "wav" \(option waveColumn\); did you mean "wave"\?/);
  });
});

describe("repro 12: segment, initiative and outcome labels resolve to ids, in natural order", () => {
  it("若手/中堅/シニア and 知る/理解を深める/さらに理解を深める/実践を支援する", () => {
    const labelled = recode(recode(ratings, "generation", ja(generations)), "step", ja(penetrationSteps));
    expect((labelled.objects({ limit: 1 }) as { generation: string; step: string }[])[0]).toMatchObject({ generation: "若手", step: "知る" });
    const clean = topInitiatives(ratings, { wave: 1 });
    const mine = topInitiatives(labelled, { wave: 1 });
    expect(mine.rows).toEqual(["young", "mid", "senior"]);
    expect(mine.columns).toEqual(["know", "understand", "deepen", "practice"]);
    expect(mine.cells).toEqual(clean.cells);
    expect(initiativeOutcomes(labelled, { by: ["generation", "step"] }).rows).toEqual(initiativeOutcomes(ratings, { by: ["generation", "step"] }).rows);
  });

  it("labels also order a segment column that koe's model does not know by name", () => {
    const t = recode(ratings, "generation", ja(generations), "グループ");
    const r = topInitiatives(t, { row: "グループ", wave: 1 });
    expect(r.rows).toEqual(["young", "mid", "senior"]);
    expect(r.cells).toEqual(topInitiatives(ratings, { wave: 1 }).cells);
  });

  it("Japanese initiative names (and other spellings of the catalogue) give the same cells", () => {
    const spellings: Record<string, string> = { one_on_one: "1on1", e_learning: "eラーニング", side_jobs: "副業" };
    const t = recode(ratings, "initiative", (v) => spellings[v as string] ?? ja(initiativeCatalogue)(v));
    expect(topInitiatives(t, { wave: 1 }).cells).toEqual(topInitiatives(ratings, { wave: 1 }).cells);
    expect(initiativeOutcomes(t).rows).toEqual(initiativeOutcomes(ratings).rows);
  });

  it("an initiative outside the catalogue is an error naming it and how to add it; the extended catalogue takes it", () => {
    const t = recode(ratings, "initiative", (v) => (v === "mentoring" ? "リバースメンタリング" : v));
    const e = thrown(() => topInitiatives(t));
    expect(e.message).toMatch(/column "initiative" has initiatives that are not in the catalogue: "リバースメンタリング".*extendInitiativeCatalogue/);
    expect(e.localized.ja).toMatch(/施策カタログにない施策.*「リバースメンタリング」/);
    const catalogue = extendInitiativeCatalogue([{ id: "reverse_mentoring", ja: "リバースメンタリング", en: "Reverse mentoring" }]);
    const r = topInitiatives(t, { wave: 1, catalogue });
    const clean = topInitiatives(ratings, { wave: 1 });
    expect(r.cells).toEqual(clean.cells.map((c) => (c.initiative === "mentoring" ? { ...c, initiative: "reverse_mentoring" } : c)));
  });

  it("outcome labels (実践しなかった …) resolve; an unknown outcome is an error listing the known ones", () => {
    const t = recode(ratings, "outcome", ja(initiativeOutcomeTypes));
    expect((t.objects({ limit: 1 }) as { outcome: string }[])[0]!.outcome).toBe("実践しなかった");
    expect(initiativeOutcomes(t, { by: ["generation"] }).rows).toEqual(initiativeOutcomes(ratings, { by: ["generation"] }).rows);
    expect(compareOutcomeWaves(t).changes).toEqual(compareOutcomeWaves(ratings).changes);
    const bad = recode(ratings, "outcome", (v, r) => (r.company === "C02" && v === "not_practised" ? "やらなかった" : v));
    const e = thrown(() => initiativeOutcomes(bad));
    expect(e.message).toMatch(/column "outcome" has values that are not a known initiative outcome: "やらなかった"/);
    expect(e.localized.ja).toMatch(/「実践しなかった」/);
  });

  it("unknown generations are listed with their rows", () => {
    const t = recode(ratings, "generation", (v) => (v === "mid" ? "ミドル層" : v));
    expect(thrown(() => topInitiatives(t)).message).toMatch(/column "generation" has values that are not a known generation: "ミドル層" \(\d+ rows, first at table row \d+\)/);
  });
});

describe("the bundled CSV as aq.fromCSV reads it (Japanese headers with a BOM, Japanese labels, はい/いいえ)", () => {
  it("all five functions give the same answer as on the reader's table", () => {
    const raw = aq.fromCSV(readFileSync(csvPath, "utf8"));
    expect(raw.columnNames()[0]).toBe("\uFEFF会社");
    const a = topInitiatives(ratings, { stability: { resamples: 50, seed: 2 } });
    const b = topInitiatives(raw, { stability: { resamples: 50, seed: 2 } });
    expect(b.cells).toEqual(a.cells);
    expect([b.rows, b.columns, b.waveColumn]).toEqual([a.rows, a.columns, "調査回"]);
    expect(broadInitiatives(b).initiatives).toEqual(broadInitiatives(a).initiatives);
    expect(initiativeGaps(b).gaps).toEqual(initiativeGaps(a).gaps);
    expect(initiativeOutcomes(raw, { by: ["世代"] }).rows.map((r) => ({ ...r, segment: r.segment.世代 }))).toEqual(
      initiativeOutcomes(ratings, { by: ["generation"] }).rows.map((r) => ({ ...r, segment: r.segment.generation })),
    );
    expect(compareOutcomeWaves(raw).changes).toEqual(compareOutcomeWaves(ratings).changes);
  });
});

describe("repro 11 and the raw TypeErrors: options are parsed strictly", () => {
  it("misspelt keys name the closest option", () => {
    expect(thrown(() => topInitiatives(ratings, { waves: 2 } as never)).message).toMatch(/unknown option "waves"; did you mean "wave"\?/);
    expect(thrown(() => topInitiatives(ratings, { minCompanys: 30 } as never)).message).toMatch(/unknown option "minCompanys"; did you mean "minCompanies"\?/);
    expect(thrown(() => topInitiatives(ratings, { stability: { resample: 10 } } as never)).message).toMatch(/unknown option "stability.resample"; did you mean "resamples"\?/);
    expect(thrown(() => initiativeOutcomes(ratings, { minCompanie: 3 } as never)).message).toMatch(/did you mean "minCompanies"/);
    expect(thrown(() => compareOutcomeWaves(ratings, { wave: [1, 2] } as never)).message).toMatch(/did you mean "waves"/);
    expect(thrown(() => initiativeGaps(topInitiatives(ratings, { wave: 1 }), { bellow: 0.2 } as never)).message).toMatch(/did you mean "below"/);
    expect(thrown(() => topInitiatives(ratings, { waves: 2 } as never)).localized.ja).toMatch(/「waves」というオプションはありません。「wave」の誤りではありませんか/);
  });

  it("a string where a list is meant is an error, not split into characters", () => {
    const e = thrown(() => initiativeOutcomes(ratings, { by: "generation" } as never));
    expect(e.message).toMatch(/option "by" takes a list, e\.g\. \["generation"\]/);
    expect(thrown(() => compareOutcomeWaves(ratings, { cell: "generation" } as never)).message).toMatch(/option "cell" takes a list/);
    expect(thrown(() => compareOutcomeWaves(ratings, { waves: 2 } as never)).message).toMatch(/option "waves" takes a list/);
  });

  it("enums are exact; numbers are checked", () => {
    expect(thrown(() => topInitiatives(ratings, { rankBy: "shares" } as never)).message).toMatch(/option "rankBy" must be one of "count", "share", "shrunken" \(got "shares"\); did you mean "share"\?/);
    expect(thrown(() => topInitiatives(ratings, { rankBy: "Count" } as never)).message).toMatch(/option "rankBy" must be one of/);
    expect(thrown(() => topInitiatives(ratings, { k: 0 })).message).toMatch(/option "k"/);
    expect(thrown(() => topInitiatives(ratings, { wave: "1" } as never)).message).toMatch(/option "wave"/);
    expect(thrown(() => initiativeGaps(topInitiatives(ratings, { wave: 1 }), { below: 10 })).message).toMatch(/option "below"/);
    expect(thrown(() => compareOutcomeWaves(ratings, { waves: [1, 1] })).message).toMatch(/names wave 1 twice/);
    expect(thrown(() => compareOutcomeWaves(ratings, { waves: [1, 3] })).message).toMatch(/wave 3 is not in column "wave"/);
  });

  it("wrong arguments are KoeErrors, never TypeErrors", () => {
    const r = topInitiatives(ratings, { wave: 1 });
    for (const [name, f] of [
      ["topInitiatives(null)", () => topInitiatives(null as never)],
      ["topInitiatives(rows array)", () => topInitiatives(ratings.objects() as never)],
      ["topInitiatives(file name)", () => topInitiatives("data/initiative_ratings.csv" as never)],
      ["topInitiatives(t, 3)", () => topInitiatives(ratings, 3 as never)],
      ["topInitiatives(t, { row: 3 })", () => topInitiatives(ratings, { row: 3 } as never)],
      ["initiativeOutcomes(undefined)", () => initiativeOutcomes(undefined as never)],
      ["initiativeOutcomes(t, { by: [1] })", () => initiativeOutcomes(ratings, { by: [1] } as never)],
      ["compareOutcomeWaves({})", () => compareOutcomeWaves({} as never)],
      ["broadInitiatives(table)", () => broadInitiatives(ratings as never)],
      ["broadInitiatives(undefined)", () => broadInitiatives(undefined as never)],
      ["initiativeGaps(cells)", () => initiativeGaps(r.cells as never)],
      ["initiativeGaps(r, 'x')", () => initiativeGaps(r, "x" as never)],
    ] as [string, () => unknown][]) {
      const e = thrown(f);
      expect(e.localized.ja.length, name).toBeGreaterThan(0);
      expect(e.localized.en.length, name).toBeGreaterThan(0);
    }
    expect(thrown(() => broadInitiatives(ratings as never)).message).toMatch(/broadInitiatives: expected the result of topInitiatives\(table\)/);
  });

  it("a typo in a column name says which column was meant; one column for two roles is refused", () => {
    expect(thrown(() => topInitiatives(ratings, { row: "generaton" })).message).toMatch(/no column "generaton" \(option row\); did you mean "generation"\?/);
    expect(thrown(() => initiativeOutcomes(ratings, { by: ["stpe"] })).message).toMatch(/no column "stpe" \(option by\); did you mean "step"\?/);
    expect(thrown(() => topInitiatives(ratings, { column: "generation" })).message).toMatch(/column "generation" is given for two roles \(row, column\)/);
  });
});

describe("compareOutcomeWaves on tables with no second wave, or conflicting ratings", () => {
  it("needs a wave column and two waves", () => {
    const w1 = ratings.params({ w: 1 }).filter((d: { wave: number }, $: { w: number }) => d.wave === $.w);
    expect(thrown(() => compareOutcomeWaves(w1)).message).toMatch(/needs two waves in column "wave" \(found 1\)/);
    expect(thrown(() => compareOutcomeWaves(w1.select(aq.not("wave")))).message).toMatch(/needs a wave column/);
  });

  it("two rows rating the same initiative for the same company and cell differently are an error naming the rows", () => {
    const first = (ratings.objects({ limit: 1 }) as Record<string, unknown>[])[0]!;
    const dup = ratings.concat(aq.from([{ ...first, outcome: first.outcome === "not_practised" ? "practised_effective" : "not_practised" }]));
    expect(thrown(() => compareOutcomeWaves(dup)).message).toMatch(new RegExp(`table rows 1 and ${ratings.numRows() + 1} both rate initiative "${first.initiative}" for company "${first.company}"`));
  });
});

describe("row order and value types do not change the answer (a seeded property test)", () => {
  it("random corruptions give the clean answer or a KoeError naming the column — never silently dropped rows", () => {
    const random = createRandom(8);
    const companies = ["A", "B", "C", "D", "E", "F", "G"];
    const clean = aq.from(
      companies.flatMap((company) =>
        ["young", "senior"].flatMap((generation) =>
          ["know", "practice"].flatMap((step) =>
            ["one_on_one", "mentoring", "e_learning", "job_posting"].flatMap((initiative) =>
              [1, 2].map((wave) => {
                const outcome = initiativeOutcomeTypes.ids[random.int(3)]!;
                return { company, wave, generation, step, initiative, effective: outcome === "practised_effective", outcome };
              }),
            ),
          ),
        ),
      ),
    );
    const run = (t: Table) => {
      const top = topInitiatives(t, { wave: 2, minCompanies: 3 });
      const out = initiativeOutcomes(t, { wave: 2, by: ["generation"], minCompanies: 3 });
      const cmp = compareOutcomeWaves(t, { minCompanies: 3 });
      return { top: top.cells, n: top.n, nMissing: top.nMissing, out: out.rows, outN: out.n, cmp: cmp.changes, gaps: initiativeGaps(top).gaps, broad: broadInitiatives(top).initiatives };
    };
    const expected = run(clean);
    expect(expected.top.length).toBeGreaterThan(0);
    const yes = (f: (b: boolean) => unknown) => (t: Table) => recode(t, "effective", (v) => f(v as boolean));
    const same: [string, (t: Table) => Table][] = [
      ["effective 0/1", yes((b) => (b ? 1 : 0))],
      ["effective はい/いいえ", yes((b) => (b ? "はい" : "いいえ"))],
      ["effective 効果あり/効果なし", yes((b) => (b ? "効果あり" : "効果なし"))],
      ["effective yes/no", yes((b) => (b ? "yes" : "no"))],
      ["generation in Japanese", (t) => recode(t, "generation", ja(generations))],
      ["step in Japanese, renamed 浸透ステップ", (t) => recode(t, "step", ja(penetrationSteps), "浸透ステップ")],
      ["initiative in Japanese", (t) => recode(t, "initiative", ja(initiativeCatalogue))],
      ["outcome in Japanese", (t) => recode(t, "outcome", ja(initiativeOutcomeTypes))],
      ["wave renamed 調査回", (t) => t.rename({ wave: "調査回" })],
      ["wave as text", (t) => recode(t, "wave", (v) => String(v))],
      ["company renamed 会社 with a BOM", (t) => t.rename({ company: "\uFEFF会社" })],
      ["rows shuffled", (t) => t.orderby(aq.desc("initiative"), "company")],
      ["rows reversed and reified", (t) => aq.from((t.objects() as object[]).reverse())],
    ];
    const bad: [string, (t: Table) => Table, RegExp][] = [
      ["effective 2", (t) => recode(t, "effective", (v, r) => (r.company === "C" ? 2 : v)), /"effective"/],
      ["effective 'x'", (t) => recode(t, "effective", (v, r) => (r.company === "B" && r.wave === 1 ? "x" : v)), /"effective"/],
      ["generation typo", (t) => recode(t, "generation", (v, r) => (r.company === "D" ? "yuong" : v)), /"generation"/],
      ["step unknown", (t) => recode(t, "step", (v) => (v === "know" ? "認識する" : v)), /"step"/],
      ["initiative unknown", (t) => recode(t, "initiative", (v) => (v === "job_posting" ? "公募制" : v)), /"initiative"/],
      ["outcome unknown", (t) => recode(t, "outcome", (v) => (v === "not_practised" ? "未" : v)), /"outcome"/],
      ["wave not a number", (t) => recode(t, "wave", (v) => (v === 2 ? "第2回" : v)), /"wave"/],
      ["all effective missing", (t) => recode(t, "effective", () => null), /"effective"/],
      ["all companies blank", (t) => recode(t, "company", () => ""), /"company"/],
      ["no rows", (t) => t.filter(() => false), /wave|rows|complete/],
      ["column missing", (t) => t.select(aq.not("effective")), /"effective"/],
    ];
    for (let trial = 0; trial < 40; trial++) {
      const pick = random.int(same.length + bad.length);
      if (pick < same.length) {
        // One to three harmless changes at once: the answer must not move.
        let t = clean;
        const names: string[] = [];
        for (let j = 0, m = 1 + random.int(3); j < m; j++) {
          const [name, f] = same[random.int(same.length)]!;
          // One change per column: each starts from the clean column's values.
          if (names.some((x) => x.split(" ")[0] === name.split(" ")[0])) continue;
          names.push(name);
          t = f(t);
        }
        expect(run(t), names.join(" + ")).toEqual(expected);
      } else {
        const [name, f, column] = bad[pick - same.length]!;
        const e = thrown(() => run(f(clean)));
        expect(e.message, name).toMatch(column);
      }
    }
    // Missing values are never dropped in silence: counted, and said.
    const holes = recode(clean, "effective", (v, r) => (r.company === "A" && r.generation === "young" && r.wave === 2 ? "" : v));
    const r = topInitiatives(holes, { wave: 2, minCompanies: 3 });
    expect([r.n, r.nMissing]).toEqual([expected.n - 8, 8]);
    expect(r.warnings.find((w) => w.code === "initiatives.rowsLeftOut")!.params).toMatchObject({ dropped: 8, missing: [{ column: "effective", rows: 8 }] });
  });
});
