// The bundled dataset is exactly what its seeded generator writes, in the shapes, rates and
// encodings data/README.md promises.
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DialoguePilotRecord, LearningRecord, readComments, readCsv, readInitiativeRatings, readRespondents, readTranscripts } from "@koe/core";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DATASET_FILES,
  DEFAULT_SEED,
  generateDataset,
  truthMarkdown,
  TRUTH_BEGIN,
  TRUTH_END,
  writeRespondentsCsv,
  type DatasetTruth,
} from "../data/generator/index.js";

const dataDir = join(import.meta.dirname, "..", "data");
const bundled = (file: string) => readFileSync(join(dataDir, file));
const rows = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true });

const ITEMS = [...Array.from({ length: 10 }, (_, i) => `eng_${String(i + 1).padStart(2, "0")}`), ...Array.from({ length: 6 }, (_, i) => `inn_${String(i + 1).padStart(2, "0")}`)];
/** The 43 columns of generator version 4, unchanged since. */
const V4_COLUMNS = [
  "respondent_id", "company", "age", "generation", "job_type", "manager", "layer", "immobile_type", "cross_boundary", "cb_kind", "cb_selection",
  ...ITEMS.map((i) => `${i}_pre`),
  ...ITEMS.map((i) => `${i}_post`),
];
const CAREER_ITEMS = ["aware_01", "aware_02", "aware_03", "action_01", "action_02", "action_03", "trad_view"];
/** The career-ownership columns appended by version 5 (issue 11). */
const CAREER_COLUMNS = [
  ...CAREER_ITEMS.map((i) => `${i}_pre`),
  ...CAREER_ITEMS.map((i) => `${i}_post`),
  "layer_post",
  "imm_unaware", "imm_never", "imm_gave_up", "imm_open",
  "step_know", "step_understand", "step_deepen", "step_practice",
];
const RESPONDENT_COLUMNS = [...V4_COLUMNS, ...CAREER_COLUMNS];
const LIKERT_COLUMNS = [...V4_COLUMNS.slice(11), ...CAREER_COLUMNS.filter((c) => !c.startsWith("step_") && c !== "layer_post")];

/**
 * SHA-256 of the files of generator version 4 (commit 56e8408; `git show 56e8408:data/<file> | sha256sum`):
 * version 5 only appends columns to respondents.csv and adds files, so these must not change.
 */
const V4_SHA256: Record<string, string> = {
  "respondents.csv": "660b59ad523fc1e7483ad6e655115b192ae2b74f0141e3e903cfc022bc18072d",
  "initiative_ratings.csv": "b0b5f4aebb63327fb3b05bcf67325607af2b8ef30c0e85328961517360f488ca",
  "comments.csv": "ac967a3765d554e634d89e108037afe49f2b67d955f7789763b35e7a9a469950",
  "comment_codings.csv": "88f55e66d668158c88cbd9fc0ffb713ba298609bac856609ba5b7edf221ab747",
  "transcripts.csv": "75887bb33875ef4842e506335326b7506d5b4f90a8745ee64a82073cc8b81958",
  "codebook.json": "89c123df702ac7bc1a4e6a963f84ace7fbc134da3db1f589081acf992eb3aa22",
  "instrument.json": "e96317764157c9c6423f2a49c9f1e21d360ca0ab181d6968d3fff9f103cd8b33",
};
const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const REVERSED = new Set(["eng_06", "eng_08", "inn_03", "inn_06"]);

let dir: string;
let truth: DatasetTruth;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "koe-data-"));
  truth = generateDataset({ outDir: dir });
});

describe("the bundled dataset is its generator's output", () => {
  it("regenerates byte for byte with the same seed (so the committed files are not stale)", () => {
    for (const file of DATASET_FILES) expect(readFileSync(join(dir, file)).equals(bundled(file)), file).toBe(true);
  });

  it("states in data/README.md exactly the numbers of truth.json", () => {
    const readme = bundled("README.md").toString("utf8");
    const block = readme.slice(readme.indexOf(TRUTH_BEGIN), readme.indexOf(TRUTH_END) + TRUTH_END.length);
    expect(block).toBe(truthMarkdown(truth));
    expect(block).toContain(`**${truth.respondents.engagement.trueAtt.toFixed(3)}**`);
  });

  it("changes with the seed, in every random file", () => {
    const other = mkdtempSync(join(tmpdir(), "koe-data-"));
    const t2 = generateDataset({ outDir: other, seed: DEFAULT_SEED + 1 });
    for (const file of ["respondents.csv", "initiative_ratings.csv", "comments.csv", "comment_codings.csv", "transcripts.csv", "learning.csv", "dialogue_pilot.csv", "truth.json"]) {
      expect(readFileSync(join(other, file)).equals(bundled(file)), file).toBe(false);
    }
    expect(t2.respondents.engagement.trueAtt).not.toBe(truth.respondents.engagement.trueAtt);
    expect(t2.generator.seed).toBe(DEFAULT_SEED + 1);
  });

  it("keeps every file of version 4 byte for byte, and respondents.csv's first 43 columns (new values come from new streams)", () => {
    for (const file of Object.keys(V4_SHA256).filter((f) => f !== "respondents.csv")) expect(sha256(bundled(file)), file).toBe(V4_SHA256[file]);
    const lines = bundled("respondents.csv").toString("utf8").split("\n");
    const first43 = lines.map((l) => (l === "" ? "" : l.split(",").slice(0, 43).join(","))).join("\n");
    expect(sha256(first43)).toBe(V4_SHA256["respondents.csv"]);
  });

  it("checks its options", () => {
    expect(() => generateDataset({ outDir: dir, respondents: 10 })).toThrow(/at least 50/);
    expect(() => generateDataset({ outDir: dir, respondents: 100, comments: 101 })).toThrow(/comments must be/);
    return expect(writeRespondentsCsv(join(dir, "x.csv"), { n: -1 })).rejects.toThrow(RangeError);
  });
});

