// The studies through the command, on the bundled data: every table a study returns is written as
// the CSV the study's own report gives (UTF-8 with BOM) for the options the command was given, the
// charts as SVG, the findings printed in the chosen language, the report page without script — and
// exit code 1 when a study cannot run, with the others written all the same.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  codeFrequencies, codeTexts, crossBoundaryReport, DEFAULT_MISSING, initiativeReport, layerDistribution, penetrationFunnel, readCodebook, readComments,
  readInitiativeRatings, readRespondents, reportTable, reportText, segmentProfile, segmentRespondents, toCsv, type StudyReport, type Table,
} from "@koe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, koe, removeScratch, scratch, type Run } from "./run.js";

afterAll(removeScratch);

const BOM = "\uFEFF";
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Each table of `report` is `<dir>/<prefix>-<table>.csv`, byte for byte the CSV of the report's table, with a BOM. */
function expectTables(dir: string, prefix: string, report: StudyReport): void {
  for (const name of Object.keys(report.tables)) {
    const path = join(dir, `${prefix}-${kebab(name)}.csv`);
    expect(existsSync(path), path).toBe(true);
    const text = readFileSync(path, "utf8");
    expect(text.startsWith(BOM), path).toBe(true);
    expect(text.slice(1), path).toBe(toCsv(reportTable(report, name)));
  }
}

let respondents: Table;
let ratings: Table;
let comments: Table;

beforeAll(async () => {
  respondents = (await readRespondents(data("respondents.csv"))).table;
  ratings = (await readInitiativeRatings(data("initiative_ratings.csv"))).table;
  comments = (await readComments(data("comments.csv"))).table;
});

describe("koe report on every bundled file", () => {
  const out = scratch("report");
  let run: Run;
  beforeAll(async () => {
    const files = ["respondents.csv", "initiative_ratings.csv", "comments.csv", "codebook.json", "transcripts.csv"].map(data);
    run = await koe(["report", ...files, "--out", out, "--lang", "ja", "--resamples", "99", "--seed", "7"]);
  }, 600_000);

  it("exits 0, accounts for each file in Japanese, says the transcripts are not analysed, reports no problem", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("「respondents.csv」（回答者）を読みました: 5000行、採用 5000行、不採用 0行、問題 0件");
    expect(run.stdout).toContain("「comments.csv」（自由記述）を読みました: 500行");
    expect(run.stdout).toContain("「transcripts.csv」（インタビュー記録）を読みました: 98行");
    expect(run.stdout).toContain("インタビュー記録は読み込んで件数を確認しました");
    expect(run.stdout).toContain(`報告書: ${join(out, "report.html")}`);
  });

  it("writes each study's tables as its report gives them, for the seed and resamples given", async () => {
    expectTables(out, "initiatives", initiativeReport(ratings, { seed: 7, resamples: 99 }));
    expectTables(out, "cross-boundary", crossBoundaryReport(respondents, { seed: 7, resamples: 99 }));
    const segmented = segmentRespondents(respondents, { missing: [...DEFAULT_MISSING], layer: { as: "rule_layer" } });
    expectTables(out, "segments-layers", layerDistribution(segmented, { layer: "rule_layer_pre", by: "generation" }));
    expectTables(out, "segments-funnel", penetrationFunnel(segmented, { by: "generation" }));
    // Each layer's awareness and action by generation, as segmentRespondents scored them.
    expectTables(out, "segments-profile", segmentProfile(segmented, { segment: "rule_layer_pre", by: "generation", scores: ["awareness_pre", "action_pre"] }));
  });

  it("prints each study's findings as the study words them", () => {
    const initiatives = reportText(initiativeReport(ratings, { seed: 7, resamples: 99 }), "ja");
    expect(initiatives.findings.length).toBeGreaterThan(0);
    for (const finding of initiatives.findings) expect(run.stdout).toContain(`  • ${finding}`);
    for (const warning of initiatives.warnings) expect(run.stdout).toContain(`  ! ${warning}`);
    expect(readFileSync(join(out, "reading-initiatives.txt"), "utf8")).toContain(initiatives.findings[0]!);
  });

  it("draws every chart as SVG with Japanese text, and the report page holds them without script", () => {
    const svgs = readdirSync(out).filter((f) => f.endsWith(".svg"));
    for (const chart of ["initiatives-matrix", "initiatives-outcomes", "cross-boundary-pre-post", "cross-boundary-balance", "cross-boundary-effects", "voices-codes", "voices-by-generation", "segments-layers", "segments-layer-gradient", "segments-funnel"]) {
      expect(svgs).toContain(`${chart}.svg`);
    }
    for (const f of svgs) {
      const svg = readFileSync(join(out, f), "utf8");
      expect(svg.startsWith("<svg"), f).toBe(true);
      expect(svg, f).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).not.toContain("<script");
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(svgs.length);
    for (const heading of ["どの施策が、誰に、どの段階で効いたか", "越境経験: 参加者と非参加者", "自由記述で語られたこと", "キャリア意識層", "キャリア意識層ごとの意識と行動", "キャリアオーナーシップの浸透"]) expect(html).toContain(heading);
    for (const file of ["respondents.csv", "initiative_ratings.csv", "comments.csv", "transcripts.csv"]) expect(html).toContain(file);
  });
});

