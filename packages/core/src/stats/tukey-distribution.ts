// The studentized range distribution, ported line by line from R's nmath ptukey.c and qtukey.c
// (Copenhaver & Holland 1988, AS 190), so that Tukey HSD p-values and intervals equal R's.
import { gammaln } from "./special-functions.js";
import { normalCdf } from "./distributions.js";

const XLEG = [0.98156063424671925069, 0.904117256370474856678, 0.769902674194304687037, 0.587317954286617447297, 0.367831498998180193753, 0.125233408511468915472];
const ALEG = [0.0471753363865118271946, 0.106939325995318430960, 0.160078328543346226335, 0.203167426723065921749, 0.233492536538354808761, 0.249147045813402785001];
const M_SQRT_2PI = 2.506628274631000502415765284811;

/** P(range of cc normals < w)^rr (R's wprob). */
function wprob(w: number, rr: number, cc: number): number {
  const nleg = 12;
  const ihalf = 6;
  const C1 = -30;
  const C2 = -50;
  const C3 = 60;
  const bb = 8;
  const wlar = 3;
  const qsqz = w * 0.5;
  if (qsqz >= bb) return 1;
  let prW = 2 * normalCdf(qsqz) - 1;
  prW = prW >= Math.exp(C2 / cc) ? prW ** cc : 0;
  const wincr = w > wlar ? 2 : 3;
  let blb = qsqz;
  const binc = (bb - qsqz) / wincr;
  let bub = blb + binc;
  let einsum = 0;
  const cc1 = cc - 1;
  for (let wi = 1; wi <= wincr; wi++) {
    let elsum = 0;
    const a = 0.5 * (bub + blb);
    const b = 0.5 * (bub - blb);
    for (let jj = 1; jj <= nleg; jj++) {
      let j: number;
      let xx: number;
      if (ihalf < jj) {
        j = nleg - jj + 1;
        xx = XLEG[j - 1]!;
      } else {
        j = jj;
        xx = -XLEG[j - 1]!;
      }
      const c = b * xx;
      const ac = a + c;
      const qexpo = ac * ac;
      if (qexpo > C3) break;
      const pplus = 2 * normalCdf(ac);
      const pminus = 2 * normalCdf(ac, { mean: w });
      let rinsum = pplus * 0.5 - pminus * 0.5;
      if (rinsum >= Math.exp(C1 / cc1)) {
        rinsum = ALEG[j - 1]! * Math.exp(-(0.5 * qexpo)) * rinsum ** cc1;
        elsum += rinsum;
      }
    }
    elsum *= (2 * b * cc) / M_SQRT_2PI;
    einsum += elsum;
    blb = bub;
    bub += binc;
  }
  prW += einsum;
  if (prW <= Math.exp(C1 / rr)) return 0;
  prW = prW ** rr;
  return prW >= 1 ? 1 : prW;
}

const XLEGQ = [0.989400934991649932596, 0.944575023073232576078, 0.865631202387831743880, 0.755404408355003033895, 0.617876244402643748447, 0.458016777657227386342, 0.281603550779258913230, 0.950125098376374401853e-1];
const ALEGQ = [0.271524594117540948518e-1, 0.622535239386478928628e-1, 0.951585116824927848099e-1, 0.124628971255533872052, 0.149595988816576732082, 0.169156519395002538189, 0.182603415044923588867, 0.189450610455068496285];