describe("respondents.csv", () => {
  const people = () => rows(bundled("respondents.csv").toString("utf8"));

  it("has exactly the documented columns, 5,000 rows and unique ids", () => {
    const header = bundled("respondents.csv").toString("utf8").split("\n", 1)[0]!;
    expect(header.split(",")).toEqual(RESPONDENT_COLUMNS);
    const p = people();
    expect(p.length).toBe(5000);
    expect(new Set(p.map((r) => r.respondent_id)).size).toBe(5000);
    expect(p[0]!.respondent_id).toBe("R0000001");
  });

  it("has consistent segments: generation from age, immobile only in the traditional layer, cross-boundary details only for participants", () => {
    for (const r of people()) {
      const age = Number(r.age);
      expect(Number.isInteger(age) && age >= 22 && age <= 64).toBe(true);
      expect(r.generation).toBe(age < 35 ? "young" : age < 50 ? "mid" : "senior");
      expect(["technical", "clerical", "frontline"]).toContain(r.job_type);
      expect(["traditional", "interested", "practising"]).toContain(r.layer);
      if (r.immobile_type !== "") {
        expect(r.layer).toBe("traditional");
        expect(["unaware", "never_positive", "gave_up"]).toContain(r.immobile_type);
      }
      expect(["traditional", "interested", "practising"]).toContain(r.layer_post);
      for (const c of CAREER_COLUMNS.filter((x) => x.startsWith("step_"))) expect(["0", "1"]).toContain(r[c]);
      expect(r.cb_kind === "").toBe(r.cross_boundary === "0");
      expect(r.cb_selection === "").toBe(r.cross_boundary === "0");
      if (r.cross_boundary === "1") {
        expect(["internal", "external"]).toContain(r.cb_kind);
        expect(["self_nominated", "appointed"]).toContain(r.cb_selection);
      }
    }
  });

  it("has about 5% participants, about 2% blank answers, unequal companies and managers mostly mid/senior", () => {
    const p = people();
    const part = p.filter((r) => r.cross_boundary === "1").length / p.length;
    expect(part).toBeGreaterThan(0.04);
    expect(part).toBeLessThan(0.06);
    let blank = 0;
    let cells = 0;
    const outOfRange: string[] = [];
    for (const r of p) {
      for (const c of LIKERT_COLUMNS) {
        cells++;
        if (r[c] === "") blank++;
        else if (!/^[1-5]$/.test(r[c]!)) outOfRange.push(`${r.respondent_id} ${c}: ${r[c]}`);
      }
    }
    expect(outOfRange).toEqual([]);
    expect(blank / cells).toBeGreaterThan(0.015);
    expect(blank / cells).toBeLessThan(0.025);
    const sizes = new Map<string, number>();
    for (const r of p) sizes.set(r.company!, (sizes.get(r.company!) ?? 0) + 1);
    expect([...sizes.keys()].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `C${String(i + 1).padStart(2, "0")}`));
    const sorted = [...sizes.values()].sort((a, b) => b - a);
    expect(sorted.slice(0, 4).every((n) => n > 450)).toBe(true);
    expect(sorted.slice(4).every((n) => n >= 40 && n <= 250)).toBe(true);
    const managers = p.filter((r) => r.manager === "1");
    expect(managers.filter((r) => r.generation === "young").length / managers.length).toBeLessThan(0.05);
    const immobile = p.filter((r) => r.immobile_type !== "").length / p.filter((r) => r.layer === "traditional").length;
    expect(immobile).toBeGreaterThan(0.4);
    expect(immobile).toBeLessThan(0.6);
  });

  it("writes reverse-keyed items reversed: they correlate negatively with the rest of their scale", () => {
    const p = people();
    const score = (r: Record<string, string>, items: string[]) => {
      const v = items.map((i) => r[`${i}_pre`]).filter((x) => x !== "").map(Number);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    const forward = ITEMS.filter((i) => i.startsWith("eng") && !REVERSED.has(i));
    const x = p.filter((r) => r.eng_06_pre !== "").map((r) => [Number(r.eng_06_pre), score(r, forward)] as const);
    const mx = x.reduce((a, [v]) => a + v, 0) / x.length;
    const my = x.reduce((a, [, s]) => a + s, 0) / x.length;
    const cov = x.reduce((a, [v, s]) => a + (v - mx) * (s - my), 0);
    expect(cov).toBeLessThan(0);
  });

  it("reads in @koe/core without a rejected row, as do the other CSV files", async () => {
    const r = await readRespondents(join(dataDir, "respondents.csv"));
    expect(r.summary).toMatchObject({ rowsRead: 5000, rowsAccepted: 5000, encoding: "utf-8" });
    expect(r.table.numCols()).toBe(RESPONDENT_COLUMNS.length);
    expect([...r.table.columnNames()].sort()).toEqual([...RESPONDENT_COLUMNS].sort());
    expect(r.issues.filter((i) => i.severity === "error" || i.code === "unknown_column" || i.code === "missing_column")).toEqual([]);
    const first = r.table.object(0) as Record<string, unknown>;
    const line1 = people()[0]!;
    expect(first.layer_post).toBe(line1.layer_post);
    expect(first.step_know).toBe(line1.step_know === "1");
    expect(first.aware_01_pre).toBe(line1.aware_01_pre === "" ? Number.NaN : Number(line1.aware_01_pre));
    const ratings = await readInitiativeRatings(join(dataDir, "initiative_ratings.csv"));
    expect(ratings.summary).toMatchObject({ rowsRead: truth.initiatives.rows, rowsRejected: 0 });
    const comments = await readComments(join(dataDir, "comments.csv"));
    expect(comments.summary).toMatchObject({ rowsRead: 500, rowsRejected: 0, encoding: "shift_jis" });
    const transcripts = await readTranscripts(join(dataDir, "transcripts.csv"));
    expect(transcripts.summary).toMatchObject({ rowsRead: 98, rowsRejected: 0 });
    const learning = await readCsv(join(dataDir, "learning.csv"), { schema: LearningRecord, unique: [["respondent_id", "period"]] });
    expect(learning.summary).toMatchObject({ rowsRead: 20000, rowsAccepted: 20000 });
    expect(learning.issues).toEqual([]);
    const pilot = await readCsv(join(dataDir, "dialogue_pilot.csv"), { schema: DialoguePilotRecord, unique: ["pilot_id"] });
    expect(pilot.summary).toMatchObject({ rowsRead: 800, rowsAccepted: 800 });
    expect(pilot.issues).toEqual([]);
  });
});

