import { z } from "zod";
import { field } from "./field.js";

/**
 * A code of a qualitative codebook (e.g. 業務意欲 "work motivation"), with a coding rule (see
 * `parseRule`) or keywords that suggest it; keywords without a rule mean `"kw1" or "kw2" …`.
 */
export const Code = z.object({
  id: z.string().min(1),
  ja: z.string(),
  en: z.string(),
  description: z.string().default(""),
  parent: z.string().nullable().default(null),
  keywords: z.array(z.string()).default([]),
  rule: z.string().optional(),
});
export type Code = z.infer<typeof Code>;

/** A codebook: the codes interview segments and comments are coded against. */
export const Codebook = z
  .object({ id: z.string(), ja: z.string(), en: z.string(), codes: z.array(Code).min(1) })
  .superRefine((cb, ctx) => {
    const ids = new Set(cb.codes.map((c) => c.id));
    cb.codes.forEach((c, i) => {
      if (c.parent !== null && !ids.has(c.parent)) {
        ctx.addIssue({ code: "custom", path: ["codes", i, "parent"], message: `code "${c.id}" names unknown parent "${c.parent}"` });
      }
    });
    if (ids.size !== cb.codes.length) ctx.addIssue({ code: "custom", path: ["codes"], message: "code ids must be unique" });
  });
export type Codebook = z.infer<typeof Codebook>;

/** One turn of an interview transcript. */
export const transcriptSegmentFields = {
  transcript_id: field(z.string().min(1), { ja: "インタビューID", en: "Transcript ID", aliases: ["transcript", "インタビュー番号", "面談ID"] }),
  segment: field(z.number().int().min(1), { ja: "発話番号", en: "Segment", aliases: ["番号", "seq", "segment no"] }),
  speaker: field(z.string().min(1), { ja: "話者", en: "Speaker", aliases: ["発話者", "speaker role"] }),
  respondent_id: field(z.string().nullable(), { ja: "回答者ID", en: "Respondent ID", aliases: ["対象者ID"] }),
  text: field(z.string().min(1), { ja: "発話", en: "Text", aliases: ["発言", "内容", "テキスト", "本文"] }),
};
export const TranscriptSegment = z.object(transcriptSegmentFields);
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;

/** A free-text survey comment (shown only for groups of at least 10). */
export const commentFields = {
  respondent_id: field(z.string().min(1), { ja: "回答者ID", en: "Respondent ID", aliases: ["id"] }),
  company: field(z.string().min(1), { ja: "会社", en: "Company", aliases: ["会社名"] }),
  question: field(z.string().min(1), { ja: "設問", en: "Question", aliases: ["質問", "設問ID"] }),
  text: field(z.string().min(1), { ja: "回答", en: "Text", aliases: ["自由記述", "コメント", "本文"] }),
};
export const Comment = z.object(commentFields);
export type Comment = z.infer<typeof Comment>;
