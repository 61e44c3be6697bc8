// Masking of personal details inside a free text before it is quoted: names, e-mail addresses,
// phone numbers and ids. Patterns are matched on the NFKC-normalised, lower-cased text (full-width
// ０９０－１２３４－５６７８ is a phone number), and the masks are put into the original text.
import { normalizeText } from "../../analyze/coding/normalize.js";

/** What a mask puts in place of each kind of detail. */
export const MASKS = { name: "〇〇", email: "〔メール〕", phone: "〔電話番号〕", id: "〔ID〕" } as const;

/** Extra details to mask: `names` (people's names, any form: 山田, 山田太郎, Yamada) and `ids` (values of id columns). */
export interface MaskLists {
  names?: readonly string[];
  ids?: readonly string[];
}

const KANJI = "\\p{Script=Han}々〆ヶ";
const KATAKANA = "\\p{Script=Katakana}ー";
const SEP = "[-‐‑‒–—―−ー\\s()]";

// Common family names (the most frequent in Japan, two characters or more), masked wherever they
// stand: in a workplace comment they are nearly always a colleague. Left out: names that are also
// everyday words or places (小川, 小池, 平野, 大西, 金子, prefectures such as 千葉, 山口, 福島).
const FAMILY_NAMES = [
  "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "渡邊", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "松本", "井上", "木村",
  "斎藤", "斉藤", "齋藤", "山崎", "森田", "池田", "橋本", "阿部", "石田", "前田", "藤田", "後藤", "岡田", "長谷川", "村上", "近藤",
  "石井", "坂本", "遠藤", "青木", "藤井", "西村", "福田", "太田", "三浦", "藤原", "岡本", "松田", "中島", "中川", "原田", "小野", "竹内",
  "金井", "和田", "上田", "森本", "工藤", "酒井", "宮本", "内田", "高木", "安藤", "島田", "谷口", "大野", "丸山", "今井", "河野",
  "藤本", "武田", "村田", "杉山", "増田", "大塚", "久保田", "松尾", "野口", "菅原", "岩崎", "木下", "野村", "佐野", "菊地", "杉本", "古川", "水野", "桜井", "高野", "渡部", "吉川", "山内", "西田", "菊池", "飯田", "西川", "北村", "安田", "五十嵐", "川口", "平田", "服部",
  "岩田", "土屋", "本田", "樋口", "秋山", "田村", "永井", "矢野", "中西", "荒木", "望月", "大久保", "小松", "山下", "松井", "石原",
];

