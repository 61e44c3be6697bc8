// segmentRespondents and its rule set on hand-made tables: each threshold exactly at its value and
// just past it, missing answers, unknown values, contradictory answers, Japanese headers, which
// segments are derived, and every rule-set error in both languages.
import { DEFAULT_SEGMENT_RULES, KoeArgumentError, parseSegmentRules, segmentRespondents, segmentValues, setLanguage, type Table } from "@koe/core";
import * as aq from "arquero";
import { afterEach, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

type Row = Record<string, unknown>;
afterEach(() => setLanguage("en"));

/** One person's answers at one wave (no suffix): awareness items, action items, traditional view, the three immobile items. */
interface Person {
  aware: (number | string | null)[];
  action: (number | string | null)[];
  trad: number | string | null;
  imm?: (number | string | null)[];
}
const ONE_WAVE = { layer: { waves: [] }, immobile: { wave: null } };
/** The answers as a table; the immobile items only when someone has them (1 for those who have not). */
function wave(people: Person[]): Table {
  const col = (f: (p: Person) => unknown) => people.map(f);
  const imm = people.some((p) => p.imm) ? { imm_unaware: col((p) => (p.imm ? p.imm[0] : 1)), imm_never: col((p) => (p.imm ? p.imm[1] : 1)), imm_gave_up: col((p) => (p.imm ? p.imm[2] : 1)) } : {};
  return aq.table({
    aware_01: col((p) => p.aware[0]), aware_02: col((p) => p.aware[1]), aware_03: col((p) => p.aware[2]),
    action_01: col((p) => p.action[0]), action_02: col((p) => p.action[1]), action_03: col((p) => p.action[2]),
    trad_view: col((p) => p.trad),
    ...imm,
  });
}
/** The layer of each person at one wave; `layer` rules are added to the one-wave rules. */
const layersOf = (people: Person[], layer: object = {}, rules: object = {}) => segmentRespondents(wave(people), { ...ONE_WAVE, ...rules, layer: { waves: [], ...layer } }).array("layer");

describe("the layer at its thresholds (defaults: traditional = trad view ≥ 3 and awareness < 3; practising = awareness ≥ 3.5 and action ≥ 3, unless trad view ≥ 4)", () => {
  it("practising exactly at awareness 3.5 and action 3; just below either is interested", () => {
    expect(layersOf([
      { aware: [3, 4, null], action: [3, 3, 3], trad: 2 }, // awareness (3 + 4) / 2 = 3.5 exactly, action 3 exactly
      { aware: [3, 4, 3], action: [3, 3, 3], trad: 2 }, // awareness 3.33
      { aware: [4, 4, 4], action: [3, 3, 2], trad: 2 }, // action 2.67
      { aware: [4, 4, 4], action: [3, 3, 3], trad: 3 }, // trad view 3: not "agrees"
    ])).toEqual(["practising", "interested", "interested", "practising"]);
  });

  it("traditional exactly at trad view 3 with awareness 2.67; awareness exactly 3, or trad view 2, is not", () => {
    expect(layersOf([
      { aware: [3, 3, 2], action: [1, 1, 1], trad: 3 }, // 2.67 < 3, trad view 3
      { aware: [3, 3, 3], action: [1, 1, 1], trad: 5 }, // awareness exactly 3: not below
      { aware: [1, 1, 1], action: [1, 1, 1], trad: 2 }, // disagrees that the company decides
    ])).toEqual(["traditional", "interested", "interested"]);
  });

  it("agreeing that the company decides (trad view exactly 4) while meeting the practising criteria is contradictory, with the reason", () => {
    const out = segmentRespondents(wave([{ aware: [4, 4, 3], action: [3, 4, 5], trad: 4 }]), ONE_WAVE).objects()[0] as Row;
    expect(out.layer).toBe("unclassified");
    expect(out.reasons).toBe("layer: contradictory answers: agrees that the company decides careers (trad_view = 4) yet awareness 3.67 and action 4 meet the practising layer");
  });

  it("a threshold typed as the mean it equals (11/3) is met: means within 1e-9 of a threshold count as equal", () => {
    const layer = { practising: { awarenessAtLeast: 11 / 3, actionAtLeast: 11 / 3 } };
    expect(layersOf([{ aware: [4, 4, 3], action: [4, 3, 4], trad: 1 }, { aware: [4, 4, 3], action: [4, 3, 3], trad: 1 }], layer)).toEqual(["practising", "interested"]);
  });

  it("overlapping thresholds: meeting both the traditional and the practising criteria is contradictory", () => {
    const rules = { ...ONE_WAVE, layer: { waves: [], traditional: { awarenessBelow: 5 }, contradictory: { tradViewAtLeast: 5 } } };
    const out = segmentRespondents(wave([{ aware: [4, 4, 4], action: [4, 4, 4], trad: 4 }]), rules).objects()[0] as Row;
    expect([out.layer, out.reasons]).toEqual(["unclassified", "layer: contradictory answers: meets both the traditional and the practising criteria (awareness 4, action 4, traditional view 4)"]);
  });
});

describe("the immobile sub-type (traditional layer only; the item agreed with most, at least 4)", () => {
  const trad = { aware: [1, 2, 1], action: [1, 1, 1], trad: 5 };
  it("the highest item at exactly 4 gives its sub-type; a highest of 3 is not immobile; a tie is contradictory", () => {
    const out = segmentRespondents(wave([
      { ...trad, imm: [4, 3, 2] },
      { ...trad, imm: [2, 5, 3] },
      { ...trad, imm: [1, 2, 4] },
      { ...trad, imm: [3, 3, 3] },
      { ...trad, imm: [4, 2, 4] },
      { aware: [4, 4, 4], action: [4, 4, 4], trad: 1, imm: [5, 1, 1] }, // practising: not immobile whatever the items
    ]), ONE_WAVE).objects() as Row[];
    expect(out.map((r) => r.immobile_subtype)).toEqual(["unaware", "never_positive", "gave_up", "not_immobile", "unclassified", "not_immobile"]);
    expect(out[4]!.reasons).toBe("immobile_subtype: contradictory answers: imm_unaware and imm_gave_up tie for the highest answer (4)");
    expect(out.map((r) => r.reasons).filter((x) => x !== null)).toHaveLength(1);
  });

  it("minAgreement is a rule: at 5, a highest of 4 is not immobile", () => {
    const out = segmentRespondents(wave([{ ...trad, imm: [4, 3, 2] }, { ...trad, imm: [5, 3, 2] }]), { ...ONE_WAVE, immobile: { wave: null, minAgreement: 5 } });
    expect(out.array("immobile_subtype")).toEqual(["not_immobile", "unaware"]);
  });

  it("an unclassified layer leaves the sub-type unclassified, saying so", () => {
    const out = segmentRespondents(wave([{ aware: [1, null, null], action: [1, 1, 1], trad: 5, imm: [5, 1, 1] }]), ONE_WAVE).objects()[0] as Row;
    expect([out.layer, out.immobile_subtype]).toEqual(["unclassified", "unclassified"]);
    expect(out.reasons).toBe("layer: missing answers (aware_02, aware_03); immobile_subtype: the layer it depends on (layer) is unclassified");
  });
});

describe("missing answers", () => {
  it("a score needs 2 of its 3 items; the traditional view is needed; the reason names the items", () => {
    const out = segmentRespondents(wave([
      { aware: [4, null, 4], action: [4, 4, null], trad: 1 }, // one item missing in each: still scored
      { aware: [4, null, null], action: [null, null, 4], trad: 1 },
      { aware: [4, 4, 4], action: [4, 4, 4], trad: null },
      { aware: [4, "無回答", "NA"], action: [4, 4, 4], trad: "" }, // missing markers are missing
    ]), ONE_WAVE).objects() as Row[];
    expect(out.map((r) => r.layer)).toEqual(["practising", "unclassified", "unclassified", "unclassified"]);
    expect(out.map((r) => r.reasons)).toEqual([
      null,
      "layer: missing answers (aware_02, aware_03, action_01, action_02)",
      "layer: missing answers (trad_view)",
      "layer: missing answers (aware_02, aware_03, trad_view)",
    ]);
    expect(out[0]!.awareness).toBe(4);
    expect(out[1]!.awareness).toBeNaN();
  });

  it("minAnswered is a rule: with 3, one missing item leaves the score missing", () => {
    expect(layersOf([{ aware: [4, null, 4], action: [4, 4, 4], trad: 1 }], { awareness: { minAnswered: 3 } })).toEqual(["unclassified"]);
  });

  it("the missing markers are a rule", () => {
    expect(layersOf([{ aware: [4, "-", 4], action: [4, 4, 4], trad: "-" }], {}, { missing: ["-"] })).toEqual(["unclassified"]);
    expect(() => layersOf([{ aware: [4, "-", 4], action: [4, 4, 4], trad: 1 }])).toThrow(/"-"/);
  });

  it("a missing imm item leaves a traditional-layer person's sub-type unclassified (the missing answer could be the highest)", () => {
    const out = segmentRespondents(wave([{ aware: [1, 1, 1], action: [1, 1, 1], trad: 4, imm: [5, null, 1] }]), ONE_WAVE).objects()[0] as Row;
    expect([out.immobile_subtype, out.reasons]).toEqual(["unclassified", "immobile_subtype: missing answers (imm_never)"]);
  });

  it("generation, role and job type: a blank is unclassified, with the column", () => {
    const t = aq.table({ age: [34, 35, null, 50], manager: ["管理職", "非管理職", null, 1], job_type: ["技術系", "", "現場", "clerical"] });
    const out = segmentRespondents(t).objects() as Row[];
    expect(out.map((r) => [r.generation, r.role, r.job_type])).toEqual([
      ["young", "manager", "technical"], ["mid", "non_manager", "unclassified"], ["unclassified", "unclassified", "frontline"], ["senior", "manager", "clerical"],
    ]);
    expect(out[2]!.reasons).toBe("generation: missing answers (age); role: missing answers (manager)");
    expect(out[1]!.reasons).toBe("job_type: missing answers (job_type)");
  });

  it("generation cut-offs are a rule (the first age of mid and of senior)", () => {
    const t = aq.table({ age: [29, 30, 44, 45] });
    expect(segmentRespondents(t, { generation: { cutoffs: { mid: 30, senior: 45 } } }).array("generation")).toEqual(["young", "mid", "mid", "senior"]);
  });
});

describe("unknown values are errors naming the column, the value and the row", () => {
  it("an answer outside the item range", () => {
    const e = thrown(() => layersOf([{ aware: [4, 4, 4], action: [4, 4, 4], trad: 1 }, { aware: [4, 4, 4], action: [4, 4, 4], trad: 6 }]));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.localized.en).toBe('segmentRespondents: table row 2, column "trad_view": 6 is outside the item\'s range 1–5');
    expect(e.localized.ja).toContain("2行目、列「trad_view」: 6 は設問の範囲 1〜5 の外です");
    const imm = thrown(() => segmentRespondents(wave([{ aware: [1, 1, 1], action: [1, 1, 1], trad: 5, imm: [0, 1, 1] }]), ONE_WAVE));
    expect(imm.localized.en).toContain('column "imm_unaware": 0 is outside');
  });

  it("text that is not an answer; answer labels are answers", () => {
    expect(thrown(() => layersOf([{ aware: ["たぶん", 4, 4], action: [4, 4, 4], trad: 1 }])).localized.en).toContain('column "aware_01" must hold numbers; it holds text that is not a number: "たぶん" (1 row, first at table row 1)');
    expect(layersOf([{ aware: ["そう思う", "ややそう思う", "４"], action: [4, 4, 4], trad: "そう思わない" }])).toEqual(["practising"]);
  });

  it("a job type or a manager value the vocabulary does not know", () => {
    const job = thrown(() => segmentRespondents(aq.table({ job_type: ["技術系", "営業", "営業"] })));
    expect(job.localized.en).toMatch(/^segmentRespondents: .*"job_type".*"営業" \(2 rows, first at table row 2\)/);
    const role = thrown(() => segmentRespondents(aq.table({ manager: ["はい", "課長"] })));
    expect(role.localized.en).toContain('"課長" (1 row, first at table row 2)');
  });
});

