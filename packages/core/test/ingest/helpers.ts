import type { ReadResult } from "@koe/core";
import { expect } from "vitest";

/**
 * Every read must account for every row: accepted + rejected = read, and each rejected row has an
 * error issue naming it (issues of the header row are about the file, not a rejected row).
 */
export function expectAccounted(r: ReadResult): void {
  const { rowsRead, rowsAccepted, rowsRejected } = r.summary;
  expect(rowsAccepted + rowsRejected).toBe(rowsRead);
  expect(r.table.numRows()).toBe(rowsAccepted);
  const rejectedRows = new Set(r.issues.filter((i) => i.severity === "error" && i.row !== null && i.row !== r.summary.headerRow).map((i) => i.row));
  expect(rejectedRows.size).toBe(rowsRejected);
}
