// Writes snapshot.json: `npx tsx packages/core/test/segment/snapshot/write.ts` (from the repository root).
// Run it only when an output of segmentRespondents is meant to change, and say why in the commit.
import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { readRespondents } from "@koe/core";
import { digest, scenarios } from "./scenarios.js";

const here = new URL(".", import.meta.url).pathname;
const { table } = await readRespondents(new URL("../../../../../data/respondents.csv", import.meta.url).pathname);
const commit = execSync("git rev-parse HEAD", { encoding: "utf8" }).trim();
const out = { writtenAt: commit, rows: table.numRows(), scenarios: Object.fromEntries(scenarios(table).map((s) => [s.name, digest(s.run(), s.input)])) };
writeFileSync(`${here}snapshot.json`, JSON.stringify(out, null, 1) + "\n");
console.log(`snapshot.json: ${Object.keys(out.scenarios).length} scenarios at ${commit}`);