describe("the table in, the table out", () => {
  it("rows in = rows out, in order, every input column kept; every derived segment has exactly one known value per row", () => {
    const t = aq.table({ id: ["a", "b", "c"], age: [25, 40, 60], manager: [0, 1, 0], job_type: ["technical", "clerical", "frontline"] })
      .assign(wave([
        { aware: [1, 1, 1], action: [1, 1, 1], trad: 5, imm: [5, 1, 1] },
        { aware: [4, 4, 4], action: [4, 4, 4], trad: 1 },
        { aware: [3, 3, 3], action: [2, 2, 2], trad: 2 },
      ]));
    const out = segmentRespondents(t, ONE_WAVE);
    expect(out.numRows()).toBe(3);
    expect(out.columnNames()).toEqual([...t.columnNames().slice(0, 1), "age", "manager", "job_type", ...t.columnNames().slice(4), "generation", "role", "awareness", "action", "layer", "immobile_subtype", "reasons"]);
    expect(out.array("id")).toEqual(["a", "b", "c"]);
    expect(out.select("generation", "role", "job_type", "layer", "immobile_subtype").objects()).toEqual([
      { generation: "young", role: "non_manager", job_type: "technical", layer: "traditional", immobile_subtype: "unaware" },
      { generation: "mid", role: "manager", job_type: "clerical", layer: "practising", immobile_subtype: "not_immobile" },
      { generation: "senior", role: "non_manager", job_type: "frontline", layer: "interested", immobile_subtype: "not_immobile" },
    ]);
    for (const [column, vocabulary] of [["generation", segmentValues.generation], ["role", segmentValues.role], ["layer", segmentValues.layer], ["immobile_subtype", segmentValues.immobile]] as const) {
      for (const v of out.array(column) as string[]) expect(vocabulary.ids).toContain(v);
    }
  });

  it("a filtered or ordered table is segmented as the rows it shows", () => {
    const t = wave([{ aware: [1, 1, 1], action: [1, 1, 1], trad: 5 }, { aware: [4, 4, 4], action: [4, 4, 4], trad: 1 }, { aware: [3, 3, 3], action: [2, 2, 2], trad: 2 }]);
    const filtered = t.filter((d: { trad_view: number }) => d.trad_view < 5).orderby(aq.desc("trad_view"));
    expect(segmentRespondents(filtered, ONE_WAVE).array("layer")).toEqual(["interested", "practising"]);
  });

  it("both waves by default, with Japanese headers (the model's labels) found through the boundary", () => {
    const ja = (w: string) => ({
      [`キャリア意識1_${w}`]: [1, 4], [`キャリア意識2_${w}`]: [2, 4], [`キャリア意識3_${w}`]: [1, 4],
      [`キャリア行動1_${w}`]: [1, 4], [`キャリア行動2_${w}`]: [1, 3], [`キャリア行動3_${w}`]: [1, 3],
      [`伝統的キャリア観_${w}`]: w === "事前" ? [5, 1] : [2, 1],
    });
    const t = aq.table({ 年齢: [52, 31], 管理職: ["非管理職", "管理職"], 職種: ["現場", "事務系"], ...ja("事前"), ...ja("事後"), 不動層設問1: [2, 1], 不動層設問2: [5, 1], 不動層設問3: [3, 1] });
    const out = segmentRespondents(t).objects() as Row[];
    expect(out.map((r) => [r.generation, r.role, r.job_type, r.layer_pre, r.layer_post, r.immobile_subtype])).toEqual([
      ["senior", "non_manager", "frontline", "traditional", "interested", "never_positive"],
      ["young", "manager", "clerical", "practising", "practising", "not_immobile"],
    ]);
    expect(out[0]!.awareness_pre).toBeCloseTo(4 / 3, 12);
  });

  it("reasons are written in the language set", () => {
    setLanguage("ja");
    const out = segmentRespondents(wave([{ aware: [4, null, null], action: [1, 1, 1], trad: 3 }]), ONE_WAVE).objects()[0] as Row;
    expect(out.reasons).toBe("layer: 無回答があります（aware_02、aware_03）");
  });

  it("output names are rules: on the bundled data's shape, the true layer_post is kept beside the derived one", () => {
    const t = wave([{ aware: [4, 4, 4], action: [4, 4, 4], trad: 1, imm: [1, 1, 1] }]).assign({ layer_post: ["interested"] });
    const out = segmentRespondents(t, { layer: { waves: [], as: "rule_layer", awareness: { as: "aw" }, action: { as: "ac" } }, immobile: { wave: null, as: "imm" }, reasonsAs: "why" });
    expect(out.objects()[0]).toMatchObject({ layer_post: "interested", rule_layer: "practising", aw: 4, ac: 4, imm: "not_immobile", why: null });
  });
});

