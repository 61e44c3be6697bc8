// The one shape every study returns: named tidy tables, findings and warnings as data, provenance —
// and nothing else. Studies build a draft (their raw tables, the counts behind them) and pass it
// through publishReport, the edge where small-group suppression is applied to every table at once.
import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { defineMessages } from "../errors/catalogue.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../privacy/min-group-size.js";
import { groupKey, suppressTogether, type CountTable, type CountRelation } from "../privacy/suppress-together.js";
import { compareNatural } from "../model/segment-order.js";

/** A finding or warning as data: a catalogue code and the values it names; `present/` words it. */
export const Note = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) });
export type Note = z.infer<typeof Note>;

/** One published table: fixed columns (documented in the glossary), rows, and the privacy rule applied to it. */
export const ReportTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  privacy: Note,
});
export type ReportTable = z.infer<typeof ReportTable>;

/** Where a report came from: enough to reproduce it. */
export const Provenance = z.object({
  study: z.string(),
  koeVersion: z.string(),
  inputs: z.array(z.object({ name: z.string(), rows: z.number().int(), rowsUsed: z.number().int() })),
  wave: z.number().nullable(),
  seed: z.union([z.number(), z.string()]).nullable(),
  minGroupSize: z.number().int(),
  options: z.record(z.string(), z.unknown()),
});
export type Provenance = z.infer<typeof Provenance>;

/** The report contract (zod schema; the type of the same name is its output). */
export const StudyReport = z.object({
  study: z.string(),
  tables: z.record(z.string(), ReportTable),
  findings: z.array(Note),
  warnings: z.array(Note),
  provenance: Provenance,
});
export type StudyReport = z.infer<typeof StudyReport>;

export const KOE_VERSION = "0.1.0";

/** Which counted group a row of a draft table describes: a count table and the row's key in it. */
export interface GroupRef {
  table: string;
  key: Readonly<Record<string, unknown>>;
}

/** A table as a study computed it, before the edge. */
export interface DraftTable {
  /** The published columns, in order (any other key of a row is dropped). */
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
  /** Identifying columns: kept when a row is hidden, and the row order (natural order of each, in turn). */
  dims: readonly string[];
  /** An order of a dim's values that the model does not know (e.g. waves "pre" before "post", kinds "all" first); values not listed follow in natural order. */
  order?: Readonly<Record<string, readonly unknown[]>>;
  /**
   * The counted groups a row describes (its statistics are hidden when any of them is); null for a
   * row about no group of people (e.g. a scale's reliability over everyone).
   */
  groups: (row: Readonly<Record<string, unknown>>) => GroupRef | readonly GroupRef[] | null;
}

/** A study's raw output, handed to {@link publishReport}. */
export interface DraftReport {
  study: string;
  /** The counts of every group any table describes, with the sums a reader can form between them. */
  counts: readonly CountTable[];
  relations?: readonly CountRelation[];
  tables: Readonly<Record<string, DraftTable>>;
  /** Notes may name groups (`params.groups: GroupRef[]`); a note naming a hidden group is withheld. */
  findings: readonly Note[];
  warnings: readonly Note[];
  provenance: Omit<Provenance, "koeVersion" | "minGroupSize" | "study">;
  minGroupSize?: number;
}

