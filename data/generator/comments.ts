import { createRandom } from "@koe/core";
import { pick } from "./csv.js";
import { voices } from "./codebook.js";
import type { GeneratedRespondent } from "./respondents.js";

export const commentColumnsJa = ["回答者ID", "会社", "設問", "回答"];
export const QUESTIONS = { career: "キャリアについて感じていること", initiatives: "会社の施策へのご意見" } as const;

export interface CommentRow {
  respondentId: string;
  company: string;
  question: string;
  text: string;
  codes: string[];
}

/** Which codes a person voices: participants speak of motivation and ideas, the immobile layer of barriers. */
function themeWeights(p: GeneratedRespondent): Record<string, number> {
  const w: Record<string, number> = { manager_support: 2, learning: 2, busy_season: 1.5, work_motivation: 1, idea_use: 0.6, no_opportunity: 1, no_mutual_understanding: 0.6, hr_led_transfers: 0.6, career_unclear: 0.5, gave_up: 0.3 };
  if (p.participant) Object.assign(w, { work_motivation: 5, idea_use: 4 });
  if (p.immobile === "unaware") Object.assign(w, { career_unclear: 5, hr_led_transfers: 2 });
  if (p.immobile === "never_positive") Object.assign(w, { no_mutual_understanding: 4, no_opportunity: 3, hr_led_transfers: 3 });
  if (p.immobile === "gave_up") Object.assign(w, { gave_up: 5, no_opportunity: 2 });
  return w;
}

/** About `count` comments from a seeded sample of respondents (one or two sentences each). */
export function generateComments(people: readonly GeneratedRespondent[], count: number, seed: number): CommentRow[] {
  const r = createRandom(`${seed}:comments`);
  const chosen = new Set<number>();
  // Participants and the immobile layer answer free text more often.
  const weight = (p: GeneratedRespondent) => (p.participant ? 6 : p.immobile ? 3 : 1);
  const weights = people.map(weight);
  while (chosen.size < Math.min(count, people.length)) chosen.add(pick(weights, r.next()));
  return [...chosen].sort((a, b) => a - b).map((i) => {
    const p = people[i]!;
    const w = themeWeights(p);
    const codes = Object.keys(w);
    const first = codes[pick(codes.map((c) => w[c]!), r.next())]!;
    const picked = [first];
    if (r.next() < 0.35) {
      const second = codes[pick(codes.map((c) => (c === first ? 0 : w[c]!)), r.next())]!;
      picked.push(second);
    }
    const text = picked.map((c) => voices[c]![r.int(voices[c]!.length)]!).join("");
    const question = picked.some((c) => ["manager_support", "learning", "busy_season"].includes(c)) ? QUESTIONS.initiatives : QUESTIONS.career;
    return { respondentId: String(p.cells[0]), company: p.company, question, text, codes: picked };
  });
}
