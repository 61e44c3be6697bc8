// Tokenizers for word(…) in coding rules, measured on the bundled comments and transcripts:
// Intl.Segmenter("ja", word) against kuromoji 0.1.2 (IPADIC), and a plain substring as the floor.
//   npx tsx bench/tokenizers.ts > bench/out-tokenizers.md
// Quality: every occurrence of a word's stem in the texts is labelled BY HAND below (LEXEMES), and
// each method says whether word(base) matches there. Cost: each tokenizer in its own process.
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { japaneseTokens, loadTokenizer, readComments, readTranscripts } from "@koe/core";
import { measureCommand, type Measurement } from "./measure.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..");
const coreRequire = createRequire(join(root, "packages/core/package.json"));

type KuromojiTokenizer = ReturnType<typeof loadTokenizer>;
/** kuromoji built its own way, by its asynchronous builder (kuromoji is a dependency of @koe/core). */
function kuromojiBuilder(): Promise<KuromojiTokenizer> {
  type Builder = { build(callback: (err: Error | null, tokenizer: KuromojiTokenizer) => void): void };
  const kuromoji = coreRequire("kuromoji") as { builder(options: { dicPath: string }): Builder };
  const dicPath = join(dirname(coreRequire.resolve("kuromoji/package.json")), "dict");
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))));
}

/** The 598 texts (500 comments, 98 transcript turns), NFKC-normalised as rules see them. */
async function corpus(): Promise<string[]> {
  const c = await readComments(join(root, "data/comments.csv"));
  const t = await readTranscripts(join(root, "data/transcripts.csv"));
  return [...(c.table.array("text") as string[]), ...(t.table.array("text") as string[])].map((s) => s.normalize("NFKC"));
}

// ---------------------------------------------------------------------------------------------
// Hand labels. For each word: the candidate stem (every occurrence of it in the texts is a
// candidate) and the forms written around it, each labelled:
//   Y  a conjugated form of the word itself (with auxiliaries: 考えられる, 持ちたい) — must match
//   D  a different word derived from it: potential verb (話せる, 取れる), compound verb
//      (考え直す, 取り組む), noun (考え, 話, 働き方) — counted apart: a user may or may not want it
//   N  an unrelated word sharing the characters (気持ち, 参考, 繁忙, 自分から) — must not match
// A form is written as it appears in the text; the first occurrence of the stem in it is where the
// candidate is. Longer forms are tried first; a candidate no form covers stops the script.
type Label = "Y" | "D" | "N";
interface Lexeme {
  base: string;
  stem: string;
  forms: Record<string, Label>;
}
const LEXEMES: Lexeme[] = [
  { base: "持つ", stem: "持", forms: { 持っ: "Y", 気持ち: "N" } },
  { base: "考える", stem: "考", forms: { 考え: "Y", 考える: "Y", 考え直: "D", 考えを: "D", 参考: "N" } },
  { base: "感じる", stem: "感", forms: { 感じ: "Y", 感じです: "D", 感じで: "D", 実感: "N", 感覚: "N" } },
  { base: "変わる", stem: "変", forms: { 変わ: "Y", 変え: "N" } },
  { base: "できる", stem: "でき", forms: { でき: "Y" } },
  { base: "諦める", stem: "諦", forms: { 諦め: "Y" } },
  { base: "あきらめる", stem: "あきら", forms: { あきらめ: "Y" } },
  { base: "忙しい", stem: "忙", forms: { 忙しく: "Y", 忙しさ: "D", 繁忙: "N" } },
  { base: "わかる", stem: "わか", forms: { わか: "Y" } },
  { base: "分かる", stem: "分か", forms: { 分か: "Y", 分かり合: "D", 自分か: "N" } },
  {
    base: "話す",
    stem: "話",
    forms: { 話さ: "Y", 話し: "Y", 話す: "Y", 話せば: "Y", 話せる: "D", 話し合: "D", 話しか: "D", 話を: "D", 話が: "D", 話は: "D", 話も: "D", 話の: "D", 対話: "N" },
  },
  { base: "広がる", stem: "広", forms: { 広が: "Y", 広げ: "N" } },
  { base: "働く", stem: "働", forms: { 働く: "Y", 働い: "Y", 働き方: "D" } },
  { base: "続ける", stem: "続", forms: { 続け: "Y", 続い: "N", 手続き: "N" } },
  { base: "決める", stem: "決", forms: { 決め: "Y", 決ま: "N" } },
  { base: "取る", stem: "取", forms: { 取っ: "Y", 取れ: "D", 取り組: "D", 段取り: "N" } },
  { base: "見直す", stem: "見直", forms: { 見直す: "Y", 見直せ: "D" } },
];

