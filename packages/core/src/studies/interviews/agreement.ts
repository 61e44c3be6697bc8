// Agreement between coders of texts: per code and overall, percent agreement, Cohen's kappa (two
// coders), Fleiss' kappa and Krippendorff's alpha (any number, with missing codings), and the units
// the coders disagree on, listed for discussion. The numbers come from the stats kernels.
import * as aq from "arquero";
import { z } from "zod";
import { closest } from "../../boundary/closest.js";
import { requireDistinct, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { columnValues } from "../../analyze/column-values.js";
import { AUTOMATIC_CODER, type CodedTexts } from "../../analyze/coding/coded-texts.js";
import { agreementMessages as m, agreementNotes as notes } from "../../errors/agreement-messages.js";
import { localize } from "../../errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { cohensKappa, fleissKappa, krippendorffAlpha } from "../../stats/agreement.js";
import { publishReport, type Note, type StudyReport } from "../report.js";

/**
 * Options of {@link coderAgreement} (zod schema):
 * - `unit`, `coder`, `code` (defaults "unit", "coder", "code"): the columns of the codings (names
 *   resolve as everywhere in koe: 「コーダー」 or "Coder " find "coder"); not given with coded texts;
 * - `codes` (default: the codes given, in natural order; with coded texts, the codebook's codes in
 *   its order): the codes to compare, which may include codes nobody gave; a coding with another
 *   code is an error;
 * - `coders` (default: everyone who coded): the coders to compare (e.g. leave out "auto");
 * - `confLevel` (default 0.95): of Cohen's kappa's interval;
 * - `minGroupSize` (default 5): recorded in the report's provenance (agreement tables describe
 *   coders and texts, not groups of people, so nothing is suppressed).
 */
export const CoderAgreementOptions = z.object({
  unit: z.string().min(1).optional(),
  coder: z.string().min(1).optional(),
  code: z.string().min(1).optional(),
  codes: z.array(z.string().min(1)).optional(),
  coders: z.array(z.string().min(1)).min(2).optional(),
  confLevel: z.number().gt(0).lt(1).default(0.95),
  minGroupSize: z.int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
});
export type CoderAgreementOptions = z.input<typeof CoderAgreementOptions>;

/** The columns of coderAgreement's `agreement` table, in order. */
export const AGREEMENT_COLUMNS = [
  "scope", "code", "code_ja", "coders", "units", "units_all_coders", "times_given",
  "percent_agreement", "pairwise_agreement", "cohen_kappa", "cohen_ci_low", "cohen_ci_high", "fleiss_kappa", "krippendorff_alpha",
] as const;
/** The columns of coderAgreement's `disagreements` table, in order. */
export const DISAGREEMENT_COLUMNS = ["code", "code_ja", "unit", "coders", "given", "codings"] as const;

const MEASURES = { cohen: "Cohen's kappa", fleiss: "Fleiss' kappa", alpha: "Krippendorff's alpha" } as const;
type Measure = keyof typeof MEASURES;

/** Who coded what: units × coders (coded or not), and per code units × coders (given or not). */
interface Ratings {
  units: string[];
  coders: string[];
  codes: string[];
  codesJa: (string | null)[];
  /** coded[u * C + k]: coder k coded unit u. */
  coded: Uint8Array;
  /** given[(c * U + u) * C + k]: coder k gave code c to unit u. */
  given: Uint8Array;
  rows: number;
  rowsUsed: number;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || String(v).trim() === "";
const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "a list that is not of rows" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`);

/** Text with its numbers compared as numbers ("T01-9" before "T01-10"), otherwise by code point. */
export function compareIds(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const c = numeric ? Number(p) - Number(q) || p.length - q.length : p < q ? -1 : p > q ? 1 : 0;
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** Whether a value is coded texts as codeTexts returns them (checked by shape). */
export function isCodedTexts(v: unknown): v is CodedTexts {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const c = v as CodedTexts;
  return c.table instanceof aq.ColumnTable && Array.isArray(c.codes) && Array.isArray(c.codings) && Array.isArray(c.coders);
}

/**
 * Agreement between coders of texts, per code and overall. `codings` has one row per code a coder
 * gave a unit (a text, an interview turn); a row whose code is blank means "this coder coded this
 * unit and gave it no code"; a coder with no row for a unit did not code it (missing). Coded texts
 * from `codeTexts` are accepted as they are: their texts are the units; koe's own coder ("auto")
 * read every text, and a manual coder read the texts they have a row for (a blank code in
 * `manual`: read, nothing given), so people who coded a sample are compared on that sample; a
 * grouping code counts as given when a code under it is. Choose coders with `coders`.
 *
 * For each code, every unit is a 0/1 rating per coder (1 = the coder gave the code), missing where
 * the coder did not code the unit. Units coded by one coder only are not compared (a note counts
 * them). Measures, each from the kernel of the same name (R-confirmed against irr):
 * - `percent_agreement`: the share of units (coded by ≥ 2 coders) on which all their coders agree;
 * - `pairwise_agreement`: the mean over pairs of coders of their share of agreeing units among
 *   the units both coded (pairs that share no unit are left out);
 * - `cohen_kappa` with its asymptotic interval `cohen_ci_low`/`cohen_ci_high` (`cohensKappa`):
 *   only with exactly two coders, on the units both coded;
 * - `fleiss_kappa` (`fleissKappa`): on the units coded by every coder (`units_all_coders`), since
 *   Fleiss' kappa needs the same number of ratings per unit;
 * - `krippendorff_alpha` (`krippendorffAlpha`, nominal): on every unit coded by ≥ 2 coders,
 *   missing codings allowed.
 *
 * A measure that is undefined — a code nobody gave, one every coder gave every unit (kappa's
 * chance agreement is then 1), fewer than 2 units to compute it on — is null, with a note saying
 * why: never NaN. The table `agreement` has one row per code (`scope` "code", in the order of
 * `codes`), then two overall rows with `code` null: `scope` "pooled" computes every measure on all
 * unit × code decisions at once (`units` then counts decisions; no interval, since decisions on one
 * unit are not independent), and `scope` "mean" is the mean of the per-code values (codes where a
 * measure is undefined left out, with a note). The table `disagreements` lists, by code and unit,
 * every unit whose coders did not all agree: `coders` who coded it, how many `given` the code, and
 * `codings` as "A:1 B:0" (coders who did not code the unit are left out). Units are text ids, never
 * the texts. Agreement describes coders, not groups of people: nothing is suppressed.
 * @throws {KoeArgumentError} on an unknown column or option, a blank unit or coder (naming the
 *   row), a coding given twice (naming the rows), a code outside `codes`
 * @throws {InsufficientDataError} with fewer than 2 coders, or when no unit was coded by two
 * @example
 * const codings = [
 *   { unit: "t1", coder: "A", code: "busy" }, { unit: "t1", coder: "B", code: "busy" },
 *   { unit: "t2", coder: "A", code: "busy" }, { unit: "t2", coder: "B", code: "" },
 *   { unit: "t3", coder: "A", code: "" },     { unit: "t3", coder: "B", code: "" },
 *   { unit: "t4", coder: "A", code: "" },     { unit: "t4", coder: "B", code: "" },
 * ];
 * const r = coderAgreement(codings, { unit: "unit", coder: "coder", code: "code" });
 * r.tables.agreement.rows[0].percent_agreement // => 0.75
 * r.tables.agreement.rows[0].cohen_kappa // => 0.5
 * r.tables.disagreements.rows // => [{ code: "busy", code_ja: null, unit: "t2", coders: 2, given: 1, codings: "A:1 B:0" }]
 * coderAgreement(codings.filter((c) => c.coder === "A"), {}) // throws: coderAgreement needs at least 2 coders to compare (found 1: "A")
 */
export function coderAgreement(codings: readonly Record<string, unknown>[] | Table | CodedTexts, options: CoderAgreementOptions = {}): StudyReport {
  const fn = "coderAgreement";
  const o = parseOptions(fn, CoderAgreementOptions, options);
  let ratings: Ratings;
  if (isCodedTexts(codings)) {
    const given = (["unit", "coder", "code"] as const).filter((k) => o[k] !== undefined);
    if (given.length > 0) throw KoeArgumentError.of(m.columnsOfCoded, { fn, options: given });
    ratings = fromCodedTexts(fn, codings, o.codes, o.coders);
  } else {
    let table: Table;
    if (codings instanceof aq.ColumnTable) table = codings.isFiltered() || codings.isOrdered() ? codings.reify() : codings;
    else if (Array.isArray(codings)) {
      codings.forEach((r, i) => {
        if (r === null || typeof r !== "object" || Array.isArray(r)) throw KoeArgumentError.of(m.notARow, { fn, row: i + 1 });
      });
      table = aq.from(codings as Record<string, unknown>[], [...new Set(codings.flatMap((r) => Object.keys(r)))]);
    } else throw KoeArgumentError.of(m.notCodings, { fn, got: describe(codings) });
    const unit = resolveColumn(fn, table, o.unit ?? "unit", "unit");
    const coder = resolveColumn(fn, table, o.coder ?? "coder", "coder");
    const code = resolveColumn(fn, table, o.code ?? "code", "code");
    requireDistinct(fn, { unit, coder, code });
    ratings = fromRows(fn, table, { unit, coder, code }, o.codes, o.coders);
  }
  return _coderAgreement(ratings, o);
}

/** Checks the codes option and returns the codes to compare with their index. */
function codeIndex(fn: string, codes: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const c of codes) {
    if (index.has(c)) throw KoeArgumentError.of(m.repeatedCode, { fn, code: c });
    index.set(c, index.size);
  }
  return index;
}

/** The coders to compare: those named (each must have coded), else all; at least two. */
function chooseCoders(fn: string, present: readonly string[], chosen: readonly string[] | undefined, column: string): string[] {
  if (chosen !== undefined) {
    for (const c of chosen) if (!present.includes(c)) throw KoeArgumentError.of(m.unknownCoder, { fn, coder: c, suggestion: closest(c, present), coders: [...present] });
  }
  const coders = chosen ? [...new Set(chosen)] : [...present];
  if (coders.length < 2) throw new InsufficientDataError(fn, 2, coders.length, column, localize(m.tooFewCoders, { fn, coders }));
  return coders;
}

function fromRows(fn: string, table: Table, col: { unit: string; coder: string; code: string }, codesOption: readonly string[] | undefined, codersOption: readonly string[] | undefined): Ratings {
  const n = table.numRows();
  const units = columnValues(table, col.unit, fn);
  const coders = columnValues(table, col.coder, fn);
  const codes = columnValues(table, col.code, fn);
  const unitOf = new Array<string>(n);
  const coderOf = new Array<string>(n);
  const codeOf = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    if (isBlank(units[i])) throw KoeArgumentError.of(m.blankCell, { fn, column: col.unit, option: "unit", row: i + 1 });
    if (isBlank(coders[i])) throw KoeArgumentError.of(m.blankCell, { fn, column: col.coder, option: "coder", row: i + 1 });
    unitOf[i] = String(units[i]).trim();
    coderOf[i] = String(coders[i]).trim();
    codeOf[i] = isBlank(codes[i]) ? "" : String(codes[i]).trim();
  }
  const present = [...new Set(coderOf)].sort(compareIds);
  const chosen = chooseCoders(fn, present, codersOption, col.coder);
  const coderIndex = new Map(chosen.map((c, k) => [c, k]));
  const used: number[] = [];
  for (let i = 0; i < n; i++) if (coderIndex.has(coderOf[i]!)) used.push(i);

  const given = [...new Set(used.map((i) => codeOf[i]!).filter((c) => c !== ""))].sort(compareIds);
  const codeList = codesOption ? [...codesOption] : given;
  const index = codeIndex(fn, codeList);
  if (codeList.length === 0) throw KoeArgumentError.of(m.noCodes, { fn });
  const unitList = [...new Set(used.map((i) => unitOf[i]!))].sort(compareIds);
  const unitIndex = new Map(unitList.map((u, k) => [u, k]));
  const U = unitList.length;
  const C = chosen.length;
  const coded = new Uint8Array(U * C);
  const out = new Uint8Array(codeList.length * U * C);
  const first = new Map<string, number>();
  const repeats = new Map<string, { unit: string; coder: string; code: string; rows: number[] }>();
  for (const i of used) {
    const u = unitIndex.get(unitOf[i]!)!;
    const k = coderIndex.get(coderOf[i]!)!;
    coded[u * C + k] = 1;
    const c = codeOf[i]!;
    if (c === "") continue;
    const at = index.get(c);
    if (at === undefined) throw KoeArgumentError.of(m.unknownCode, { fn, code: c, row: i + 1, suggestion: closest(c, codeList), codes: codeList });
    const key = `${u}\u0000${k}\u0000${at}`;
    const seen = first.get(key);
    if (seen !== undefined) {
      const r = repeats.get(key) ?? { unit: unitOf[i]!, coder: coderOf[i]!, code: c, rows: [seen + 1] };
      r.rows.push(i + 1);
      repeats.set(key, r);
      continue;
    }
    first.set(key, i);
    out[(at * U + u) * C + k] = 1;
  }
  if (repeats.size > 0) throw KoeArgumentError.of(m.duplicates, { fn, repeats: [...repeats.values()], count: [...repeats.values()].reduce((s, r) => s + r.rows.length - 1, 0) });
  return { units: unitList, coders: chosen, codes: codeList, codesJa: codeList.map(() => null), coded, given: out, rows: n, rowsUsed: used.length };
}

function fromCodedTexts(fn: string, coded: CodedTexts, codesOption: readonly string[] | undefined, codersOption: readonly string[] | undefined): Ratings {
  const chosen = chooseCoders(fn, coded.coders, codersOption, "coder");
  const coderIndex = new Map(chosen.map((c, k) => [c, k]));
  const n = coded.table.numRows();
  const ids = coded.id === null ? Array.from({ length: n }, (_, i) => String(i + 1)) : Array.from(columnValues(coded.table, coded.id, fn), (v) => String(v));
  const order = ids.map((_, i) => i).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  const unitList = order.map((i) => ids[i]!);
  const unitIndex = new Map(unitList.map((u, k) => [u, k]));
  if (codesOption) for (const c of codesOption) if (!coded.codes.includes(c)) throw KoeArgumentError.of(m.notACode, { fn, code: c, suggestion: closest(c, coded.codes), codes: coded.codes });
  const codeList = codesOption ? [...codesOption] : [...coded.codes];
  const index = codeIndex(fn, codeList);
  const cb = coded.codebook.codes;
  // A grouping code (no rule) is given when any code under it is, as codeTexts sets it for "auto".
  const byId = new Map(cb.map((c) => [c.id, c]));
  const ancestors = new Map<string, string[]>();
  for (const c of cb) {
    const up: string[] = [];
    const seen = new Set<string>();
    for (let p = c.parent; p !== null && !seen.has(p); p = byId.get(p)?.parent ?? null) {
      seen.add(p);
      if (byId.get(p)?.rule === null) up.push(p);
    }
    ancestors.set(c.id, up);
  }
  const U = unitList.length;
  const C = chosen.length;
  // koe's own coder read every text; a manual coder read the texts they have a row for.
  const coded01 = new Uint8Array(U * C);
  const auto = coderIndex.get(AUTOMATIC_CODER);
  if (auto !== undefined) for (let u = 0; u < U; u++) coded01[u * C + auto] = 1;
  const out = new Uint8Array(codeList.length * U * C);
  let rowsUsed = 0;
  coded.codings.forEach((x, r) => {
    const k = coderIndex.get(x.coder);
    if (k === undefined) return;
    const u = unitIndex.get(String(x.id));
    if (u === undefined) return;
    coded01[u * C + k] = 1;
    if (x.code === null) {
      rowsUsed++;
      return;
    }
    if (!coded.codes.includes(x.code)) throw KoeArgumentError.of(m.unknownCode, { fn, code: x.code, row: r + 1, suggestion: closest(x.code, coded.codes), codes: coded.codes });
    rowsUsed++;
    for (const c of [x.code, ...(ancestors.get(x.code) ?? [])]) {
      const at = index.get(c);
      if (at !== undefined) out[(at * U + u) * C + k] = 1;
    }
  });
  return {
    units: unitList,
    coders: chosen,
    codes: codeList,
    codesJa: codeList.map((c) => byId.get(c)?.ja ?? null),
    coded: coded01,
    given: out,
    rows: coded.codings.length,
    rowsUsed,
  };
}

type Cell = 0 | 1 | null;
interface Measures {
  percent: number | null;
  pairwise: number | null;
  cohen: number | null;
  cohenLow: number | null;
  cohenHigh: number | null;
  fleiss: number | null;
  alpha: number | null;
  subjects: number;
  complete: number;
  timesGiven: number;
}

/**
 * The measures on one set of subjects (units of one code, or every unit × code decision): `cells`
 * holds, per subject, a rating per coder (null where the coder did not code the unit); every
 * subject has at least 2 ratings. `code` null = pooled.
 */
function measuresOf(cells: readonly Cell[][], coders: number, code: string | null, confLevel: number, warnings: Note[], withInterval: boolean): Measures {
  const S = cells.length;
  let agree = 0;
  let ones = 0;
  let zeros = 0;
  for (const row of cells) {
    let a = 0;
    let b = 0;
    for (const v of row) if (v === 1) a++;
    else if (v === 0) b++;
    ones += a;
    zeros += b;
    if (a === 0 || b === 0) agree++;
  }
  const pairs: number[] = [];
  for (let x = 0; x < coders; x++) for (let y = x + 1; y < coders; y++) {
    let both = 0;
    let same = 0;
    for (const row of cells) if (row[x] !== null && row[y] !== null) {
      both++;
      if (row[x] === row[y]) same++;
    }
    if (both > 0) pairs.push(same / both);
  }
  const complete = cells.filter((r) => r.every((v) => v !== null));
  const out: Measures = {
    percent: S > 0 ? agree / S : null,
    pairwise: pairs.length > 0 ? pairs.reduce((s, v) => s + v, 0) / pairs.length : null,
    cohen: null,
    cohenLow: null,
    cohenHigh: null,
    fleiss: null,
    alpha: null,
    subjects: S,
    complete: complete.length,
    timesGiven: ones,
  };
  const measures: Measure[] = coders === 2 ? ["cohen", "fleiss", "alpha"] : ["fleiss", "alpha"];
  if (ones === 0 || zeros === 0) {
    warnings.push({ code: (ones === 0 ? notes.unusedCode : notes.constantCode).code, params: { code, measures: measures.map((x) => MEASURES[x]) } });
    return out;
  }
  if (coders === 2) {
    if (complete.length < 2) warnings.push({ code: notes.tooFewUnits.code, params: { code, measure: MEASURES.cohen, units: complete.length, by: "both" } });
    else {
      const k = cohensKappa(complete.map((r) => r[0]!), complete.map((r) => r[1]!), { levels: [0, 1], confLevel });
      out.cohen = finite(k.estimate);
      if (withInterval && out.cohen !== null) {
        out.cohenLow = finite(k.ciLow);
        out.cohenHigh = finite(k.ciHigh);
      }
    }
  }
  if (complete.length < 2) warnings.push({ code: notes.tooFewUnits.code, params: { code, measure: MEASURES.fleiss, units: complete.length, by: "all" } });
  else if (complete.every((r) => r.every((v) => v === complete[0]![0]))) warnings.push({ code: notes.constantOnSubset.code, params: { code, measure: MEASURES.fleiss } });
  else out.fleiss = finite(fleissKappa(complete).estimate);
  const byCoder = Array.from({ length: coders }, (_, k) => cells.map((r) => r[k]!));
  out.alpha = finite(krippendorffAlpha(byCoder, { level: "nominal" }).estimate);
  return out;
}

/** A kernel's number, or null when it is not a finite number (never NaN in a table). */
const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

function _coderAgreement(r: Ratings, o: z.output<typeof CoderAgreementOptions>): StudyReport {
  const fn = "coderAgreement";
  const U = r.units.length;
  const C = r.coders.length;
  const compared: number[] = [];
  for (let u = 0; u < U; u++) {
    let n = 0;
    for (let k = 0; k < C; k++) n += r.coded[u * C + k]!;
    if (n >= 2) compared.push(u);
  }
  if (compared.length === 0) throw new InsufficientDataError(fn, 1, 0, null, localize(m.noSharedUnit, { fn, units: U }));
  const warnings: Note[] = [];
  if (compared.length < U) warnings.push({ code: notes.singleCoderUnits.code, params: { units: U - compared.length } });

  const cellsOf = (c: number): Cell[][] =>
    compared.map((u) => Array.from({ length: C }, (_, k): Cell => (r.coded[u * C + k] ? (r.given[(c * U + u) * C + k] as 0 | 1) : null)));
  const rows: Record<string, unknown>[] = [];
  const disagreements: Record<string, unknown>[] = [];
  const perCode: Measures[] = [];
  const pooled: Cell[][] = [];
  r.codes.forEach((code, c) => {
    const cells = cellsOf(c);
    pooled.push(...cells);
    const x = measuresOf(cells, C, code, o.confLevel, warnings, true);
    perCode.push(x);
    rows.push(rowOf("code", code, r.codesJa[c]!, C, x));
    cells.forEach((row, j) => {
      const given = row.filter((v) => v === 1).length;
      const coders = row.filter((v) => v !== null).length;
      if (given === 0 || given === coders) return;
      const codings = row.map((v, k) => (v === null ? null : `${r.coders[k]}:${v}`)).filter((s) => s !== null).join(" ");
      disagreements.push({ code, code_ja: r.codesJa[c], unit: r.units[compared[j]!], coders, given, codings });
    });
  });
  const all = measuresOf(pooled, C, null, o.confLevel, warnings, false);
  rows.push(rowOf("pooled", null, null, C, all));

  const mean = (key: "percent" | "pairwise" | "cohen" | "fleiss" | "alpha", measure: string | null): number | null => {
    const values = perCode.map((x) => x[key]);
    const defined = values.filter((v): v is number => v !== null);
    if (defined.length === 0) return null;
    if (measure !== null && defined.length < values.length) warnings.push({ code: notes.meanLeavesOut.code, params: { measure, codes: r.codes.filter((_, c) => values[c] === null) } });
    return defined.reduce((s, v) => s + v, 0) / defined.length;
  };
  rows.push({
    scope: "mean",
    code: null,
    code_ja: null,
    coders: C,
    units: compared.length,
    units_all_coders: perCode[0]!.complete,
    times_given: null,
    percent_agreement: mean("percent", null),
    pairwise_agreement: mean("pairwise", null),
    cohen_kappa: C === 2 ? mean("cohen", MEASURES.cohen) : null,
    cohen_ci_low: null,
    cohen_ci_high: null,
    fleiss_kappa: mean("fleiss", MEASURES.fleiss),
    krippendorff_alpha: mean("alpha", MEASURES.alpha),
  });

  return publishReport({
    study: "coderAgreement",
    counts: [],
    tables: {
      agreement: { columns: AGREEMENT_COLUMNS, rows, dims: ["scope", "code"], order: { scope: ["code", "pooled", "mean"], code: r.codes }, groups: () => null },
      disagreements: { columns: DISAGREEMENT_COLUMNS, rows: disagreements, dims: ["code", "unit"], order: { code: r.codes, unit: r.units }, groups: () => null },
    },
    findings: [],
    warnings,
    provenance: {
      inputs: [{ name: "codings", rows: r.rows, rowsUsed: r.rowsUsed }],
      wave: null,
      seed: null,
      options: { coders: r.coders, codes: r.codes, confLevel: o.confLevel },
    },
    minGroupSize: o.minGroupSize,
  });
}

function rowOf(scope: "code" | "pooled", code: string | null, codeJa: string | null, coders: number, x: Measures): Record<string, unknown> {
  return {
    scope,
    code,
    code_ja: codeJa,
    coders,
    units: x.subjects,
    units_all_coders: x.complete,
    times_given: x.timesGiven,
    percent_agreement: x.percent,
    pairwise_agreement: x.pairwise,
    cohen_kappa: x.cohen,
    cohen_ci_low: x.cohenLow,
    cohen_ci_high: x.cohenHigh,
    fleiss_kappa: x.fleiss,
    krippendorff_alpha: x.alpha,
  };
}
