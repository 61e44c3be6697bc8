import { createRandom } from "@koe/core";
import { voices } from "./codebook.js";
import type { GeneratedRespondent } from "./respondents.js";

export const transcriptColumns = ["transcript_id", "segment", "speaker", "respondent_id", "text"];

const QUESTIONS_ASKED = [
  "最近のお仕事の様子を教えてください。",
  "ご自身のキャリアについて、どのように考えていますか。",
  "会社のキャリア施策で印象に残っているものはありますか。",
  "上司とはキャリアについて話しますか。",
  "今後、挑戦してみたいことはありますか。",
  "キャリアを考えるうえで妨げになっていることは何でしょう。",
];

export interface TranscriptRow {
  transcriptId: string;
  segment: number;
  speaker: string;
  respondentId: string | null;
  text: string;
  codes: string[];
}

/** A few interviews: three participants of cross-boundary assignments and three people of the immobile layer. */
export function generateTranscripts(people: readonly GeneratedRespondent[], seed: number): TranscriptRow[] {
  const r = createRandom(`${seed}:transcripts`);
  const participants = people.filter((p) => p.participant).slice(0, 3);
  const immobile = people.filter((p) => p.immobile !== null).slice(0, 3);
  const rows: TranscriptRow[] = [];
  [...participants, ...immobile].forEach((p, t) => {
    const id = `T${String(t + 1).padStart(2, "0")}`;
    const themes = p.participant
      ? ["work_motivation", "idea_use", "manager_support", "learning", "busy_season", "work_motivation"]
      : p.immobile === "gave_up"
        ? ["gave_up", "no_opportunity", "hr_led_transfers", "busy_season", "no_mutual_understanding", "gave_up"]
        : ["career_unclear", "hr_led_transfers", "no_mutual_understanding", "no_opportunity", "busy_season", "career_unclear"];
    let segment = 1;
    QUESTIONS_ASKED.forEach((q, k) => {
      rows.push({ transcriptId: id, segment: segment++, speaker: "インタビュアー", respondentId: null, text: q, codes: [] });
      const code = themes[k]!;
      const said = voices[code]![r.int(voices[code]!.length)]!;
      const filler = ["そうですね、", "うーん、", "正直に言うと、", ""][r.int(4)]!;
      rows.push({ transcriptId: id, segment: segment++, speaker: "対象者", respondentId: String(p.cells[0]), text: filler + said, codes: [code] });
    });
  });
  return rows;
}