/** Sentences outside the corpus that the issue names: what word(base) should and should not find. */
const PROBES: { base: string; text: string; want: boolean }[] = [
  { base: "持つ", text: "キャリアを持って", want: true },
  { base: "持つ", text: "関心を持ちたい", want: true },
  { base: "持つ", text: "責任を持ちます", want: true },
  { base: "持つ", text: "ｷｬﾘｱを持って".normalize("NFKC"), want: true },
  { base: "持つ", text: "持ち株会に入った", want: false },
  { base: "持つ", text: "前向きな気持ち", want: false },
  { base: "持つ", text: "持ち味を活かす", want: false },
  { base: "わかる", text: "何をしたいのか分からない", want: true },
  { base: "話す", text: "上司と話せる", want: true },
];

interface Candidate {
  text: number;
  at: number;
  label: Label;
  form: string;
}

function candidates(texts: string[], lx: Lexeme): Candidate[] {
  const forms = Object.entries(lx.forms).sort((a, b) => b[0].length - a[0].length);
  const out: Candidate[] = [];
  texts.forEach((s, ti) => {
    for (let i = s.indexOf(lx.stem); i >= 0; i = s.indexOf(lx.stem, i + 1)) {
      const hit = forms.find(([f]) => s.startsWith(f, i - f.indexOf(lx.stem)));
      if (hit === undefined) throw new Error(`unlabelled candidate for ${lx.base}: …${s.slice(Math.max(0, i - 4), i + 6)}…`);
      out.push({ text: ti, at: i, label: hit[1], form: hit[0] });
    }
  });
  return out;
}

// The three ways word(base) can be answered. Each returns the positions (in the text) where it matches.
type Method = (text: string, base: string) => number[];
const stemOf = (base: string) => base.slice(0, -1); // 持つ → 持, 考える → 考え, 忙しい → 忙し

function allStarts(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}
/** No tokenizer: the stem as a plain substring (a bare term `持` in a rule). */
const substring: Method = (text, base) => allStarts(text, stemOf(base));
/** Intl.Segmenter gives no base forms; best effort: the stem starting at a word boundary. */
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
const segmenterStem: Method = (text, base) => {
  const starts = new Set([...segmenter.segment(text)].map((s) => s.index));
  return allStarts(text, stemOf(base)).filter((i) => starts.has(i));
};
/** kuromoji (IPADIC): a token whose base form is the word; koe's japaneseTokens. */
const kuromojiBase: Method = (text, base) => japaneseTokens(text).filter((t) => t.base === base).map((t) => t.start);

