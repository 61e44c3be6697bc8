import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { modelMessages } from "../errors/model-messages.js";
import { field } from "./field.js";
import { Instrument, itemColumn, type InstrumentInput } from "./instrument.js";
import {
  careerLayers,
  crossBoundaryKinds,
  crossBoundarySelections,
  generations,
  immobileTypes,
  jobTypes,
  managerStatus,
} from "./segments.js";

/** The respondent's own fields (without item answers). Headers may be English or Japanese. */
export const respondentFields = {
  respondent_id: field(z.string().min(1), { ja: "回答者ID", en: "Respondent ID", aliases: ["id", "ID", "社員ID", "回答者番号", "respondent"] }),
  company: field(z.string().min(1), { ja: "会社", en: "Company", aliases: ["会社名", "企業", "企業名", "company id", "company_id"] }),
  age: field(z.number().int().min(15).max(90).nullable(), { ja: "年齢", en: "Age" }),
  generation: field(generations.schema.nullable(), { ja: "世代", en: "Generation", aliases: ["年代区分", "世代区分"], vocabulary: generations }),
  job_type: field(jobTypes.schema.nullable(), { ja: "職種", en: "Job type", aliases: ["職種区分", "job"], vocabulary: jobTypes }),
  manager: field(z.boolean().nullable(), {
    ja: "管理職",
    en: "Manager",
    aliases: ["管理職区分", "役職区分", "is_manager"],
    trueWords: managerStatus.terms[0]!.aliases.concat(["管理職"]),
    falseWords: managerStatus.terms[1]!.aliases.concat(["非管理職"]),
  }),
  layer: field(careerLayers.schema.nullable(), { ja: "キャリア意識層", en: "Career-ownership layer", aliases: ["層", "意識層", "career layer"], vocabulary: careerLayers }),
  immobile_type: field(immobileTypes.schema.nullable(), { ja: "不動層タイプ", en: "Immobile sub-type", aliases: ["不動層", "不動層の類型", "immobile"], vocabulary: immobileTypes }),
  cross_boundary: field(z.boolean().nullable(), {
    ja: "越境経験",
    en: "Cross-boundary participant",
    aliases: ["越境", "越境参加", "越境者", "participant"],
    trueWords: ["経験あり", "参加者", "participant"],
    falseWords: ["経験なし", "非参加", "非参加者", "non-participant"],
  }),
  cb_kind: field(crossBoundaryKinds.schema.nullable(), { ja: "越境の種類", en: "Cross-boundary kind", aliases: ["越境種別", "cross boundary kind"], vocabulary: crossBoundaryKinds }),
  cb_selection: field(crossBoundarySelections.schema.nullable(), {
    ja: "越境の選ばれ方",
    en: "Cross-boundary selection",
    aliases: ["選抜方法", "越境の選抜", "cross boundary selection"],
    vocabulary: crossBoundarySelections,
  }),
};

/** A 1–5 answer of a career-ownership item (blank = missing), with its labels and the headers users give it. */
function likertField(ja: string, en: string, aliases: readonly string[]) {
  return field(z.number().int().min(1).max(5).nullable(), { ja, en, aliases, likert: true });
}

/** The career-ownership items asked at both waves: awareness (意識) 1–3, action (行動) 1–3 and the traditional career view. */
const careerItems = [
  { id: "aware_01", ja: "キャリア意識1", en: "Career awareness 1", wording: "自分のキャリアについて考えている" },
  { id: "aware_02", ja: "キャリア意識2", en: "Career awareness 2", wording: "5年後になりたい姿がある" },
  { id: "aware_03", ja: "キャリア意識3", en: "Career awareness 3", wording: "自分の強みを説明できる" },
  { id: "action_01", ja: "キャリア行動1", en: "Career action 1", wording: "仕事に必要なことを自分から学んでいる" },
  { id: "action_02", ja: "キャリア行動2", en: "Career action 2", wording: "キャリアについて上司や同僚と話した" },
  { id: "action_03", ja: "キャリア行動3", en: "Career action 3", wording: "新しい役割に手を挙げた" },
  { id: "trad_view", ja: "伝統的キャリア観", en: "Traditional career view", wording: "キャリアは会社が決めてくれるものだ" },
] as const;

const careerWaves = [
  { id: "pre", ja: "事前", en: "before" },
  { id: "post", ja: "事後", en: "after" },
] as const;

