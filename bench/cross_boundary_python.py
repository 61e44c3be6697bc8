# The same cross-boundary analyses in pandas/statsmodels/NumPy on the scores koe wrote
# (Debian's python3 packages): balance, greedy 1:1 propensity matching, IPW, DiD with a
# 999-draw wild cluster bootstrap.
import json, resource, sys, time
import numpy as np, pandas as pd, statsmodels.api as sm
from greedy_matching import greedy_pairs

times = {}
def timed(name, f):
    t0 = time.perf_counter(); r = f(); times[name] = round(time.perf_counter() - t0, 3); return r

t_start = time.perf_counter()
d = timed("read", lambda: pd.read_csv(sys.argv[1]))
d = d.dropna(subset=["engagement_pre", "engagement_post"])
d["treat"] = d["cross_boundary"].astype(str).str.lower().isin(["true", "1"]).astype(int)
d["manager"] = d["manager"].astype(str).str.lower().isin(["true", "1"]).astype(int)
X = pd.get_dummies(d[["engagement_pre", "generation", "manager"]], columns=["generation"], drop_first=True, dtype=float)
X = sm.add_constant(X)
def balance():
    t, c = d[d.treat == 1], d[d.treat == 0]
    return (t.engagement_pre.mean() - c.engagement_pre.mean()) / t.engagement_pre.std()
smd = timed("balance", balance)
ps = timed("propensity", lambda: sm.Logit(d.treat.values, X.values).fit(disp=0).predict(X.values))
def matching():
    p = greedy_pairs(d.treat.values, ps); y = d.engagement_post.values
    return (y[p[:, 0]] - y[p[:, 1]]).mean(), len(p)
att_match, npairs = timed("matching", matching)
def weighting():
    p = np.clip(ps, 0.01, 0.99); w = np.where(d.treat.values == 1, 1, p / (1 - p))
    fit = sm.WLS(d.engagement_post.values, sm.add_constant(d.treat.values.astype(float)), weights=w).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(d.company)[0]})
    return fit.params[1]
att_w = timed("weighting", weighting)
def did():
    ch = (d.engagement_post - d.engagement_pre).values; Xd = sm.add_constant(d.treat.values.astype(float)); g = pd.factorize(d.company)[0]
    fit = sm.OLS(ch, Xd).fit(cov_type="cluster", cov_kwds={"groups": g})
    # Wild cluster bootstrap (restricted, Webb weights), refitting by the precomputed projection.
    rng = np.random.default_rng(1); webb = np.array([-np.sqrt(1.5), -1, -np.sqrt(.5), np.sqrt(.5), 1, np.sqrt(1.5)])
    r0 = ch - ch.mean(); P = np.linalg.solve(Xd.T @ Xd, Xd.T); G = g.max() + 1; t_obs = fit.tvalues[1]; extreme = 0
    for b in range(999):
        ys = ch.mean() + webb[rng.integers(0, 6, G)][g] * r0
        beta = P @ ys; e = ys - Xd @ beta
        s = np.zeros((G, 2)); np.add.at(s, g, Xd * e[:, None])
        bread = np.linalg.inv(Xd.T @ Xd); v = bread @ (s.T @ s) @ bread * G / (G - 1) * (len(ch) - 1) / (len(ch) - 2)
        if abs(beta[1] / np.sqrt(v[1, 1])) >= abs(t_obs): extreme += 1
    return fit.params[1], (extreme + 1) / 1000
est_did, p_wild = timed("did + 999 wild draws", did)
print(json.dumps({"seconds": round(time.perf_counter() - t_start, 3), "times": times,
  "results": {"smdPre": smd, "matching": att_match, "pairs": npairs, "weighting": att_w, "did": est_did, "wildP": p_wild},
  "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
