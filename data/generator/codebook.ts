/** The codebook the comments and interviews are written against (ids, ja/en names, keywords). */
export const codebook = {
  id: "career_voices",
  ja: "キャリアオーナーシップの声",
  en: "Voices on career ownership",
  codes: [
    { id: "work_motivation", ja: "業務意欲", en: "Work motivation", description: "仕事への意欲・やる気の高まり", parent: null, keywords: ["意欲", "やる気", "モチベーション", "前向き"] },
    { id: "idea_use", ja: "アイディア活用", en: "Idea utilisation", description: "新しいアイディアを業務に活かす", parent: null, keywords: ["アイディア", "アイデア", "提案", "活かし"] },
    { id: "manager_support", ja: "上司の関与", en: "Manager involvement", description: "上司がキャリアに関心を持って関わる", parent: null, keywords: ["上司", "1on1", "面談"] },
    { id: "learning", ja: "学びの場", en: "Places to learn", description: "研修や勉強会など学ぶ機会", parent: null, keywords: ["研修", "学び", "勉強会", "eラーニング"] },
    { id: "barriers", ja: "キャリアの壁", en: "Barriers", description: "キャリアオーナーシップを妨げるもの", parent: null, keywords: [] },
    { id: "no_mutual_understanding", ja: "相互理解の不足", en: "No mutual understanding", description: "周囲と理解し合えていない", parent: "barriers", keywords: ["相互理解", "わかってもらえない", "理解されない"] },
    { id: "no_opportunity", ja: "機会がない", en: "No opportunities", description: "挑戦や対話の機会がない", parent: "barriers", keywords: ["機会がない", "チャンスがない", "機会が少ない"] },
    { id: "hr_led_transfers", ja: "異動は人事主導", en: "Transfers are HR-led", description: "異動やキャリアは会社(人事)が決めるという認識", parent: "barriers", keywords: ["人事が決める", "人事主導", "会社が決める"] },
    { id: "busy_season", ja: "繁忙期", en: "Busy season", description: "忙しく時間が取れない", parent: "barriers", keywords: ["繁忙期", "忙しく", "時間がない"] },
    { id: "career_unclear", ja: "キャリアがわからない", en: "Career unclear", description: "キャリアが何かわからない・イメージできない", parent: "barriers", keywords: ["わからない", "イメージできない", "ピンとこない"] },
    { id: "gave_up", ja: "諦め", en: "Gave up", description: "一度前向きになったが諦めた", parent: "barriers", keywords: ["諦め", "どうせ", "あきらめ"] },
  ],
};

/** Sentences that voice each code (half-width katakana and full-width digits included, as exports have them). */
export const voices: Record<string, string[]> = {
  work_motivation: ["越境体験のあと、仕事への意欲が明らかに高まった。", "他部署の働き方を見て、やる気が出てきた。", "１年前よりモチベーションが上がっている。"],
  idea_use: ["社外で得たアイディアを自部署の業務改善に活かしている。", "新しい提案を出すことが増えた。", "ｱｲﾃﾞｱを出しても実現までの道筋が見えてきた。"],
  manager_support: ["上司との1on1で将来の話ができるようになった。", "上司が面談で私のキャリアに関心を持ってくれた。"],
  learning: ["研修で自分の強みを見直すきっかけになった。", "有志の勉強会に参加して学びが広がった。", "ｅラーニングは手軽だが、続けるのが難しい。"],
  no_mutual_understanding: ["周囲との相互理解が足りないと感じる。", "自分の考えを上司にわかってもらえない。"],
  no_opportunity: ["挑戦したくても機会がない。", "若手以外はチャンスがないように思う。", "対話の機会が少ない。"],
  hr_led_transfers: ["異動はどうせ人事が決めることだと思っている。", "キャリアは会社が決めるものという意識が強い。"],
  busy_season: ["繁忙期は面談どころではない。", "日々忙しく、キャリアを考える時間がない。"],
  career_unclear: ["キャリアと言われても何をすればいいのかわからない。", "５年後の自分がイメージできない。"],
  gave_up: ["以前は前向きだったが、何度か希望が通らず諦めた。", "どうせ変わらないと思うようになった。"],
};
