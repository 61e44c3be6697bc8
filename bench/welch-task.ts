// The pipeline's "welch" task as an analyst writes it with koe's public API, shared by
// bench/pipeline-job.ts (which times it whole) and bench/welch-bootstrap-job.ts (which times its
// parts): Welch's test of the change in engagement between participants and the others, and the
// DiD of the change scores as a statistic of bootstrap frequency weights.
import * as aq from "arquero";
import { welchTest, type Table } from "@koe/core";

/** Welch's test on the table, and what the bootstrap needs: the change scores and the groups of the rows kept, and the DiD of a weighting. */
export function changeScoreComparison(scored: Table) {
  const pre = scored.array("engagement_pre") as Float64Array;
  const post = scored.array("engagement_post") as Float64Array;
  const change = Float64Array.from(post, (v, i) => v - pre[i]!);
  const welch = welchTest(scored.assign(aq.table({ engagement_change: change })), { outcome: "engagement_change", group: "cross_boundary" });
  const welchDone = performance.now();
  // DiD of the change scores (participants − others), bootstrapped within each group.
  const group = scored.array("cross_boundary") as ArrayLike<unknown>;
  const keep: number[] = [];
  for (let i = 0; i < change.length; i++) if (change[i] === change[i] && group[i] !== null && group[i] !== undefined) keep.push(i);
  const c = Float64Array.from(keep, (i) => change[i]!);
  const treated = Uint8Array.from(keep, (i) => (Number(group[i]) === 1 ? 1 : 0));
  const did = (w: Uint16Array) => {
    let st = 0, nt = 0, sc = 0, nc = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      if (treated[i] === 1) {
        st += wi * c[i]!;
        nt += wi;
      } else {
        sc += wi * c[i]!;
        nc += wi;
      }
    }
    return st / nt - sc / nc;
  };
  return { welch, welchDone, c, treated, did };
}
