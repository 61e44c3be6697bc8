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