function quality(texts: string[]): string[] {
  const methods: [string, Method][] = [
    ["substring of the stem", substring],
    ["Intl.Segmenter, stem at a word start", segmenterStem],
    ["kuromoji, base form", kuromojiBase],
  ];
  const lines: string[] = [];
  lines.push("## Quality: does word(base) find the word's forms, and only them?", "");
  lines.push(
    "Every occurrence of the stem in the 598 texts (NFKC) is a candidate, labelled by hand: **Y** a form of the word (must match), **D** a derived word (potential verb, compound, noun: reported apart), **N** an unrelated word (must not match). Cells: Y found / Y, D matched / D, N matched (false hits) / N. The first two methods look for the word less its last character (持つ → 持, 考える → 考え, 忙しい → 忙し): anywhere, or where Intl.Segmenter starts a word; kuromoji looks for a token whose base form is the word.",
    "",
  );
  lines.push(`| word | stem | Y | D | N | ${methods.map(([n]) => n).join(" | ")} |`);
  lines.push(`|---|---|---|---|---|${methods.map(() => "---").join("|")}|`);
  const totals = methods.map(() => ({ y: 0, d: 0, n: 0, outside: 0 }));
  const counts = { Y: 0, D: 0, N: 0 };
  for (const lx of LEXEMES) {
    const cands = candidates(texts, lx);
    const per = { Y: 0, D: 0, N: 0 };
    for (const c of cands) per[c.label]++;
    counts.Y += per.Y;
    counts.D += per.D;
    counts.N += per.N;
    const cells = methods.map(([, method], k) => {
      const got = { Y: 0, D: 0, N: 0 };
      let outside = 0;
      texts.forEach((s, ti) => {
        const mine = cands.filter((c) => c.text === ti);
        for (const at of method(s, lx.base)) {
          // a match belongs to the candidate whose stem it starts in (kuromoji's token may start before 分 of 自分から: it does not here)
          const c = mine.find((x) => at >= x.at - x.form.indexOf(lx.stem) && at <= x.at);
          if (c === undefined) outside++;
          else got[c.label]++;
        }
      });
      totals[k]!.y += got.Y;
      totals[k]!.d += got.D;
      totals[k]!.n += got.N;
      totals[k]!.outside += outside;
      return `${got.Y}/${per.Y}, ${got.D}/${per.D}, ${got.N}/${per.N}${outside > 0 ? ` (+${outside} elsewhere)` : ""}`;
    });
    lines.push(`| ${lx.base} | ${lx.stem} | ${per.Y} | ${per.D} | ${per.N} | ${cells.join(" | ")} |`);
  }
  lines.push(
    `| **all ${LEXEMES.length} words** | | ${counts.Y} | ${counts.D} | ${counts.N} | ${totals.map((t) => `**${t.y}/${counts.Y}, ${t.d}/${counts.D}, ${t.n}/${counts.N}**${t.outside > 0 ? ` (+${t.outside} elsewhere)` : ""}`).join(" | ")} |`,
  );
  lines.push("", "Recall on Y and false hits on N:", "");
  methods.forEach(([name], k) => {
    const t = totals[k]!;
    lines.push(`- ${name}: found ${t.y} of ${counts.Y} forms (${((100 * t.y) / counts.Y).toFixed(1)}%), ${t.n} false hits on ${counts.N} unrelated words, ${t.d} of ${counts.D} derived words matched`);
  });
  lines.push("", "### The issue's examples (outside the corpus)", "");
  lines.push(`| word | text | should match | ${methods.map(([n]) => n).join(" | ")} |`);
  lines.push(`|---|---|---|${methods.map(() => "---").join("|")}|`);
  for (const p of PROBES) {
    const cells = methods.map(([, method]) => {
      const hit = method(p.text, p.base).length > 0;
      return `${hit ? "match" : "no"}${hit === p.want ? "" : " ✗"}`;
    });
    lines.push(`| ${p.base} | ${p.text} | ${p.want ? "yes" : "no"} | ${cells.join(" | ")} |`);
  }
  return lines;
}

/** koe's synchronous loader must tokenise exactly as kuromoji's own (asynchronous) builder does. */
async function sameAsKuromoji(texts: string[]): Promise<string> {
  const theirs = await kuromojiBuilder();
  let differ = 0;
  for (const s of texts) {
    const a = JSON.stringify(theirs.tokenize(s).map((t) => [t.surface_form, t.basic_form, t.pos]));
    const b = JSON.stringify(loadTokenizer().tokenize(s).map((t) => [t.surface_form, t.basic_form, t.pos]));
    if (a !== b) differ++;
  }
  return `koe's synchronous loader against kuromoji.builder().build(): ${differ === 0 ? "the same tokens" : `${differ} texts differ`} on all ${texts.length} texts.`;
}

// ---------------------------------------------------------------------------------------------
// Cost, each in its own process: load, throughput over the corpus repeated, memory. The machine
// may be shared: throughput is the median of ROUNDS rounds of PASSES passes over the 598 texts.
const PASSES = 20;
const ROUNDS = 5;

/** Memory the process keeps: resident set, and V8 heap plus array buffers after a full collection. */
function memory(): { rss: number; kept: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, kept: m.heapUsed + m.arrayBuffers };
}

