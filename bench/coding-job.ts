// The coding benchmark in koe: `tsx bench/coding-job.ts <comments.csv> <codebook.json>`. Reads the
// comments, reads the codebook, codes every text with codeTexts and counts the texts per code;
// prints one JSON line (seconds per phase, texts per code, maxRssKB) as measure.ts expects.
import { codeTexts, readCodebook, readComments } from "@koe/core";

const [path, codebookPath] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const { table, summary } = await readComments(path);
const tRead = performance.now();
const codebook = await readCodebook(codebookPath).catch((e: Error) => {
  // One line on stderr, which the runner shows as the reason the job was skipped (e.g. word() before a tokenizer).
  console.error(e.message.split("\n")[0]);
  process.exit(1);
});
const tCodebook = performance.now();
const coded = codeTexts(table, { text: "text", person: "respondent_id", codebook });
const tCode = performance.now();
const counts: Record<string, number> = {};
for (const code of coded.codes) {
  const column = coded.table.column(code) as unknown as ArrayLike<number>; // the 0/1 Int8Array itself (the table is not filtered)
  let n = 0;
  for (let i = 0; i < column.length; i++) n += column[i]!;
  counts[code] = n;
}
const tCount = performance.now();

const s = (a: number, b: number) => +((b - a) / 1000).toFixed(3);
console.log(
  JSON.stringify({
    seconds: s(t0, tCount),
    phases: { read: s(t0, tRead), codebook: s(tRead, tCodebook), code: s(tCodebook, tCode), count: s(tCode, tCount) },
    texts: summary.rowsAccepted,
    encoding: summary.encoding,
    counts,
    spans: coded.spans.length,
    maxRssKB: process.resourceUsage().maxRSS,
  }),
);
