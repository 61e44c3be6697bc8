// The README's ten-line example, kept runnable (the tests run it).
import { readRespondents, suppressSmallGroups, generations } from "@koe/core";
import { segmentHeatmapChart, writeChart } from "@koe/charts";

const { table, summary } = await readRespondents("data/respondents.csv");
console.log(summary); // { rowsRead: 5000, rowsAccepted: 5000, rowsRejected: 0, encoding: "utf-8", … }
const counts = table.groupby("generation", "company").count({ as: "n" }).objects();
const safe = suppressSmallGroups(counts, { row: "generation", column: "company", complete: true });
const cells = safe.rows.map((r) => ({ row: String(r.generation), column: String(r.company), n: r.n as number | null, suppressed: r.suppressed }));
const labels = Object.fromEntries(generations.terms.map((t) => [t.id, t.ja]));
await writeChart(segmentHeatmapChart(cells, { labels, rowOrder: generations.ids }), process.argv[2] ?? "out/heatmap"); // .vl.json .svg .png
