// The demo: read the bundled consortium data, account for every row, and draw the respondents by
// company × generation with small groups suppressed, then every study. Writes out/ (or the folder
// given as the first argument): vega-lite JSON, SVG, PNG, tidy CSVs (UTF-8 with BOM), and the report
// colleagues open anywhere — report.html (Japanese) and report.en.html (English), readable without
// JavaScript — with the time each chart and each report took to render.
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
  scoreScales,
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
  type StudyReport,
} from "@koe/core";
import { balanceChart, buildReport, codeBarChart, layerGradientChart, layerTransitionChart, likertChart, penetrationFunnelChart, reskillingCycleChart, codeHeatmapChart, cooccurrenceChart, effectForestChart, initiativeMatrixChart, outcomeFunnelChart, prePostChart, renderSvg, segmentHeatmapChart, writeChart, type Lang, type ReportSection } from "@koe/charts";

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
/** A chart: its caption and its spec, drawn in one language. */
type Chart = NonNullable<ReportSection["charts"]>[number];
/** A chart's words in both languages, chosen by the report's language. */
const say = (lang: Lang, ja: string, en: string) => (lang === "ja" ? ja : en);
const generationLabels = (lang: Lang) => Object.fromEntries(generations.terms.map((t) => [t.id, t[lang]]));

// One report holds the three tables (everyone, participants, non-participants), suppressed
// together: no small group shows in one of them, nor by subtracting one from another.
const counts = countsReport(respondents, { row: "company", column: "generation", split: "cross_boundary" });
const heatmap = (name: "all" | "yes", lang: Lang): Chart => {
  const title = name === "all" ? say(lang, "会社×世代の回答者数", "Respondents by company × generation") : say(lang, "越境経験者数（会社×世代）", "Cross-boundary participants by company × generation");
  return { title, spec: segmentHeatmapChart(counts.tables[name]!, { lang, row: "company", column: "generation", labels: generationLabels(lang), title, rowTitle: say(lang, "会社", "Company"), columnTitle: say(lang, "世代", "Generation") }) };
};
for (const [name, file] of [["all", "respondents-by-company-generation"], ["yes", "participants-by-company-generation"]] as const) {
  await writeCsv(reportTable(counts, name), join(out, `${file}.csv`));
  const hidden = counts.tables[name]!.rows.filter((r) => r.suppressed).length;
  console.log(`${file}: ${counts.tables[name]!.rows.length} cells, ${hidden} suppressed → ${join(out, `${file}.png`)}`);
}

// 3. Which initiatives work, for whom, at which step: the study's report (the top-3 matrix with its
//    stability, what became of each initiative, broad ones, gaps, changes between the two waves),
//    with companies as the groups it protects. Its tables go to CSV and charts as they are.
const ratings = reads[1]![1].table;
const initiatives = initiativeReport(ratings, { wave: 1, resamples: 1000, seed: 20261125 });
const initiativeFiles: Record<string, string> = { matrix: "matrix", outcomes: "outcomes", broad: "broad", gaps: "gaps", waveChanges: "waves" };
for (const name of Object.keys(initiatives.tables)) await writeCsv(reportTable(initiatives, name), join(out, `initiative-${initiativeFiles[name] ?? name}.csv`));
/** A report's findings and warnings in both languages, as a text file beside the CSVs. */
function writeReading(file: string, reports: readonly StudyReport[]): void {
  const lines = reports.flatMap((r) => {
    const ja = reportText(r, "ja");
    const en = reportText(r, "en");
    return [...ja.findings, ...en.findings, ...ja.warnings.map((w, i) => `! ${w} / ${en.warnings[i]}`)];
  });
  writeFileSync(join(out, file), lines.join("\n") + "\n");
}
writeReading("initiative-reading.txt", [initiatives]);
const everyCell = initiatives.tables.broad!.rows.filter((b) => b.everyCell).map((b) => b.initiative);
console.log(`initiatives: top 3 by generation × step (wave ${initiatives.provenance.wave}); in every cell: ${everyCell.join(", ")}; gaps: ${initiatives.tables.gaps!.rows.length}`);

