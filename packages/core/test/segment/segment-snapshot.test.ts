// segmentRespondents keeps its outputs while its insides change: on the bundled respondents, under
// six calls (default and edited rules, Japanese and English reasons, answers typed as people type
// them), every column it writes has the digest snapshot/snapshot.json recorded with the code before
// the speed work (snapshot/write.ts; the commit is in the file). And, independently of the snapshot,
// a row has a reason exactly when one of its segments is unclassified, naming that segment's column.
import { readRespondents, type Table } from "@koe/core";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { digest, scenarios } from "./snapshot/scenarios.js";

const snapshot = JSON.parse(readFileSync(new URL("./snapshot/snapshot.json", import.meta.url), "utf8")) as {
  rows: number;
  scenarios: Record<string, ReturnType<typeof digest>>;
};

let respondents: Table;
let calls: ReturnType<typeof scenarios>;
beforeAll(async () => {
  respondents = (await readRespondents(new URL("../../../../data/respondents.csv", import.meta.url).pathname)).table;
  calls = scenarios(respondents);
});

describe("segmentRespondents writes what the code before the speed work wrote", () => {
  it("the snapshot covers the bundled respondents and every scenario", () => {
    expect(respondents.numRows()).toBe(snapshot.rows);
    expect(calls.map((s) => s.name)).toEqual(Object.keys(snapshot.scenarios));
  });

  for (const name of Object.keys(snapshot.scenarios)) {
    it(name, () => {
      const s = calls.find((x) => x.name === name)!;
      const out = s.run();
      const got = digest(out, s.input);
      const want = snapshot.scenarios[name]!;
      expect(got.columns).toEqual(want.columns);
      // column by column, so that a failure names the column that moved
      for (const column of Object.keys(want.written)) expect(got.written[column], column).toEqual(want.written[column]);
      expect(Object.keys(got.written)).toEqual(Object.keys(want.written));

      // a reason exactly where a written segment is unclassified, naming its column (in the order the segments are derived)
      const reasonsColumn = out.columnNames().includes("why") ? "why" : "reasons";
      const segments = Object.keys(want.written).filter((c) => want.written[c]!.type === "Array" && c !== reasonsColumn);
      const reasons = out.array(reasonsColumn) as (string | null)[];
      const columns = segments.map((c) => out.array(c) as string[]);
      let unclassifiedRows = 0;
      for (let i = 0; i < out.numRows(); i++) {
        const which = segments.filter((_, j) => columns[j]![i] === "unclassified");
        if (which.length > 0) unclassifiedRows++;
        if (which.length === 0) expect(reasons[i], `row ${i + 1}`).toBeNull();
        else expect(reasons[i]!.split("; ").map((r) => r.split(": ")[0]).sort(), `row ${i + 1}`).toEqual(which.sort());
      }
      expect(unclassifiedRows).toBeGreaterThan(100);
    });
  }
});