/**
 * The career-ownership columns of a respondent (issue 11): awareness and action items and the
 * traditional career view at both waves (`aware_01_pre` … `trad_view_post`, 1–5), the layer at
 * wave 2 (`layer_post`; `layer` is wave 1), the immobile layer's four items (`imm_unaware`,
 * `imm_never`, `imm_gave_up`, `imm_open`, 1–5) and the penetration steps reached (`step_know` …
 * `step_practice`, 1/0). Headers may be the Japanese labels (キャリア意識1_事前, 不動層設問1, 浸透_知る …).
 * @example
 * careerOwnershipFields.layer_post.parse("interested") // => "interested"
 * Object.keys(careerOwnershipFields).length // => 23
 */
export const careerOwnershipFields = {
  ...Object.fromEntries(
    careerWaves.flatMap((w) =>
      careerItems.map((i) => [`${i.id}_${w.id}`, likertField(`${i.ja}_${w.ja}`, `${i.en} (${w.en})`, [`${i.ja}(${w.ja})`, `${i.id}_${w.ja}`, `${i.wording}_${w.ja}`])]),
    ),
  ) as Record<`${(typeof careerItems)[number]["id"]}_${(typeof careerWaves)[number]["id"]}`, z.ZodNullable<z.ZodNumber>>,
  layer_post: field(careerLayers.schema.nullable(), {
    ja: "キャリア意識層_事後",
    en: "Career-ownership layer (after)",
    aliases: ["キャリア意識層(事後)", "層_事後", "layer_事後", "career layer after"],
    vocabulary: careerLayers,
  }),
  imm_unaware: likertField("不動層設問1", "Immobile item 1: does not know what to think about", ["キャリアと言われても何を考えればいいかわからない"]),
  imm_never: likertField("不動層設問2", "Immobile item 2: never positive", ["キャリアについて前向きに考えられたことがない"]),
  imm_gave_up: likertField("不動層設問3", "Immobile item 3: positive once, now given up", ["以前は前向きだったが、今は諦めている"]),
  imm_open: likertField("不動層設問4", "Immobile item 4: open given a trigger (movable)", ["きっかけがあれば考えてみてもいい"]),
  step_know: field(z.boolean().nullable(), { ja: "浸透_知る", en: "Step reached: know", aliases: ["浸透ステップ_知る", "step know"] }),
  step_understand: field(z.boolean().nullable(), { ja: "浸透_理解", en: "Step reached: understand", aliases: ["浸透ステップ_理解", "step understand"] }),
  step_deepen: field(z.boolean().nullable(), { ja: "浸透_深化", en: "Step reached: deepen", aliases: ["浸透ステップ_深化", "step deepen"] }),
  step_practice: field(z.boolean().nullable(), { ja: "浸透_実践", en: "Step reached: practice", aliases: ["浸透ステップ_実践", "step practice"] }),
};

/** A respondent without item answers. */
export const RespondentBase = z.object(respondentFields);
export type RespondentBase = z.infer<typeof RespondentBase>;

/**
 * The schema of a respondent row for an instrument: the respondent's fields plus one integer
 * column per item and wave (`eng_01_pre`), within the item's range, blank = missing.
 * Japanese headers such as 「エンゲージメント1_事前」 map to those columns.
 * @throws {KoeArgumentError} when the instrument is not valid (the message names where and why).
 */
export function respondentSchema(instrumentInput: Instrument | InstrumentInput) {
  const parsed = Instrument.safeParse(instrumentInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw KoeArgumentError.of(modelMessages.badInstrument, { fn: "respondentSchema", path: issue.path.map(String).join("."), detail: issue.message });
  }
  const instrument = parsed.data;
  const waves = instrument.waves.length > 0 ? instrument.waves : [undefined];
  const itemFields: Record<string, z.ZodType> = {};
  for (const item of instrument.items) {
    for (const wave of waves) {
      const col = itemColumn(item.id, wave?.id);
      const short = item.short ?? item.ja;
      itemFields[col] = field(z.number().int().min(item.min).max(item.max).nullable(), {
        ja: wave ? `${short}_${wave.ja}` : short,
        en: wave ? `${item.en} (${wave.en})` : item.en,
        aliases: wave ? [`${short}(${wave.ja})`, `${item.id}(${wave.ja})`, `${item.id}_${wave.ja}`] : [],
        likert: true,
      });
    }
  }
  return z.object({ ...respondentFields, ...itemFields, ...careerOwnershipFields });
}
export type Respondent = RespondentBase & Record<string, number | null>;
/** The career-ownership columns of a respondent row, typed. */
export type CareerOwnership = z.infer<z.ZodObject<typeof careerOwnershipFields>>;