async function job(name: string): Promise<void> {
  const texts = await corpus();
  const before = memory();
  const t0 = performance.now();
  let tokenize: (s: string) => number;
  if (name === "segmenter") {
    const seg = new Intl.Segmenter("ja", { granularity: "word" });
    seg.segment("準備").containing(0); // ICU loads its dictionary on first use
    tokenize = (s) => [...seg.segment(s)].length;
  } else if (name === "kuromoji-builder") {
    const t = await kuromojiBuilder();
    tokenize = (s) => t.tokenize(s).length;
  } else if (name === "koe-sync") {
    loadTokenizer();
    tokenize = (s) => japaneseTokens(s).length;
  } else if (name === "none") {
    tokenize = () => 0;
  } else throw new Error(`unknown job ${name}`);
  const loadSeconds = (performance.now() - t0) / 1000;
  const loaded = memory();
  const rates: number[] = [];
  let tokens = 0;
  let chars = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t1 = performance.now();
    tokens = 0;
    chars = 0;
    for (let p = 0; p < PASSES; p++) {
      for (const s of texts) {
        tokens += tokenize(s);
        chars += s.length;
      }
    }
    rates.push((performance.now() - t1) / 1000);
  }
  const seconds = rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
  console.log(
    JSON.stringify({
      seconds: +seconds.toFixed(3),
      loadSeconds: +loadSeconds.toFixed(3),
      textsPerSecond: Math.round((texts.length * PASSES) / seconds),
      charsPerSecond: Math.round(chars / seconds),
      tokens,
      rssLoadMB: Math.round((loaded.rss - before.rss) / 1e6),
      keptLoadMB: Math.round((loaded.kept - before.kept) / 1e6),
      maxRssKB: process.resourceUsage().maxRSS,
    }),
  );
}

function cost(): string[] {
  const jobs: [string, string][] = [
    ["none", "no tokenizer (reading the corpus; the floor)"],
    ["segmenter", "Intl.Segmenter('ja', word)"],
    ["kuromoji-builder", "kuromoji 0.1.2, its own async builder"],
    ["koe-sync", "kuromoji 0.1.2 through koe (synchronous load, japaneseTokens)"],
  ];
  const results: (Measurement | { name: string; skipped: string })[] = jobs.map(([id, label]) =>
    measureCommand(label, process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--job", id]),
  );
  const load = loadavg().map((x) => x.toFixed(1)).join(", ");
  const lines = ["## Cost", "", `${availableParallelism()} CPUs, load average ${load} when the jobs ended (other work was running: compare the rows, not the absolute rates).`, "", `Each in its own process. Load: building the tokenizer (reading and unpacking the dictionary). Throughput: the median of ${ROUNDS} rounds of ${PASSES} passes over the 598 texts (the machine may be shared). Memory of the load: resident memory it added, and what it keeps (V8 heap + array buffers after a full collection); peak: the whole process, whose floor (tsx, @koe/core, the corpus) is the first row.`, ""];
  lines.push("| tokenizer | load (s) | texts/s | characters/s | tokens per pass | load: RSS added (MB) | load: kept (MB) | peak RSS (MB) |", "|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    if ("skipped" in r) {
      lines.push(`| ${r.name} | skipped: ${r.skipped} | | | | | | |`);
      continue;
    }
    const x = r.extra as Record<string, number>;
    lines.push(`| ${r.name} | ${x.loadSeconds!.toFixed(2)} | ${x.textsPerSecond!.toLocaleString("en")} | ${x.charsPerSecond!.toLocaleString("en")} | ${(x.tokens! / PASSES).toLocaleString("en")} | ${x.rssLoadMB} | ${x.keptLoadMB} | ${r.peakMB} |`);
  }
  return lines;
}

const jobAt = process.argv.indexOf("--job");
if (jobAt >= 0) {
  await job(process.argv[jobAt + 1]!);
} else {
  const texts = await corpus();
  const out = [
    "# Tokenizers for word(…): Intl.Segmenter against kuromoji, on the bundled comments and transcripts",
    "",
    `Written by \`npx tsx bench/tokenizers.ts > bench/out-tokenizers.md\` (Node ${process.version}, ICU ${process.versions.icu}, ${new Date().toISOString().slice(0, 10)}).`,
    "",
    ...quality(texts),
    "",
    await sameAsKuromoji(texts),
    "",
    ...cost(),
  ];
  console.log(out.join("\n"));
}
