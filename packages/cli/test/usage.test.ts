// The command line as a script sees it: --help in both languages, and exit code 2 for every usage
// mistake — unknown command or option, a missing argument, file or value, a bad configuration.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../src/index.js";
import { bin, data, koe, plainEnv, removeScratch, scratch } from "./run.js";

afterAll(removeScratch);

describe.concurrent("koe --help", () => {
  it("is in English by default, lists every command and the exit codes", async () => {
    const r = await koe(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: koe/);
    for (const title of ["Options:", "Commands:"]) expect(r.stdout).toContain(title);
    for (const command of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(r.stdout).toContain("Exit codes: 0 done, 1 a problem in the data");
    expect(r.stdout).not.toMatch(/[\u3040-\u30ff]/); // no kana
  });

  it("is in Japanese under a Japanese LANG, with --lang ja, and after the command too", async () => {
    for (const run of await Promise.all([koe(["--help"], { env: { LANG: "ja_JP.UTF-8" } }), koe(["--lang", "ja", "--help"]), koe(["--help", "--lang=ja"])])) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^使い方: koe/);
      for (const title of ["オプション:", "コマンド:", "終了コード: 0 成功、1 データの問題"]) expect(run.stdout).toContain(title);
      expect(run.stdout).not.toContain("Usage:");
    }
    const report = await koe(["report", "--help", "--lang", "ja"]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("引数:");
    expect(report.stdout).toContain("表・グラフ・報告書の出力先フォルダ");
  });

  it("KOE_LANG wins over LANG, and --lang over both", async () => {
    expect((await koe(["--help"], { env: { KOE_LANG: "en", LANG: "ja_JP.UTF-8" } })).stdout).toMatch(/^Usage:/);
    expect((await koe(["--help"], { env: { KOE_LANG: "ja" } })).stdout).toMatch(/^使い方:/);
    expect((await koe(["--help", "--lang", "en"], { env: { KOE_LANG: "ja" } })).stdout).toMatch(/^Usage:/);
  });

  it("each command's help names its own options", async () => {
    const matrix = await koe(["matrix", "--help"]);
    expect(matrix.code).toBe(0);
    for (const option of ["--wave <n>", "--resamples <n>", "--out <dir>", "--config <file>", "--strict", "--seed <n>"]) expect(matrix.stdout).toContain(option);
    expect((await koe(["code", "--help"])).stdout).toContain("--codebook <file>");
    expect((await koe(["init", "--help"])).stdout).toContain("--force");
  });

  it("--version prints koe's version", async () => {
    const r = await koe(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe.concurrent("usage mistakes exit with 2 and say what was wrong", () => {
  const ratings = data("initiative_ratings.csv");
  const cases: { args: string[]; says: string; lang?: "ja" }[] = [
    { args: [], says: "koe needs a command" },
    { args: ["reprot", ratings], says: 'unknown command "reprot"; did you mean "report"?' },
    { args: ["matrix", ratings, "--wav", "2"], says: 'koe matrix: unknown option "--wav"; did you mean "--wave"?' },
    { args: ["matrix", ratings, "--bogus"], says: 'koe matrix: unknown option "--bogus"', lang: "ja" },
    { args: ["matrix"], says: "koe matrix needs <ratings>" },
    { args: ["matrix", "no-such-file.csv"], says: 'no such file: "no-such-file.csv"' },
    { args: ["matrix", ratings, "--wave"], says: 'option "--wave <n>" needs a value' },
    { args: ["matrix", ratings, "--wave", "two"], says: 'option "--wave" needs a whole number of at least 1 (got "two")' },
    { args: ["compare", ratings, "--resamples", "5"], says: 'option "--resamples" needs a whole number of at least 19 (got "5")' },
    { args: ["report", ratings, "--lang", "fr"], says: 'option "--lang" takes ja or en (got "fr")' },
    { args: ["code", data("comments.csv")], says: "koe code needs --codebook <file>" },
    { args: ["init", ratings, "other.csv"], says: "koe init: too many arguments" },
    { args: ["report", ratings, "--config", "missing.json"], says: 'no such file: "missing.json"' },
  ];
  for (const c of cases) {
    it(`koe ${c.args.map((a) => a.replace(/.*\//, "")).join(" ")}`, async () => {
      const r = await koe(c.lang ? ["--lang", c.lang, ...c.args] : c.args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      if (c.lang === "ja") expect(r.stderr).toContain("オプション「--bogus」はありません");
      else expect(r.stderr).toContain(c.says);
    });
  }

  it("a folder where a file is expected, and a configuration that is not koe's, are usage mistakes too", async () => {
    const dir = scratch("usage");
    expect((await koe(["segments", dir])).stderr).toContain("is a folder, not a file");
    writeFileSync(join(dir, "koe.config.json"), JSON.stringify({ header: { 所属: "company" } }));
    const r = await koe(["segments", data("respondents.csv")], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the configuration "koe.config.json" is not valid');
    expect(r.stderr).toContain('did you mean "headers"?');
    writeFileSync(join(dir, "broken.json"), "{ not json");
    expect((await koe(["segments", data("respondents.csv"), "--config", "broken.json"], { cwd: dir })).stderr).toContain('"broken.json" is not valid JSON');
  });

  it("a pipe closed early (koe --help | head -1) ends quietly, with exit code 0", async () => {
    const child = spawn(process.execPath, [bin, "--help"], { env: plainEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(Buffer.concat(err).toString()).not.toContain("EPIPE");
  });
});