describe("encodings, as users' exports have them", () => {
  it("respondents.csv, transcripts.csv, learning.csv and dialogue_pilot.csv are UTF-8 without BOM", () => {
    for (const file of ["respondents.csv", "transcripts.csv", "learning.csv", "dialogue_pilot.csv"]) {
      expect(isUtf8(bundled(file)), file).toBe(true);
      expect(bundled(file)[0], file).not.toBe(0xef);
    }
  });

  it("initiative_ratings.csv starts with a BOM and has Japanese headers", () => {
    const bytes = bundled("initiative_ratings.csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").slice(1).split("\n", 1)[0]).toBe("会社,調査回,世代,浸透ステップ,施策,効果あり,結果,理由コード,理由");
  });

  it("comments.csv is not UTF-8 but Shift_JIS: rows end in CRLF, line breaks inside a quoted answer are LF, as Excel writes them", () => {
    const bytes = bundled("comments.csv");
    expect(isUtf8(bytes)).toBe(false);
    const text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("回答者ID,会社,設問,回答");
    expect(lines.length).toBe(502); // header, 500 rows, and the empty string after the last CRLF
    const multiLine = lines.filter((l) => l.includes("\n"));
    expect(multiLine.length).toBeGreaterThan(5);
    for (const l of multiLine) expect(l).toMatch(/^R\d{7},C\d\d,[^,]+,"[^"]+\n[^"]+"$/);
    expect(rows(text).length).toBe(500);
    expect(text).toMatch(/[\uff66-\uff9f]/); // ｱ … ﾟ
    expect(text).toMatch(/[０-９]/);
  });
});

describe("writeRespondentsCsv (streamed, for a million rows)", () => {
  it("writes the same rows as the in-memory generator for the same seed", async () => {
    const path = join(dir, "stream.csv");
    await writeRespondentsCsv(path, { n: 2000 });
    const streamed = readFileSync(path, "utf8").split("\n");
    const inMemory = bundled("respondents.csv").toString("utf8").split("\n");
    expect(streamed.length).toBe(2002); // header, 2,000 rows, "" after the last LF
    expect(streamed.at(-1)).toBe("");
    expect(streamed.slice(0, 2001)).toEqual(inMemory.slice(0, 2001));
  });

  it("follows the seed", async () => {
    const path = join(dir, "stream-7.csv");
    await writeRespondentsCsv(path, { n: 50, seed: 7 });
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines[0]).toBe(RESPONDENT_COLUMNS.join(","));
    expect(lines[1]).not.toBe(bundled("respondents.csv").toString("utf8").split("\n")[1]);
  });
});
