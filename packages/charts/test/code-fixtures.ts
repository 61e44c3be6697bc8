// Tables of the interview study as the code charts take them, made by hand: the columns of
// codeFrequencies' `frequencies` and `overall` tables and codeCooccurrence's `cooccurrence` table.
// Codes arrive in the codebook's order (not alphabetical), segment values in no useful order
// (senior first), and the hidden group's counts (7 and 3) appear nowhere else, so a leak would show.
import { join } from "node:path";
import { codeTexts, readCodebook, readComments, readRespondents, proportionInterval, type CodedTexts, type CodingCodebook, type KoeError } from "@koe/core";

export const codebook = [
  { code: "work_motivation", code_ja: "業務意欲", code_en: "Work motivation" },
  { code: "idea_use", code_ja: "アイディア活用", code_en: "Idea utilisation" },
  { code: "network", code_ja: "人脈・つながり", code_en: "Network" },
  { code: "manager_support", code_ja: "上司の関与", code_en: "Manager involvement" },
] as const;

const groups = { senior: 30, young: 40, mid: 8 } as const;
/** Texts with each code per group (mid: under 10, hidden). */
const withCode: Record<string, Record<keyof typeof groups, number>> = {
  work_motivation: { senior: 9, young: 6, mid: 7 },
  idea_use: { senior: 12, young: 14, mid: 3 },
  network: { senior: 3, young: 17, mid: 7 },
  manager_support: { senior: 15, young: 22, mid: 3 },
};
/** Adjusted residuals as a study would report them (inputs here; the chart only draws them). */
const residuals: Record<string, Record<"senior" | "young", number | null>> = {
  work_motivation: { senior: 1.8, young: -1.8 },
  idea_use: { senior: 0.4, young: -0.4 },
  network: { senior: -3.2, young: 3.2 },
  manager_support: { senior: 2.1, young: null },
};

const interval = (x: number, n: number) => {
  const ci = proportionInterval(x, n);
  return { share_low: ci.ciLow!, share_high: ci.ciHigh! };
};

/** codeFrequencies(coded, { by: "generation" }).tables.frequencies, as published (mid hidden). */
export const frequencies = {
  columns: ["code", "code_ja", "code_en", "generation", "people", "texts", "with_code", "share", "share_low", "share_high", "residual", "suppressed"],
  rows: codebook.flatMap((c) =>
    (["senior", "young", "mid"] as const).map((g) =>
      g === "mid"
        ? { code: c.code, code_ja: null, code_en: null, generation: g, people: null, texts: null, with_code: null, share: null, share_low: null, share_high: null, residual: null, suppressed: true }
        : {
            ...c, generation: g, people: groups[g], texts: groups[g], with_code: withCode[c.code]![g], share: withCode[c.code]![g] / groups[g],
            ...interval(withCode[c.code]![g], groups[g]), residual: residuals[c.code]![g], suppressed: false,
          },
    ),
  ),
  privacy: { code: "report.ruleGroups", params: { minGroupSize: 10, counts: ["writers"] } },
};

/** The same table as a careless caller might pass it: the hidden group's figures left in. */
export const leakyFrequencies = {
  ...frequencies,
  rows: frequencies.rows.map((r) => (r.suppressed ? { ...r, people: 8, texts: 8, with_code: withCode[r.code]!.mid, share: withCode[r.code]!.mid / 8 } : r)),
};
/** Numbers of the hidden group: its size and its shares (87.5%, 37.5% — printed as 88% and 38%). */
export const hiddenFigures = ["8", "88%", "38%"];

/** codeFrequencies(…).tables.overall: every code over all texts (78 texts). */
export const overall = {
  columns: ["code", "code_ja", "code_en", "people", "texts", "with_code", "share", "share_low", "share_high", "suppressed"],
  rows: codebook.map((c) => {
    const x = withCode[c.code]!.senior + withCode[c.code]!.young + withCode[c.code]!.mid;
    return { ...c, people: 78, texts: 78, with_code: x, share: x / 78, ...interval(x, 78), suppressed: false };
  }),
  privacy: { code: "report.ruleGroups", params: { minGroupSize: 10, counts: ["writers"] } },
};

/** Texts (of 78) with each pair of codes; the diagonal is the texts with the code. */
const both: Record<string, number> = {
  "work_motivation|work_motivation": 22, "idea_use|idea_use": 29, "network|network": 27, "manager_support|manager_support": 40,
  "work_motivation|idea_use": 8, "work_motivation|network": 2, "work_motivation|manager_support": 10,
  "idea_use|network": 0, "idea_use|manager_support": 12, "network|manager_support": 5,
};
const bothOf = (a: string, b: string) => both[`${a}|${b}`] ?? both[`${b}|${a}`]!;

/** codeCooccurrence(coded).tables.cooccurrence: every ordered pair, the diagonal included. */
export const cooccurrence = {
  columns: ["code_a", "code_b", "code_a_ja", "code_b_ja", "code_a_en", "code_b_en", "both", "either", "jaccard"],
  rows: codebook.flatMap((a) =>
    codebook.map((b) => {
      const n = bothOf(a.code, b.code);
      const either = bothOf(a.code, a.code) + bothOf(b.code, b.code) - (a.code === b.code ? bothOf(a.code, a.code) : n);
      return { code_a: a.code, code_b: b.code, code_a_ja: a.code_ja, code_b_ja: b.code_ja, code_a_en: a.code_en, code_b_en: b.code_en, both: n, either, jaccard: n / either };
    }),
  ),
  privacy: { code: "report.ruleNone", params: {} },
};

/** The Jaccard coefficient of a pair, worked out here from the counts above (both / either). */
export const jaccardOf = (a: string, b: string) => bothOf(a, b) / (bothOf(a, a) + bothOf(b, b) - bothOf(a, b));

/** The KoeError a call throws (a failure if it throws none). */
export function thrown(call: () => unknown): KoeError {
  try {
    call();
  } catch (e) {
    return e as KoeError;
  }
  throw new Error("expected an error, got none");
}

let bundled: Promise<{ coded: CodedTexts; codebook: CodingCodebook }> | null = null;
/**
 * The bundled comments (data/comments.csv) with their writers' generation, layer and cross-boundary
 * participation from data/respondents.csv, coded with data/codebook.json: the study's real input.
 */
export function bundledCoded(): Promise<{ coded: CodedTexts; codebook: CodingCodebook }> {
  bundled ??= (async () => {
    const data = (file: string) => join(import.meta.dirname, "..", "..", "..", "data", file);
    const comments = (await readComments(data("comments.csv"))).table;
    const respondents = (await readRespondents(data("respondents.csv"))).table.select("respondent_id", "generation", "layer", "cross_boundary");
    const codebook = await readCodebook(data("codebook.json"));
    return { coded: codeTexts(comments.join_left(respondents, "respondent_id"), { text: "text", person: "respondent_id", codebook }), codebook };
  })();
  return bundled;
}