describe("which segments are derived", () => {
  it("by default, those whose columns the table has; a wave whose items are absent is skipped", () => {
    const t = aq.table({ age: [40], aware_01_pre: [4], aware_02_pre: [4], aware_03_pre: [4], action_01_pre: [4], action_02_pre: [4], action_03_pre: [4], trad_view_pre: [1] });
    expect(segmentRespondents(t).columnNames()).toEqual([...t.columnNames(), "generation", "awareness_pre", "action_pre", "layer_pre", "reasons"]);
  });

  it("a segment named in derive needs its columns; the error names the lacking ones and the closest column", () => {
    const e = thrown(() => segmentRespondents(aq.table({ age: [40], manger: [1] }), { derive: ["generation", "role"] }));
    expect(e.localized.en).toBe('segmentRespondents: the role needs the columns "manager"; the table lacks "manager" (did you mean "manger"?)');
    expect(e.localized.ja).toContain("「manger」の誤りではありませんか？");
    expect(segmentRespondents(aq.table({ age: [40], manager: [1] }), { derive: ["role"] }).columnNames()).toEqual(["age", "manager", "role", "reasons"]);
  });

  it("some of a segment's columns but not all is an error, even by default", () => {
    const t = aq.table({ aware_01_pre: [4], aware_02_pre: [4], aware_03_pre: [4], action_01_pre: [4], action_02_pre: [4], trad_view_pre: [1] });
    const e = thrown(() => segmentRespondents(t));
    expect(e.localized.en).toContain('the layer at wave "pre" needs the columns');
    expect(e.localized.en).toContain('the table lacks "action_03_pre"');
    expect(e.localized.en).toContain('leave the segment out (rule "derive")');
  });

  it("the immobile items without the layer they need is an error", () => {
    const e = thrown(() => segmentRespondents(aq.table({ imm_unaware: [5], imm_never: [1], imm_gave_up: [1] })));
    expect(e.localized.en).toContain('the immobile sub-type is derived for the traditional layer at wave "pre", but that layer is not derived');
  });
});