/** P(Q < q) for the studentized range of `nmeans` means with `df` error degrees of freedom (R's ptukey, nranges = 1). */
export function tukeyCdf(q: number, nmeans: number, df: number, { lowerTail = true }: { lowerTail?: boolean } = {}): number {
  const rr = 1;
  const cc = nmeans;
  const value = (p: number) => (lowerTail ? p : 0.5 - p + 0.5);
  if (q <= 0) return value(0);
  if (df < 2 || cc < 2) return Number.NaN;
  if (!Number.isFinite(q)) return value(1);
  if (df > 25000) return value(wprob(q, rr, cc));
  const nlegq = 16;
  const ihalfq = 8;
  const eps1 = -30;
  const eps2 = 1e-14;
  const f2 = df * 0.5;
  let f2lf = f2 * Math.log(df) - df * Math.LN2 - gammaln(f2);
  const f21 = f2 - 1;
  const ff4 = df * 0.25;
  const ulen = df <= 100 ? 1 : df <= 800 ? 0.5 : df <= 5000 ? 0.25 : 0.125;
  f2lf += Math.log(ulen);
  let ans = 0;
  let otsum = 0;
  for (let i = 1; i <= 50; i++) {
    otsum = 0;
    const twa1 = (2 * i - 1) * ulen;
    for (let jj = 1; jj <= nlegq; jj++) {
      let j: number;
      let t1: number;
      if (ihalfq < jj) {
        j = jj - ihalfq - 1;
        t1 = f2lf + f21 * Math.log(twa1 + XLEGQ[j]! * ulen) - (XLEGQ[j]! * ulen + twa1) * ff4;
      } else {
        j = jj - 1;
        t1 = f2lf + f21 * Math.log(twa1 - XLEGQ[j]! * ulen) + (XLEGQ[j]! * ulen - twa1) * ff4;
      }
      if (t1 >= eps1) {
        const qsqz = ihalfq < jj ? q * Math.sqrt((XLEGQ[j]! * ulen + twa1) * 0.5) : q * Math.sqrt((-(XLEGQ[j]! * ulen) + twa1) * 0.5);
        const wprb = wprob(qsqz, rr, cc);
        otsum += wprb * ALEGQ[j]! * Math.exp(t1);
      }
    }
    if (i * ulen >= 1 && otsum <= eps2) break;
    ans += otsum;
  }
  if (ans > 1) ans = 1;
  return value(ans);
}

function qinv(p: number, c: number, v: number): number {
  const [p0, q0, p1, q1, p2, q2, p3, q3, p4, q4] = [0.322232421088, 0.0993484626060, -1.0, 0.588581570495, -0.342242088547, 0.531103462366, -0.204231210125, 0.10353775285, -0.453642210148e-4, 0.38560700634e-2];
  const [c1, c2, c3, c4, c5] = [0.8832, 0.2368, 1.214, 1.208, 1.4142];
  const vmax = 120;
  const ps = 0.5 - 0.5 * p;
  const yi = Math.sqrt(Math.log(1 / (ps * ps)));
  let t = yi + ((((yi * p4 + p3) * yi + p2) * yi + p1) * yi + p0) / ((((yi * q4 + q3) * yi + q2) * yi + q1) * yi + q0);
  if (v < vmax) t += (t * t * t + t) / v / 4;
  let q = c1 - c2 * t;
  if (v < vmax) q += -c3 / v + (c4 * t) / v;
  return t * (q * Math.log(c - 1) + c5);
}

/** Quantile of the studentized range (R's qtukey: the same secant iterations and stopping rule). */
export function tukeyQuantile(p: number, nmeans: number, df: number): number {
  const eps = 0.0001;
  if (df < 2 || nmeans < 2 || !(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  let x0 = qinv(p, nmeans, df);
  let valx0 = tukeyCdf(x0, nmeans, df) - p;
  let x1 = valx0 > 0 ? Math.max(0, x0 - 1) : x0 + 1;
  let valx1 = tukeyCdf(x1, nmeans, df) - p;
  let ans = 0;
  for (let iter = 1; iter < 50; iter++) {
    ans = x1 - (valx1 * (x1 - x0)) / (valx1 - valx0);
    valx0 = valx1;
    x0 = x1;
    if (ans < 0) {
      ans = 0;
      valx1 = -p;
    }
    valx1 = tukeyCdf(ans, nmeans, df) - p;
    x1 = ans;
    if (Math.abs(x1 - x0) < eps) return ans;
  }
  return ans;
}
