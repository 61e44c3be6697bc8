import { normalizeKey } from "../model/vocabulary.js";

/** Edit distance (insertions, deletions, substitutions, transpositions) between two short strings. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to what was typed, for "did you mean …?": compared after NFKC, case and
 * separators are folded; null when nothing is close (more than a third of the letters differ).
 * @example
 * closest("generaton", ["company", "generation", "job_type"]) // => "generation"
 */
export function closest(typed: string, candidates: readonly string[]): string | null {
  const t = normalizeKey(typed);
  let best: string | null = null;
  let bestD = Infinity;
  let bestPrefix = -1;
  for (const c of candidates) {
    const k = normalizeKey(c);
    const dist = k === t ? 0 : k.startsWith(t) || t.startsWith(k) ? Math.abs(k.length - t.length) * 0.5 : distance(t, k);
    let prefix = 0;
    while (prefix < k.length && k[prefix] === t[prefix]) prefix++;
    // Equal distances: the candidate sharing the longer beginning (minCompany → minCompanies, not company).
    if (dist < bestD || (dist === bestD && prefix > bestPrefix)) {
      bestD = dist;
      best = c;
      bestPrefix = prefix;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.ceil(Math.min(t.length, normalizeKey(best).length) / 3)) ? best : null;
}
