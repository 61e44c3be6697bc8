import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

const root = join(import.meta.dirname, "..", "fixtures", "reference");

export interface ReferenceEntry {
  id: string;
  call: string;
  values: Record<string, unknown>;
  tolerance: { rel: number; abs: number };
  tolerance_by_field?: Record<string, { rel: number; abs: number }>;
  role?: string;
}

/** The R reference case `folder` (copied from ../shared/reference with its R calls). */
export function referenceCase(folder: string): { entry: (id: string) => ReferenceEntry; csv: (file: string) => Record<string, string>[] } {
  const json = JSON.parse(readFileSync(join(root, folder, "expected.json"), "utf8")) as { results: ReferenceEntry[] };
  return {
    entry(id) {
      const e = json.results.find((r) => r.id === id);
      if (!e) throw new Error(`no reference entry "${id}" in ${folder}`);
      return e;
    },
    csv(file) {
      const [head, ...lines] = readFileSync(join(root, folder, file), "utf8").trim().split(/\r?\n/);
      const names = head!.split(",").map((h) => h.replaceAll('"', ""));
      return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, v.replaceAll('"', "")])));
    },
  };
}

/** |actual − expected| ≤ abs + rel·|expected|, the reference's own tolerance (per field if given). */
export function expectNear(actual: number | null | undefined, expected: unknown, entry: ReferenceEntry, field: string): void {
  const tol = entry.tolerance_by_field?.[field] ?? entry.tolerance;
  const e = expected === "Inf" ? Infinity : expected === "-Inf" ? -Infinity : (expected as number);
  if (!Number.isFinite(e)) {
    expect(actual, `${entry.id}.${field}`).toBe(e);
    return;
  }
  expect(actual, `${entry.id}.${field} (R: ${entry.call})`).not.toBeNull();
  expect(Math.abs(actual! - e), `${entry.id}.${field}: ${actual} vs R ${e} (R: ${entry.call})`).toBeLessThanOrEqual(tol.abs + tol.rel * Math.abs(e));
}
