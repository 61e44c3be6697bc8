// The command's parts in-process: the language chosen, exit codes of errors, headers mapped to koe's
// fields and files recognised, what init learns from a file's head, and the progress bar — drawn on a
// terminal (a pseudo-terminal from `script`, as a person sees it), silent on a pipe.
import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import * as aq from "arquero";
import { InsufficientDataError, KoeError, readCsv } from "@koe/core";
import { afterAll, describe, expect, it } from "vitest";
import { chooseLang, EXIT, initConfig, kindOf, KoeConfig, mapHeaders, Progress, UsageError } from "../src/index.js";
import { filled } from "../src/columns.js";
import { exitOf } from "../src/exit.js";
import { guessField } from "../src/init.js";
import { usageMessages } from "../src/messages.js";
import { bin, data, plainEnv, removeScratch, scratch } from "./run.js";

afterAll(removeScratch);

describe("chooseLang", () => {
  it("takes --lang first, then KOE_LANG, then a Japanese locale, else English", () => {
    expect(chooseLang(["report", "--lang", "ja"], { KOE_LANG: "en" })).toBe("ja");
    expect(chooseLang(["report", "--lang=en"], { LANG: "ja_JP.UTF-8" })).toBe("en");
    expect(chooseLang([], { KOE_LANG: "ja", LANG: "C" })).toBe("ja");
    expect(chooseLang([], { LANG: "ja_JP.UTF-8" })).toBe("ja");
    expect(chooseLang([], { LC_ALL: "ja_JP.eucJP", LANG: "C" })).toBe("ja");
    expect(chooseLang([], { LANG: "en_US.UTF-8" })).toBe("en");
    expect(chooseLang([], {})).toBe("en");
    expect(chooseLang(["--", "--lang", "ja"], {})).toBe("en"); // after "--": a file name, not an option
  });

  it("refuses any other language as a usage mistake", () => {
    expect(() => chooseLang(["--lang", "jp"], {})).toThrow(UsageError);
    expect(() => chooseLang(["--lang", "jp"], {})).toThrow('option "--lang" takes ja or en (got "jp")');
  });
});

describe("exit codes of errors", () => {
  it("2 for a usage mistake, 1 for what koe says about the data, 1 for a bug (worded as one)", () => {
    expect(exitOf(UsageError.of(usageMessages.noFile, { path: "x.csv" }, "ja"), "ja")).toEqual({ code: EXIT.usage, text: "ファイル「x.csv」が見つかりません" });
    expect(exitOf(new InsufficientDataError("welchTest", 2, 1, "engagement_post"), "en")).toEqual({ code: EXIT.data, text: 'welchTest needs at least 2 values in column "engagement_post" (found 1)' });
    expect(exitOf(new KoeError("x", { ja: "データ", en: "data" }), "ja").code).toBe(1);
    const bug = exitOf(new TypeError("x is undefined"), "en");
    expect(bug.code).toBe(1);
    expect(bug.text).toMatch(/^koe stopped on an unexpected error \(a bug in koe; please report it\): TypeError: x is undefined/);
  });
});

describe("mapHeaders and kindOf", () => {
  const none = KoeConfig.parse({});
  it("maps the configuration's headers first, then the survey's items, free texts and koe's names", () => {
    const config = KoeConfig.parse({ headers: { 所属: "company", 回答: "department" } });
    expect(mapHeaders(["所属", "回答", "エンゲージメント1_事前", "キャリア意識2_事後", "自由記述", "調査回", "\uFEFF世代", "備考"], config).map((m) => [m.field, m.likert])).toEqual([
      ["company", false], ["department", false], ["eng_01_pre", true], ["aware_02_post", true], ["text", false], ["wave", false], ["generation", false], [null, false],
    ]);
  });

  it("maps the items of the configuration's own instrument by the headers they were named from", () => {
    const config = KoeConfig.parse({ instrument: { id: "s", ja: "s", en: "s", scales: [{ id: "items", ja: "設問", en: "Items" }], items: [{ id: "q_1", scale: "items", ja: "満足度", en: "満足度" }] } });
    expect(mapHeaders(["満足度"], config)[0]).toEqual({ header: "満足度", field: "q_1", likert: true });
    expect(mapHeaders(["満足度"], none)[0]!.field).toBeNull();
  });

  it("tells respondents, ratings, comments and transcripts apart, and says null for anything else", () => {
    const kind = (headers: string[]) => kindOf(mapHeaders(headers, none));
    expect(kind(["インタビューID", "発話番号", "話者", "発話"])).toBe("transcripts");
    expect(kind(["会社", "調査回", "世代", "浸透ステップ", "施策", "効果あり", "結果", "コメント"])).toBe("ratings");
    expect(kind(["回答者ID", "会社", "設問", "コメント"])).toBe("comments");
    expect(kind(["回答者ID", "年齢", "世代", "自由記述"])).toBe("respondents"); // answers' file with a free-text column
    expect(kind(["id", "エンゲージメント1_事前"])).toBe("respondents");
    expect(kind(["foo", "bar"])).toBeNull();
  });
});