describe("one study at a time", () => {
  it("koe matrix --wave 2 --resamples 0 --lang en: the wave-2 matrix, its findings in English", async () => {
    const out = scratch("matrix");
    const run = await koe(["matrix", data("initiative_ratings.csv"), "--wave", "2", "--resamples", "0", "--lang", "en", "--out", out]);
    expect(run.code).toBe(0);
    const report = initiativeReport(ratings, { wave: 2, resamples: 0, seed: 1 });
    expect(report.provenance.wave).toBe(2);
    expectTables(out, "initiatives", report);
    for (const finding of reportText(report, "en").findings) expect(run.stdout).toContain(finding);
    expect(run.stdout).toMatch(/wrote \d+ files to /);
  });

  it("koe code --respondents --by job_type: the comments counted by the respondents' job type", async () => {
    const out = scratch("code");
    const run = await koe(["code", data("comments.csv"), "--codebook", data("codebook.json"), "--respondents", data("respondents.csv"), "--by", "job_type", "--out", out]);
    expect(run.code).toBe(0);
    // The documented join: the respondents' columns the comments lack, on respondent_id.
    const added = respondents.columnNames().filter((c) => !comments.columnNames().includes(c));
    const joined = comments.join_left(respondents.select("respondent_id", ...added), "respondent_id");
    const coded = codeTexts(joined, { text: "text", person: "respondent_id", codebook: await readCodebook(data("codebook.json")) });
    expectTables(out, "voices", codeFrequencies(coded, { by: "job_type", seed: 1 }));
    expect(existsSync(join(out, "voices-by-job-type.svg"))).toBe(true);
  });

  it("koe segments --rules: the layers by the rules given (here a stricter practising layer)", async () => {
    const dir = scratch("segments");
    const rules = { layer: { practising: { awarenessAtLeast: 4 } } };
    writeFileSync(join(dir, "rules.json"), JSON.stringify(rules));
    const run = await koe(["segments", data("respondents.csv"), "--rules", "rules.json", "--by", "job_type", "--out", "out"], { cwd: dir });
    expect(run.code).toBe(0);
    const segmented = segmentRespondents(respondents, { missing: [...DEFAULT_MISSING], layer: { as: "rule_layer", practising: { awarenessAtLeast: 4 } } });
    const layers = layerDistribution(segmented, { layer: "rule_layer_pre", by: "job_type" });
    expectTables(join(dir, "out"), "segments-layers", layers);
    const byDefault = layerDistribution(segmentRespondents(respondents, { layer: { as: "rule_layer" } }), { layer: "rule_layer_pre", by: "job_type" });
    expect(toCsv(reportTable(layers, "overall"))).not.toBe(toCsv(reportTable(byDefault, "overall")));
  });

  it("koe report --codebook with a codebook kept as CSV (as a non-programmer edits it in Excel)", async () => {
    const dir = scratch("csv-codebook");
    const csv = "id,ja,en,rule\nchance,機会,Chances,機会 or チャンス\nboss,上司,Managers,上司\n";
    writeFileSync(join(dir, "codes.csv"), csv);
    const run = await koe(["report", data("comments.csv"), data("respondents.csv"), "--codebook", "codes.csv", "--resamples", "19", "--out", "out"], { cwd: dir });
    expect(run.code).toBe(0);
    const added = respondents.columnNames().filter((c) => !comments.columnNames().includes(c));
    const joined = comments.join_left(respondents.select("respondent_id", ...added), "respondent_id");
    const coded = codeTexts(joined, { text: "text", person: "respondent_id", codebook: await readCodebook(csv) });
    expectTables(join(dir, "out"), "voices", codeFrequencies(coded, { by: "generation", seed: 1 }));
  });

  it("--quiet prints nothing and still writes the outputs", async () => {
    const out = scratch("quiet");
    const run = await koe(["compare", data("respondents.csv"), "--resamples", "19", "--quiet", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
    expectTables(out, "cross-boundary", crossBoundaryReport(respondents, { seed: 1, resamples: 19 }));
  });
});

describe("problems in the data exit with 1", () => {
  it("a study that cannot run (no column by that name): reported by name, the other studies written, exit 1", async () => {
    const out = scratch("failing");
    const run = await koe(["report", data("respondents.csv"), data("initiative_ratings.csv"), "--by", "bogus", "--resamples", "19", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/career-ownership segments: .*"bogus"/);
    expectTables(out, "initiatives", initiativeReport(ratings, { seed: 1, resamples: 19 }));
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Which initiatives work, for whom, at which step");
  });

  it("a file that is not a table, or whose columns say nothing koe knows", async () => {
    const dir = scratch("bad");
    writeFileSync(join(dir, "scan.csv"), "%PDF-1.4\n%âãÏÓ\n1 0 obj\n");
    writeFileSync(join(dir, "other.csv"), "foo,bar\n1,2\n");
    const pdf = await koe(["report", "scan.csv"], { cwd: dir });
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toContain('"scan.csv" is a PDF, not a table');
    const other = await koe(["--lang", "ja", "segments", "other.csv"], { cwd: dir });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("「other.csv」の列（「foo」、「bar」）からは、何のファイルか判別できません");
    const wrong = await koe(["matrix", data("respondents.csv")], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("holds respondents; this command needs initiative ratings");
  });

  it("rejected rows: printed with row and column and written to issues-<file>.csv; with --strict, exit 1", async () => {
    const dir = scratch("rejected");
    const header = "respondent_id,company,age,generation,job_type,layer,cross_boundary";
    writeFileSync(join(dir, "people.csv"), [header, "R1,C1,30,young,technical,interested,0", "R1,C1,41,mid,clerical,traditional,0", "R3,C2,三十,young,frontline,practising,1", ""].join("\n"));
    const lenient = await koe(["segments", "people.csv", "--out", "out"], { cwd: dir });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('read "people.csv" (respondents): 3 rows, 1 accepted, 2 rejected');
    expect(lenient.stderr).toContain('✗ row 3, column "respondent_id": "R1" in column "respondent_id" was already used in row 2');
    expect(lenient.stderr).toContain('✗ row 4, column "age": "三十" is not a number');
    const issues = readFileSync(join(dir, "out", "issues-people.csv"), "utf8");
    expect(issues.startsWith(BOM)).toBe(true);
    expect(issues).toContain("4,age,三十,not_a_number,error");
    const strict = await koe(["--lang", "ja", "segments", "people.csv", "--strict", "--out", "strict"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("4行目、列「age」");
    expect(existsSync(join(dir, "strict", "segments-layers-overall.csv"))).toBe(false);
  });
});
