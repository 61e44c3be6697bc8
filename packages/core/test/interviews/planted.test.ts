// The bundled comments and transcripts carry the codes they were written to voice (truth.json);
// coded with the bundled codebook they must come back exactly.
import { codeTexts, readCodebook, readComments, readTranscripts, type CodingCodebook } from "@koe/core";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";

const data = (file: string) => new URL(`../../../../data/${file}`, import.meta.url).pathname;
const truth = JSON.parse(readFileSync(data("truth.json"), "utf8")) as {
  comments: { codesByRow: string[][] };
  transcripts: { transcriptId: string; codesBySegment: Record<string, string[]> }[];
};

let codebook: CodingCodebook;
let leaves: string[];
beforeAll(async () => {
  codebook = await readCodebook(data("codebook.json"));
  leaves = codebook.codes.filter((c) => c.parsed !== null).map((c) => c.id);
});

const sorted = (a: readonly string[]) => [...a].sort();
const objects = (t: { objects(): object[] }) => t.objects() as Record<string, unknown>[];

describe("planted codes come back exactly", () => {
  it("comments: every row's codes equal truth.json → comments.codesByRow", async () => {
    const { table } = await readComments(data("comments.csv"));
    const coded = codeTexts(table, { text: "回答", person: "回答者ID", codebook });
    const got = objects(coded.table).map((r) => sorted(leaves.filter((c) => r[c] === 1)));
    expect(got).toHaveLength(truth.comments.codesByRow.length);
    expect(got).toEqual(truth.comments.codesByRow.map(sorted));
    // a grouping code is there exactly when one of its codes is
    for (const r of objects(coded.table)) {
      for (const g of codebook.codes.filter((c) => c.parsed === null)) {
        expect(r[g.id]).toBe(codebook.codes.some((c) => c.parent === g.id && r[c.id] === 1) ? 1 : 0);
      }
    }
  });

  it("transcripts: respondent turns' codes equal truth.json → transcripts[].codesBySegment", async () => {
    const { table } = await readTranscripts(data("transcripts.csv"));
    const coded = codeTexts(table, { text: "発話", id: ["transcript_id", "segment"], person: "respondent_id", codebook });
    const planted = new Map<string, string[]>(truth.transcripts.flatMap((t) => Object.entries(t.codesBySegment).map(([s, codes]) => [`${t.transcriptId}-${s}`, sorted(codes)] as const)));
    const differences: string[] = [];
    let respondentTurns = 0;
    for (const r of objects(coded.table)) {
      if (r.speaker !== "対象者") continue;
      respondentTurns++;
      const id = String(r[coded.id!]);
      const got = leaves.filter((c) => r[c] === 1);
      const want = planted.get(id) ?? [];
      for (const c of got) if (!want.includes(c)) differences.push(`${id} +${c}`);
      for (const c of want) if (!got.includes(c)) differences.push(`${id} -${c}`);
    }
    expect(respondentTurns).toBeGreaterThan(40);
    expect([...planted.keys()].every((id) => coded.table.array(coded.id!).includes(id))).toBe(true);
    expect(differences).toEqual([]);
  });
});
