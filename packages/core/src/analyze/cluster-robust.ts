// Cluster-robust variance of least-squares estimates with few, unequal clusters: CR2 (Bell &
// McCaffrey 2002; Pustejovsky & Tipton 2018) with Satterthwaite degrees of freedom per
// coefficient, and the effective number of clusters G* (Carter, Schnepel & Steigerwald 2017).
//
// CR2 without n_g × n_g matrices: for cluster g the adjustment B_g^(−1/2), with
// B_g = (I − H)_g· (I − H)_g·' (H = X M X'W, M = (X'WX)⁻¹; the working model Φ = I, as
// clubSandwich for lm), is I − Z_g C Z_g' with Z_g = X_g (unweighted) or [X_g, W_g X_g]
// (weighted) and a fixed small C. Its inverse square root is I + Z_g K_g Z_g' with K_g from two
// eigen-decompositions of size ≤ 2K, so only the cluster's cross-products X_g'W_g^k X_g and
// X_g'e_g, X_g'W_g e_g are read from the rows: O(n_g K²) per cluster. The Satterthwaite df of
// each coefficient comes from the same small matrices (O(G K³) in all).

/** Eigenvalues and vectors (columns of `vectors`, row-major k × k) of a symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < k; i++) {
      scale += m[i * k + i]! ** 2;
      for (let j = i + 1; j < k; j++) off += m[i * k + j]! ** 2;
    }
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q]!;
        if (apq === 0) continue;
        const theta = (m[q * k + q]! - m[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p]!;
          const mrq = m[r * k + q]!;
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r]!;
          const mqr = m[q * k + r]!;
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: k }, (_, i) => m[i * k + i]!), vectors: v };
}

/** a (r × s) · b (s × t), row-major. */
function mul(a: Float64Array, b: Float64Array, r: number, s: number, t: number): Float64Array {
  const out = new Float64Array(r * t);
  for (let i = 0; i < r; i++)
    for (let k = 0; k < s; k++) {
      const x = a[i * s + k]!;
      if (x === 0) continue;
      for (let j = 0; j < t; j++) out[i * t + j]! += x * b[k * t + j]!;
    }
  return out;
}

/** Transpose of a (r × s). */
function tr(a: Float64Array, r: number, s: number): Float64Array {
  const out = new Float64Array(r * s);
  for (let i = 0; i < r; i++) for (let j = 0; j < s; j++) out[j * r + i] = a[i * s + j]!;
  return out;
}

/**
 * Eigenvalues 1 − λ of a cluster's adjustment matrix B_g at or below this are taken as zero (the
 * pseudo-inverse square root, as clubSandwich's `Sym_power`). clubSandwich forms B_g densely and
 * uses 1e-12; here B_g comes from Z_g's small Gram matrices, whose rounding reaches ~1e-10 when
 * the weights within a cluster span orders of magnitude, so the cut is 1e-8: an eigenvalue that
 * small is a leverage of 1 to the precision of the data either way.
 */
const NULL_DIRECTION = 1e-8;

/** What {@link clusterRobustCR2} returns: the CR2 variance, the Satterthwaite df and G* per coefficient. */
export interface CR2Result {
  /** CR2 variance–covariance (row-major p × p). */
  vcov: Float64Array;
  /** Satterthwaite (Bell–McCaffrey) degrees of freedom of each coefficient, as clubSandwich's `df_Satt`. */
  df: Float64Array;
  /** Effective number of clusters of each coefficient, G*(ρ = 1) of Carter, Schnepel & Steigerwald (2017). */
  effectiveClusters: Float64Array;
}

/**
 * CR2 cluster-robust variance with Satterthwaite degrees of freedom for a least-squares fit, as
 * `clubSandwich::coef_test(fit, vcov = "CR2", cluster = …, test = "Satterthwaite")` (weighted
 * fits included: working model Φ = I, as clubSandwich for `lm` with weights; estimatr's
 * `lm_robust(se_type = "CR2")` agrees). `bread` is M = (X'WX)⁻¹. Singular adjustment matrices
 * (e.g. cluster dummies in the model) use the pseudo-inverse square root, as clubSandwich.
 * Cost O(n K²) over the rows plus O(G K³); memory O(G K²) (the per-cluster cross-products):
 * a million rows in 25 clusters take a fraction of a second.
 */
