// What is built into the bundled dataset can be recovered from the files, and truth.json agrees
// with them: the selection gap, the biased naive comparison, the top 3 of every initiative cell,
// the themes of the comments and the codes of the interviews.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument, Codebook, generations, initiativeCatalogue, initiativeOutcomeTypes, Instrument, penetrationSteps } from "@koe/core";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { codebook, TRUE_TOP3, VOICES } from "../data/generator/index.js";

const dataDir = join(import.meta.dirname, "..", "data");
const text = (file: string) => readFileSync(join(dataDir, file), "utf8");
const rows = (csv: string): Record<string, string>[] => parse(csv, { columns: true, bom: true });
const truth = JSON.parse(text("truth.json"));
const people = rows(text("respondents.csv"));
const nfkc = (s: string) => s.normalize("NFKC");
const keywordsOf = (id: string) => Codebook.parse(JSON.parse(text("codebook.json"))).codes.find((c) => c.id === id)!.keywords.map(nfkc);
const voices = (id: string, s: string) => keywordsOf(id).some((k) => nfkc(s).includes(k));

function scaleScore(r: Record<string, string>, scale: "engagement" | "innovation", wave: "pre" | "post"): number {
  const values = careerSurveyInstrument.items
    .filter((i) => i.scale === scale && r[`${i.id}_${wave}`] !== "")
    .map((i) => (i.reverse ? 6 - Number(r[`${i.id}_${wave}`]) : Number(r[`${i.id}_${wave}`])));
  return values.reduce((a, b) => a + b, 0) / values.length;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));

describe("cross-boundary participants", () => {
  const t = people.filter((r) => r.cross_boundary === "1");
  const c = people.filter((r) => r.cross_boundary === "0");

  for (const scale of ["engagement", "innovation"] as const) {
    it(`${scale}: the file shows the baseline gap and naive estimates truth.json records`, () => {
      const pre = (g: typeof people) => mean(g.map((r) => scaleScore(r, scale, "pre")));
      const post = (g: typeof people) => mean(g.map((r) => scaleScore(r, scale, "post")));
      const s = truth.respondents[scale];
      expect((pre(t) - pre(c)) / sd(people.map((r) => scaleScore(r, scale, "pre")))).toBeCloseTo(s.baselineGapSd, 5);
      expect(post(t) - post(c)).toBeCloseTo(s.naiveDifferencePost, 5);
      expect(post(t) - pre(t) - (post(c) - pre(c))).toBeCloseTo(s.naiveDid, 5);
    });
  }

  it("start higher (selection), the self-nominated more than the appointed", () => {
    const e = truth.respondents.engagement;
    expect(e.baselineGapSd).toBeGreaterThan(0.2);
    expect(e.baselineGapSd).toBeLessThan(0.5);
    expect(e.baselineGapSdBySelection.self_nominated).toBeGreaterThan(e.baselineGapSdBySelection.appointed);
  });

  it("have a true effect the naive post comparison overstates and the difference-in-differences comes close to", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      const s = truth.respondents[scale];
      expect(s.trueAtt).toBeGreaterThan(0.15);
      expect(s.trueAttByKind.external).toBeGreaterThan(s.trueAttByKind.internal);
      expect(s.naiveDifferencePost - s.trueAtt).toBeGreaterThan(0.1);
      expect(Math.abs(s.naiveDid - s.trueAtt)).toBeLessThan(0.1);
    }
  });

  it("are counted in truth.json as in the file", () => {
    expect(truth.respondents.participants).toBe(t.length);
    expect(truth.respondents.participantsByKind.external).toBe(t.filter((r) => r.cb_kind === "external").length);
    expect(truth.respondents.participantsBySelection.appointed).toBe(t.filter((r) => r.cb_selection === "appointed").length);
  });
});

