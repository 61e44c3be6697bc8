import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCsv } from "@koe/core";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

describe("examples/demo.ts", () => {
  it("runs on the bundled data and writes charts, report and CSVs with no small group visible", async () => {
    const out = mkdtempSync(join(tmpdir(), "koe-demo-"));
    const log = execFileSync(process.execPath, ["--import", "tsx", join(root, "examples", "demo.ts"), out], { cwd: root, encoding: "utf8" });
    expect(log).toContain("respondents.csv");
    for (const base of ["respondents-by-company-generation", "participants-by-company-generation"]) {
      for (const ext of [".vl.json", ".svg", ".png", ".csv"]) expect(existsSync(join(out, base + ext)), base + ext).toBe(true);
      expect([...readFileSync(join(out, `${base}.png`)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      const csv = await readCsv(join(out, `${base}.csv`));
      const n = csv.table.array("n") as Float64Array;
      const suppressed = csv.table.array("suppressed") as string[];
      n.forEach((v, i) => {
        if (suppressed[i] === "true") expect(v).toBeNaN();
        else expect(v === 0 || v >= 5).toBe(true);
      });
    }
    const participants = await readCsv(join(out, "participants-by-company-generation.csv"));
    expect((participants.table.array("suppressed") as string[]).filter((s) => s === "true").length).toBeGreaterThan(0);
    expect(readFileSync(join(out, "participants-by-company-generation.svg"), "utf8")).toContain("秘匿");
    const summary = await readCsv(join(out, "read-summary.csv"));
    expect(Array.from(summary.table.array("rowsRejected") as Float64Array)).toEqual([0, 0, 0, 0]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("越境経験者数");
    // The initiative study: matrix and funnel charts, their tidy tables, broad initiatives, gaps, waves.
    for (const base of ["initiative-matrix", "initiative-outcomes"]) for (const ext of [".vl.json", ".svg", ".png", ".csv"]) expect(existsSync(join(out, base + ext)), base + ext).toBe(true);
    for (const f of ["initiative-broad.csv", "initiative-gaps.csv", "initiative-waves.csv"]) expect(existsSync(join(out, f)), f).toBe(true);
    expect(log).toMatch(/in every cell: one_on_one/);
    const matrix = await readCsv(join(out, "initiative-matrix.csv"));
    expect(matrix.table.numRows()).toBeGreaterThanOrEqual(36);
    expect(readFileSync(join(out, "initiative-matrix.svg"), "utf8")).toContain("実践を支援する");
    // …published under the companies rule: no analyst column, raters only where at least 5 found an initiative not effective, gaps without counts.
    const rated = matrix.table.array("rated") as Float64Array;
    const companies = matrix.table.array("companies") as Float64Array;
    rated.forEach((r, i) => expect(Number.isNaN(r) || r - companies[i]! >= 5).toBe(true));
    expect((await readCsv(join(out, "initiative-gaps.csv"))).table.columnNames()).toEqual(["row", "column", "initiative", "suppressed"]);
    for (const f of ["initiative-matrix.csv", "initiative-outcomes.csv", "initiative-broad.csv", "initiative-gaps.csv", "initiative-waves.csv"]) expect(readFileSync(join(out, f), "utf8"), f).not.toMatch(/suppressionReason|ratingCompanies|tried/);
    expect(readFileSync(join(out, "initiative-reading.txt"), "utf8")).toMatch(/「キャリア1on1」は12セル中12セルで上位に入りました/);
    // The cross-boundary study: effects by method and kind, balance, the plain-language reading.
    const effects = await readCsv(join(out, "cross-boundary-effects.csv"));
    expect(new Set(effects.table.array("method") as string[])).toEqual(new Set(["bracket", "did", "ancova", "doubly-robust", "ancova-reliability", "difference", "regression", "matching", "weighting", "weighting-cluster", "doubly-robust-cluster", "wild-bootstrap"]));
    expect(readFileSync(join(out, "cross-boundary-reading.txt"), "utf8")).toMatch(/越境経験者は事前に/);
    for (const base of ["cross-boundary-pre-post", "cross-boundary-balance", "cross-boundary-effects"]) for (const ext of [".vl.json", ".svg", ".png"]) expect(existsSync(join(out, base + ext)), base + ext).toBe(true);
  });
});

describe("examples/ten-lines.ts (the README's example)", () => {
  it("runs and writes the heatmap", () => {
    const base = join(mkdtempSync(join(tmpdir(), "koe-ten-")), "heatmap");
    const log = execFileSync(process.execPath, ["--import", "tsx", join(root, "examples", "ten-lines.ts"), base], { cwd: root, encoding: "utf8" });
    expect(log).toContain("rowsAccepted: 5000");
    for (const ext of [".vl.json", ".svg", ".png"]) expect(existsSync(base + ext)).toBe(true);
  });
});
