// The demo: read the bundled consortium data, account for every row, and draw the respondents by
// company × generation with small groups suppressed. Writes out/ (or the folder given as the first
// argument): vega-lite JSON, SVG, PNG, an offline HTML report and tidy CSVs (UTF-8 with BOM).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as aq from "arquero";
import {
  careerSurveyInstrument,
  countsReport,
  crossBoundaryReport,
  reportTable,
  reportText,
  generations,
  initiativeReport,
  readComments,
  readInitiativeRatings,
  readRespondents,
  readTranscripts,
  readCodebook,
  codeTexts,
  codeFrequencies,
  codeCooccurrence,
  quotes,
  immobileReasons,
  coderAgreement,
  readCsv,
  segmentRespondents,
  segmentProfile,
  layerDistribution,
  layerTransitions,
  penetrationFunnel,
  immobileProfile,
  moderatedEffectReport,
  reskillingCycle,
  surveySampleSize,
  LearningRecord,
  DialoguePilotRecord,
  writeCsv,
  type ReadResult,
} from "@koe/core";
import { balanceChart, codeBarChart, layerGradientChart, layerTransitionChart, likertChart, penetrationFunnelChart, reskillingCycleChart, codeHeatmapChart, cooccurrenceChart, effectForestChart, initiativeMatrixChart, outcomeFunnelChart, prePostChart, renderHtml, segmentHeatmapChart, writeChart } from "@koe/charts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const data = (f: string) => join(root, "data", f);
const out = process.argv[2] ?? join(root, "out");
mkdirSync(out, { recursive: true });

// 1. Read everything; every row is accounted for.
const reads: [string, ReadResult][] = [
  ["respondents.csv", await readRespondents(data("respondents.csv"))],
  ["initiative_ratings.csv", await readInitiativeRatings(data("initiative_ratings.csv"))],
  ["comments.csv", await readComments(data("comments.csv"))],
  ["transcripts.csv", await readTranscripts(data("transcripts.csv"))],
];
const summary = aq.from(reads.map(([file, r]) => ({ file, ...r.summary, columns: r.table.numCols(), issues: r.issues.length })))
  .select("file", "encoding", "rowsRead", "rowsAccepted", "rowsRejected", "columns", "issues");
console.log("読み込み / files read (accepted + rejected = read):");
summary.print();
await writeCsv(summary, join(out, "read-summary.csv"));

// 2. Respondents by company × generation, then the same for cross-boundary participants only —
//    small groups are hidden, including any a reader could recover by subtraction from totals.
const respondents = reads[0]![1].table;
const labels = Object.fromEntries(generations.terms.map((t) => [t.id, t.ja]));

// One report holds the three tables (everyone, participants, non-participants), suppressed
// together: no small group shows in one of them, nor by subtracting one from another.
const counts = countsReport(respondents, { row: "company", column: "generation", split: "cross_boundary" });
async function heatmap(name: "all" | "yes", file: string, title: string) {
  const spec = segmentHeatmapChart(counts.tables[name]!, { row: "company", column: "generation", labels, title, rowTitle: "会社", columnTitle: "世代" });
  const files = await writeChart(spec, join(out, file));
  await writeCsv(reportTable(counts, name), join(out, `${file}.csv`));
  const hidden = counts.tables[name]!.rows.filter((r) => r.suppressed).length;
  console.log(`${file}: ${counts.tables[name]!.rows.length} cells, ${hidden} suppressed → ${files.png}`);
  return { title, spec };
}

const charts = [
  await heatmap("all", "respondents-by-company-generation", "会社×世代の回答者数"),
  await heatmap("yes", "participants-by-company-generation", "越境経験者数（会社×世代）"),
];
// 3. Which initiatives work, for whom, at which step: the study's report (the top-3 matrix with its
//    stability, what became of each initiative, broad ones, gaps, changes between the two waves),
//    with companies as the groups it protects. Its tables go to CSV and charts as they are.
const ratings = reads[1]![1].table;
const initiatives = initiativeReport(ratings, { wave: 1, resamples: 1000, seed: 20261125 });
const initiativeFiles: Record<string, string> = { matrix: "matrix", outcomes: "outcomes", broad: "broad", gaps: "gaps", waveChanges: "waves" };
for (const name of Object.keys(initiatives.tables)) await writeCsv(reportTable(initiatives, name), join(out, `initiative-${initiativeFiles[name] ?? name}.csv`));
const initiativeReading = { ja: reportText(initiatives, "ja"), en: reportText(initiatives, "en") };
writeFileSync(join(out, "initiative-reading.txt"), [...initiativeReading.ja.findings, "", ...initiativeReading.en.findings, "", ...initiativeReading.ja.warnings.map((w, i) => `! ${w} / ${initiativeReading.en.warnings[i]}`)].join("\n") + "\n");
const matrixSpec = initiativeMatrixChart(initiatives.tables.matrix!, { showStability: true });
await writeChart(matrixSpec, join(out, "initiative-matrix"));
const funnelSpec = outcomeFunnelChart(initiatives.tables.outcomes!);
await writeChart(funnelSpec, join(out, "initiative-outcomes"));
const everyCell = initiatives.tables.broad!.rows.filter((b) => b.everyCell).map((b) => b.initiative);
console.log(`initiatives: top 3 by generation × step (wave ${initiatives.provenance.wave}); in every cell: ${everyCell.join(", ")}; gaps: ${initiatives.tables.gaps!.rows.length}`);
charts.push({ title: "施策の上位3（世代×浸透ステップ）", spec: matrixSpec }, { title: "施策の結果", spec: funnelSpec });