// Words that stand before さん・様 etc. but are not names (お客さん, 皆さん, 派遣さん, ご苦労様, 赤ちゃん).
const NOT_NAMES = new Set([
  "皆", "客", "奥", "嫁", "娘", "息子", "母", "父", "兄", "姉", "弟", "妹", "孫", "嬢", "坊", "婆", "爺", "赤", "隣", "神", "仏", "王", "殿", "他", "外", "誰", "彼", "一同", "各位",
  "上司", "部下", "先輩", "後輩", "同僚", "同期", "新人", "本人", "友人", "知人", "職人", "主人", "個人", "大人", "素人", "社会人", "管理人", "担当", "相手", "先方", "相手方", "味方", "親方",
  "人事", "派遣", "大家", "大工", "医者", "患者", "先生", "学生", "運転手", "選手", "助手", "主任", "旦那", "得意", "苦労", "御苦労", "世話", "馳走", "御馳走", "お客", "皆様", "奥様",
  "パート", "バイト", "アルバイト", "スタッフ", "メンバー", "マネージャー", "リーダー", "ベテラン", "ドライバー", "ユーザー", "オーナー", "ゲスト", "ママ", "パパ",
  "クライアント", "コーチ", "トレーナー", "エンジニア", "デザイナー", "メーカー", "ベンダー", "パートナー", "カウンセラー", "コンサル", "コンサルタント", "ドクター", "ナース",
].map((w) => w.normalize("NFKC").toLowerCase()));
// Endings of a word for a role, a shop or an organisation, not a person (社員さん, 八百屋さん, 課長さん, 協力会社さん, 取引先さん).
const ROLE_ENDING = /(者|屋|員|長|様|師|士|先|社|陣)$/u;
// A department (営業さん, 人事部さん, 開発課長): a name is not one.
const DEPARTMENTS = "営業|人事|総務|経理|財務|企画|開発|技術|製造|品質|販売|広報|法務|情報|研究|設計|生産|物流|購買|調達|管理|業務|現場|本社|支社|支店|工場|事業";
const DEPARTMENT = new RegExp(`(${DEPARTMENTS})(本部|部|課|室|係|局|グループ|チーム|センター)?$|(課|室|係|局)$`, "u");
// A department written before a name (人事部田中さん): only the name after it is masked.
const DEPARTMENT_BEFORE = new RegExp(`^(?:${DEPARTMENTS})(?:本部|部|課|室|係|局)?`, "u");
// What stands before a title as a whole without being a name (副社長, 前社長, 当社社長), or with a number in it (第一課長).
const QUALIFIER = /^(副|元|前|現|新|旧|次|各|総|代表|執行|取締役|直属|担当|歴代|当時|当社|弊社|御社|他社|同社|本|部|同)$|[一二三四五六七八九十〇\d第]/u;
// 様 ends words that are not names (同様, 多様, 仕様, 模様, 多種多様).
const NOT_BEFORE_SAMA = /[同多異仕模有両一]$/u;

const TITLE = "課長代理|課長|部長|係長|主任|社長|専務|常務|店長|所長|室長|次長|工場長|支店長|本部長|センター長|グループ長|マネージャー|マネジャー";

interface Found {
  start: number;
  end: number;
  mask: string;
}

const notName = (m: string) => NOT_NAMES.has(m) || ROLE_ENDING.test(m) || DEPARTMENT.test(m);

