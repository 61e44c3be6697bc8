# The same statistics benchmark jobs in SciPy / statsmodels / NumPy (Debian's python3 packages).
import json, resource, sys, time
import numpy as np

d, job = sys.argv[1], sys.argv[2]
load = lambda name: np.fromfile(f"{d}/{name}.f64", dtype="<f8")
if job == "welch":
    from scipy import stats
    x, y = load("welch_x"), load("welch_y")
    t0 = time.perf_counter(); r = stats.ttest_ind(x, y, equal_var=False); s = time.perf_counter() - t0
    result = {"t": float(r.statistic), "p": float(r.pvalue)}
elif job == "ols":
    import statsmodels.api as sm
    y = load("ols_y"); cl = load("ols_cluster"); x = load("ols_x").reshape(len(y), -1)
    t0 = time.perf_counter()
    fit = sm.OLS(y, sm.add_constant(x)).fit(cov_type="cluster", cov_kwds={"groups": cl.astype(int)})
    s = time.perf_counter() - t0
    result = {"b1": float(fit.params[1]), "se1": float(fit.bse[1])}
elif job == "bootstrap":
    treat = load("did_treat").astype(bool); change = load("did_post") - load("did_pre")
    t0 = time.perf_counter()
    rng = np.random.default_rng(1); n = len(treat); reps = np.empty(1000)
    for b in range(1000):
        idx = rng.integers(0, n, n)
        t = treat[idx]; c = change[idx]
        reps[b] = c[t].mean() - c[~t].mean()
    s = time.perf_counter() - t0
    result = {"did": float(change[treat].mean() - change[~treat].mean()), "se": float(reps.std(ddof=1))}
print(json.dumps({"seconds": round(s, 3), "job": job, "result": result, "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
