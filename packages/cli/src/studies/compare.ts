// `koe compare`: the cross-boundary study on respondents — participants against non-participants,
// before and after, with the adjusted estimates and the balance they rest on.
import { careerSurveyInstrument, crossBoundaryReport, Instrument, localize, type Lang, type Table } from "@koe/core";
import { balanceChart, effectForestChart, prePostChart } from "@koe/charts";
import type { KoeConfig } from "../config.js";
import { titleMessages as t } from "../messages.js";
import { oneReport, type StudyOutput } from "../write.js";

/** Options of the cross-boundary study as the command takes them. */
export interface CompareSettings {
  lang: Lang;
  seed: number;
  resamples?: number | undefined;
}

/**
 * crossBoundaryReport on the respondents (the configuration's instrument, else koe's survey), with
 * the pre/post, balance and effect charts of its first scale.
 * @throws {KoeError} when the respondents cannot carry the study (no participation column, too few participants …).
 */
export function runCompare(respondents: Table, config: KoeConfig, s: CompareSettings): StudyOutput {
  const instrument = config.instrument === null ? careerSurveyInstrument : Instrument.parse(config.instrument);
  const report = crossBoundaryReport(respondents, {
    seed: s.seed,
    missing: config.missing,
    ...(config.instrument !== null ? { instrument } : {}),
    ...(s.resamples !== undefined ? { resamples: s.resamples } : {}),
  });
  const scale = instrument.scales[0]!.id;
  const labels = Object.fromEntries(instrument.scales.map((sc) => [sc.id, sc[s.lang]]));
  const w = (m: typeof t.crossBoundary) => localize(m, {})[s.lang];
  return oneReport("compare", "cross-boundary", w(t.crossBoundary), report, [
    ["cross-boundary-pre-post", w(t.prePostChart), () => prePostChart(report.tables.prePost!, { labels, lang: s.lang })],
    ["cross-boundary-balance", w(t.balanceChart), () => balanceChart(report.tables.balance!, { scale, lang: s.lang })],
    ["cross-boundary-effects", w(t.effectsChart), () => effectForestChart(report.tables.effects!, { scale, lang: s.lang })],
  ]);
}
