// The derived columns of segmentRespondents on the bundled respondents, digested column by column,
// for the test that keeps them identical while the code changes underneath (segment-snapshot.test.ts).
// snapshot.json was written by write.ts with the code as it stood before the speed work
// (commit named in the file); a digest that moves means an output moved.
import { createHash } from "node:crypto";
import { jobTypes, segmentRespondents, setLanguage, type Table } from "@koe/core";

/** One value as text that tells apart what deep equality tells apart: NaN, -0, null and undefined, numbers and numeric text. */
const show = (v: unknown): string => (typeof v === "number" ? (Object.is(v, -0) ? "-0" : String(v)) : v === undefined ? "undefined" : JSON.stringify(v));

interface ColumnDigest {
  type: string;
  rows: number;
  sha256: string;
  counts?: Record<string, number>;
}

/**
 * The output's column names in order and, for each column the call wrote (added, or replaced: not
 * the input's own), its storage (Array, Float64Array …), rows, a sha256 of its values in order, and
 * its distinct values' counts when there are few.
 */
export function digest(table: Table, input: Table): { columns: string[]; written: Record<string, ColumnDigest> } {
  const out: Record<string, ColumnDigest> = {};
  for (const name of table.columnNames()) {
    if (table.column(name) === input.column(name)) continue;
    const data = table.column(name) as unknown as ArrayLike<unknown>;
    const values = table.array(name) as ArrayLike<unknown>;
    const hash = createHash("sha256");
    const counts = new Map<string, number>();
    for (let i = 0; i < values.length; i++) {
      const s = show(values[i]);
      hash.update(s + "\n");
      if (counts.size <= 12) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    out[name] = {
      type: Array.isArray(data) ? "Array" : ((data as object).constructor?.name ?? typeof data),
      rows: values.length,
      sha256: hash.digest("hex"),
      ...(counts.size <= 12 ? { counts: Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : {}),
    };
  }
  return { columns: table.columnNames(), written: out };
}

/**
 * The respondents as people type them: job types in Japanese or English, some as a missing marker;
 * manager as はい/いいえ or 管理職 text; ages as text (full-width too) or blank; some items as answer
 * labels (「そう思う」) or blank; every change decided by the row number alone.
 */
export function retyped(t: Table): Table {
  const n = t.numRows();
  const col = (name: string) => t.array(name) as unknown[];
  const [age, job, manager] = [col("age"), col("job_type"), col("manager")];
  const labels: Record<number, string> = { 5: "そう思う", 4: "ややそう思う", 3: "どちらともいえない", 2: "あまりそう思わない", 1: "そう思わない" };
  const items = ["aware_01_pre", "action_02_pre", "trad_view_post", "imm_never", "imm_gave_up"] as const;
  const changed: Record<string, unknown[]> = { age: [], job_type: [], manager: [] };
  const answers = items.map((c) => col(c));
  for (const c of items) changed[c] = [];
  for (let i = 0; i < n; i++) {
    const a = age[i] as number | null;
    changed.age!.push(i % 13 === 0 ? null : i % 7 === 0 ? String(a).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : i % 5 === 0 ? String(a) : a);
    const term = jobTypes.terms.find((x) => x.id === job[i]);
    changed.job_type!.push(i % 17 === 0 ? "NA" : i % 3 === 0 ? term?.ja : i % 4 === 0 ? term?.en : job[i]);
    const m = manager[i];
    changed.manager!.push(i % 19 === 0 ? "" : i % 6 === 0 ? (m === 1 ? "はい" : "いいえ") : i % 8 === 0 ? (m === 1 ? "管理職" : "非管理職") : m);
    items.forEach((c, k) => {
      const v = answers[k]![i] as number | null;
      changed[c]!.push((i + k) % 23 === 0 ? null : (i + k) % 9 === 0 && v !== null ? labels[v] : v);
    });
  }
  return t.assign(changed);
}

/** The calls whose outputs are kept identical: default and edited rules, both languages, the retyped table. */
export function scenarios(respondents: Table): { name: string; input: Table; run: () => Table }[] {
  const inLanguage = (lang: "en" | "ja", run: () => Table) => () => {
    setLanguage(lang);
    try {
      return run();
    } finally {
      setLanguage("en");
    }
  };
  const retypedRespondents = retyped(respondents);
  return [
    { name: "default rules (en)", input: respondents, run: inLanguage("en", () => segmentRespondents(respondents)) },
    { name: "default rules (ja)", input: respondents, run: inLanguage("ja", () => segmentRespondents(respondents)) },
    { name: "renamed outputs, other thresholds (en)", input: respondents, run: inLanguage("en", () => segmentRespondents(respondents, { layer: { as: "rule_layer", practising: { awarenessAtLeast: 3, actionAtLeast: 2.5 }, traditional: { awarenessBelow: 3.5 }, awareness: { minAnswered: 3 } }, immobile: { wave: "post", minAgreement: 3 }, generation: { cutoffs: { mid: 30, senior: 45 } }, reasonsAs: "why" })) },
    { name: "derive layer and immobile only, post wave (ja)", input: respondents, run: inLanguage("ja", () => segmentRespondents(respondents, { derive: ["layer", "immobile"], layer: { waves: ["post"] }, immobile: { wave: "post" } })) },
    { name: "retyped answers (en)", input: retypedRespondents, run: inLanguage("en", () => segmentRespondents(retypedRespondents, { missing: ["", "NA"] })) },
    { name: "retyped answers (ja)", input: retypedRespondents, run: inLanguage("ja", () => segmentRespondents(retypedRespondents)) },
  ];
}