// On the normalised text: each regex's group `m` is what is masked (the rest, e.g. the title, stays).
const PATTERNS: { kind: keyof typeof MASKS; re: RegExp; keep?: (m: string) => boolean; digits?: boolean; skip?: (m: string) => number }[] = [
  { kind: "email", re: /(?<m>[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)/gdu },
  // Phone numbers: 0X-XXXX-XXXX, 090-1234-5678, (03)1234-5678, 03(1234)5678, 0120-123-456, 09012345678, +81 90 1234 5678.
  { kind: "phone", re: new RegExp(`(?<!\\d)(?<m>(?:\\+81[-\\s]?\\(?\\d{1,4}\\)?|\\(?0\\d{1,4}\\)?)${SEP}?\\d{1,4}${SEP}?\\d{3,4})(?!\\d)`, "gdu"), digits: true },
  // Ids: one or two letters and 5 or more digits (R0000022, EM12345), or a number after 社員番号・社員ID・従業員番号…
  { kind: "id", re: /(?<![a-z0-9])(?<m>[a-z]{1,2}\d{5,})(?![a-z0-9])/gdu },
  { kind: "id", re: /(?:社員|従業員|職員|回答者)(?:番号|id|no\.?|コード)\s*[:は=#]?\s*(?<m>[a-z0-9-]*\d{2,}[a-z0-9-]*)/gdu },
  // A name before an honorific: kanji (the whole run, 1–8; 2 or more before 様・君・氏・殿), katakana, or Latin letters.
  { kind: "name", re: new RegExp(`(?<![${KANJI}])(?<m>[${KANJI}]{1,8})(?=さん|さま|くん|ちゃん)`, "gdu"), keep: (m) => !notName(m), skip: departmentBefore },
  { kind: "name", re: new RegExp(`(?<![${KANJI}])(?<m>[${KANJI}]{2,8})(?=(?:様|君|氏|殿)(?![${KANJI}]))`, "gdu"), keep: (m) => !notName(m) && !NOT_BEFORE_SAMA.test(m), skip: departmentBefore },
  { kind: "name", re: new RegExp(`(?<![${KATAKANA}])(?<m>[${KATAKANA}]{2,12})(?=さん|さま|くん|ちゃん|様|君|氏)`, "gdu"), keep: (m) => !notName(m) && !m.startsWith("ー") },
  { kind: "name", re: /(?<![a-z])(?<m>[a-z]{2,})(?=-(?:san|sama|kun|chan)(?![a-z])|さん|さま|様|くん|ちゃん|君|氏)/gdu },
  // A name before a title (田中部長, 鈴木主任): not a department or a qualifier (営業部長, 副社長, 第一課長).
  { kind: "name", re: new RegExp(`(?<![${KANJI}])(?<m>[${KANJI}]{1,6}?)(?=${TITLE})`, "gdu"), keep: (m) => !QUALIFIER.test(m) && !notName(m), skip: departmentBefore },
];

/** The length of a department standing before a name in one run of kanji (人事部田中 → 3), 0 if none. */
function departmentBefore(m: string): number {
  const d = DEPARTMENT_BEFORE.exec(m)?.[0].length ?? 0;
  return d < m.length ? d : 0;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const familyNames = new RegExp(`(?<m>${[...FAMILY_NAMES].sort((a, b) => b.length - a.length).map(escape).join("|")})`, "gdu");

/**
 * Masks personal details in a text before it is published (a quote, an excerpt), keeping the rest
 * of the text as written:
 * - names → 〇〇: a name before an honorific (田中さん, 鈴木様, タナカくん, Tanaka-san → 〇〇さん …)
 *   or before a title (田中部長, 佐藤主任 → 〇〇部長; but not a department: 営業部長, 副社長 stay),
 *   the most common family names wherever they stand (佐藤, 鈴木, 高橋, … about 120), and every
 *   name in `names` (compared after NFKC and lower case); words such as お客さん, 皆さん, 派遣さん,
 *   社員さん, ご苦労様 are not names;
 * - e-mail addresses → 〔メール〕 (full-width ＠ too);
 * - phone numbers → 〔電話番号〕: 10 or 11 digits starting with 0 (03-1234-5678, 090-1234-5678,
 *   (03)1234-5678, 0120-123-456, 09012345678), or +81 and 9–10 digits, with hyphens, spaces,
 *   long-vowel marks or parentheses between them, in full or half width;
 * - ids → 〔ID〕: one to three letters and five or more digits (R0000022), a number after
 *   社員番号・社員ID・従業員番号・職員番号・回答者番号 (the label stays), and every value in `ids`
 *   of three characters or more (shorter values are as often counts as ids) where it stands
 *   apart from other letters and digits.
 * Matching is on the NFKC-normalised, lower-cased text; the masks replace the original characters.
 * @example
 * maskText("営業部の田中さんに相談した。連絡は ０９０－１２３４－５６７８ か tanaka@example.jp へ")
 * // => "営業部の〇〇さんに相談した。連絡は 〔電話番号〕 か 〔メール〕 へ"
 * maskText("社員番号12345の件で山本部長と営業部長に話した") // => "社員番号〔ID〕の件で〇〇部長と営業部長に話した"
 */
export function maskText(text: string, lists: MaskLists = {}): string {
  return createMasker(lists)(text);
}

/**
 * A masker for many texts with the same lists (compiled once): `createMasker(lists)(text)` is
 * `maskText(text, lists)`. Each name in `names` is masked whole and by its parts of two or more
 * characters (山田 太郎 → 山田 太郎, 山田, 太郎).
 * @example
 * const mask = createMasker({ names: ["山田 花子"], ids: ["R0000022"] });
 * [mask("花子さんと話した"), mask("回答者 R0000022 より")] // => ["〇〇さんと話した", "回答者 〔ID〕 より"]
 */
export function createMasker(lists: MaskLists = {}): (text: string) => string {
  const norm = (v: string) => String(v).normalize("NFKC").toLowerCase().trim();
  const names = [...new Set((lists.names ?? []).flatMap((n) => [norm(n), norm(n).replace(/\s+/g, ""), ...norm(n).split(/\s+/).filter((p) => p.length >= 2)]))].filter((n) => n !== "");
  const all = [...new Set((lists.ids ?? []).map(norm).filter((n) => n.length >= 3))];
  // Ids of letters, digits, "-" and "_" are looked up by token; others (rare: 田中-01) searched for.
  const ids = { tokens: new Set(all.filter((id) => TOKEN.test(id))), others: all.filter((id) => !TOKEN.test(id)) };
  return (text) => {
    const found = findPrepared(text, { names, ids });
    let out = "";
    let at = 0;
    for (const f of found) {
      out += text.slice(at, f.start) + f.mask;
      at = f.end;
    }
    return out + text.slice(at);
  };
}

/** The ranges (in the original text) to mask, without overlaps, in order. */
const TOKEN = /^[a-z0-9_-]+$/;

function findPrepared(text: string, lists: { names: readonly string[]; ids: { tokens: ReadonlySet<string>; others: readonly string[] } }): Found[] {
  const norm = normalizeText(text);
  const t = norm.text;
  const hits: { start: number; end: number; kind: keyof typeof MASKS }[] = [];
  const add = (start: number, end: number, kind: keyof typeof MASKS) => {
    if (end > start) hits.push({ start, end, kind });
  };
  for (const p of PATTERNS) {
    for (const match of t.matchAll(p.re)) {
      const m = match.groups!.m!;
      const [s, e] = (match as RegExpMatchArray & { indices: { groups: Record<string, [number, number]> } }).indices.groups.m!;
      if (p.digits && !isPhone(m)) continue;
      if (p.keep && !p.keep(m)) continue;
      add(s + (p.skip?.(m) ?? 0), e, p.kind);
    }
  }
  for (const match of t.matchAll(familyNames)) {
    const [s, e] = (match as RegExpMatchArray & { indices: [number, number][] }).indices[0]!;
    add(s, e, "name");
  }
  for (const name of lists.names) for (let at = t.indexOf(name); at >= 0; at = t.indexOf(name, at + name.length)) add(at, at + name.length, "name");
  if (lists.ids.tokens.size > 0) {
    // Values of id columns: whole runs of letters, digits, "-" and "_" that equal one of them.
    for (const match of t.matchAll(/[a-z0-9_-]+/gu)) {
      const run = match[0].replace(/^[-_]+|[-_]+$/g, "");
      const at = match.index + match[0].indexOf(run);
      if (lists.ids.tokens.has(run)) add(at, at + run.length, "id");
    }
  }
  for (const id of lists.ids.others) for (let at = t.indexOf(id); at >= 0; at = t.indexOf(id, at + id.length)) add(at, at + id.length, "id");
  // Earliest first, the longer of two that start together; a range overlapping a kept one (or a
  // name touching a name: 山田|花子) is merged into it.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: { start: number; end: number; kind: keyof typeof MASKS }[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && (h.start < last.end || (h.start === last.end && h.kind === "name" && last.kind === "name"))) {
      last.end = Math.max(last.end, h.end);
      continue;
    }
    kept.push({ ...h });
  }
  return kept.map((h) => ({ start: norm.from[h.start]!, end: norm.to[h.end - 1]!, mask: MASKS[h.kind] }));
}

/** 10–11 digits starting with 0, or +81 and 9–10 more: a Japanese phone number. */
function isPhone(s: string): boolean {
  const digits = s.replace(/\D/g, "");
  if (s.startsWith("+81")) return digits.length >= 11 && digits.length <= 12;
  return digits.startsWith("0") && digits.length >= 10 && digits.length <= 11;
}
