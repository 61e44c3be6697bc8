import { z } from "zod";

/** A scale an instrument measures (e.g. engagement). */
export const Scale = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "scale ids are lower-case words joined by _"),
  ja: z.string(),
  en: z.string(),
});
export type Scale = z.infer<typeof Scale>;

/** One survey item: its scale, answer range, whether it is reverse-keyed, and its wording. */
export const Item = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, "item ids are lower-case words joined by _"),
    scale: z.string(),
    min: z.number().int().default(1),
    max: z.number().int().default(5),
    reverse: z.boolean().default(false),
    ja: z.string(),
    en: z.string(),
    /** A short Japanese name used in headers, e.g. 「エンゲージメント1」. */
    short: z.string().optional(),
  })
  .refine((i) => i.min < i.max, { message: "item min must be below max" });
export type Item = z.infer<typeof Item>;

/** A measurement wave (e.g. before and after an intervention); columns are named `<item>_<wave>`. */
export const Wave = z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), ja: z.string(), en: z.string() });
export type Wave = z.infer<typeof Wave>;

/** A survey instrument: scales, items and the waves it was given in. */
export const Instrument = z
  .object({
    id: z.string(),
    ja: z.string(),
    en: z.string(),
    scales: z.array(Scale).min(1),
    items: z.array(Item).min(1),
    waves: z.array(Wave).default([]),
    /** Answer labels users' exports carry instead of numbers, e.g. 「そう思う」 → 5. */
    likertLabels: z.record(z.string(), z.number()).optional(),
  })
  .superRefine((ins, ctx) => {
    const scales = new Set(ins.scales.map((s) => s.id));
    const seen = new Set<string>();
    ins.items.forEach((item, i) => {
      if (!scales.has(item.scale)) {
        ctx.addIssue({ code: "custom", path: ["items", i, "scale"], message: `item "${item.id}" names unknown scale "${item.scale}"` });
      }
      if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: `item id "${item.id}" is repeated` });
      seen.add(item.id);
    });
  });
export type Instrument = z.infer<typeof Instrument>;
export type InstrumentInput = z.input<typeof Instrument>;

/** The name of the column holding an item's answers in a wave (`eng_01_pre`), or the item id without waves. */
export function itemColumn(item: string, wave?: string): string {
  return wave === undefined ? item : `${item}_${wave}`;
}

/** 5-point agreement labels as Japanese and English exports write them. */
export const DEFAULT_LIKERT_LABELS: Readonly<Record<string, number>> = {
  そう思う: 5,
  とてもそう思う: 5,
  非常にそう思う: 5,
  ややそう思う: 4,
  まあそう思う: 4,
  どちらともいえない: 3,
  どちらとも言えない: 3,
  あまりそう思わない: 2,
  ややそう思わない: 2,
  そう思わない: 1,
  まったくそう思わない: 1,
  全くそう思わない: 1,
  "strongly agree": 5,
  agree: 4,
  "neither agree nor disagree": 3,
  neutral: 3,
  disagree: 2,
  "strongly disagree": 1,
};

const engagementItems: [string, string, boolean][] = [
  ["仕事に誇りを感じている", "I am proud of the work I do", false],
  ["仕事に熱心に取り組んでいる", "I am enthusiastic about my job", false],
  ["仕事をしていると時間が経つのを忘れる", "Time flies when I am working", false],
  ["この会社で働き続けたい", "I want to keep working for this company", false],
  ["仕事を通じて成長を実感している", "I feel I grow through my work", false],
  ["仕事に行くのが憂うつだ", "I dread going to work", true],
  ["自分の仕事は会社に貢献している", "My work contributes to the company", false],
  ["仕事に意味を感じられない", "My work feels meaningless", true],
  ["周囲にこの会社を勧めたい", "I would recommend this company to others", false],
  ["仕事に活力をもって取り組める", "I bring energy to my work", false],
];
const innovationItems: [string, string, boolean][] = [
  ["新しいやり方を試すことに前向きだ", "I am keen to try new ways of working", false],
  ["部署を越えてアイディアを出し合う", "I exchange ideas across departments", false],
  ["変化は避けたいと思う", "I would rather avoid change", true],
  ["自分のアイディアを業務に活かしている", "I put my ideas to use in my work", false],
  ["失敗を恐れず挑戦できる", "I take on challenges without fear of failure", false],
  ["前例のないことには関わりたくない", "I avoid things without precedent", true],
];

/**
 * The consortium's survey: 10 engagement items and 6 innovation-orientation items (5-point,
 * some reverse-keyed), asked before (`pre`) and after (`post`).
 */
export const careerSurveyInstrument: Instrument = Instrument.parse({
  id: "career_survey",
  ja: "キャリアオーナーシップ調査",
  en: "Career-ownership survey",
  scales: [
    { id: "engagement", ja: "エンゲージメント", en: "Engagement" },
    { id: "innovation", ja: "イノベーションへの前向きな視点", en: "Innovation orientation" },
  ],
  items: [
    ...engagementItems.map(([ja, en, reverse], i) => ({
      id: `eng_${String(i + 1).padStart(2, "0")}`,
      scale: "engagement",
      reverse,
      ja,
      en,
      short: `エンゲージメント${i + 1}`,
    })),
    ...innovationItems.map(([ja, en, reverse], i) => ({
      id: `inn_${String(i + 1).padStart(2, "0")}`,
      scale: "innovation",
      reverse,
      ja,
      en,
      short: `イノベーション${i + 1}`,
    })),
  ],
  waves: [
    { id: "pre", ja: "事前", en: "Before" },
    { id: "post", ja: "事後", en: "After" },
  ],
  likertLabels: DEFAULT_LIKERT_LABELS,
}, { jitless: true }); // once, at import: compiling zod's fast path would cost more than this parse
