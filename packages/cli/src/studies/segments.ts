// `koe segments`: the career-ownership segments of respondents — each person's layer by koe's rules
// (or the rules given), the layers' distribution by a segment, the penetration funnel, and the
// answers to the items as Likert bars.
import { careerLayers, generations, jobTypes, KoeError, knownField, layerDistribution, localize, parseSegmentRules, penetrationFunnel, scoreScales, segmentProfile, segmentRespondents, Instrument, UNCLASSIFIED, type Lang, type Table } from "@koe/core";
import { layerGradientChart, likertChart, penetrationFunnelChart, segmentHeatmapChart } from "@koe/charts";
import type { KoeConfig } from "../config.js";
import { dataMessages } from "../messages.js";
import { filled } from "../columns.js";
import { mapHeaders } from "../recognise.js";
import { titleMessages as t } from "../messages.js";
import type { StudyChart, StudyOutput, StudyPart } from "../write.js";

/** Options of the segments study as the command takes them. */
export interface SegmentsSettings {
  lang: Lang;
  by?: string | undefined;
  /** A rule set (JSON) for segmentRespondents; default koe's, with the layer written to rule_layer_<wave>. */
  rules?: unknown;
}

/** At most this many of the configuration's own items are drawn as Likert bars (the first ones). */
const LIKERT_ITEMS = 20;
const STEPS = ["step_know", "step_understand", "step_deepen", "step_practice"];

/**
 * segmentRespondents (layers by rule; the file's own `layer` column when the items are not there),
 * then layerDistribution and penetrationFunnel by the segment, and — for a configuration with its own
 * instrument — the scales' means by the segment (segmentProfile), with their charts.
 * @throws {KoeError} when the respondents have none of what the segments need, or a rule or column is wrong.
 */
export function runSegments(respondents: Table, config: KoeConfig, s: SegmentsSettings): StudyOutput {
  const given = (s.rules ?? {}) as Record<string, unknown>;
  const rules = { missing: config.missing, ...given, layer: { as: "rule_layer", ...((given.layer ?? {}) as object) } };
  const parsed = parseSegmentRules(rules, "koe segments");
  const segmented = segmentRespondents(respondents, rules);
  const has = (column: string) => filled(segmented, column);
  const ruleLayer = parsed.layer.waves.length > 0 ? `${parsed.layer.as}_${parsed.layer.waves[0]}` : parsed.layer.as;
  const layer = has(ruleLayer) ? ruleLayer : has("layer") ? "layer" : null;
  const by = s.by ?? (has("generation") ? "generation" : undefined);
  const byOption = by === undefined ? {} : { by };
  const title = (m: typeof t.layers) => localize(m, {})[s.lang];
  const byName = by === undefined ? "" : (knownField(by)?.meta[s.lang] ?? by);
  const parts: StudyPart[] = [];
  // The answers as Likert bars go with the first part: the configuration's own items, else koe's awareness and action items.
  const itemCharts: StudyChart[] = [];
  const own = config.instrument === null ? [] : config.items.slice(0, LIKERT_ITEMS).map((i) => mapHeaders([i.column], config)[0]!.field ?? i.column);
  if (own.length > 0) {
    const instrument = Instrument.parse(config.instrument);
    itemCharts.push({ file: "segments-items", title: title(t.itemsChart), build: () => likertChart(respondents, { items: own, ...byOption, instrument, lang: s.lang, missing: config.missing }) });
  }
  if (layer !== null) {
    const report = layerDistribution(segmented, { layer, ...byOption, missing: config.missing });
    const charts: StudyChart[] = [];
    if (by !== undefined) {
      const labels = Object.fromEntries([...careerLayers.terms, ...generations.terms, ...jobTypes.terms].map((term) => [term.id, term[s.lang]]));
      const chartTitle = localize(t.layersChart, { by: byName })[s.lang];
      charts.push({ file: "segments-layers", title: chartTitle, build: () => segmentHeatmapChart(report.tables.distribution!, { row: by, column: layer, labels, title: chartTitle, lang: s.lang }) });
    }
    parts.push({ part: "layers", title: title(t.layers), report, charts: [...charts, ...itemCharts.splice(0)] });
    // The layers' awareness and action: each layer's group means by the segment (as segmentRespondents scored them), drawn as the gradient.
    const wave = parsed.layer.waves[0];
    const [awareness, action] = [parsed.layer.awareness.as, parsed.layer.action.as].map((as) => (wave === undefined ? as : `${as}_${wave}`)) as [string, string];
    if (by !== undefined && has(awareness) && has(action)) {
      const profile = segmentProfile(segmented, { segment: layer, by, scores: [awareness, action], missing: config.missing });
      // The chart places the three layers; the unclassified group stays in the tables, not among the layers' dots.
      const means = profile.tables.means!;
      const classified = { ...means, rows: means.rows.filter((r) => r[layer] !== UNCLASSIFIED) };
      const gradient: StudyChart = { file: "segments-layer-gradient", title: title(t.gradientChart), build: () => layerGradientChart(classified, { by, layer, awareness, action, lang: s.lang }) };
      parts.push({ part: "profile", title: title(t.profile), report: profile, charts: [gradient] });
    }
  }
  if (STEPS.some(has)) {
    const report = penetrationFunnel(segmented, { ...byOption, missing: config.missing });
    const funnel: StudyChart = { file: "segments-funnel", title: title(t.funnelChart), build: () => penetrationFunnelChart(report.tables.funnel!, { overall: report.tables.overall!, ...byOption, lang: s.lang }) };
    parts.push({ part: "funnel", title: title(t.funnel), report, charts: [funnel, ...itemCharts.splice(0)] });
  }
  // The configuration's own items: their scales' means by the segment (scoreScales, then segmentProfile).
  if (config.instrument !== null && by !== undefined) {
    const scored = scoreScales(segmented, Instrument.parse(config.instrument), { reliability: false, missing: config.missing });
    const report = segmentProfile(scored.table, { segment: by, scores: scored.scores.map((sc) => sc.column), missing: config.missing });
    parts.push({ part: "scores", title: localize(t.scores, { by: byName })[s.lang], report, charts: itemCharts.splice(0) });
  }
  if (parts.length === 0) throw KoeError.of(dataMessages.nothingToSegment, { columns: respondents.columnNames() });
  return { study: "segments", prefix: "segments", parts };
}
