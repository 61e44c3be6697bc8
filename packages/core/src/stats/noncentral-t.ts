// The noncentral t distribution's CDF, for the power of t tests: R's pnt (src/nmath/pnt.c), which
// is AS 243 (Lenth 1989) with Guenther's twin series and R's later care for rounding, ported as it
// is so that power and sample sizes equal R's power.t.test.
import { betainc, gammaln } from "./special-functions.js";
import { normalCdf, tCdf, type TailOptions } from "./distributions.js";

const LN_SQRT_PI = 0.572364942924700087071713675677; // log(sqrt(pi))
const SQRT_2_OVER_PI = 0.797884560802865355879892119869; // sqrt(2/pi)
const ITERATIONS = 1000;
const ERROR_MAX = 1e-12;
// Beyond this noncentrality exp(−δ²/2) underflows (R: 2 · ln 2 · −DBL_MIN_EXP, δ ≈ 37.62).
const DEL2_MAX = 2 * Math.LN2 * 1021;

/**
 * Noncentral t CDF P(T ≤ t) with `df` degrees of freedom and noncentrality `ncp`, as R's
 * `pt(t, df, ncp)` (the same algorithm: R's pnt, AS 243). With ncp = 0 it is the central t CDF.
 * The upper tail is 1 − CDF, as in R, so it carries R's absolute precision (about 1e-12).
 * @example
 * noncentralTCdf(2, 10, 1) // => 0.8076116 (R: pt(2, 10, ncp = 1))
 * noncentralTCdf(2.048407, 28, 2.738613, { lowerTail: false }) // => 0.752921 (power.t.test(n = 15, delta = 1)$power: this is its body)
 */
export function noncentralTCdf(t: number, df: number, ncp: number, { lowerTail = true }: TailOptions = {}): number {
  if (Number.isNaN(t) || Number.isNaN(ncp) || !(df > 0)) return Number.NaN;
  if (ncp === 0) return tCdf(t, df, { lowerTail });
  if (!Number.isFinite(t)) return t < 0 === lowerTail ? 0 : 1;
  let negdel: boolean;
  let tt: number;
  let del: number;
  if (t >= 0) {
    negdel = false;
    tt = t;
    del = ncp;
  } else {
    // pt(t, df, ncp) ≤ pt(0, df, ncp) = Φ(−ncp): nothing left of 0 when ncp is this large.
    if (ncp > 40) return lowerTail ? 0 : 1;
    negdel = true;
    tt = -t;
    del = -ncp;
  }
  if (df > 4e5 || del * del > DEL2_MAX) {
    // Abramowitz & Stegun 26.7.10.
    const s = 1 / (4 * df);
    return normalCdf(tt * (1 - s), { mean: del, sd: Math.sqrt(1 + tt * tt * 2 * s), lowerTail: lowerTail !== negdel });
  }
  const x0 = t * t;
  const x = x0 / (x0 + df);
  let tnc = 0;
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return lowerTail !== negdel ? 0 : 1; // underflow (R warns and returns 0 too)
    let q = SQRT_2_OVER_PI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(1 - x, b);
    const albeta = LN_SQRT_PI + gammaln(b) - gammaln(0.5 + b);
    let xodd = betainc(x, a, b, true, false);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    const bx = b * x;
    let xeven = bx < Number.EPSILON ? bx : 1 - rxb;
    let geven = bx * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= ITERATIONS; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break; // rounding: R stops here too ("full precision may not have been achieved")
      if (s <= 0 && it > 1) break;
      if (Math.abs(2 * s * (xodd - godd)) < ERROR_MAX) break;
    }
  }
  tnc += normalCdf(-del);
  const lower = lowerTail !== negdel;
  const tmp = Math.min(tnc, 1);
  return lower ? tmp : 0.5 - tmp + 0.5;
}
