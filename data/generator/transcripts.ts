// Six interviews: two cross-boundary participants (external self-nominated, internal appointed),
// a frontline veteran, and one person of each immobile sub-type. The turns are scripted; the seed
// picks who was interviewed (a respondent of the persona) and the hesitations in their answers.
import { createRandom, type Random } from "@koe/core";
import { choice } from "./draw.js";
import type { GeneratedRespondent } from "./respondents.js";

export const transcriptColumns = ["transcript_id", "segment", "speaker", "respondent_id", "text"];
export const SPEAKERS = { interviewer: "インタビュアー", respondent: "対象者" } as const;

/** A turn: who speaks, what they say, and the codes the answer was written to voice. */
type Turn = readonly ["I" | "R", string] | readonly ["I" | "R", string, readonly string[]];

interface Persona {
  id: string;
  ja: string;
  en: string;
  matches: (p: GeneratedRespondent) => boolean;
  turns: readonly Turn[];
}

export const PERSONAS: readonly Persona[] = [
  {
    id: "participant_external_self",
    ja: "社外越境(手挙げ)の参加者",
    en: "External cross-boundary participant, self-nominated",
    matches: (p) => p.kind === "external" && p.selection === "self_nominated",
    turns: [
      ["I", "本日はお時間をいただきありがとうございます。まず、現在のお仕事について簡単に教えてください。"],
      ["R", "製品開発部で設計を担当しています。入社して１５年ほどになります。"],
      ["I", "昨年、社外への越境に参加されたと伺いました。参加のきっかけは何でしたか。"],
      ["R", "社内公募の案内を見て、自分で手を挙げました。同じ仕事を続けるうちに、このままでいいのかという気持ちがあって。ちょうど上司も背中を押してくれたので、思い切って応募しました。", ["manager_support"]],
      ["I", "越境先ではどのようなことをされたのですか。"],
      ["R", "地方のベンチャー企業で半年間、新規事業の立ち上げを手伝いました。人数が少ないので、設計だけでなく営業の同行やお客様との打ち合わせまで何でもやりました。"],
      ["I", "その経験で、ご自身の中で何か変わったことはありますか。"],
      ["R", "一番大きいのは仕事への意欲ですね。向こうでは自分の判断がすぐ結果に出るので、戻ってからも自分から動こうという気持ちが強くなりました。", ["work_motivation"]],
      ["I", "具体的に、戻られてから行動が変わった場面はありますか。"],
      ["R", "ベンチャーで見た進め方を参考に、試作の段取りについて改善案を出しました。小さな提案ですが部内で採用されて、今は試作の期間が短くなっています。", ["idea_use"]],
      ["I", "なるほど。周りの方の反応はいかがでしたか。"],
      ["R", "最初は「外でかぶれてきた」と言われましたね(笑)。ただ、社外から見ると当社の技術は本当に強みなんだと実感したので、それを伝えるようにしています。", ["broader_view"]],
      ["I", "越境先の方とは今もやりとりがありますか。"],
      ["R", "はい、今でも月に一度くらいは連絡を取っています。技術的なことで困ったときに相談できる人が社外にいるのは心強いです。", ["network"]],
      ["I", "逆に、難しかったことや課題に感じたことはありますか。"],
      ["R", "戻ったのがちょうど繁忙期で、最初の２か月は越境で得たことを振り返る時間がないまま日常業務に追われました。戻ってすぐの時期の過ごし方は、会社として考えてほしいです。", ["busy_season"]],
      ["I", "最後に、これから越境に参加する人に伝えたいことはありますか。"],
      ["R", "自分から手を挙げる人だけでなく、迷っている人にこそ行ってほしいですね。行く前と後に上司と1on1で話しておくと、経験が仕事に活きやすいと思います。", ["manager_support"]],
      ["I", "本日はありがとうございました。"],
    ],
  },
  {
    id: "participant_internal_appointed",
    ja: "社内越境(人事の指名)の参加者",
    en: "Internal cross-boundary participant, appointed by HR",
    matches: (p) => p.kind === "internal" && p.selection === "appointed",
    turns: [
      ["I", "今日はよろしくお願いします。まず、今のお仕事を教えてください。"],
      ["R", "経理部で支払業務を担当しています。入社４年目です。"],
      ["I", "社内越境で、営業部に３か月行かれたそうですね。どういう経緯だったのでしょうか。"],
      ["R", "正直に言うと、自分で希望したわけではなくて、人事から指名されました。異動もそうですけど、うちは人事が決めることが多いので、「ああ、そういうものか」という感じで行きました。", ["hr_led_transfers"]],
      ["I", "行く前はどんな気持ちでしたか。"],
      ["R", "不安のほうが大きかったです。営業のことは何も知らないので、迷惑をかけるんじゃないかと。"],
      ["I", "実際に行ってみていかがでしたか。"],
      ["R", "営業の人たちと毎日話すうちに、経理の仕事が現場からどう見えているのかがわかりました。普段話さない他部署の人との対話で、自分の仕事の見え方が変わった気がします。", ["peer_dialogue"]],
      ["I", "戻ってから、お仕事への向き合い方は変わりましたか。"],
      ["R", "変わりました。前は言われたことを正確にやるのが仕事だと思っていたんですが、今は営業の人が使いやすいように請求の流れを変えられないか、と考えるようになりました。仕事のやりがいが増えたと思います。", ["work_motivation"]],
      ["I", "何か実際に提案されたことはありますか。"],
      ["R", "経費精算の入力画面について、営業の人がつまずきやすい点をまとめて改善案として出しました。まだ検討中ですが、課長が「いい視点だ」と言ってくれて。", ["idea_use", "manager_support"]],
      ["I", "指名で行ったことについては、今はどう感じていますか。"],
      ["R", "自分からは絶対に手を挙げなかったと思うので、結果的には良かったです。ただ、同期の中には行きたくても機会がない人もいるので、手挙げの枠も広げてほしいですね。", ["no_opportunity"]],
      ["I", "今後、挑戦してみたいことはありますか。"],
      ["R", "経理の知識を活かして、事業部の企画に関わってみたいです。そのために資格の勉強を始めました。会社の研修も使えるものは使っていきたいです。", ["learning"]],
      ["I", "ありがとうございました。"],
    ],
  },
  {
    id: "frontline_veteran",
    ja: "現場の非管理職ベテラン",
    en: "Frontline non-managerial veteran",
    matches: (p) => p.jobType === "frontline" && p.generation === "senior" && !p.manager && !p.participant && p.layer !== "traditional",
    turns: [
      ["I", "本日はよろしくお願いします。現在のお仕事を教えてください。"],
      ["R", "郵便局の窓口を担当して２８年になります。役職はありませんが、若手の面倒を見ることも多いです。"],
      ["I", "会社のキャリアに関する取り組みで、印象に残っているものはありますか。"],
      ["R", "去年から課長との1on1が始まりました。最初は何を話せばいいのかと思いましたが、今の課長は私の話をよく聞いてくれるので、定年後のことも含めて相談するようになりました。", ["manager_support"]],
      ["I", "1on1で話すようになって、何か変わりましたか。"],
      ["R", "自分の経験を若手に伝える役割もあるんだと気づかされました。この歳になって、もう一度仕事の張り合いが出てきた感じです。", ["work_motivation"]],
      ["I", "他にも利用されている取り組みはありますか。"],
      ["R", "eラーニングは案内が来ますが、正直あまり続いていません。窓口は交代制なので、まとまった時間が取れないんです。", ["learning", "busy_season"]],
      ["I", "時期によって忙しさに違いはありますか。"],
      ["R", "年末年始の繁忙期は本当に余裕がありません。その時期に面談を入れられても、形だけになってしまうと思います。", ["busy_season"]],
      ["I", "同じ職場のベテランの方々は、キャリアについてどう考えていると思いますか。"],
      ["R", "「今さらキャリアと言われても」という人が多いですね。ずっと同じ仕事をしてきたので、自分に何ができるのか分からないという声もよく聞きます。", ["career_unclear"]],
      ["I", "そういう方々に届く取り組みがあるとしたら、どんなものでしょう。"],
      ["R", "研修で一方的に話を聞くより、同僚同士で経験を話し合う場のほうがいいと思います。自分の経験に意味があると思えれば、前向きになれる人もいるはずです。", ["peer_dialogue", "learning"]],
      ["I", "最後に、会社に伝えたいことはありますか。"],
      ["R", "現場にも話を聞いてくれる上司がいれば、ベテランもまだまだ頑張れると思います。", ["manager_support"]],
      ["I", "ありがとうございました。"],
    ],
  },
  {
    id: "immobile_unaware",
    ja: "不動層: キャリアがわからない",
    en: "Immobile layer: does not know what a career is",
    matches: (p) => p.immobile === "unaware" && p.generation === "young",
    turns: [
      ["I", "今日はよろしくお願いします。まず、今のお仕事について教えてください。"],
      ["R", "工場で組立ラインの担当をしています。入社して６年です。"],
      ["I", "ご自身のキャリアについて考えることはありますか。"],
      ["R", "うーん、あまりないですね。キャリアと言われても、正直何を考えればいいのかわからないです。", ["career_unclear"]],
      ["I", "会社からキャリアについての案内や研修はありましたか。"],
      ["R", "キャリア研修は一度受けました。「５年後の自分を書いてください」と言われたんですけど、何も書けなくて。５年後の自分がイメージできないんです。", ["career_unclear", "learning"]],
      ["I", "今の職場で、この先どうなっていくと思いますか。"],
      ["R", "異動は人事が決めることなので、言われたところで働くんだろうなと思っています。自分で決めるものだという感覚はないですね。", ["hr_led_transfers"]],
      ["I", "上司の方とは、そういった話をしますか。"],
      ["R", "上司とは仕事の話しかしないです。ラインの班長なので、キャリアの話をする雰囲気ではないですね。", ["manager_support"]],
      ["I", "他の部署の仕事について知る機会はありますか。"],
      ["R", "ほとんどないです。工場の外の仕事がどういうものか知る機会がないので、選びようがないというか。", ["no_opportunity"]],
      ["I", "どんなことがあれば、キャリアを考えるきっかけになりそうですか。"],
      ["R", "実際に別の部署で働いている人の話を聞けたら、少しは考えられるかもしれません。今はキャリアオーナーシップという言葉自体がピンとこないので。", ["career_unclear"]],
      ["I", "ありがとうございました。"],
    ],
  },
  {
    id: "immobile_never_positive",
    ja: "不動層: 最初から前向きになれない",
    en: "Immobile layer: never positive",
    matches: (p) => p.immobile === "never_positive" && p.generation === "mid",
    turns: [
      ["I", "今日はよろしくお願いします。お仕事の内容を教えてください。"],
      ["R", "本社の総務で、社内の手続き全般を担当しています。１８年目です。"],
      ["I", "昨年、キャリアシートを使った面談に参加されたと伺いました。いかがでしたか。"],
      ["R", "正直、あまり良い印象はありません。キャリアシートの項目が抽象的で、何を書けばいいのか困りました。結局、当たり障りのないことを書いて終わりました。", ["sheet_quality"]],
      ["I", "面談の相手は、普段あまり話さない別の部署の方だったそうですね。"],
      ["R", "そうです。でも、お互い相手の仕事を知らないので、話が表面的なまま終わってしまって。シートの中身が薄いと、話も深まらないんだなと思いました。", ["sheet_quality"]],
      ["I", "職場の中ではどうですか。ご自身の考えを話す場面はありますか。"],
      ["R", "あまりないですね。総務の仕事は目立たないので、何をしているのか周りに理解されていないと感じることが多いです。自分の考えを言っても、わかってもらえないと思ってしまいます。", ["no_mutual_understanding"]],
      ["I", "キャリアについて前向きに考えたいという気持ちはありますか。"],
      ["R", "最初から、あまり前向きにはなれなかったです。挑戦しようにも、総務から他の部署に出る機会がないので。", ["no_opportunity"]],
      ["I", "異動の希望を出す仕組みはありますか。"],
      ["R", "自己申告の制度はありますが、結局は人事主導で決まっていると思います。希望を書いても、どれだけ見られているのか。", ["hr_led_transfers"]],
      ["I", "どうすれば、もう少し前向きになれると思いますか。"],
      ["R", "まずは部署同士の相互理解からだと思います。お互いの仕事が見えれば、話すことも出てくるはずなので。いきなりキャリアの話をされても困ります。", ["no_mutual_understanding"]],
      ["I", "ありがとうございました。"],
    ],
  },
  {
    id: "immobile_gave_up",
    ja: "不動層: 一度前向きになったが諦めた",
    en: "Immobile layer: was positive once and gave up",
    matches: (p) => p.immobile === "gave_up" && p.generation === "senior",
    turns: [
      ["I", "本日はよろしくお願いします。現在のお仕事を教えてください。"],
      ["R", "品質保証で検査の仕事をしています。入社して３０年以上になります。"],
      ["I", "これまでのキャリアを振り返って、いかがですか。"],
      ["R", "若い頃は、海外の工場の立ち上げをやりたくて、何度も希望を出していました。でも一度も通らなかった。４０代の半ばで、もう諦めました。", ["gave_up"]],
      ["I", "希望が通らなかった理由について、説明はありましたか。"],
      ["R", "特になかったですね。辞令が出て、それで終わりです。うちは異動は人事が決めるものなので。", ["hr_led_transfers"]],
      ["I", "最近、会社のキャリア施策に参加されたことはありますか。"],
      ["R", "５０代向けのキャリア研修は受けました。内容は悪くなかったんですが、この年齢で新しいことに挑戦するチャンスがないのは変わらないので、どうせ何も変わらないと思ってしまいます。", ["learning", "no_opportunity", "gave_up"]],
      ["I", "上司の方とキャリアについて話すことはありますか。"],
      ["R", "上司は私より年下で、気を遣ってくれているのは感じるんですが、キャリアの話はほとんどしません。1on1も業務の確認で終わりますね。", ["manager_support"]],
      ["I", "今のお仕事で、手応えを感じる場面はありますか。"],
      ["R", "若手が検査で迷ったときに頼られると、少しうれしいですね。そういうときは、自分の経験にも意味があるのかなと思います。"],
      ["I", "会社に期待することはありますか。"],
      ["R", "正直、会社にはもう期待しなくなっています。ただ、若い人には同じ思いをさせないでほしい。手を挙げた人にちゃんと順番を回してあげてほしいですね。", ["gave_up"]],
      ["I", "貴重なお話をありがとうございました。"],
    ],
  },
];

