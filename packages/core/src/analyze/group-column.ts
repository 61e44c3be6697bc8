// The group column of a comparison, read once through the boundary with one order rule, so a
// comparison's sign never depends on the column's type or the table's row order.
import * as aq from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { boundaryMessages as bm } from "../errors/boundary-messages.js";
import { analyzeMessages as m } from "../errors/analyze-messages.js";
import { binaryColumn, MISSING_BINARY, numberFromText, segmentColumn } from "../boundary/roles.js";
import { knownField } from "../model/known-fields.js";
import type { Table } from "../model/table.js";
import type { Vocabulary } from "../model/vocabulary.js";
import { columnValues } from "./column-values.js";

/** How a group column was read: yes/no, a segment of the model's vocabularies, numbers, or text. */
export type GroupKind = "binary" | "vocabulary" | "number" | "text";

export interface GroupLevel {
  /** The group as koe reads it: `false`/`true` for yes/no columns, the vocabulary id (`"young"`), the number, or the text. */
  level: unknown;
  /** The user's own value for the group, as first seen in the column (`"いいえ"`, `0`, `"若手"` …), as text. */
  label: string;
}

export interface GroupColumn {
  column: string;
  kind: GroupKind;
  /** Index into `levels` per row; -1 = missing. */
  codes: Int32Array;
  /** Every group present, in koe's one order (see {@link groupColumn}). */
  levels: GroupLevel[];
  vocabulary: Vocabulary | null;
  nMissing: number;
}

/**
 * Reads a group column and puts its groups in one order, as R's `factor()` does for `t.test(y ~ g)`:
 * yes/no columns (booleans, 0/1, "0"/"1", はい/いいえ, yes/no, the field's own words) as
 * false/0/いいえ first, true/1/はい second; segments of the model's vocabularies in their natural
 * order (young, mid, senior); numbers ascending; other text sorted (by code point, as R in the C
 * locale). The order never depends on the column's type or on the table's row order.
 * @example
 * groupColumn("welchTest", aq.table({ g: ["はい", "いいえ", "はい"] }), "g").levels // => [{ level: false, label: "いいえ" }, { level: true, label: "はい" }]
 */
export function groupColumn(fn: string, table: Table, name: string, { option = "group", missing }: { option?: string; missing?: readonly string[] | undefined } = {}): GroupColumn {
  const roleOptions = missing === undefined ? { option } : { option, missing };
  const raw = () => columnValues(table, column, fn);
  const first = (codes: Int32Array, k: number) => {
    const values = raw();
    const labels = new Array<string | undefined>(k);
    let left = k;
    for (let i = 0; i < codes.length && left > 0; i++) {
      const c = codes[i]!;
      if (c >= 0 && labels[c] === undefined) {
        labels[c] = String(values[i]);
        left--;
      }
    }
    return labels.map((l) => l ?? "");
  };
  const probe = segmentOrBinary(fn, table, name, roleOptions);
  const column = probe.column;
  if (probe.kind === "binary") {
    const b = probe.binary;
    const present = [b.nFalse > 0, b.nTrue > 0];
    const index = present[0] ? [0, 1] : [-1, 0];
    const codes = new Int32Array(b.values.length);
    for (let i = 0; i < codes.length; i++) {
      const v = b.values[i]!;
      codes[i] = v === MISSING_BINARY ? -1 : index[v]!;
    }
    const levels = [false, true].filter((_, j) => present[j]);
    const labels = first(codes, levels.length);
    return { column, kind: "binary", codes, levels: levels.map((level, j) => ({ level, label: labels[j]! })), vocabulary: null, nMissing: b.nMissing };
  }
  const s = probe.segment;
  const labels = first(s.codes, s.levels.length);
  const kind: GroupKind = s.vocabulary ? "vocabulary" : s.levels.every((l) => typeof l === "number") ? "number" : "text";
  return { column, kind, codes: s.codes, levels: s.levels.map((level, j) => ({ level, label: labels[j]! })), vocabulary: s.vocabulary, nMissing: s.nMissing };
}

type Probe = { column: string; kind: "binary"; binary: ReturnType<typeof binaryColumn> } | { column: string; kind: "segment"; segment: ReturnType<typeof segmentColumn> };

/**
 * A yes/no column when the model says the field is yes/no, when it holds booleans (a stray other
 * value there is an error, not a group of its own), or when its two values read as yes and no;
 * else a segment.
 */
function segmentOrBinary(fn: string, table: Table, name: string, options: { option: string; missing?: readonly string[] }): Probe {
  const s = segmentColumn(fn, table, name, options);
  const field = knownField(s.column.replace(/\uFEFF/g, ""));
  if (field?.role === "binary" || s.levels.some((l) => typeof l === "boolean") || (s.vocabulary === null && s.levels.length <= 2 && looksBinary(fn, s.levels, s.column))) {
    return { column: s.column, kind: "binary", binary: binaryColumn(fn, table, s.column, options) };
  }
  return { column: s.column, kind: "segment", segment: s };
}

function looksBinary(fn: string, levels: readonly unknown[], column: string): boolean {
  if (levels.length === 0) return false;
  try {
    binaryColumn(fn, aq.table({ [column]: levels as unknown[] }), column);
    return true;
  } catch (e) {
    if (e instanceof KoeArgumentError) return false;
    throw e;
  }
}

/** The level a value given by the user (in `order`) means in this group column, through the same reading as the column's own values. */
export function resolveLevel(fn: string, g: GroupColumn, value: unknown): number {
  let level: unknown;
  if (g.kind === "binary") {
    try {
      const b = binaryColumn(fn, aq.table({ [g.column]: [value] }), g.column).values[0]!;
      level = b === MISSING_BINARY ? undefined : b === 1;
    } catch (e) {
      if (!(e instanceof KoeArgumentError)) throw e;
    }
  } else if (g.kind === "vocabulary") level = g.vocabulary!.resolve(String(value));
  else if (g.kind === "number") level = typeof value === "number" ? value : typeof value === "string" ? numberFromText(value) : undefined;
  else level = typeof value === "string" ? value.normalize("NFKC").trim() : value;
  const at = g.levels.findIndex((l) => l.level === level);
  if (at >= 0) return at;
  const byLabel = g.levels.findIndex((l) => l.label === String(value));
  if (byLabel >= 0) return byLabel;
  throw KoeArgumentError.of(bm.groupNotPresent, { fn, column: g.column, group: String(value), found: g.levels.map((l) => l.label) });
}

/**
 * The groups to compare: those named in `order`, in that order (each resolved as the column's
 * values are: `[true, false]`, `[1, 0]` and `["はい", "いいえ"]` mean the same on any yes/no
 * column), else every group in the column's order. `exactly` groups are required when given.
 */
export function chooseGroups(fn: string, g: GroupColumn, order: readonly unknown[] | undefined, exactly?: number): number[] {
  let chosen: number[];
  if (order !== undefined) {
    chosen = order.map((v) => resolveLevel(fn, g, v));
    const twice = chosen.find((c, i) => chosen.indexOf(c) !== i);
    if (twice !== undefined) throw KoeArgumentError.of(m.groupTwice, { fn, column: g.column, group: g.levels[twice]!.label });
  } else chosen = g.levels.map((_, i) => i);
  if (exactly !== undefined ? chosen.length !== exactly : chosen.length < 2) {
    throw KoeArgumentError.of(bm.tooFewGroups, { fn, column: g.column, found: chosen.map((c) => g.levels[c]!.label), needed: exactly ?? 2 });
  }
  return chosen;
}
