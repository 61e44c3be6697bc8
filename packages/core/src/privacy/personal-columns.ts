// Columns that hold direct identifiers — names, e-mail addresses, phone numbers — which survey
// analysis never needs and which must not travel with the answers.
import { localize, type Message } from "../errors/catalogue.js";
import { KoeArgumentError } from "../errors/errors.js";
import { privacyMessages as m } from "./messages.js";

/** A column judged to hold personal data, with the reason. */
export interface PersonalColumn {
  column: string;
  kind: "name" | "email" | "phone";
  /** Why, in words: `header "氏名"` or `9 of 10 sampled values look like e-mail addresses`. */
  evidence: string;
  /** The same in Japanese: `列名「氏名」`, `調べた10個の値のうち9個がメールアドレスの形`. */
  evidenceJa: string;
}

const evidenceOf = <P>(message: Message<P>, params: P) => {
  const { en, ja } = localize(message, params);
  return { evidence: en, evidenceJa: ja };
};

/** NFKC with bracketed notes removed: "氏名（カナ）" → "氏名", "Name (Kana)" → "Name ". */
function plain(header: string): string {
  return header.normalize("NFKC").replace(/[(\[【〔<〈《][^)\]】〕>〉》]*[)\]】〕>〉》]/g, " ");
}

/** Plain, lower case, separators removed: "E-Mail Address" → "emailaddress". */
function compact(header: string): string {
  return plain(header)
    .toLowerCase()
    .replace(/[\s_\-‐‑–—・･/.:：,、]+/g, "");
}