export function clusterRobustCR2(x: Float64Array, n: number, p: number, resid: Float64Array, weights: Float64Array | null, ids: Int32Array, G: number, bread: Float64Array): CR2Result {
  const weighted = weights !== null;
  const rz = weighted ? 2 * p : p;
  // Per cluster: Gram of Z = [X, WX] (blocks A0 = X'X, A1 = X'WX, A2 = X'W²X), Z'e, Σ w x.
  const pp = p * p;
  const A0 = new Float64Array(G * pp);
  const A1 = weighted ? new Float64Array(G * pp) : A0;
  const A2 = weighted ? new Float64Array(G * pp) : A0;
  const xe = new Float64Array(G * p);
  const xwe = weighted ? new Float64Array(G * p) : xe;
  const wx = new Float64Array(G * p);
  const xi = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const g = ids[i]!;
    const o = i * p;
    const e = resid[i]!;
    const go = g * pp;
    const gp = g * p;
    for (let a = 0; a < p; a++) xi[a] = x[o + a]!;
    if (!weighted) {
      for (let a = 0; a < p; a++) {
        const xa = xi[a]!;
        xe[gp + a]! += xa * e;
        wx[gp + a]! += xa;
        const row = go + a * p;
        for (let b = 0; b <= a; b++) A0[row + b]! += xa * xi[b]!;
      }
      continue;
    }
    const w = weights[i]!;
    // A row of weight 0 is no part of the fit: dropped, as lm + clubSandwich (its residual would
    // otherwise enter the other rows' adjustment through B_g's identity part).
    if (w === 0) continue;
    const ww = w * w;
    for (let a = 0; a < p; a++) {
      const xa = xi[a]!;
      xe[gp + a]! += xa * e;
      wx[gp + a]! += w * xa;
      xwe[gp + a]! += w * xa * e;
      const row = go + a * p;
      for (let b = 0; b <= a; b++) {
        const xab = xa * xi[b]!;
        A0[row + b]! += xab;
        A1[row + b]! += w * xab;
        A2[row + b]! += ww * xab;
      }
    }
  }
  for (const A of weighted ? [A0, A1, A2] : [A0]) for (let g = 0; g < G; g++) for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) A[g * pp + b * p + a] = A[g * pp + a * p + b]!;
  const M = bread;
  const S = new Float64Array(pp);
  for (let g = 0; g < G; g++) for (let k = 0; k < pp; k++) S[k]! += A2[g * pp + k]!;
  // C of B_g = I − Z C Z': M (unweighted); [[−M S M, M], [M, 0]] (weighted).
  const C = new Float64Array(rz * rz);
  if (!weighted) C.set(M);
  else {
    const msm = mul(mul(M, S, p, p, p), M, p, p, p);
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) {
        C[a * rz + b] = -msm[a * p + b]!;
        C[a * rz + p + b] = M[a * p + b]!;
        C[(p + a) * rz + b] = M[a * p + b]!;
      }
  }
  const vcov = new Float64Array(pp);
  // Satterthwaite: with q_g = (I − H)' P_g e_j, E = Σ q_g'q_g and df = E² / Σ_gh (q_g'q_h)².
  // q_g'q_h = δ_gh P'P_gg − v_g·u_h − u_g·v_h + u_g'S u_h = (D + Y F Y')_gh with y_g = [u_g, v_g]
  // (column j of u = M X_g'P_g and v = X_g'W_g P_g) and F = [[S, −I], [−I, 0]], so
  // Σ_gh (…)² = Σ_g (d_g² + 2 d_g y_g'F y_g) + tr((F Σ_g y_g y_g')²): accumulated cluster by
  // cluster in O(p³) memory, O(G p³) time (not O(G² p)).
  const p2 = 2 * p;
  const Fm = new Float64Array(p2 * p2);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) Fm[a * p2 + b] = S[a * p + b]!;
    Fm[a * p2 + p + a] = -1;
    Fm[(p + a) * p2 + a] = -1;
  }
  const yty = new Float64Array(p * p2 * p2);
  const expect = new Float64Array(p);
  const squares = new Float64Array(p);
  const yj = new Float64Array(p2);
  for (let g = 0; g < G; g++) {
    const go = g * pp;
    const block = (A: Float64Array) => A.subarray(go, go + pp);
    // Gram of Z and the cross-products X'Z, X'WZ (p × rz).
    const gz = new Float64Array(rz * rz);
    const xz = new Float64Array(p * rz);
    const xwz = new Float64Array(p * rz);
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) {
        gz[a * rz + b] = A0[go + a * p + b]!;
        xz[a * rz + b] = A0[go + a * p + b]!;
        xwz[a * rz + b] = A1[go + a * p + b]!;
        if (weighted) {
          gz[a * rz + p + b] = A1[go + a * p + b]!;
          gz[(p + a) * rz + b] = A1[go + a * p + b]!;
          gz[(p + a) * rz + p + b] = A2[go + a * p + b]!;
          xz[a * rz + p + b] = A1[go + a * p + b]!;
          xwz[a * rz + p + b] = A2[go + a * p + b]!;
        }
      }
    // Z = Q R with R = Σ^(1/2) U' over the non-null directions of Z'Z.
    const eg = symmetricEigen(gz, rz);
    const top = Math.max(...eg.values, 0);
    const keep: number[] = [];
    for (let k = 0; k < rz; k++) if (eg.values[k]! > 1e-11 * top) keep.push(k);
    const r = keep.length;
    const R = new Float64Array(r * rz);
    keep.forEach((k, i) => {
      const s = Math.sqrt(eg.values[k]!);
      for (let c = 0; c < rz; c++) R[i * rz + c] = s * eg.vectors[c * rz + k]!;
    });
    // T = R C R' = V Λ V'; B_g = I − Q T Q' → B_g^(−1/2) = I + Z K Z', K = L F L', L = U Σ^(−1/2) V.
    const T = mul(mul(R, C, r, rz, rz), tr(R, r, rz), r, rz, r);
    const et = symmetricEigen(T, r);
    const L = new Float64Array(rz * r);
    for (let c = 0; c < rz; c++)
      for (let j = 0; j < r; j++) {
        let s = 0;
        keep.forEach((k, i) => (s += (eg.vectors[c * rz + k]! / Math.sqrt(eg.values[k]!)) * et.vectors[i * r + j]!));
        L[c * r + j] = s;
      }
    const LF = new Float64Array(rz * r);
    for (let j = 0; j < r; j++) {
      const b = 1 - et.values[j]!;
      // A null direction of B_g (a cluster dummy: leverage 1) comes out of the small matrices as
      // 1 − λ ≈ 1e-10 rather than 0 when Z_g is ill-conditioned (weights near 0); the factor
      // (1e-10)^(−1/2) then swamps the Satterthwaite df (it went negative). Directions below
      // NULL_DIRECTION are null, as clubSandwich's pseudo-inverse square root treats them.
      const f = b > NULL_DIRECTION ? 1 / Math.sqrt(b) - 1 : -1;
      for (let c = 0; c < rz; c++) LF[c * r + j] = L[c * r + j]! * f;
    }
    const K = mul(LF, tr(L, rz, r), rz, r, rz);
    // s_g = M X'W A e = M [X'We + X'WZ K Z'e]; Z'e = [X'e, X'We].
    const ze = new Float64Array(rz);
    for (let a = 0; a < p; a++) {
      ze[a] = xe[g * p + a]!;
      if (weighted) ze[p + a] = xwe[g * p + a]!;
    }
    const kze = mul(K, ze, rz, rz, 1);
    const t = mul(xwz, kze, p, rz, 1);
    for (let a = 0; a < p; a++) t[a]! += xwe[g * p + a]!;
    const s = mul(M, t, p, p, 1);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) vcov[a * p + b]! += s[a]! * s[b]!;
    // P_g = A W X M = W X M + Z N, N = K (X'WZ)' M: u = M X'P, v = X'W P, P'P.
    const zwx = tr(xwz, p, rz);
    const N = mul(mul(K, zwx, rz, rz, p), M, rz, p, p);
    const xp = mul(block(A1), M, p, p, p);
    const xpn = mul(xz, N, p, rz, p);
    for (let k = 0; k < pp; k++) xp[k]! += xpn[k]!;
    const ug = mul(M, xp, p, p, p);
    const xwp = mul(block(A2), M, p, p, p);
    const xwpn = mul(xwz, N, p, rz, p);
    for (let k = 0; k < pp; k++) xwp[k]! += xwpn[k]!;
    const vg = xwp;
    const mxwz = mul(M, xwz, p, p, rz);
    const cross = mul(mxwz, N, p, rz, p);
    const q = mul(mul(M, block(A2), p, p, p), M, p, p, p);
    const ngn = mul(mul(tr(N, rz, p), gz, p, rz, rz), N, p, rz, p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) q[a * p + b]! += cross[a * p + b]! + cross[b * p + a]! + ngn[a * p + b]!;
    for (let j = 0; j < p; j++) {
      for (let a = 0; a < p; a++) {
        yj[a] = ug[a * p + j]!;
        yj[p + a] = vg[a * p + j]!;
      }
      const fy = mul(Fm, yj, p2, p2, 1);
      let yfy = 0;
      for (let a = 0; a < p2; a++) yfy += yj[a]! * fy[a]!;
      const dg = q[j * p + j]!;
      expect[j]! += dg + yfy;
      squares[j]! += dg * dg + 2 * dg * yfy;
      const o = j * p2 * p2;
      for (let a = 0; a < p2; a++) for (let b = 0; b < p2; b++) yty[o + a * p2 + b]! += yj[a]! * yj[b]!;
    }
  }
  const df = new Float64Array(p);
  const effectiveClusters = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const FY = mul(Fm, yty.subarray(j * p2 * p2, (j + 1) * p2 * p2), p2, p2, p2);
    let low = 0;
    for (let a = 0; a < p2; a++) for (let b = 0; b < p2; b++) low += FY[a * p2 + b]! * FY[b * p2 + a]!;
    df[j] = (expect[j]! * expect[j]!) / (squares[j]! + low);
    // G*(ρ = 1): γ_g = (e_j' M Σ_g w x)², G* = G / (1 + Var(γ)/mean(γ)²).
    const gam = Array.from({ length: G }, (_, g) => {
      let c = 0;
      for (let a = 0; a < p; a++) c += M[j * p + a]! * wx[g * p + a]!;
      return c * c;
    });
    const mean = gam.reduce((s, x) => s + x, 0) / G;
    const varG = gam.reduce((s, x) => s + (x - mean) ** 2, 0) / G;
    effectiveClusters[j] = G / (1 + varG / (mean * mean));
  }
  return { vcov, df, effectiveClusters };
}
