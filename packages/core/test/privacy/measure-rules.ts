// Measures suppression rules against the informed readers on 1,000 random 2–3 × 2–3 tables with
// totals (randomTables(1000, 20261201): a cell is 0–4 with probability 0.35, else 5–25; each table
// has a small group). Prints, and writes to measure-rules.json beside this file:
// - narrowed: tables where a rule-aware reader (enumerates every candidate, keeps those the rule maps
//   to the same pattern) can bound a hidden small group below 5;
// - pinned: tables where he knows a hidden non-zero number exactly;
// - zerosOnly: tables narrowed or pinned by a reader who only knows "zeros are shown, so hidden ≥ 1"
//   (meaningful for rules that never hide a zero);
// - extraCells: hidden cells that are not small groups (the cost), over all tables; hiddenTotals.
// Run: npx tsx packages/core/test/privacy/measure-rules.ts   (about 15 minutes on 2 cores)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suppressSmallGroups } from "../../src/privacy/index.js";
import { documentedBlocks, patternOf, randomTables, read, type Pattern, type Rule } from "./reader.js";
import { greedyRule } from "./rules/greedy.js";

const MIN = 5;
const same = (a: Pattern, b: Pattern) => JSON.stringify(a) === JSON.stringify(b);
const rules: { name: string; rule: Rule; showsZeros: boolean; guess?: (t: number[][]) => Pattern }[] = [
  { name: "greedy: smallest neighbours, exact check on the sums (koe before)", rule: (t) => greedyRule(t, { minSize: MIN }), showsZeros: true },
  { name: "greedy + the check knows hidden ≥ 1", rule: (t) => greedyRule(t, { minSize: MIN, zerosShown: true }), showsZeros: true },
  { name: "neighbours by position (not size) + the check knows hidden ≥ 1", rule: (t) => greedyRule(t, { minSize: MIN, zerosShown: true, byPosition: true }), showsZeros: true },
  { name: "blocks, without the rule-aware check", rule: (t) => documentedBlocks(t, MIN), showsZeros: false, guess: (t) => documentedBlocks(t, MIN) },
  { name: "blocks + rule-aware check (koe now)", rule: (t) => patternOf(suppressSmallGroups(t)), showsZeros: false, guess: (t) => documentedBlocks(t, MIN) },
];

const tables = randomTables(Number(process.argv[2] ?? 1000), 20261201);
const results = [];
for (const { name, rule, showsZeros, guess } of rules) {
  const start = Date.now();
  let narrowed = 0;
  let pinned = 0;
  let zerosOnly = 0;
  let extraCells = 0;
  let hiddenTotals = 0;
  let everything = 0;
  for (const t of tables) {
    const p = rule(t);
    const r = read(t, p, { minSize: MIN, knows: "rule", rule, ...(guess ? { prefer: (x: number[][]) => same(guess(x), p) } : {}) });
    if (r.narrowed.length > 0) narrowed++;
    if (r.pinned.length > 0) pinned++;
    if (showsZeros) {
      const z = read(t, p, { minSize: MIN, knows: "zeros" });
      if (z.narrowed.length > 0 || z.pinned.length > 0) zerosOnly++;
    }
    extraCells += t.flat().filter((v, k) => p.cells.flat()[k] && !(v > 0 && v < MIN)).length;
    hiddenTotals += [...p.rowTotals, ...p.columnTotals, p.grandTotal].filter(Boolean).length;
    if (p.grandTotal && p.cells.flat().every(Boolean)) everything++;
  }
  const row = { rule: name, tables: tables.length, narrowed, pinned, zerosOnly: showsZeros ? zerosOnly : null, extraCells, hiddenTotals, everythingHidden: everything, seconds: Math.round((Date.now() - start) / 1000) };
  console.log(JSON.stringify(row));
  results.push(row);
}
writeFileSync(join(import.meta.dirname, "measure-rules.json"), JSON.stringify({ generated: "npx tsx packages/core/test/privacy/measure-rules.ts", seed: 20261201, minSize: MIN, results }, null, 2) + "\n");
