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
  return z.object({ ...respondentFields, ...itemFields });
}
export type Respondent = RespondentBase & Record<string, number | null>;