describe("initiative ratings", () => {
  const ratings = rows(text("initiative_ratings.csv"));
  const id = new Map(initiativeCatalogue.ids.map((i) => [initiativeCatalogue.label(i, "ja"), i]));

  it("use the Japanese labels of the vocabularies, はい exactly for 実践して効果が出た", () => {
    const outcomes = new Set(initiativeOutcomeTypes.ids.map((o) => initiativeOutcomeTypes.label(o, "ja")));
    for (const r of ratings) {
      expect(id.has(r.施策!)).toBe(true);
      expect(outcomes.has(r.結果!)).toBe(true);
      expect(r.効果あり).toBe(r.結果 === "実践して効果が出た" ? "はい" : "いいえ");
      expect(["1", "2"]).toContain(r.調査回);
      if (r.理由コード === "sheet_quality") expect(r.施策).toBe("キャリアシート面談");
    }
  });

  it("recover the true top 3 of every generation × step cell (wave 1), with 1on1 in every cell", () => {
    for (const g of generations.ids) {
      for (const s of penetrationSteps.ids) {
        const counts = new Map<string, number>();
        for (const r of ratings) {
          if (r.調査回 === "1" && r.世代 === generations.label(g, "ja") && r.浸透ステップ === penetrationSteps.label(s, "ja") && r.効果あり === "はい") {
            const i = id.get(r.施策!)!;
            counts.set(i, (counts.get(i) ?? 0) + 1);
          }
        }
        const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
        const top = new Set(ranked.slice(0, 3).map(([i]) => i));
        expect(top, `${g}|${s}`).toEqual(new Set(TRUE_TOP3[`${g}|${s}`]));
        expect(top.has("one_on_one")).toBe(true);
        expect(ranked[2]![1] - (ranked[3]?.[1] ?? 0), `${g}|${s}: a clear gap after the third`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("rarely include mandatory training for the mid generation", () => {
    const mandatory = (g: string) => ratings.filter((r) => r.調査回 === "1" && r.施策 === "強制的な研修" && r.世代 === g).length;
    expect(mandatory("中堅") * 5).toBeLessThan(mandatory("若手"));
    expect(mandatory("中堅") * 5).toBeLessThan(mandatory("シニア"));
  });

  it("improve in wave 2: fewer not practised, more effective", () => {
    const count = (wave: string, outcome: string) => ratings.filter((r) => r.調査回 === wave && r.結果 === outcome).length;
    expect(count("2", "実践しなかった")).toBeLessThan(count("1", "実践しなかった"));
    expect(count("2", "実践して効果が出た")).toBeGreaterThan(count("1", "実践して効果が出た"));
  });
});

describe("comments and interviews", () => {
  const comments = rows(new TextDecoder("shift_jis").decode(readFileSync(join(dataDir, "comments.csv"))));
  const byId = new Map(people.map((r) => [r.respondent_id!, r]));

  it("come from respondents of respondents.csv, with their company", () => {
    for (const c of comments) expect(byId.get(c.回答者ID!)?.company).toBe(c.会社);
  });

  it("voice the codes truth.json records, findable by the codebook's keywords after NFKC", () => {
    expect(truth.comments.codesByRow.length).toBe(comments.length);
    comments.forEach((c, i) => {
      for (const code of truth.comments.codesByRow[i] as string[]) expect(voices(code, c.回答!), `row ${i + 1} ${code}: ${c.回答}`).toBe(true);
    });
  });

  it("tilt by segment: participants speak of motivation and ideas, the immobile layer of its barriers", () => {
    const share = (segment: (r: Record<string, string>) => boolean, codes: string[]) => {
      const here = comments.filter((c) => segment(byId.get(c.回答者ID!)!));
      return here.filter((c) => codes.some((code) => voices(code, c.回答!))).length / here.length;
    };
    const participant = (r: Record<string, string>) => r.cross_boundary === "1";
    const immobile = (r: Record<string, string>) => r.immobile_type !== "" && r.cross_boundary === "0";
    const others = (r: Record<string, string>) => !participant(r) && !immobile(r);
    expect(share(participant, ["work_motivation", "idea_use"])).toBeGreaterThan(2 * share(others, ["work_motivation", "idea_use"]));
    const barriers = ["no_mutual_understanding", "no_opportunity", "hr_led_transfers"];
    expect(share(immobile, barriers)).toBeGreaterThan(1.5 * share(others, barriers));
    expect(share(immobile, barriers)).toBeGreaterThan(2 * share(participant, barriers));
  });

  it("interviews alternate interviewer and respondent, and every coded turn holds its codes' keywords", () => {
    const turns = rows(text("transcripts.csv"));
    const interviews = truth.transcripts as { transcriptId: string; respondentId: string; codesBySegment: Record<string, string[]> }[];
    expect(interviews.length).toBe(6);
    for (const { transcriptId, respondentId, codesBySegment } of interviews) {
      const mine = turns.filter((t) => t.transcript_id === transcriptId);
      mine.forEach((t, k) => {
        expect(t.segment).toBe(String(k + 1));
        expect(t.speaker).toBe(k % 2 === 0 ? "インタビュアー" : "対象者");
        expect(t.respondent_id).toBe(respondentId);
      });
      expect(Object.keys(codesBySegment).length).toBeGreaterThanOrEqual(5);
      for (const [segment, codes] of Object.entries(codesBySegment)) {
        const turn = mine[Number(segment) - 1]!;
        expect(turn.speaker).toBe("対象者");
        for (const code of codes) expect(voices(code, turn.text!), `${transcriptId} #${segment} ${code}`).toBe(true);
      }
    }
    const t01 = byId.get(interviews[0]!.respondentId)!;
    expect([t01.cb_kind, t01.cb_selection]).toEqual(["external", "self_nominated"]);
    expect(byId.get(interviews[5]!.respondentId)!.immobile_type).toBe("gave_up");
  });
});

describe("codebook.json and instrument.json", () => {
  it("parse with the @koe/core schemas; the instrument is the consortium survey", () => {
    const cb = Codebook.parse(JSON.parse(text("codebook.json")));
    expect(cb.codes.map((c) => c.id)).toEqual(codebook.codes.map((c) => c.id));
    expect(cb.codes.find((c) => c.id === "work_motivation")).toMatchObject({ ja: "業務意欲", parent: "effects" });
    expect(Instrument.parse(JSON.parse(text("instrument.json")))).toEqual(careerSurveyInstrument);
  });

  it("every sentence the generator writes for a code contains one of the code's keywords", () => {
    for (const [code, sentences] of Object.entries(VOICES)) {
      for (const s of sentences) expect(voices(code, s), `${code}: ${s}`).toBe(true);
    }
  });
});

describe("manual codings (comment_codings.csv)", () => {
  const codings = rows(text("comment_codings.csv"));
  const planted: string[][] = truth.comments.codesByRow;
  const leaves = Codebook.parse(JSON.parse(text("codebook.json"))).codes.filter((c) => c.keywords.length > 0).map((c) => c.id);
  for (const coder of ["A", "B"] as const) {
    it(`coder ${coder} read each of the first 150 comments, and misses and adds codes at about the built-in rates`, () => {
      const mine = codings.filter((r) => r.coder === coder);
      expect(new Set(mine.map((r) => Number(r.id)))).toEqual(new Set(Array.from({ length: 150 }, (_, i) => i + 1)));
      const given = new Set(mine.filter((r) => r.code !== "").map((r) => `${r.id}|${r.code}`));
      let voiced = 0, missed = 0, unvoiced = 0, added = 0;
      for (let i = 0; i < 150; i++) for (const code of leaves) {
        const has = given.has(`${i + 1}|${code}`);
        if (planted[i]!.includes(code)) { voiced++; if (!has) missed++; } else { unvoiced++; if (has) added++; }
      }
      const model = truth.codings.model.coders[coder];
      // binomial tolerance: 3 standard errors around the built-in rate
      expect(Math.abs(missed / voiced - model.miss)).toBeLessThan(3 * Math.sqrt((model.miss * (1 - model.miss)) / voiced));
      expect(Math.abs(added / unvoiced - model.add)).toBeLessThan(3 * Math.sqrt((model.add * (1 - model.add)) / unvoiced));
    });
  }
});

// Issue 11: the career-ownership columns of respondents.csv and learning.csv, recovered from the files.
const LAYERS = ["traditional", "interested", "practising"] as const;
type Layer = (typeof LAYERS)[number];
const rank = (l: string) => LAYERS.indexOf(l as Layer);
/** The mean of the answered items (blank = missing), NaN when none is answered. */
const itemMean = (r: Record<string, string>, cols: string[]) => {
  const v = cols.map((c) => r[c]!).filter((x) => x !== "").map(Number);
  return v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length;
};
const meanOf = (xs: number[]) => mean(xs.filter((x) => !Number.isNaN(x)));
/** |observed − expected| within `k` binomial standard errors. */
const withinSe = (observed: number, expected: number, n: number, k = 3.5) => Math.abs(observed - expected) <= k * Math.sqrt((expected * (1 - expected)) / n);

describe("career-ownership layers at two waves (respondents.csv: layer, layer_post)", () => {
  const share = (g: typeof people, col: "layer" | "layer_post", l: Layer) => g.filter((r) => r[col] === l).length / g.length;

  it("have the shares truth.json records, overall and by segment", () => {
    for (const l of LAYERS) {
      expect(share(people, "layer", l)).toBeCloseTo(truth.layers.shares.overall.wave1[l], 6);
      expect(share(people, "layer_post", l)).toBeCloseTo(truth.layers.shares.overall.wave2[l], 6);
      for (const g of generations.ids) expect(share(people.filter((r) => r.generation === g), "layer_post", l)).toBeCloseTo(truth.layers.shares.generation[g].wave2[l], 6);
    }
    expect(share(people, "layer", "interested")).toBeGreaterThan(share(people, "layer", "traditional"));
    expect(share(people, "layer", "practising")).toBeLessThan(0.3);
  });

  it("move by the true transition matrix, every cell within sampling error", () => {
    const P = truth.layers.trueMatrix as Record<Layer, Record<Layer, number>>;
    for (const from of LAYERS) {
      const row = people.filter((r) => r.layer === from);
      for (const to of LAYERS) {
        const observed = row.filter((r) => r.layer_post === to).length;
        expect(observed).toBe(truth.layers.realisedCounts[from][to]);
        expect(withinSe(observed / row.length, P[from][to], row.length), `${from} → ${to}: ${observed}/${row.length} vs ${P[from][to]}`).toBe(true);
      }
    }
    // Wave-2 shares follow from the wave-1 shares and the matrix.
    for (const to of LAYERS) {
      const expected = LAYERS.reduce((s, from) => s + share(people, "layer", from) * P[from][to], 0);
      expect(withinSe(share(people, "layer_post", to), expected, people.length)).toBe(true);
    }
  });

  it("flow toward practice on the whole, while some move back (positive once, gave up)", () => {
    const up = people.filter((r) => rank(r.layer_post!) > rank(r.layer!)).length;
    const back = people.filter((r) => rank(r.layer_post!) < rank(r.layer!)).length;
    expect((up - back) / people.length).toBeCloseTo(truth.layers.netFlowTowardPractice.realised, 6);
    expect(back / people.length).toBeCloseTo(truth.layers.movedBackShare, 6);
    expect(up - back).toBeGreaterThan(0);
    expect(back / people.filter((r) => r.layer !== "traditional").length).toBeGreaterThan(0.04);
    const n = people.length;
    const expected = truth.layers.netFlowTowardPractice.expected;
    expect(Math.abs((up - back) / n - expected)).toBeLessThan(3.5 * Math.sqrt(0.2 / n)); // the variance of a −1/0/+1 move is below 0.2 here
  });

  it("form the gradient from lower left to upper right: awareness and action rise with the layer, the traditional view falls", () => {
    const aware = ["aware_01_pre", "aware_02_pre", "aware_03_pre"];
    const action = ["action_01_pre", "action_02_pre", "action_03_pre"];
    const m = Object.fromEntries(LAYERS.map((l) => {
      const g = people.filter((r) => r.layer === l);
      return [l, { aware: meanOf(g.map((r) => itemMean(r, aware))), action: meanOf(g.map((r) => itemMean(r, action))), trad: meanOf(g.map((r) => itemMean(r, ["trad_view_pre"]))) }];
    })) as Record<Layer, { aware: number; action: number; trad: number }>;
    expect(m.interested.aware - m.traditional.aware).toBeGreaterThan(0.8);
    expect(m.practising.aware).toBeGreaterThan(m.interested.aware);
    expect(m.practising.action - m.interested.action).toBeGreaterThan(0.8);
    expect(m.interested.aware - m.interested.action).toBeGreaterThan(0.6); // interested: aware, not yet acting
    expect(m.traditional.trad - m.practising.trad).toBeGreaterThan(1);
    expect(m.traditional.aware).toBeCloseTo(truth.layers.meanScoresWave1.traditional.awareness, 6);
    // People who moved up report more awareness and action at wave 2 than at wave 1.
    const movedUp = people.filter((r) => r.layer === "traditional" && r.layer_post === "interested");
    const change = meanOf(movedUp.map((r) => itemMean(r, aware.map((c) => c.replace("_pre", "_post"))) - itemMean(r, aware)));
    expect(change).toBeGreaterThan(0.6);
  });
});

describe("penetration steps (respondents.csv: step_know … step_practice)", () => {
  const STEPS = ["step_know", "step_understand", "step_deepen", "step_practice"];
  const cellOf = (r: Record<string, string>) => `${r.generation}|${r.job_type}|${r.manager}`;

  it("reach the true cumulative shares in every generation × job type × manager cell, within sampling error", () => {
    const cells = truth.penetration.cells as Record<string, { n: number; trueCumulative: number[]; answered: number[] }>;
    expect(Object.keys(cells).length).toBe(18);
    for (const [key, cell] of Object.entries(cells)) {
      const here = people.filter((r) => cellOf(r) === key);
      expect(here.length).toBe(cell.n);
      if (here.length < 30) continue;
      STEPS.forEach((s, k) => {
        const observed = here.filter((r) => r[s] === "1").length / here.length;
        expect(observed).toBeCloseTo(cell.answered[k]!, 6);
        // ~1.5% answer non-cumulatively, which moves a share by at most that much
        expect(Math.abs(observed - cell.trueCumulative[k]!), `${key} ${s}`).toBeLessThan(3.5 * Math.sqrt((cell.trueCumulative[k]! * (1 - cell.trueCumulative[k]!)) / here.length) + 0.015);
      });
    }
  });

  it("are lowest for frontline staff and for non-manager seniors", () => {
    const practice = (f: (r: Record<string, string>) => boolean) => {
      const g = people.filter(f);
      return g.filter((r) => r.step_deepen === "1").length / g.length;
    };
    expect(practice((r) => r.job_type === "frontline")).toBeLessThan(0.7 * practice((r) => r.job_type !== "frontline"));
    expect(practice((r) => r.generation === "senior" && r.manager === "0")).toBeLessThan(0.8 * practice((r) => !(r.generation === "senior" && r.manager === "0")));
  });

  it("are cumulative but for about 1.5% of respondents, who tick a step after one left blank", () => {
    const nonCumulative = people.filter((r) => STEPS.some((s, k) => k < 3 && r[s] === "0" && r[STEPS[k + 1]!] === "1")).length;
    expect(nonCumulative).toBe(truth.penetration.nonCumulativeAnswers);
    expect(nonCumulative / people.length).toBeGreaterThan(0.008);
    expect(nonCumulative / people.length).toBeLessThan(0.025);
  });
});

describe("the immobile layer's items (respondents.csv: imm_unaware, imm_never, imm_gave_up, imm_open)", () => {
  const ITEM = { unaware: "imm_unaware", never_positive: "imm_never", gave_up: "imm_gave_up" } as const;

  it("each sub-type agrees most with its own item, far above everyone else", () => {
    for (const [type, own] of Object.entries(ITEM)) {
      const g = people.filter((r) => r.immobile_type === type);
      const others = people.filter((r) => r.immobile_type === "");
      const m = (rs: typeof people, c: string) => meanOf(rs.map((r) => itemMean(r, [c])));
      for (const other of Object.values(ITEM).filter((c) => c !== own)) expect(m(g, own) - m(g, other), `${type}: ${own} vs ${other}`).toBeGreaterThan(1);
      expect(m(g, own) - m(others, own)).toBeGreaterThan(1.5);
      expect(m(g, own)).toBeCloseTo(truth.immobileItems.meansBySubType[type][own], 6);
    }
  });

  it("imm_open splits the immobile: about half would move (浮動層), and those open move out of the traditional layer more often", () => {
    const immobile = people.filter((r) => r.immobile_type !== "" && r.imm_open !== "");
    const open = immobile.filter((r) => Number(r.imm_open) >= 4);
    const closed = immobile.filter((r) => Number(r.imm_open) <= 2);
    expect(open.length / immobile.length).toBeGreaterThan(0.3);
    expect(open.length / immobile.length).toBeLessThan(0.6);
    expect(truth.immobileItems.movableShare).toBeGreaterThan(0.4);
    expect(truth.immobileItems.movableShare).toBeLessThan(0.6);
    const moved = (g: typeof people) => g.filter((r) => r.layer_post !== "traditional").length / g.length;
    expect(moved(open)).toBeGreaterThan(3 * moved(closed));
  });
});

describe("the reskilling cycle (learning.csv)", () => {
  const learning = rows(text("learning.csv"));
  const byPeriod = (t: number) => learning.filter((r) => r.period === String(t));
  const STAGES = ["none", "trigger", "place", "success"];

  it("has one row per respondent and period 1–4, with the respondent's company; a source exactly when a stage was reached", () => {
    expect(learning.length).toBe(4 * people.length);
    const company = new Map(people.map((r) => [r.respondent_id!, r.company!]));
    const seen = new Set<string>();
    for (const r of learning) {
      expect(company.get(r.respondent_id!)).toBe(r.company);
      expect(["1", "2", "3", "4"]).toContain(r.period);
      expect(STAGES).toContain(r.stage);
      expect(["0", "1"]).toContain(r.autonomous);
      expect(r.source === "").toBe(r.stage === "none");
      if (r.source !== "") expect(["company", "self"]).toContain(r.source);
      seen.add(`${r.respondent_id}|${r.period}`);
    }
    expect(seen.size).toBe(learning.length);
  });

  it("the autonomous share rises every period, as expected from the model and about its common slope", () => {
    const shares = [1, 2, 3, 4].map((t) => byPeriod(t).filter((r) => r.autonomous === "1").length / byPeriod(t).length);
    for (let t = 1; t < 4; t++) expect(shares[t]!).toBeGreaterThan(shares[t - 1]!);
    shares.forEach((s, t) => {
      const b = truth.reskilling.byPeriod[t];
      expect(s).toBeCloseTo(b.autonomousShare, 6);
      expect(withinSe(s, b.expectedAutonomousShare, people.length)).toBe(true);
    });
    // Least-squares slope of the log-odds of the share on the period: the common slope, attenuated by
    // the spread between people and companies (marginal, not conditional).
    const logit = shares.map((p) => Math.log(p / (1 - p)));
    const slope = (-1.5 * logit[0]! - 0.5 * logit[1]! + 0.5 * logit[2]! + 1.5 * logit[3]!) / 5;
    expect(slope).toBeGreaterThan(0.5 * truth.reskilling.trueCommonSlope);
    expect(slope).toBeLessThan(truth.reskilling.trueCommonSlope);
    // Each large company's share rises from period 1 to 4 too.
    for (const c of ["C01", "C02", "C03", "C04"]) {
      const s = (t: number) => byPeriod(t).filter((r) => r.company === c && r.autonomous === "1").length / byPeriod(t).filter((r) => r.company === c).length;
      expect(s(4), c).toBeGreaterThan(s(1));
    }
  });

  it("completes the cycle (success ÷ trigger or beyond) at the true rate of each source and period; self-initiated learning completes more often", () => {
    for (let t = 1; t <= 4; t++) {
      for (const source of ["company", "self"] as const) {
        const started = byPeriod(t).filter((r) => r.source === source);
        const rate = started.filter((r) => r.stage === "success").length / started.length;
        const b = truth.reskilling.byPeriod[t - 1].completionBySource[source];
        expect(rate).toBeCloseTo(b.rate, 6);
        expect(withinSe(rate, b.trueRate, started.length), `period ${t} ${source}: ${rate} vs ${b.trueRate}`).toBe(true);
      }
    }
    const all = (source: string) => {
      const started = learning.filter((r) => r.source === source);
      return started.filter((r) => r.stage === "success").length / started.length;
    };
    expect(all("self") - all("company")).toBeGreaterThan(0.05);
  });

  it("turns: a success experience in one period is followed by a trigger in the next more often", () => {
    const stage = new Map(learning.map((r) => [`${r.respondent_id}|${r.period}`, r.stage!]));
    const after = (success: boolean) => {
      const prev = learning.filter((r) => r.period !== "4" && (r.stage === "success") === success);
      return prev.filter((r) => stage.get(`${r.respondent_id}|${Number(r.period) + 1}`) !== "none").length / prev.length;
    };
    expect(after(true)).toBeCloseTo(truth.reskilling.cycleCarryOver.afterSuccess.share, 6);
    expect(after(true) - after(false)).toBeGreaterThan(0.1);
  });
});

describe("the career-sheet dialogue pilot (dialogue_pilot.csv)", () => {
  const pilot = rows(text("dialogue_pilot.csv"));
  const change = (g: typeof pilot) => g.map((r) => Number(r.engagement_post) - Number(r.engagement_pre));
  const control = pilot.filter((r) => r.dialogue === "0");
  const good = pilot.filter((r) => r.sheet_quality === "good");
  const poor = pilot.filter((r) => r.sheet_quality === "poor");

  it("has about 800 people of 8 companies, half in a dialogue, about 60% of the dialogues with a good sheet, scores 1–5 with 2 decimals", () => {
    expect(pilot.length).toBe(800);
    expect(pilot[0]!.pilot_id).toBe("P0001");
    expect(new Set(pilot.map((r) => r.company)).size).toBe(8);
    for (const r of pilot) {
      expect(r.sheet_quality === "").toBe(r.dialogue === "0");
      expect(["young", "mid", "senior"]).toContain(r.generation);
      for (const c of ["engagement_pre", "engagement_post"]) {
        expect(r[c]).toMatch(/^[1-5]\.\d\d$/);
        expect(Number(r[c])).toBeLessThanOrEqual(5);
      }
    }
    const dialogue = pilot.length - control.length;
    expect(Math.abs(dialogue / pilot.length - 0.5)).toBeLessThan(0.06);
    expect(good.length / dialogue).toBeGreaterThan(0.5);
    expect(good.length / dialogue).toBeLessThan(0.75);
  });

  it("shows the true effects by sheet quality: good +0.30, poor −0.15 (harm), each difference-in-differences within sampling error", () => {
    const base = mean(change(control));
    for (const [quality, group] of [["good", good], ["poor", poor]] as const) {
      const did = mean(change(group)) - base;
      const se = Math.sqrt(sd(change(group)) ** 2 / group.length + sd(change(control)) ** 2 / control.length);
      expect(did).toBeCloseTo(truth.pilot.did[quality], 6);
      expect(Math.abs(did - truth.pilot.trueEffect[quality]), `${quality}: ${did} ± ${se}`).toBeLessThan(3 * se);
      expect(Math.abs(truth.pilot.sampleEffect[quality] - truth.pilot.trueEffect[quality])).toBeLessThan(0.02); // rounding and the 1–5 bounds only
    }
    expect(truth.pilot.trueEffect).toEqual({ good: 0.3, poor: -0.15 });
    expect(mean(change(poor)) - base).toBeLessThan(0);
    // Pooled, the dialogues look mildly positive: the harm is averaged away.
    const pooled = mean(change(pilot.filter((r) => r.dialogue === "1"))) - base;
    expect(pooled).toBeGreaterThan(0);
    expect(pooled).toBeLessThan(mean(change(good)) - base - 0.1);
  });
});