// 4. Cross-boundary assignments: participants against non-participants, honest about selection.
//    The study returns its report (tables, findings and warnings as notes, provenance), suppressed
//    at its edge: its tables go to CSV and charts as they are, its notes into words.
const report = crossBoundaryReport(respondents, { seed: 20261125 });
for (const name of Object.keys(report.tables)) await writeCsv(reportTable(report, name), join(out, `cross-boundary-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.csv`));
writeReading("cross-boundary-reading.txt", [report]);
console.log(reportText(report, "ja").findings.join("\n"));
const scaleLabels = (lang: Lang) => Object.fromEntries(careerSurveyInstrument.scales.map((s) => [s.id, s[lang]]));

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
writeReading("voices-reading.txt", Object.values(voiceReports));
// The interviews are coded the same way (turn by turn, the interviewee's turns only); six people
// are fewer than the free-text minimum of 10, so their counts stay with the analyst, unpublished.
const turns = reads[3]![1].table.filter((d: { speaker: string }) => d.speaker === "対象者");
const interviews = codeTexts(turns, { text: "text", id: ["transcript_id", "segment"], person: "respondent_id", codebook });
const interviewCodes = codeFrequencies(interviews, { by: "transcript_id" });
console.log(`interviews: ${interviews.table.numRows()} turns coded, ${interviews.spans.length} passages; ${interviewCodes.tables.frequencies!.rows.filter((r) => r.suppressed).length} of ${interviewCodes.tables.frequencies!.rows.length} cells withheld (6 interviewees, fewer than 10)`);
const quoteRows = voiceReports.quotes.tables.quotes!.rows;
console.log(`voices: ${coded.table.numRows()} comments, ${coded.spans.length} coded passages, ${quoteRows.length} quotes from groups of 10 or more`);

