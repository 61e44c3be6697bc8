import { z } from "zod";
import { field } from "./field.js";
import { generations } from "./segments.js";
import { defineVocabulary } from "./vocabulary.js";

/** キャリアシートの質 — the quality of the career sheet a dialogue used. */
export const sheetQualities = defineVocabulary("sheet quality", [
  { id: "good", ja: "良い", en: "Good", aliases: ["良", "質が高い", "high"] },
  { id: "poor", ja: "悪い", en: "Poor", aliases: ["悪", "質が低い", "low"] },
]);
export type SheetQuality = (typeof sheetQualities.ids)[number];

/**
 * One person of a career-sheet dialogue pilot (the bundled `dialogue_pilot.csv`): whether they took
 * part in a dialogue, the quality of the sheet used (blank without a dialogue), and engagement as a
 * scale score (1–5) before and after. Headers may be the Japanese labels.
 */
export const dialoguePilotFields = {
  pilot_id: field(z.string().min(1), { ja: "パイロットID", en: "Pilot ID", aliases: ["対象者ID", "id"] }),
  company: field(z.string().min(1), { ja: "会社", en: "Company", aliases: ["会社名", "企業"] }),
  generation: field(generations.schema.nullable(), { ja: "世代", en: "Generation", aliases: ["年代区分"], vocabulary: generations }),
  dialogue: field(z.boolean().nullable(), { ja: "キャリアシート面談", en: "Career-sheet dialogue", aliases: ["面談", "対話", "面談参加"] }),
  sheet_quality: field(sheetQualities.schema.nullable(), { ja: "シートの質", en: "Sheet quality", aliases: ["キャリアシートの質", "sheet quality"], vocabulary: sheetQualities }),
  engagement_pre: field(z.number().min(1).max(5).nullable(), { ja: "エンゲージメント_事前", en: "Engagement (before)", aliases: ["エンゲージメント(事前)"] }),
  engagement_post: field(z.number().min(1).max(5).nullable(), { ja: "エンゲージメント_事後", en: "Engagement (after)", aliases: ["エンゲージメント(事後)"] }),
};

/**
 * The schema of a row of the dialogue pilot; read the bundled file with `readCsv` and this schema.
 * @example
 * const { table, summary } = await readCsv("data/dialogue_pilot.csv", { schema: DialoguePilotRecord, unique: ["pilot_id"] });
 * summary.rowsAccepted // => 800
 * table.column("sheet_quality").at(1) // => "poor"
 */
export const DialoguePilotRecord = z.object(dialoguePilotFields);
export type DialoguePilotRecord = z.infer<typeof DialoguePilotRecord>;