// 4. Cross-boundary assignments: participants against non-participants, honest about selection.
//    The study returns its report (tables, findings and warnings as notes, provenance), suppressed
//    at its edge: its tables go to CSV and charts as they are, its notes into words.
const report = crossBoundaryReport(respondents, { seed: 20261125 });
for (const name of Object.keys(report.tables)) await writeCsv(reportTable(report, name), join(out, `cross-boundary-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.csv`));
const reading = { ja: reportText(report, "ja"), en: reportText(report, "en") };
writeFileSync(join(out, "cross-boundary-reading.txt"), [...reading.ja.findings, "", ...reading.en.findings, "", ...reading.ja.warnings.map((w, i) => `! ${w} / ${reading.en.warnings[i]}`)].join("\n") + "\n");
console.log(reading.ja.findings.join("\n"));
const scaleLabels = Object.fromEntries(careerSurveyInstrument.scales.map((s) => [s.id, s.ja]));
const prePostSpec = prePostChart(report.tables.prePost!, { labels: scaleLabels });
const balanceSpec = balanceChart(report.tables.balance!, { scale: "engagement" });
const forestSpec = effectForestChart(report.tables.effects!, { scale: "engagement" });
await writeChart(prePostSpec, join(out, "cross-boundary-pre-post"));
await writeChart(balanceSpec, join(out, "cross-boundary-balance"));
await writeChart(forestSpec, join(out, "cross-boundary-effects"));
charts.push({ title: "越境: 事前・事後", spec: prePostSpec }, { title: "越境: 共変量のバランス", spec: balanceSpec }, { title: "越境: 効果の推定", spec: forestSpec });

// 5. Voices: the comments coded against the codebook, counted by segment with the words behind each
//    count, codes that come together, quotes (masked, only from groups of 10 or more), and the
//    immobile layer's reasons read as its three sub-types. Every table goes through the report edge.
const comments = reads[2]![1].table.join_left(respondents.select("respondent_id", "generation", "job_type", "layer", "immobile_type", "cross_boundary"), "respondent_id");
const codebook = await readCodebook(data("codebook.json"));
// Two people coded the first 150 comments by hand (comment_codings.csv): their codings sit beside koe's.
const manual = (await readCsv(data("comment_codings.csv"))).table;
const coded = codeTexts(comments, { text: "text", person: "respondent_id", codebook, manual, missing: ["特になし", "なし"] });
const voiceReports = {
  generation: codeFrequencies(coded, { by: "generation" }),
  participation: codeFrequencies(coded, { by: "cross_boundary" }),
  // Leaf codes only: a grouping code always comes with the codes under it.
  cooccurrence: codeCooccurrence(coded, { codes: codebook.codes.filter((c) => c.parsed !== null).map((c) => c.id) }),
  quotes: quotes(coded, { by: "generation", limit: 2, seed: 20261125 }),
  // koe's rules and the two coders, on the 150 comments the coders read.
  agreement: coderAgreement(coded, { codes: codebook.codes.filter((c) => c.parsed !== null).map((c) => c.id) }),
  // Split by generation, every cell of the sub-type mix would be hidden (about 50 immobile writers per generation): the mix is shown over all.
  immobile: immobileReasons(codeTexts(comments.filter((d: { immobile_type: string | null }) => d.immobile_type !== null), { text: "text", person: "respondent_id", codebook })),
};
for (const [part, r] of Object.entries(voiceReports)) for (const name of Object.keys(r.tables)) await writeCsv(reportTable(r, name), join(out, `voices-${part}-${name}.csv`));
const voicesReading = Object.values(voiceReports).map((r) => ({ ja: reportText(r, "ja"), en: reportText(r, "en") }));
writeFileSync(join(out, "voices-reading.txt"), voicesReading.flatMap((r) => [...r.ja.findings, ...r.en.findings, ...r.ja.warnings.map((w, i) => `! ${w} / ${r.en.warnings[i]}`)]).join("\n") + "\n");
const codeBarSpec = codeBarChart(voiceReports.generation.tables.overall!, { title: "自由記述で語られたこと（全体）" });
const codeGenerationSpec = codeHeatmapChart(voiceReports.generation.tables.frequencies!, { by: "generation" });
const codeParticipationSpec = codeHeatmapChart(voiceReports.participation.tables.frequencies!, { by: "cross_boundary" });
const cooccurrenceSpec = cooccurrenceChart(voiceReports.cooccurrence.tables.cooccurrence!, { mode: "network" });
await writeChart(codeBarSpec, join(out, "voices-codes"));
await writeChart(codeGenerationSpec, join(out, "voices-by-generation"));
await writeChart(codeParticipationSpec, join(out, "voices-by-participation"));
await writeChart(cooccurrenceSpec, join(out, "voices-cooccurrence"));
// The interviews are coded the same way (turn by turn, the interviewee's turns only); six people
// are fewer than the free-text minimum of 10, so their counts stay with the analyst, unpublished.
const turns = reads[3]![1].table.filter((d: { speaker: string }) => d.speaker === "対象者");
const interviews = codeTexts(turns, { text: "text", id: ["transcript_id", "segment"], person: "respondent_id", codebook });
const interviewCodes = codeFrequencies(interviews, { by: "transcript_id" });
console.log(`interviews: ${interviews.table.numRows()} turns coded, ${interviews.spans.length} passages; ${interviewCodes.tables.frequencies!.rows.filter((r) => r.suppressed).length} of ${interviewCodes.tables.frequencies!.rows.length} cells withheld (6 interviewees, fewer than 10)`);
const quoteRows = voiceReports.quotes.tables.quotes!.rows;
console.log(`voices: ${coded.table.numRows()} comments, ${coded.spans.length} coded passages, ${quoteRows.length} quotes from groups of 10 or more`);
charts.push({ title: "声: 語られたこと", spec: codeBarSpec }, { title: "声: 世代別", spec: codeGenerationSpec }, { title: "声: 越境経験の有無別", spec: codeParticipationSpec }, { title: "声: 一緒に語られること", spec: cooccurrenceSpec });

