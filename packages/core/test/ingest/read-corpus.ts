// The inputs read-equivalence.test.ts compares with the reader before the fast path, and the
// fingerprint it compares (shared with read-parallel.test.ts, which reads them on two threads).
import { createHash } from "node:crypto";
import type { ReadCsvOptions, ReadResult } from "../../src/ingest/index.js";
import iconv from "iconv-lite";

/** A column's values as JSON can hold them: NaN and -0 spelled out, the array's kind kept. */
export function columnValues(v: unknown): { type: string; values: unknown[] } {
  const arr = v as ArrayLike<unknown>;
  const values = Array.from(arr, (x) => (typeof x === "number" ? (!Number.isFinite(x) ? String(x) : Object.is(x, -0) ? "-0" : x) : x));
  return { type: (v as object).constructor.name, values };
}

export const digest = (x: unknown) => createHash("sha256").update(JSON.stringify(x)).digest("hex").slice(0, 32);

/** What must not change: each column (name, kind, values), the issues, the summary. */
export function fingerprint(r: ReadResult, whole: boolean): unknown {
  const columns = r.table.columnNames().map((name) => {
    const { type, values } = columnValues(r.table.column(name));
    return whole ? { name, type, values } : { name, type, n: values.length, digest: digest(values) };
  });
  return { columns, issues: whole || r.issues.length <= 20 ? r.issues : { n: r.issues.length, digest: digest(r.issues) }, summary: r.summary };
}

const sjis = (s: string) => iconv.encode(s, "Shift_JIS");

/** Small files that exercise every branch of the reader without a schema. */
export const adversarial: { name: string; source: () => string | Buffer; options?: ReadCsvOptions }[] = [
  { name: "quotes", source: () => 'a,b,c\n"x,1","2",3\n"He said ""hi""",3,"4"\n"multi\nline",4,5\n"ab"c,5,"6"\n' },
  { name: "crlf and blank lines", source: () => "\r\na,b\r\n1,2\r\n\r\n3,4\r\n\r\n" },
  { name: "lone cr", source: () => "a,b\r1,2\r3,x\r" },
  { name: "ragged rows", source: () => "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n" },
  { name: "full-width digits and spaces", source: () => "id,v,w\nA,３５, 4 \nB,１２,５\nC,０,\n" },
  {
    name: "numbers not in canonical form, then text",
    source: () => "a,b,c,d\n007,1.50,+3,-0\n1e2,.5,3.,12345678901234567890\n-12,0.1,00,1E-7\nz,y,x,w\n",
  },
  { name: "numbers not in canonical form, kept as numbers", source: () => "a,b,c,d\n007,1.50,+3,-0\n1e2,.5,3.,12345678901234567890\n-12,0.1,00,1E-7\n" },
  { name: "missing markers", source: () => "a,b,c,d\nNA,1,無回答,\nN/A,２,x,\n,NA,N/A,\n3,,4,\n" },
  { name: "custom missing", source: () => "a,b\n-,1\n9,-\n99,3\n", options: { missing: ["-", "99"] } },
  { name: "likert labels and numbers", source: () => "q1,q2,q3\nそう思う,1,そう思う\n3,どちらでもない,そう思わない\n5,2,全くそう思わない\n" },
  { name: "labels with text", source: () => "q1,q2\nそう思う,そう思う\nx,3\nそう思わない,y\n" },
  {
    name: "mixed types reported",
    source: () => "id,age,score\n" + Array.from({ length: 12 }, (_, i) => `r${i},${i % 5 === 4 ? ["三十", "不明", "40代"][i % 3] : 20 + i},${i === 11 ? "n/a" : i % 5}`).join("\n") + "\n",
  },
  { name: "text first then numbers", source: () => "a,b\nx,1\n2,2\n3,3\n" },
  { name: "all missing column", source: () => "a,b\n1,\n2,\n3,NA\n" },
  { name: "mixed encodings rejected rows", source: () => Buffer.concat([Buffer.from("a,b,c\n1,x,007\n007,", "utf8"), Buffer.from([0xff, 0xfe]), Buffer.from(",5\n8,y,6\nz,w,7\n", "utf8")]) },
  { name: "rejected row after a label", source: () => Buffer.concat([Buffer.from("a,b\n1,x\nそう思う,", "utf8"), Buffer.from([0xc3]), Buffer.from("\n2,y\n", "utf8")]) },
  {
    name: "rejected rows after a label and a number not in canonical form (UTF-8 given)",
    source: () => Buffer.concat([Buffer.from("a,b,c\n1,x,1\nそう思う,", "utf8"), Buffer.from([0xc3]), Buffer.from(",007\n2,y,2\n3,", "utf8"), Buffer.from([0xff]), Buffer.from(",そう思う\n4,z,4\nx,w,q\n", "utf8")]),
    options: { encoding: "utf-8" },
  },
  { name: "unique without a schema", source: () => "id,v\n007,1\n7,2\n7,3\n,4\n,5\n1e0,6\n", options: { unique: ["id"] } },
  { name: "unique on text", source: () => "id,v\na,1\nb,2\na,3\n", options: { unique: ["id", ["id", "v"]] } },
  { name: "bom and japanese headers", source: () => "\uFEFF 回答者ＩＤ ,年齢,所属会社,メモ\nR1,３５,A社,\"改行\nあり\"\nR2,41,B社,ok\n" },
  { name: "duplicate and empty headers", source: () => "a,a,,b\n1,2,3,4\n" },
  { name: "e-mail column by values", source: () => "id,contact,n\n1,a@example.jp,1\n2,b@example.jp,2\n3,c@example.jp,3\n" },
  { name: "name column by header", source: () => "id,氏名,n\n1,山田,1\n2,佐藤,2\n" },
  { name: "shift_jis", source: () => sjis("回答者ID,年齢,コメント,点数\nR1,３５,\"とても、良い\",そう思う\nR2,41,改善が必要,3\nR3,無回答,ｶﾀｶﾅ,\n") },
  { name: "shift_jis forced", source: () => sjis("id,v\nあ,1\nい,2\n"), options: { encoding: "cp932" } },
  { name: "tabs", source: () => "a\tb\tc\n1\t2,5\tx\n3\t4\ty\n" },
  { name: "semicolons", source: () => "a;b\n1,5;2\n3;4\n" },
  { name: "unterminated quote", source: () => 'a,b\n1,2\n3,"open\n4,5\n' },
  { name: "empty file", source: () => "\n\n" },
  { name: "header only", source: () => "a,b,c\n" },
  { name: "no final newline and trailing delimiter", source: () => "a,b\n1,2\n3," },
  { name: "single column with blank lines", source: () => "a\n1\n\n2\nx\n" },
  { name: "booleans stay text", source: () => "a,b\ntrue,はい\nfalse,いいえ\n" },
  { name: "big and small numbers", source: () => "a,b,c\n9007199254740993,1.7976931348623157e308,5e-324\n123456789012345,1e400,-1e-400\n" },
  { name: "decimals and signs", source: () => "a,b\n-1.25,3.0\n0.333333333333333314829616256247,-.5\n+0.5,2.50\n" },
  { name: "quoted numbers", source: () => 'a,b\n"1","2"\n"3",""\n' },
  { name: "many columns of digits", source: () => "a,b,c,d,e\n" + Array.from({ length: 40 }, (_, i) => [i, i % 7, i * 13, i % 2 ? "" : i, 1000000 + i].join(",")).join("\n") + "\n" },
];

