/** Mean by two passes: the plain mean, then the mean of the residuals added back (accurate to a few ulps). */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const m = s / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += x[i]! - m;
  return m + r / n;
}

/**
 * Sample variance (n − 1) by the corrected two-pass algorithm (Chan, Golub & LeVeque 1983):
 * stable for data with a large mean and small spread (NIST StRD NumAcc4).
 */
export function variance(x: ArrayLike<number>, m: number = mean(x)): number {
  const n = x.length;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    ss += d * d;
    comp += d;
  }
  return (ss - (comp * comp) / n) / (n - 1);
}