// 6. Career ownership: who is where (layers, the immobile layer and its sub-types), how far it has
//    spread (penetration steps), who moved between the waves, whom to address first, what a
//    dialogue pilot did for whom, and the reskilling cycle. Each is a report, suppressed at its edge.
const segmented = segmentRespondents(respondents, { layer: { as: "rule_layer" } });
const learning = (await readCsv(data("learning.csv"), { schema: LearningRecord })).table;
const pilot = (await readCsv(data("dialogue_pilot.csv"), { schema: DialoguePilotRecord })).table;
const careerReports = {
  profile: segmentProfile(respondents, { segment: "layer", by: "generation" }),
  layers: layerDistribution(respondents, { layer: "layer", by: "generation" }),
  transitions: layerTransitions(respondents, { before: "layer", after: "layer_post" }),
  ruleLayers: layerDistribution(segmented, { layer: "rule_layer_pre", by: "generation" }),
  funnel: penetrationFunnel(respondents, { by: ["generation", "job_type", "manager"] }),
  immobile: immobileProfile(respondents, { by: "generation" }),
  pilot: moderatedEffectReport(pilot, { pre: "engagement_pre", post: "engagement_post", treatment: "dialogue", moderator: "sheet_quality", cluster: "company" }),
  reskilling: reskillingCycle(learning),
};
for (const [part, r] of Object.entries(careerReports)) for (const name of Object.keys(r.tables)) await writeCsv(reportTable(r, name), join(out, `career-${part}-${name}.csv`));
const careerReading = Object.values(careerReports).map((r) => ({ ja: reportText(r, "ja"), en: reportText(r, "en") }));
writeFileSync(join(out, "career-reading.txt"), careerReading.flatMap((r) => [...r.ja.findings, ...r.en.findings, ...r.ja.warnings.map((w, i) => `! ${w} / ${r.en.warnings[i]}`)]).join("\n") + "\n");
const careerCharts = {
  "career-likert": { title: "キャリア意識・行動の回答（世代別）", spec: likertChart(respondents, { items: ["aware_01_pre", "aware_02_pre", "aware_03_pre", "action_01_pre", "action_02_pre", "action_03_pre"], by: "generation" }) },
  "career-layer-gradient": { title: "キャリア意識層のグラデーション", spec: layerGradientChart(respondents, { by: "generation" }) },
  "career-layer-transitions": { title: "層の移動（1回目→2回目）", spec: layerTransitionChart(careerReports.transitions.tables.transitions!, { mode: "flow", movement: careerReports.transitions.tables.movement! }) },
  "career-funnel": { title: "キャリアオーナーシップの浸透", spec: penetrationFunnelChart(careerReports.funnel.tables.funnel!, { overall: careerReports.funnel.tables.overall! }) },
  "career-reskilling": { title: "リスキリングのサイクル", spec: reskillingCycleChart(careerReports.reskilling) },
};
for (const [file, { title, spec }] of Object.entries(careerCharts)) {
  await writeChart(spec, join(out, file));
  charts.push({ title, spec });
}
const plan = surveySampleSize({ marginOfError: 0.05, population: 1000 });
console.log(`career ownership: ${careerReading.flatMap((r) => r.ja.findings).length} findings; a survey of a 1,000-person site needs ${plan.n} answers for ±5 points`);

writeFileSync(join(out, "report.html"), renderHtml(charts, { title: "koe デモ: キャリアオーナーシップ調査" }));
console.log(`report: ${join(out, "report.html")}`);