describe("the rule set", () => {
  it("defaults as documented; JSON text is read; the defaults round-trip through JSON", () => {
    expect(DEFAULT_SEGMENT_RULES.layer).toMatchObject({ traditional: { tradViewAtLeast: 3, awarenessBelow: 3 }, practising: { awarenessAtLeast: 3.5, actionAtLeast: 3 }, contradictory: { tradViewAtLeast: 4 }, waves: ["pre", "post"] });
    expect(DEFAULT_SEGMENT_RULES.generation.cutoffs).toEqual({ mid: 35, senior: 50 });
    expect(parseSegmentRules(JSON.stringify(DEFAULT_SEGMENT_RULES))).toEqual(DEFAULT_SEGMENT_RULES);
    expect(parseSegmentRules('{ "immobile": { "minAgreement": 5 } }').immobile.minAgreement).toBe(5);
  });

  const bad: [string, unknown, string, string][] = [
    ["a misspelt key deep down", { layer: { practising: { actionAtleast: 3 } } }, 'unknown option "layer.practising.actionAtleast"; did you mean "actionAtLeast"?', "「layer.practising.actionAtleast」というオプションはありません"],
    ["an unknown top-level key", { layers: {} }, 'unknown option "layers"; did you mean "layer"?', "「layers」というオプションはありません"],
    ["a threshold as text", { layer: { traditional: { awarenessBelow: "3" } } }, 'option "layer.traditional.awarenessBelow"', "layer.traditional.awarenessBelow"],
    ["a threshold outside the answer range", { layer: { practising: { actionAtLeast: 6 } } }, 'rule "layer.practising.actionAtLeast" must be a threshold on the answer range 1–5 (got 6)', "回答の範囲 1〜5 の中の閾値にしてください（指定された値: 6）"],
    ["minAnswered above the items", { layer: { action: { minAnswered: 4 } } }, 'rule "layer.action.minAnswered" must be at most the number of items (3) (got 4)', "設問数（3）以下"],
    ["cut-offs out of order", { generation: { cutoffs: { mid: 50, senior: 40 } } }, 'rule "generation.cutoffs" must be the mid cut-off must be below the senior one', "mid の境目は senior の境目より小さく"],
    ["a wave the layer is not derived at", { immobile: { wave: "t1" } }, 'rule "immobile.wave" must be one of layer.waves (pre, post) (got "t1")', "layer.waves のいずれか"],
    ["two rules writing one column", { role: { as: "generation" } }, 'rules "generation.as" and "role.as" both write column "generation"', "同じ列「generation」"],
    ["an item id that is not an id", { layer: { tradView: { item: "伝統的キャリア観" } } }, 'option "layer.tradView.item"', "layer.tradView.item"],
    ["an unknown segment to derive", { derive: ["layer", "immobile_type"] }, 'option "derive.1" must be one of "generation", "role", "jobType", "layer", "immobile"', "derive.1"],
    ["broken JSON", '{ "layer": ', "the rule set is not valid JSON", "ルールが JSON として読めません"],
  ];
  for (const [what, rules, en, ja] of bad) {
    it(`refuses ${what}, in English and Japanese, naming segmentRespondents`, () => {
      const e = thrown(() => segmentRespondents(aq.table({ age: [30] }), rules));
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.localized.en).toMatch(/^segmentRespondents: /);
      expect(e.localized.en).toContain(en);
      expect(e.localized.ja).toContain(ja);
    });
  }
});
