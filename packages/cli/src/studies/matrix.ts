// `koe matrix`: the initiative study on initiative ratings — the top initiatives per generation ×
// penetration step with their stability, and what became of each initiative.
import { initiativeReport, type Lang, type Table } from "@koe/core";
import { initiativeMatrixChart, outcomeFunnelChart } from "@koe/charts";
import { localize } from "@koe/core";
import { titleMessages as t } from "../messages.js";
import { oneReport, type StudyOutput } from "../write.js";

/** Options of the matrix study as the command takes them. */
export interface MatrixSettings {
  lang: Lang;
  seed: number;
  missing: string[];
  wave?: number | undefined;
  resamples?: number | undefined;
}

/**
 * initiativeReport on the ratings, with its matrix and outcome charts.
 * @throws {KoeError} when the ratings cannot carry the study (a column missing, too few companies …).
 */
export function runMatrix(ratings: Table, s: MatrixSettings): StudyOutput {
  const report = initiativeReport(ratings, {
    seed: s.seed,
    missing: s.missing,
    ...(s.wave !== undefined ? { wave: s.wave } : {}),
    ...(s.resamples !== undefined ? { resamples: s.resamples } : {}),
  });
  const w = (m: typeof t.initiatives) => localize(m, {})[s.lang];
  return oneReport("matrix", "initiatives", w(t.initiatives), report, [
    ["initiatives-matrix", w(t.matrixChart), () => initiativeMatrixChart(report, { showStability: s.resamples !== 0, lang: s.lang })],
    ["initiatives-outcomes", w(t.outcomesChart), () => outcomeFunnelChart(report.tables.outcomes!, { lang: s.lang })],
  ]);
}
