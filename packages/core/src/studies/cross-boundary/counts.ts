// The cross-boundary study's privacy model: every group of people that a published figure
// describes, as count tables that the report's edge suppresses together, and which of those
// groups each published row names. Each table's total is published too (it is a sum a reader can
// form), so a hidden group's partner is hidden with it (complementary suppression): with all
// participants shown, a hidden internal group hides the external one, or all − external would
// give it back.
import type { CountTable } from "../../privacy/suppress-together.js";
import type { GroupRef } from "../report.js";

/** The count tables' names. */
export const COUNT_TABLES = {
  /** participants / nonParticipants (total: everyone in the analysis). */
  group: "participants",
  /** internal / external / unknown participants and the non-participants (total: everyone in the analysis). */
  kind: "participantsByKind",
  /** self_nominated / appointed / unknown participants and the non-participants (total: everyone in the analysis). */
  selection: "participantsBySelection",
  /** Per categorical covariate: level × group (participants, nonParticipants), with its margins. */
  covariate: (column: string) => `covariate:${column}`,
} as const;

/** A programme-kind partition of the participants: the column and each participant's kind (null = not recorded). */
export interface KindPartition {
  column: "cb_kind" | "cb_selection";
  /** The kinds in natural order. */
  kinds: readonly string[];
  /** Per row of the analysis: the participant's kind, or null (unknown or a non-participant). */
  of: (row: number) => string | null;
}

/** A covariate as counted: its levels per row (null for a numeric covariate, which counts no one). */
export interface CountedCovariate {
  column: string;
  /** The level of each row as the balance table names it ("true"/"false" for yes/no, the vocabulary id for a segment, "1"/"0" for 0/1 numbers); null when the covariate is numeric. */
  levelOf: ((row: number) => string) | null;
}

/** The study's groups: the count tables, and the refs a row about a kind or a covariate level names. */
export interface StudyGroups {
  counts: CountTable[];
  /** Counts of participants and non-participants of a kind ("all" or a kind of a partition). */
  size(kind: string): { participants: number; nonParticipants: number };
  /** The groups a row comparing participants of `kind` with all non-participants describes. */
  kindRefs(kind: string): GroupRef[];
  /** The groups of one group of the analysis (participants or nonParticipants). */
  groupRef(group: "participants" | "nonParticipants"): GroupRef;
  /** The groups a balance row describes: both groups, and for a level, that level in both. */
  balanceRefs(covariate: string, level: string | null): GroupRef[];
}

const ref = (table: string, key: Record<string, unknown>): GroupRef => ({ table, key });

/**
 * The count tables of one analysis sample: `treated[i]` is 1 for a participant, 0 otherwise.
 * Zero counts are kept as rows (a zero is a published zero).
 */
export function studyGroups(treated: ArrayLike<number>, partitions: readonly KindPartition[], covariates: readonly CountedCovariate[]): StudyGroups {
  const n = treated.length;
  let nT = 0;
  for (let i = 0; i < n; i++) nT += treated[i] === 1 ? 1 : 0;
  const nC = n - nT;
  const counts: CountTable[] = [
    { name: COUNT_TABLES.group, dims: ["group"], rows: [{ group: "participants", n: nT }, { group: "nonParticipants", n: nC }] },
  ];
  const sizes = new Map<string, number>([["all", nT]]);
  const tableOfKind = new Map<string, string>();
  for (const p of partitions) {
    const name = p.column === "cb_kind" ? COUNT_TABLES.kind : COUNT_TABLES.selection;
    const by = new Map<string, number>(p.kinds.map((k) => [k, 0]));
    let unknown = 0;
    for (let i = 0; i < n; i++) {
      if (treated[i] !== 1) continue;
      const k = p.of(i);
      if (k === null) unknown++;
      else by.set(k, (by.get(k) ?? 0) + 1);
    }
    for (const [k, v] of by) {
      sizes.set(k, v);
      tableOfKind.set(k, name);
    }
    counts.push({
      name,
      dims: ["kind"],
      rows: [...[...by].map(([kind, v]) => ({ kind, n: v })), { kind: "unknown", n: unknown }, { kind: "nonParticipants", n: nC }],
    });
  }
  const levelTables = new Set<string>();
  for (const c of covariates) {
    if (!c.levelOf) continue;
    const cells = new Map<string, [number, number]>();
    for (let i = 0; i < n; i++) {
      const level = c.levelOf(i);
      const cell = cells.get(level) ?? [0, 0];
      cell[treated[i] === 1 ? 0 : 1]++;
      cells.set(level, cell);
    }
    const name = COUNT_TABLES.covariate(c.column);
    levelTables.add(c.column);
    counts.push({
      name,
      dims: ["level", "group"],
      rows: [...cells].flatMap(([level, [t, u]]) => [{ level, group: "participants", n: t }, { level, group: "nonParticipants", n: u }]),
    });
  }
  const participants = ref(COUNT_TABLES.group, { group: "participants" });
  const nonParticipants = ref(COUNT_TABLES.group, { group: "nonParticipants" });
  return {
    counts,
    size(kind) {
      return { participants: sizes.get(kind) ?? 0, nonParticipants: nC };
    },
    kindRefs(kind) {
      if (kind === "all") return [participants, nonParticipants];
      const table = tableOfKind.get(kind);
      if (table === undefined) return [participants, nonParticipants];
      return [ref(table, { kind }), ref(table, { kind: "nonParticipants" }), nonParticipants];
    },
    groupRef(group) {
      return group === "participants" ? participants : nonParticipants;
    },
    balanceRefs(covariate, level) {
      if (!levelTables.has(covariate)) return [participants, nonParticipants];
      const table = COUNT_TABLES.covariate(covariate);
      // A 0/1 number is published as one row (level null): its share is the count of 1s.
      const l = level ?? "1";
      return [ref(table, { level: l, group: "participants" }), ref(table, { level: l, group: "nonParticipants" }), participants, nonParticipants];
    },
  };
}
