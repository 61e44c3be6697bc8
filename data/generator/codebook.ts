// The codebook the comments and interviews are written against: the effects of cross-boundary
// assignments and initiatives, the conditions under which initiatives work, and the barriers the
// immobile layer names. Every code's keywords are findable in the text voicing it (after NFKC).
import type { Codebook } from "@koe/core";

type CodeInput = Codebook["codes"][number];

const code = (id: string, ja: string, en: string, description: string, parent: string | null, keywords: string[]): CodeInput => ({
  id,
  ja,
  en,
  description,
  parent,
  keywords,
});

/** The codebook written to codebook.json (parses with `Codebook` from @koe/core). */
export const codebook: Codebook = {
  id: "career_voices",
  ja: "キャリアオーナーシップの声",
  en: "Voices on career ownership",
  codes: [
    code("effects", "越境・施策の効果", "Effects", "越境体験や施策のあとに本人が語る変化", null, []),
    code("work_motivation", "業務意欲", "Work motivation", "仕事への意欲・やる気・やりがいが高まった", "effects", ["意欲", "やる気", "モチベーション", "やりがい", "張り合い"]),
    code("idea_use", "アイディア活用", "Idea utilisation", "新しいアイディアや提案を業務に活かす", "effects", ["アイディア", "アイデア", "提案", "改善案"]),
    code("broader_view", "視野の広がり", "Broader view", "自社や自分の仕事を外から見直し、視野が広がった", "effects", ["視野", "外から見", "客観的"]),
    code("network", "人脈・つながり", "Network", "部署や会社を越えて相談できる人ができた", "effects", ["人脈", "つながり", "相談できる人"]),
    code("conditions", "施策が効く条件", "Conditions", "施策が効くかどうかを左右する条件", null, []),
    code("manager_support", "上司の関与", "Manager involvement", "上司が部下のキャリアに関心を持って関わる(または関わらない)", "conditions", ["上司", "1on1", "課長"]),
    code("peer_dialogue", "対話・気づき", "Dialogue with peers", "普段話さない同僚や他部署の人との対話から気づきを得る", "conditions", ["対話", "他部署の人", "同僚"]),
    code("learning", "学びの場", "Places to learn", "研修・勉強会・eラーニングなど学ぶ機会", "conditions", ["研修", "勉強会", "eラーニング", "e-ラーニング", "学び"]),
    code("busy_season", "繁忙期", "Busy season", "忙しくキャリアを考える時間が取れない", "conditions", ["繁忙期", "忙しく", "忙しい", "時間がない", "時間が取れない"]),
    code("sheet_quality", "キャリアシートの質", "Career-sheet quality", "キャリアシートの書き方・質が対話の効果を左右する", "conditions", ["キャリアシート", "シート"]),
    code("barriers", "キャリアの壁", "Barriers", "キャリアオーナーシップを妨げるもの(不動層の声)", null, []),
    code("no_mutual_understanding", "相互理解の不足", "No mutual understanding", "周囲や上司と理解し合えていない", "barriers", ["相互理解", "わかってもらえない", "理解されていない", "分かり合えない"]),
    code("no_opportunity", "機会がない", "No opportunities", "挑戦や対話の機会・チャンスがない", "barriers", ["機会がない", "機会が少ない", "チャンスがない", "機会もない"]),
    code("hr_led_transfers", "異動は人事主導", "Transfers are HR-led", "異動やキャリアは会社(人事)が決めるものという認識", "barriers", ["人事が決める", "人事主導", "会社が決める", "辞令"]),
    code("career_unclear", "キャリアがわからない", "Career unclear", "キャリアとは何か、何をすればよいかがわからない", "barriers", ["わからない", "分からない", "イメージできない", "ピンとこない"]),
    code("gave_up", "諦め", "Gave up", "一度は前向きになったが、希望が通らず諦めた", "barriers", ["諦め", "あきらめ", "どうせ", "期待しなくな"]),
  ],
};

/** The leaf codes (those text is coded with), in codebook order. */
export const leafCodes: readonly string[] = codebook.codes.filter((c) => c.keywords.length > 0).map((c) => c.id);

/** The parent of every code (null for the three groups). */
export const parentOf = (id: string): string | null => codebook.codes.find((c) => c.id === id)?.parent ?? null;