/** English words of a header: "firstName" → ["first", "name"], "E-mail address" → ["e", "mail", "address"]. */
function words(header: string): string[] {
  return plain(header)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

// Words that may stand before "name" in a person's name column ("full name", "employee name").
const PERSON_WORDS = new Set([
  "first", "last", "full", "given", "family", "middle", "maiden", "legal", "preferred", "display", "nick", "real",
  "employee", "respondent", "staff", "member", "person", "participant", "user", "manager", "supervisor", "boss",
  "mentor", "contact", "your", "kana", "kanji", "furigana", "romaji", "english", "japanese",
]);
const NAME_COMPACT = new Set(["surname", "forename", "firstname", "lastname", "fullname", "givenname", "familyname", "middlename", "nickname", "username"]);
const NAME_JA_EXACT = new Set(["姓", "名", "姓名", "氏", "お名前", "名前", "本名", "苗字", "名字", "せい", "めい", "セイ", "メイ", "フルネーム", "ファーストネーム", "ラストネーム"]);
// Japanese words that make "…名" / "…名前" the name of a thing, not a person (会社名, 部署の名前).
const ORG_JA = /会社|企業|法人|事業|部署|部門|部局|組織|団体|チーム|グループ|支店|支社|店舗|拠点|工場|施策|研修|講座|コース|製品|商品|サービス|プロジェクト|ファイル|職種|役職|学校|大学|地域|都道府県|市区町村/;

function nameByHeader(k: string, w: string[]): boolean {
  if (NAME_COMPACT.has(k) || NAME_JA_EXACT.has(k)) return true;
  if (/^(姓|名|せい|めい|セイ|メイ)(カナ|かな|漢字|ローマ字|英字|フリガナ|ふりがな)$/.test(k)) return true;
  if (ORG_JA.test(k)) return false;
  if (k.startsWith("氏名") || k.endsWith("氏名")) return true; // 氏名カナ, 回答者氏名, 社員氏名
  if (k.endsWith("名前") || k.includes("フリガナ") || k.includes("ふりがな")) return true; // 社員の名前, 氏名フリガナ
  if (/(者|員|人)名$/.test(k)) return true; // 回答者名, 社員名, 従業員名, 本人名
  const last = w[w.length - 1];
  return (last === "name" || last === "names") && w.length > 0 && w.slice(0, -1).every((x) => PERSON_WORDS.has(x));
}

function emailByHeader(k: string): boolean {
  return /(mail|mailaddress|mailaddr|メール|メールアドレス|メアド)$/.test(k) && !k.endsWith("voicemail");
}

function phoneByHeader(k: string, w: string[]): boolean {
  if (/(電話|電話番号|携帯|携帯番号|携帯電話番号)$/.test(k)) return true;
  if (/^(phone|phonenumber|phoneno|tel|telno|telnumber|telephone|mobile|mobilenumber|mobilephone|cellphone|cell)$/.test(k)) return true;
  const last = w[w.length - 1];
  const before = w[w.length - 2];
  if (last === "phone" || last === "telephone" || last === "tel" || last === "mobile" || last === "cellphone") return true;
  return (last === "number" || last === "no" || last === "num") && (before === "phone" || before === "tel" || before === "telephone" || before === "mobile");
}

const EMAIL_VALUE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Japanese phone numbers written with separators: 03-1234-5678, 090-1234-5678, +81 90 1234 5678.
const PHONE_VALUE = /^(\+81[-\s]?\d{1,4}|0\d{1,4})[-\s(]\d{1,4}[-\s)]\d{3,4}$/;

/**
 * Finds the columns that hold names, e-mail addresses or phone numbers, so that a reader can drop
 * them (or pseudonymise them) before any analysis.
 *
 * By header (NFKC-normalised, case-insensitive, bracketed notes such as "（カナ）" ignored):
 * names — 氏名, 名前, 姓, 名, フリガナ, 回答者氏名, 社員名, name, full name, first/last name…;
 * e-mail — e-mail, email, mail, メール, メールアドレス…; phone — 電話, 電話番号, 携帯, phone, tel….
 * Names of things are not personal: "company name", "会社名", "部署名", "研修名", and ids such as
 * "respondent_id" are not flagged. By values: a column is e-mail (or phone) when more than half of
 * its non-blank sampled values look like e-mail addresses (or Japanese phone numbers with separators).
 * Each column is reported once, the header taking precedence.
 * @param headers the column names
 * @param sample some data rows as cell texts, in header order (may be empty)
 * @throws {KoeArgumentError} when the headers are not a list of text or the sample not a list of rows
 * @example
 * detectPersonalColumns(["回答者ID", "氏名", "会社名", "連絡先"], [["R1", "山田", "A社", "yamada@example.jp"]])
 * // => [{ column: "氏名", kind: "name", evidence: 'header "氏名"', evidenceJa: "列名「氏名」" },
 * //     { column: "連絡先", kind: "email", evidence: "1 of 1 sampled values look like e-mail addresses", evidenceJa: "調べた1個の値のうち1個がメールアドレスの形" }]
 */
export function detectPersonalColumns(headers: readonly string[], sample: readonly (readonly (string | null | undefined)[])[] = []): PersonalColumn[] {
  if (!Array.isArray(headers) || !headers.every((h) => typeof h === "string") || !Array.isArray(sample) || !sample.every((row) => Array.isArray(row))) {
    throw KoeArgumentError.of(m.notHeaders, { fn: "detectPersonalColumns" });
  }
  const found: PersonalColumn[] = [];
  headers.forEach((header, j) => {
    const k = compact(header);
    const w = words(header);
    const byHeader = (kind: PersonalColumn["kind"]) => found.push({ column: header, kind, ...evidenceOf(m.evidenceHeader, { header }) });
    if (k === "") return;
    if (nameByHeader(k, w)) return byHeader("name");
    if (emailByHeader(k)) return byHeader("email");
    if (phoneByHeader(k, w)) return byHeader("phone");
    const values = sample.map((row) => row[j]).filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
    if (values.length === 0) return;
    const emails = values.filter((v) => EMAIL_VALUE.test(v)).length;
    if (emails * 2 > values.length) {
      return found.push({ column: header, kind: "email", ...evidenceOf(m.evidenceEmail, { found: emails, sampled: values.length }) });
    }
    const phones = values.filter((v) => PHONE_VALUE.test(v.normalize("NFKC"))).length;
    if (phones * 2 > values.length) {
      return found.push({ column: header, kind: "phone", ...evidenceOf(m.evidencePhone, { found: phones, sampled: values.length }) });
    }
    return undefined;
  });
  return found;
}
