# The analyst's whole pipeline in pandas/NumPy/SciPy/statsmodels (Debian's python3 packages), the
# same five tasks as bench/pipeline-job.ts on the same files:
# `python3 bench/pipeline_pandas.py <respondents.csv> <ratings.csv> <instrument.json>`; prints one JSON line.
import json, resource, sys, time
import numpy as np, pandas as pd
from scipy import stats
import statsmodels.api as sm
from greedy_matching import greedy_pairs
from statsmodels.multivariate.factor import Factor

path, ratings_path, instrument_path = sys.argv[1:4]
instrument = json.load(open(instrument_path))
times = {}
def timed(name, f):
    t0 = time.perf_counter(); r = f(); times[name] = round(time.perf_counter() - t0, 3); return r

t_start = time.perf_counter()
d = timed("read", lambda: pd.read_csv(path))

def scales():
    rel, added = {}, {}
    for scale in instrument["scales"]:
        items = [i for i in instrument["items"] if i["scale"] == scale["id"]]
        for wave in instrument["waves"]:
            x = d[[f"{i['id']}_{wave['id']}" for i in items]].to_numpy(dtype=float)
            for j, i in enumerate(items):
                if i.get("reverse"): x[:, j] = i["min"] + i["max"] - x[:, j]
            answered = (~np.isnan(x)).sum(axis=1)
            score = np.where(answered >= 0.5 * len(items), np.nanmean(x, axis=1), np.nan)
            added[f"{scale['id']}_{wave['id']}"] = score
            # Alpha from the (pairwise) covariance matrix; omega total from a one-factor ML fit of the correlations.
            cov = pd.DataFrame(x).cov().to_numpy(); k = len(items)
            alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
            sd = np.sqrt(np.diag(cov)); corr = cov / np.outer(sd, sd)
            lam = np.abs(Factor(corr=corr, n_factor=1, method="ml", nobs=len(x)).fit().loadings[:, 0])
            omega = lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam ** 2).sum())
            rel[f"{scale['id']}_{wave['id']}"] = (alpha, omega)
    return d.assign(**added), rel
d, rel = timed("scales", scales)

def top3(k=3, min_companies=5):
    r = pd.read_csv(ratings_path)
    g = r.groupby(["generation", "step", "initiative"]).agg(companies=("effective", "sum"), rated=("company", "nunique")).reset_index()
    g["share"] = g.companies / g.rated
    rating = r.groupby(["generation", "step"]).company.nunique().rename("rating_companies")
    g = g.join(rating, on=["generation", "step"])
    g = g[(g.rating_companies >= min_companies) & (g.rated > 0)]
    g = g.sort_values(["generation", "step", "companies", "share", "initiative"], ascending=[True, True, False, False, True])
    # Ties at the k-th place are all kept: rank by (companies, share) as "min" ranks.
    key = g.companies * 2.0 + g.share
    g["rank"] = key.groupby([g.generation, g.step]).rank(method="min", ascending=False).astype(int)
    return g[g["rank"] <= k]
top = timed("top3", top3)

def welch():
    change = (d.engagement_post - d.engagement_pre).to_numpy(); treat = d.cross_boundary.to_numpy()
    ok = ~np.isnan(change); c, t = change[ok], treat[ok] == 1
    w = stats.ttest_ind(c[~t], c[t], equal_var=False)
    est = c[t].mean() - c[~t].mean()
    v0, v1 = c[~t].var(ddof=1) / (~t).sum(), c[t].var(ddof=1) / t.sum()
    df = (v0 + v1) ** 2 / (v0 ** 2 / ((~t).sum() - 1) + v1 ** 2 / (t.sum() - 1))
    # 1,000 resamples stratified by group: each group resampled within itself, keeping its size.
    rng = np.random.default_rng(1); ct, cc = c[t], c[~t]; reps = np.empty(1000)
    for b in range(1000):
        reps[b] = ct[rng.integers(0, len(ct), len(ct))].mean() - cc[rng.integers(0, len(cc), len(cc))].mean()
    return w, df, est, reps.std(ddof=1)
w, welch_df, did, did_se = timed("welch", welch)

def matching():
    cols = ["engagement_post", "cross_boundary", "engagement_pre", "innovation_pre", "age", "generation", "job_type", "manager"]
    m = d[cols].dropna()
    X = pd.get_dummies(m[["engagement_pre", "innovation_pre", "age", "generation", "job_type", "manager"]], columns=["generation", "job_type"], drop_first=True, dtype=float)
    X = sm.add_constant(X).to_numpy()
    treat = m.cross_boundary.to_numpy()
    ps = sm.Logit(treat, X).fit(disp=0).predict(X)
    p = greedy_pairs(treat, ps); y = m.engagement_post.to_numpy()
    return (y[p[:, 0]] - y[p[:, 1]]).mean(), len(p)
att, pairs = timed("matching", matching)
# The five tasks end here; what follows only gathers the answers run.ts compares (koe's job stops its clock at the same point).
seconds = round(time.perf_counter() - t_start, 3)

means = {c: float(np.nanmean(d[c])) for c in rel}
print(json.dumps({"seconds": seconds, "times": times, "rows": len(d),
  "results": {"scaleMeans": means, "alpha": {k: v[0] for k, v in rel.items()}, "omega": {k: v[1] for k, v in rel.items()},
    "top3": {f"{r.generation}|{r.step}|{r['rank']}|{r.initiative}": int(r.companies) for _, r in top.iterrows()},
    "welchT": float(w.statistic), "welchDf": float(welch_df), "did": float(did), "didBootSe": float(did_se),
    "matchingAtt": float(att), "matchedPairs": int(pairs)},
  "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
