import { normalizeKey } from "../model/vocabulary.js";

export interface PersonalColumn {
  column: string;
  kind: "name" | "email" | "phone";
  evidence: string;
}

// Headers of personal data, compared as normalised keys (NFKC, lower case, no spaces/_/-).
const NAME_HEADERS = ["氏名", "名前", "お名前", "姓", "名", "姓名", "フリガナ", "ふりがな", "氏名カナ", "name", "fullname", "firstname", "lastname", "givenname", "familyname", "surname", "employeename", "社員名", "回答者名", "従業員名"];
const EMAIL_HEADERS = ["email", "mail", "emailaddress", "mailaddress", "メール", "メールアドレス", "eメール", "e-mail", "電子メール"];
const PHONE_HEADERS = ["電話", "電話番号", "携帯", "携帯番号", "phone", "phonenumber", "tel", "telephone", "mobile"];
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const keys = (list: string[]) => new Set(list.map(normalizeKey));
const NAME = keys(NAME_HEADERS);
const EMAIL = keys(EMAIL_HEADERS);
const PHONE = keys(PHONE_HEADERS);

/**
 * Columns that hold names, e-mail addresses or phone numbers, judged by header (氏名, メールアドレス,
 * name, e-mail, 電話…; "会社名" or "company name" are not personal) or by values: most sampled
 * non-blank values of the column look like e-mail addresses. `sample` is rows of cell texts.
 * @example
 * detectPersonalColumns(["回答者ID", "氏名", "会社名"], []) // => [{ column: "氏名", kind: "name", evidence: 'header "氏名"' }]
 */
export function detectPersonalColumns(headers: readonly string[], sample: readonly (readonly (string | null)[])[] = []): PersonalColumn[] {
  const found: PersonalColumn[] = [];
  headers.forEach((h, j) => {
    const k = normalizeKey(h);
    const evidence = `header "${h}"`;
    if (NAME.has(k)) return found.push({ column: h, kind: "name", evidence });
    if (EMAIL.has(k)) return found.push({ column: h, kind: "email", evidence });
    if (PHONE.has(k)) return found.push({ column: h, kind: "phone", evidence });
    const values = sample.map((row) => row[j]).filter((v): v is string => typeof v === "string" && v.trim() !== "");
    const emails = values.filter((v) => EMAIL_RE.test(v.trim())).length;
    if (values.length > 0 && emails * 2 > values.length) {
      return found.push({ column: h, kind: "email", evidence: `${emails} of ${values.length} sampled values are e-mail addresses` });
    }
    return undefined;
  });
  return found;
}
