import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { numericValues } from "./clean.js";
import { choice } from "./options.js";

export const P_ADJUST_METHODS = ["holm", "hochberg", "bonferroni", "BH", "BY", "none"] as const;
export type PAdjustMethod = (typeof P_ADJUST_METHODS)[number];

/**
 * Adjusts p-values for multiple comparisons, as R's `p.adjust(p, method)`: holm, hochberg,
 * bonferroni, BH (Benjamini–Hochberg FDR), BY (Benjamini–Yekutieli). Missing p-values (NaN, null)
 * stay missing and do not count in n.
 * @example
 * adjustPValues([0.01, 0.02, 0.03], "holm") // => [0.03, 0.04, 0.04]
 */
export function adjustPValues(pValues: readonly (number | null)[], method: PAdjustMethod = "holm"): (number | null)[] {
  const fn = "adjustPValues";
  choice(fn, "method", method, P_ADJUST_METHODS);
  const p = Array.from(numericValues(fn, pValues, "p"), (v) => (v === undefined ? null : v));
  const present = p.map((v, i) => [v, i] as const).filter(([v]) => v !== null && !Number.isNaN(v)) as (readonly [number, number])[];
  for (const [v, i] of present) if (v < 0 || v > 1) throw KoeArgumentError.of(m.notAPValue, { fn, value: v, position: i + 1 });
  const n = present.length;
  const out: (number | null)[] = p.map((v) => (v === null || Number.isNaN(v) ? null : v));
  if (n === 0 || method === "none") return out;
  const clamp = (x: number) => Math.min(1, x);
  const asc = [...present].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const desc = [...present].sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  if (method === "bonferroni") {
    for (const [v, i] of present) out[i] = clamp(n * v);
  } else if (method === "holm") {
    let run = 0;
    asc.forEach(([v, i], k) => {
      run = Math.max(run, (n - k) * v);
      out[i] = clamp(run);
    });
  } else {
    // Step-up methods: cumulative minimum from the largest p down.
    const q = method === "BY" ? Array.from({ length: n }, (_, k) => 1 / (k + 1)).reduce((a, b) => a + b, 0) : 1;
    let run = Infinity;
    desc.forEach(([v, i], k) => {
      const rank = n - k; // rank of v among the ascending p-values
      const adj = method === "hochberg" ? (n - rank + 1) * v : (q * n * v) / rank;
      run = Math.min(run, adj);
      out[i] = clamp(run);
    });
  }
  return out;
}
