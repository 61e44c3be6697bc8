// Free-text comments from respondents of respondents.csv, written against the codebook: which
// codes a person voices depends on their segment (participants speak of motivation and ideas,
// the immobile layer of its barriers). Written as Shift_JIS by the dataset writer.
import { createRandom, type Random } from "@koe/core";
import { parentOf } from "./codebook.js";
import { choice, pick } from "./draw.js";
import type { GeneratedRespondent } from "./respondents.js";
import { CLOSERS, NOTHING_TO_SAY, OPENERS, VOICES } from "./voices.js";
import { toFullWidthAlphanumerics, toHalfWidthKatakana } from "./widths.js";

export const commentColumnsJa = ["回答者ID", "会社", "設問", "回答"];
/** The field ids the Japanese headers map to (`readComments`). */
export const commentColumnIds = ["respondent_id", "company", "question", "text"];

/** The questions of the free-text section (設問). The third is asked of cross-boundary participants only. */
export const QUESTIONS = {
  career: "キャリアについて日頃感じていること",
  initiatives: "会社のキャリア施策へのご意見・ご要望",
  crossBoundary: "越境体験を通じて変わったこと",
} as const;

/** The model behind comments.csv. */
export const COMMENT_MODEL = {
  /** Relative chance of being among the commenters: participants and the immobile layer write more. */
  commenterWeight: { participant: 6, immobile: 3, other: 1 },
  /** Share of commenters who answer two questions. */
  secondQuestion: 0.15,
  /** Share of answers voicing two codes rather than one. */
  twoCodes: 0.35,
  nothingToSay: 0.04,
  /** Share of two-sentence answers with a line break between the sentences (a quoted cell over two lines). */
  lineBreak: 0.1,
  /** Shares of answers exported with half-width katakana, and typed with full-width digits and letters. */
  halfWidthKatakana: 0.07,
  fullWidthAlphanumerics: 0.12,
  /** Relative weights of the codes voiced, for everyone, then overrides by segment. */
  themes: {
    base: {
      manager_support: 2, learning: 2, busy_season: 1.5, peer_dialogue: 1, sheet_quality: 0.5, work_motivation: 0.8, idea_use: 0.4, broader_view: 0.4, network: 0.3,
      no_opportunity: 1, no_mutual_understanding: 0.6, hr_led_transfers: 0.6, career_unclear: 0.6, gave_up: 0.3,
    },
    participant: { work_motivation: 5, idea_use: 4, broader_view: 2.5, network: 2, no_opportunity: 0.4, hr_led_transfers: 0.3, career_unclear: 0.2, gave_up: 0.1 },
    practising: { learning: 3, work_motivation: 1.5, idea_use: 1 },
    traditional: { hr_led_transfers: 1.5, career_unclear: 1.2 },
    unaware: { career_unclear: 5, hr_led_transfers: 2.5, no_mutual_understanding: 1.5, work_motivation: 0.1, idea_use: 0.1 },
    never_positive: { no_mutual_understanding: 4, no_opportunity: 3, hr_led_transfers: 3, work_motivation: 0.1, idea_use: 0.1 },
    gave_up: { gave_up: 5, no_opportunity: 3, hr_led_transfers: 2, work_motivation: 0.1, idea_use: 0.1 },
  },
} as const;

export interface CommentRow {
  respondentId: string;
  company: string;
  question: string;
  text: string;
  /** The codes the answer was written to voice (none for 「特になし」). */
  codes: string[];
  /** The writer's segment, for the truth file: participant, unaware/never_positive/gave_up, or other. */
  segment: string;
}

/** The segment a comment's themes are tilted by. */
export function commentSegment(p: GeneratedRespondent): string {
  return p.participant ? "participant" : (p.immobile ?? "other");
}