const notes = defineMessages("report", {
  groupsHidden: {
    en: (p: { minGroupSize: number }) => `Groups of fewer than ${p.minGroupSize} people are not shown, nor any figure that would let a reader work one out.`,
    ja: (p: { minGroupSize: number }) => `${p.minGroupSize}人未満のグループと、そこから逆算できる数値は表示していません。`,
  },
  ruleGroups: {
    en: (p: { minGroupSize: number; counts: string[] }) => `Rows describing a group of fewer than ${p.minGroupSize} (counts: ${p.counts.join(", ")}), or one that subtraction would reveal, are hidden: every figure of the row is blank.`,
    ja: (p: { minGroupSize: number; counts: string[] }) => `${p.minGroupSize}人未満のグループ（数え方: ${p.counts.join("、")}）と、差し引きで分かるグループの行は、すべての数値を空欄にしています。`,
  },
  ruleNone: {
    en: () => "Figures over everyone in the study; no group is smaller than the minimum.",
    ja: () => "調査対象全体についての数値で、最小人数を下回るグループは含みません。",
  },
  badDraft: {
    en: (p: { study: string; table: string; detail: string }) => `${p.study}: table "${p.table}" ${p.detail} (a bug in the study: please report it)`,
    ja: (p: { study: string; table: string; detail: string }) => `${p.study}: 表「${p.table}」: ${p.detail}（調査関数の不具合です。報告してください）`,
  },
});

const keyOf = groupKey;

/**
 * The edge of every study: suppresses the counted groups together (with complementary suppression
 * across the relations given), then blanks every non-identifying figure of every row that
 * describes a hidden group, withholds notes that name one, orders rows by the natural order of
 * their identifying columns (never by first appearance or size), and keeps only the declared
 * columns. What it returns is the whole report: no hidden number survives anywhere in it.
 */
export function publishReport(draft: DraftReport): StudyReport {
  const minGroupSize = draft.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const hidden = suppressTogether(draft.counts, { minGroupSize, relations: draft.relations ?? [] });
  const isHidden = (ref: GroupRef) => {
    const h = hidden.get(ref.table);
    if (!h) throw KoeArgumentError.of(notes.badDraft, { study: draft.study, table: ref.table, detail: "is named by a row but is not among the counts" });
    return h.has(keyOf(ref.key));
  };
  const refsOf = (g: GroupRef | readonly GroupRef[] | null): readonly GroupRef[] => (g === null ? [] : Array.isArray(g) ? g : [g as GroupRef]);
  let anyHidden = false;
  const tables: Record<string, ReportTable> = {};
  for (const [name, t] of Object.entries(draft.tables)) {
    const counted = t.rows.some((r) => refsOf(t.groups(r)).length > 0);
    const rows = t.rows.map((r) => {
      const out: Record<string, unknown> = {};
      const hide = refsOf(t.groups(r)).some(isHidden);
      anyHidden ||= hide;
      for (const c of t.columns) out[c] = hide && !t.dims.includes(c) ? null : (r[c] ?? null);
      if (counted) out.suppressed = hide;
      return out;
    });
    const rank = (d: string, v: unknown) => {
      const i = t.order?.[d]?.indexOf(v) ?? -1;
      return i < 0 ? Infinity : i;
    };
    rows.sort((a, b) => {
      for (const d of t.dims) {
        const c = rank(d, a[d]) - rank(d, b[d]) || (rank(d, a[d]) === Infinity ? compareNatural(d, a[d], b[d]) : 0);
        if (c !== 0 && !Number.isNaN(c)) return c;
      }
      return 0;
    });
    const columns = counted ? [...t.columns, "suppressed"] : [...t.columns];
    tables[name] = {
      columns,
      rows,
      privacy: counted ? { code: notes.ruleGroups.code, params: { minGroupSize, counts: [...new Set(t.rows.flatMap((r) => refsOf(t.groups(r)).map((g) => g.table)))] } } : { code: notes.ruleNone.code, params: {} },
    };
  }
  const visible = (n: Note) => !(Array.isArray(n.params.groups) && (n.params.groups as GroupRef[]).some(isHidden));
  const warnings = draft.warnings.filter(visible);
  if (anyHidden) warnings.push({ code: notes.groupsHidden.code, params: { minGroupSize } });
  const report: StudyReport = {
    study: draft.study,
    tables,
    findings: draft.findings.filter(visible),
    warnings,
    provenance: { ...draft.provenance, study: draft.study, koeVersion: KOE_VERSION, minGroupSize },
  };
  return report;
}