// 6. Career ownership: who is where (layers, the immobile layer and its sub-types), how far it has
//    spread (penetration steps), who moved between the waves, whom to address first, what a
//    dialogue pilot did for whom, and the reskilling cycle. Each is a report, suppressed at its edge.
//    The layers' picture is drawn from the profile's group means (awareness and action: the mean
//    of each person's three items, when at least two are answered), not from people one by one.
const AWARE = ["aware_01_pre", "aware_02_pre", "aware_03_pre"];
const ACTION = ["action_01_pre", "action_02_pre", "action_03_pre"];
const itemMean = (items: readonly string[]) => (d: Record<string, unknown>) => {
  const answers = items.map((i) => d[i]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return answers.length * 2 >= items.length ? answers.reduce((a, b) => a + b, 0) / answers.length : null;
};
const surveyScores = scoreScales(respondents, careerSurveyInstrument, { reliability: false });
const scored = surveyScores.table.derive({ awareness_pre: aq.escape(itemMean(AWARE)), action_pre: aq.escape(itemMean(ACTION)) });
const segmented = segmentRespondents(respondents, { layer: { as: "rule_layer" } });
const learning = (await readCsv(data("learning.csv"), { schema: LearningRecord })).table;
const pilot = (await readCsv(data("dialogue_pilot.csv"), { schema: DialoguePilotRecord })).table;
const careerReports = {
  profile: segmentProfile(scored, { segment: "layer", by: "generation", scores: [...surveyScores.scores.map((x) => x.column), "awareness_pre", "action_pre"] }),
  layers: layerDistribution(respondents, { layer: "layer", by: "generation" }),
  transitions: layerTransitions(respondents, { before: "layer", after: "layer_post" }),
  ruleLayers: layerDistribution(segmented, { layer: "rule_layer_pre", by: "generation" }),
  funnel: penetrationFunnel(respondents, { by: ["generation", "job_type", "manager"] }),
  immobile: immobileProfile(respondents, { by: "generation" }),
  pilot: moderatedEffectReport(pilot, { pre: "engagement_pre", post: "engagement_post", treatment: "dialogue", moderator: "sheet_quality", cluster: "company" }),
  reskilling: reskillingCycle(learning),
};
for (const [part, r] of Object.entries(careerReports)) for (const name of Object.keys(r.tables)) await writeCsv(reportTable(r, name), join(out, `career-${part}-${name}.csv`));
writeReading("career-reading.txt", Object.values(careerReports));
const plan = surveySampleSize({ marginOfError: 0.05, population: 1000 });
console.log(`career ownership: ${Object.values(careerReports).flatMap((r) => reportText(r, "ja").findings).length} findings; a survey of a 1,000-person site needs ${plan.n} answers for ±5 points`);

// 7. The charts, each drawn from its study's report (the Likert bars count the answers themselves,
//    hiding groups under 5), in either language; the Japanese ones are also written as files.
//    The report: every study as a section (its findings, warnings, charts and tables), then provenance.
const chartsOf = (lang: Lang) => ({
  "respondents-by-company-generation": heatmap("all", lang),
  "participants-by-company-generation": heatmap("yes", lang),
  "initiative-matrix": { title: say(lang, "施策の上位3（世代×浸透ステップ）", "Top 3 initiatives (generation × penetration step)"), spec: initiativeMatrixChart(initiatives, { lang, showStability: true }) },
  "initiative-outcomes": { title: say(lang, "施策の結果", "What became of each initiative"), spec: outcomeFunnelChart(initiatives.tables.outcomes!, { lang }) },
  "cross-boundary-pre-post": { title: say(lang, "越境: 事前・事後", "Cross-boundary: before and after"), spec: prePostChart(report.tables.prePost!, { lang, labels: scaleLabels(lang) }) },
  "cross-boundary-balance": { title: say(lang, "越境: 共変量のバランス", "Cross-boundary: covariate balance"), spec: balanceChart(report.tables.balance!, { lang, scale: "engagement" }) },
  "cross-boundary-effects": { title: say(lang, "越境: 効果の推定", "Cross-boundary: estimated effects"), spec: effectForestChart(report.tables.effects!, { lang, scale: "engagement" }) },
  "voices-codes": { title: say(lang, "声: 語られたこと", "Voices: what people wrote about"), spec: codeBarChart(voiceReports.generation.tables.overall!, { lang, title: say(lang, "自由記述で語られたこと（全体）", "What the comments talk about (everyone)") }) },
  "voices-by-generation": { title: say(lang, "声: 世代別", "Voices: by generation"), spec: codeHeatmapChart(voiceReports.generation.tables.frequencies!, { lang, by: "generation" }) },
  "voices-by-participation": { title: say(lang, "声: 越境経験の有無別", "Voices: by cross-boundary experience"), spec: codeHeatmapChart(voiceReports.participation.tables.frequencies!, { lang, by: "cross_boundary" }) },
  "voices-cooccurrence": { title: say(lang, "声: 一緒に語られること", "Voices: codes that come together"), spec: cooccurrenceChart(voiceReports.cooccurrence.tables.cooccurrence!, { lang, mode: "network" }) },
  "career-likert": { title: say(lang, "キャリア意識・行動の回答（世代別）", "Career awareness and action: answers by generation"), spec: likertChart(respondents, { lang, items: [...AWARE, ...ACTION], by: "generation" }) },
  "career-layer-gradient": { title: say(lang, "キャリア意識層のグラデーション", "The career-ownership layers"), spec: layerGradientChart(careerReports.profile.tables.means!, { lang, by: "generation", awareness: "awareness_pre", action: "action_pre" }) },
  "career-layer-transitions": { title: say(lang, "層の移動（1回目→2回目）", "Movement between layers (wave 1 → wave 2)"), spec: layerTransitionChart(careerReports.transitions.tables.transitions!, { lang, mode: "flow", movement: careerReports.transitions.tables.movement! }) },
  "career-funnel": { title: say(lang, "キャリアオーナーシップの浸透", "How far career ownership has spread"), spec: penetrationFunnelChart(careerReports.funnel.tables.funnel!, { lang, overall: careerReports.funnel.tables.overall! }) },
  "career-reskilling": { title: say(lang, "リスキリングのサイクル", "The reskilling cycle"), spec: reskillingCycleChart(careerReports.reskilling, { lang }) },
});
const sectionsOf = (lang: Lang): ReportSection[] => {
  const c = chartsOf(lang);
  const v = (ja: string, en: string) => say(lang, `声: ${ja}`, `Voices: ${en}`);
  return [
    { title: say(lang, "回答者数（会社×世代、越境経験の有無）", "Respondents (company × generation, by cross-boundary experience)"), report: counts, charts: [c["respondents-by-company-generation"], c["participants-by-company-generation"]] },
    { title: say(lang, "効果のあった施策", "Initiatives that worked"), report: initiatives, charts: [c["initiative-matrix"], c["initiative-outcomes"]] },
    { title: say(lang, "越境経験の効果", "Effects of cross-boundary assignments"), report, charts: [c["cross-boundary-pre-post"], c["cross-boundary-balance"], c["cross-boundary-effects"]] },
    { title: v("世代別に語られたこと", "codes by generation"), report: voiceReports.generation, charts: [c["voices-codes"], c["voices-by-generation"]] },
    { title: v("越境経験の有無別", "codes by cross-boundary experience"), report: voiceReports.participation, charts: [c["voices-by-participation"]] },
    { title: v("一緒に語られること", "codes that come together"), report: voiceReports.cooccurrence, charts: [c["voices-cooccurrence"]] },
    { title: v("引用", "quotes"), report: voiceReports.quotes },
    { title: v("コーディングの一致", "agreement of the coders"), report: voiceReports.agreement },
    { title: v("不動層の理由", "the immobile layer's reasons"), report: voiceReports.immobile },
    { title: say(lang, "キャリア意識層のプロフィール", "Profile of the career-ownership layers"), report: careerReports.profile, charts: [c["career-likert"], c["career-layer-gradient"]] },
    { title: say(lang, "世代別の層の分布", "Layers by generation"), report: careerReports.layers },
    { title: say(lang, "層の移動", "Movement between layers"), report: careerReports.transitions, charts: [c["career-layer-transitions"]] },
    { title: say(lang, "ルールで分けた層（世代別）", "Layers by koe's rules, by generation"), report: careerReports.ruleLayers },
    { title: say(lang, "浸透ステップ", "Penetration steps"), report: careerReports.funnel, charts: [c["career-funnel"]] },
    { title: say(lang, "不動層", "The immobile layer"), report: careerReports.immobile },
    { title: say(lang, "キャリアシート面談のパイロット", "The career-sheet dialogue pilot"), report: careerReports.pilot },
    { title: say(lang, "リスキリングのサイクル", "The reskilling cycle"), report: careerReports.reskilling, charts: [c["career-reskilling"]] },
  ];
};

const ms = (start: number) => Math.round(performance.now() - start);
const jaCharts = chartsOf("ja");
for (const [file, { spec }] of Object.entries(jaCharts)) await writeChart(spec, join(out, file));
// Render times: each chart to SVG alone (the report draws each once more), then each whole report.
console.log("render / 描画 (ms per chart, SVG):");
for (const [file, { spec }] of Object.entries(jaCharts)) {
  const start = performance.now();
  const svg = await renderSvg(spec);
  console.log(`  ${file}: ${ms(start)} ms, ${(svg.length / 1024).toFixed(0)} KB`);
}
const files = reads.map(([file, r]) => ({ file, encoding: r.summary.encoding, rowsRead: r.summary.rowsRead, rowsAccepted: r.summary.rowsAccepted, rowsRejected: r.summary.rowsRejected, issues: r.issues.length }));
for (const [lang, file, title] of [["ja", "report.html", "koe デモ: キャリアオーナーシップ調査"], ["en", "report.en.html", "koe demo: career-ownership survey"]] as const) {
  const start = performance.now();
  const html = await buildReport(sectionsOf(lang), { lang, title, reads: files });
  writeFileSync(join(out, file), html);
  console.log(`report (${lang}): ${join(out, file)} — ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, built in ${ms(start)} ms`);
}