/** The code weights of a person: base, then layer, then immobile sub-type or participation. */
export function themeWeights(p: GeneratedRespondent): Record<string, number> {
  const t = COMMENT_MODEL.themes;
  const w: Record<string, number> = { ...t.base };
  if (p.layer === "practising") Object.assign(w, t.practising);
  if (p.layer === "traditional") Object.assign(w, t.traditional);
  if (p.immobile) Object.assign(w, t[p.immobile]);
  if (p.participant) Object.assign(w, t.participant);
  return w;
}

function questionFor(code: string, p: GeneratedRespondent): string {
  const group = parentOf(code);
  if (group === "effects") return p.participant ? QUESTIONS.crossBoundary : QUESTIONS.career;
  return group === "conditions" ? QUESTIONS.initiatives : QUESTIONS.career;
}

function drawCodes(r: Random, w: Record<string, number>): string[] {
  const codes = Object.keys(w);
  const first = codes[pick(codes.map((c) => w[c]!), r.next())]!;
  if (r.next() >= COMMENT_MODEL.twoCodes) return [first];
  const second = codes[pick(codes.map((c) => (c === first ? 0 : w[c]!)), r.next())]!;
  return [first, second];
}

/** Writes an answer voicing `codes`, never repeating a sentence the person already wrote. */
function write(r: Random, codes: readonly string[], used: Set<string>): string {
  if (codes.length === 0) return choice(r, NOTHING_TO_SAY);
  const sentences = codes.map((c) => {
    const fresh = VOICES[c]!.filter((s) => !used.has(s));
    const s = choice(r, fresh.length > 0 ? fresh : VOICES[c]!);
    used.add(s);
    return s;
  });
  const joint = sentences.length > 1 && r.next() < COMMENT_MODEL.lineBreak ? "\n" : "";
  let text = choice(r, OPENERS) + sentences.join(joint) + choice(r, CLOSERS);
  if (r.next() < COMMENT_MODEL.fullWidthAlphanumerics) text = toFullWidthAlphanumerics(text);
  if (r.next() < COMMENT_MODEL.halfWidthKatakana) text = toHalfWidthKatakana(text);
  return text;
}

/** `count` comments from a seeded sample of respondents, in respondent order. */
export function generateComments(people: readonly GeneratedRespondent[], count: number, seed: number): CommentRow[] {
  const r = createRandom(`${seed}:comments`);
  const cw = COMMENT_MODEL.commenterWeight;
  const weights: number[] = people.map((p) => (p.participant ? cw.participant : p.immobile ? cw.immobile : cw.other));
  const byPerson = new Map<number, CommentRow[]>();
  let rows = 0;
  while (rows < count && byPerson.size < people.length) {
    const i = pick(weights, r.next());
    if (byPerson.has(i)) continue;
    weights[i] = 0;
    const p = people[i]!;
    const w = themeWeights(p);
    const answers: CommentRow[] = [];
    const used = new Set<string>();
    const n = rows + 1 < count && r.next() < COMMENT_MODEL.secondQuestion ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const codes = r.next() < COMMENT_MODEL.nothingToSay ? [] : drawCodes(r, w);
      let question = codes.length > 0 ? questionFor(codes[0]!, p) : choice(r, [QUESTIONS.career, QUESTIONS.initiatives]);
      // One answer per question: a second answer on the same question goes to the other general one.
      if (answers.some((a) => a.question === question)) question = question === QUESTIONS.initiatives ? QUESTIONS.career : QUESTIONS.initiatives;
      if (answers.some((a) => a.question === question)) continue;
      answers.push({ respondentId: p.id, company: p.company, question, text: write(r, codes, used), codes, segment: commentSegment(p) });
    }
    byPerson.set(i, answers);
    rows += answers.length;
  }
  const order = Object.values(QUESTIONS) as string[];
  return [...byPerson.keys()]
    .sort((a, b) => a - b)
    .flatMap((i) => byPerson.get(i)!.sort((a, b) => order.indexOf(a.question) - order.indexOf(b.question)));
}