const HESITATIONS = ["", "", "", "そうですね、", "えっと、", "うーん、"];

export interface TranscriptRow {
  transcriptId: string;
  segment: number;
  speaker: string;
  /** The interviewee, on every turn of their interview. */
  respondentId: string | null;
  text: string;
  codes: readonly string[];
}

export interface TranscriptInfo {
  transcriptId: string;
  persona: string;
  respondentId: string | null;
}

function interviewee(r: Random, people: readonly GeneratedRespondent[], persona: Persona, taken: Set<string>): GeneratedRespondent | null {
  const fits = people.filter((p) => persona.matches(p) && !taken.has(p.id));
  const pool = fits.length > 0 ? fits : people.filter((p) => !taken.has(p.id));
  return pool.length > 0 ? choice(r, pool) : null;
}

/** The transcripts, one row per turn, and who was interviewed for each. */
export function generateTranscripts(people: readonly GeneratedRespondent[], seed: number): { rows: TranscriptRow[]; interviews: TranscriptInfo[] } {
  const r = createRandom(`${seed}:transcripts`);
  const taken = new Set<string>();
  const rows: TranscriptRow[] = [];
  const interviews: TranscriptInfo[] = [];
  PERSONAS.forEach((persona, t) => {
    const transcriptId = `T${String(t + 1).padStart(2, "0")}`;
    const who = interviewee(r, people, persona, taken);
    if (who) taken.add(who.id);
    interviews.push({ transcriptId, persona: persona.id, respondentId: who?.id ?? null });
    persona.turns.forEach((turn, k) => {
      const [speaker, text] = turn;
      const codes = turn.length === 3 ? turn[2] : [];
      const hesitate = speaker === "R" && k > 1 && !/^(うーん|正直|そうです|はい|特に)/.test(text) ? choice(r, HESITATIONS) : "";
      rows.push({
        transcriptId,
        segment: k + 1,
        speaker: speaker === "I" ? SPEAKERS.interviewer : SPEAKERS.respondent,
        respondentId: who?.id ?? null,
        text: hesitate + text,
        codes,
      });
    });
  });
  return { rows, interviews };
}
