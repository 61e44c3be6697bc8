// The informed reader of an initiative report, as attack code: every count it can work out from
// the published tables alone — each figure, and each difference between figures that describe the
// same ratings (rated − effective in the matrix; an outcome row minus what the matrix shows of the
// same initiative and segment; outcomes minus the moves between waves). A count of ratings from 1 to
// 4 rests on 1 to 4 companies: a small group recovered.
import type { StudyReport } from "@koe/core";

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

export interface Derived {
  what: string;
  value: number;
}

export function derivedCounts(report: StudyReport): Derived[] {
  const out: Derived[] = [];
  const add = (what: string, value: number | null) => {
    if (value !== null) out.push({ what, value });
  };
  const matrix = (report.tables.matrix?.rows ?? []) as Row[];
  const outcomes = (report.tables.outcomes?.rows ?? []) as Row[];
  const waves = (report.tables.waveChanges?.rows ?? []) as Row[];
  const by = report.provenance.options.outcomesBy as "none" | "row" | "column";
  const compared = report.provenance.options.waves as [number, number] | null;

  for (const r of matrix) {
    const where = `matrix ${r.row}×${r.column} ${r.initiative}`;
    add(`${where} companies`, num(r.companies));
    add(`${where} rated`, num(r.rated));
    if (num(r.rated) !== null && num(r.companies) !== null) add(`${where} rated − companies`, num(r.rated)! - num(r.companies)!);
    // A share with a shown denominator is a count; without one, a share like 2/3 still pins small counts.
    if (num(r.share) !== null && num(r.rated) === null) add(`${where} share without rated`, 1);
  }
  /** What the matrix shows of one initiative over some cells. */
  const shown = (initiative: unknown, inSegment: (r: Row) => boolean) => {
    const rows = matrix.filter((r) => r.initiative === initiative && inSegment(r));
    const sum = (f: (r: Row) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
    return {
      effective: sum((r) => num(r.companies)),
      notEffective: sum((r) => (num(r.rated) === null ? null : num(r.rated)! - num(r.companies)!)),
      rated: sum((r) => num(r.rated)),
    };
  };
  const outcomeSums = (rows: Row[], where: string, inSegment: (r: Row) => boolean) => {
    if (rows.some((r) => num(r.n) === null)) return null;
    const n = rows.reduce((s, r) => s + num(r.n)!, 0);
    const np = rows.reduce((s, r) => s + num(r.notPractised)!, 0);
    const ne = rows.reduce((s, r) => s + num(r.practisedNoEffect)!, 0);
    const pe = rows.reduce((s, r) => s + num(r.practisedEffective)!, 0);
    for (const [what, v] of [["n", n], ["notPractised", np], ["practisedNoEffect", ne], ["practisedEffective", pe], ["not effective", np + ne], ["practised", ne + pe], ["np + pe", np + pe]] as const) add(`${where} ${what}`, v);
    const m = shown(rows[0]!.initiative, inSegment);
    add(`${where} effective − matrix`, pe - m.effective);
    add(`${where} not effective − matrix`, np + ne - m.notEffective);
    add(`${where} rated − matrix`, n - m.rated);
    return { n, np, ne, pe };
  };
  const initiatives = [...new Set(outcomes.map((r) => r.initiative))];
  for (const initiative of initiatives) {
    const mine = outcomes.filter((r) => r.initiative === initiative);
    for (const r of mine) {
      const inSegment = (x: Row) => by === "none" || (by === "row" ? x.row === r.segment : x.column === r.segment);
      outcomeSums([r], `outcomes ${initiative} ${String(r.segment)}`, inSegment);
    }
    // Every segment shown: the initiative's total over the whole matrix.
    const total = by === "none" ? null : outcomeSums(mine, `outcomes ${initiative} all`, () => true);
    const overall = by === "none" ? (num(mine[0]?.n) === null ? null : { n: num(mine[0]!.n)!, np: num(mine[0]!.notPractised)!, ne: num(mine[0]!.practisedNoEffect)!, pe: num(mine[0]!.practisedEffective)! }) : total;
    const w = waves.find((x) => x.initiative === initiative);
    if (!w || num(w.pairs) === null) continue;
    const [pairs, takenUp, dropped, became, lost] = ["pairs", "takenUp", "dropped", "becameEffective", "lostEffect"].map((k) => num(w[k])!) as [number, number, number, number, number];
    for (const [what, v] of [["pairs", pairs], ["takenUp", takenUp], ["dropped", dropped], ["becameEffective", became], ["lostEffect", lost]] as const) add(`waves ${initiative} ${what}`, v);
    // With nothing dropped, no effective rating fell to not practised: the rest of the pairs stayed put.
    if (dropped === 0) add(`waves ${initiative} unchanged`, pairs - takenUp - became - lost);
    if (overall && compared && report.provenance.wave === compared[0]) {
      add(`waves ${initiative} not practised − taken up`, overall.np - takenUp);
      add(`waves ${initiative} no effect − became effective`, overall.ne - became);
      add(`waves ${initiative} effective − lost effect`, overall.pe - lost);
      add(`waves ${initiative} n − pairs`, overall.n - pairs);
    }
    if (overall && compared && report.provenance.wave === compared[1]) {
      add(`waves ${initiative} not practised − dropped`, overall.np - dropped);
      add(`waves ${initiative} effective − became effective`, overall.pe - became);
      add(`waves ${initiative} n − pairs`, overall.n - pairs);
    }
  }
  return out;
}

/** The derived counts that give a group of 1 to min − 1 (ratings, so at most that many companies). */
export function smallGroupsFound(report: StudyReport, min = report.provenance.minGroupSize): Derived[] {
  return derivedCounts(report).filter((d) => d.value >= 1 && d.value < min);
}