describe("what init learns from a file's head", () => {
  it("guesses a field from a header that holds one of its Japanese names, never from texts' or numbering names", () => {
    expect(guessField("所属会社")).toBe("company");
    expect(guessField("現在の職種")).toBe("job_type");
    expect(guessField("社員番号")).toBeNull();
    expect(guessField("回答日")).toBeNull();
    expect(guessField("会社")).toBeNull(); // koe knows it already: nothing to guess
  });

  it("finds markers beside numbers and known ones anywhere; items on 4- to 10-point scales; not ages, yes/no or long texts", async () => {
    const text = [
      "ID,年齢,満足度,推奨度,管理職,Q1,備考,メモ",
      "A1,25,3,0,1,そう思う,不明,特になし",
      "A2,41,-,10,0,2,よい,長い説明がここに入ります",
      "A3,55,5,7,1,-,,",
      "A4,33,1,3,0,ややそう思う,,わからない",
      "A5,38,4,不明,1,3,,",
    ].join("\n");
    const { table } = await readCsv(text, { missing: [""], likertLabels: {} });
    const { config, guessed } = initConfig(table, "t.csv");
    expect(config.missing).toEqual(["", "NA", "N/A", "無回答", "-", "不明"]);
    expect(config.items).toEqual([
      { column: "満足度", min: 1, max: 5 },
      { column: "推奨度", min: 0, max: 10 },
      { column: "Q1", min: 1, max: 5 },
    ]);
    expect(guessed).toEqual([]); // "ID" is one of koe's own names for the respondent's id
    expect(config.headers).toEqual({});
    expect(config.unmapped).toEqual(["備考", "メモ"]);
    expect(config.instrument?.items?.map((i) => i.id)).toEqual(["q_1", "q_2", "q1"]);
  });
});

describe("filled", () => {
  it("a column with a value in it: not one koe's reader added blank, nor one of unclassified rows", () => {
    const t = aq.table({ layer: [null, "unclassified"], age: [Number.NaN, 41], empty: [null, null] });
    expect(["layer", "age", "empty", "nothere"].map((c) => filled(t, c))).toEqual([false, true, false, false]);
  });
});

describe("the progress bar", () => {
  /** A stream that records what is written to it, a terminal or not. */
  const recorder = (isTTY: boolean) => {
    const chunks: string[] = [];
    const stream = Object.assign(new Writable({ write(c: Buffer, _e, cb) { chunks.push(c.toString()); cb(); } }), { isTTY, columns: 100 });
    return { stream, text: () => chunks.join("") };
  };

  it("on a terminal: the bar, the steps done and the step under way; a printed line clears it first", () => {
    const { stream, text } = recorder(true);
    const progress = new Progress(stream, { enabled: true });
    expect(progress.shown).toBe(true);
    progress.start(2);
    progress.step("reading a.csv");
    progress.interrupt(() => stream.write("a line\n"));
    progress.step("running initiatives");
    progress.stop();
    const out = text();
    expect(out).toContain("0/2 reading a.csv");
    expect(out).toContain("1/2 running initiatives");
    expect(out).toMatch(/░/);
    expect(out).toContain("\r\x1b[Ka line\n");
  });

  it("silent on a pipe, and when not enabled (--quiet, CI)", () => {
    for (const [isTTY, enabled] of [[false, true], [true, false]] as const) {
      const { stream, text } = recorder(isTTY);
      const progress = new Progress(stream, { enabled });
      progress.start(3);
      progress.step("reading a.csv");
      progress.interrupt(() => stream.write("a line\n"));
      progress.stop();
      expect(progress.shown).toBe(false);
      expect(text()).toBe("a line\n");
    }
  });

  it("the command draws it on a pseudo-terminal and never into a pipe", () => {
    const cwd = scratch("progress");
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} matrix ${JSON.stringify(data("initiative_ratings.csv"))} --resamples 50 --out out`;
    // util-linux's script(1) gives the command a terminal; Debian installs it with the base system.
    const tty = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, env: { ...plainEnv(), TERM: "xterm" }, encoding: "utf8" });
    expect(tty.error).toBeUndefined();
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/░.* 0\/2 reading initiative_ratings\.csv/);
    expect(tty.stdout).toMatch(/ \d\/4 drawing initiatives-matrix/);
    const piped = spawnSync(process.execPath, [bin, "matrix", data("initiative_ratings.csv"), "--resamples", "50", "--out", "out2"], { cwd, env: plainEnv(), encoding: "utf8" });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).not.toMatch(/░|\x1b\[/);
  });
});
