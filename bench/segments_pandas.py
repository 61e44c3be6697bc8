# The segments benchmark in pandas (Debian's python3-pandas): the same segmenting, transitions and
# funnel as bench/segments-job.ts, written the way an analyst would (read_csv, vectorised masks,
# np.select, crosstab, groupby). Usage:
#   segments_pandas.py <respondents.csv> <rules.json>
# rules.json is koe's DEFAULT_SEGMENT_RULES as JSON (written by the runner): the thresholds and
# columns are read from it; how they combine (the order of the decisions) is written again here,
# from segmentRespondents' documentation. Prints one JSON line: seconds per phase (wall clock and
# CPU time of the process), counts, maxRssKB.
import json, resource, sys, time
import numpy as np
import pandas as pd

path, rules_path = sys.argv[1], sys.argv[2]
with open(rules_path, encoding="utf-8") as f:
    rules = json.load(f)
EPS = 1e-9  # a score within 1e-9 of a threshold counts as equal to it (a mean of 3 items is k/3)
STEPS = ["step_know", "step_understand", "step_deepen", "step_practice"]
BY = ["generation", "job_type", "manager"]

t0, c0 = time.perf_counter(), time.process_time()
df = pd.read_csv(path)
t_read, c_read = time.perf_counter(), time.process_time()

# --- segmenting ---------------------------------------------------------------------------------
lay = rules["layer"]
out = pd.DataFrame(index=df.index)
age = df[rules["generation"]["age"]]
cut = rules["generation"]["cutoffs"]
out["generation"] = np.select([age.isna(), age < cut["mid"], age < cut["senior"]], ["unclassified", "young", "mid"], "senior")
mgr = df[rules["role"]["manager"]]
out["role"] = np.select([mgr.isna(), mgr == 1], ["unclassified", "manager"], "non_manager")
out["job_type"] = df[rules["jobType"]["column"]].fillna("unclassified")


def score(spec, wave):
    items = df[[f"{i}_{wave}" for i in spec["items"]]]
    return items.mean(axis=1).where(items.notna().sum(axis=1) >= spec["minAnswered"])


def layer(wave):
    aw, act, trad = score(lay["awareness"], wave), score(lay["action"], wave), df[f'{lay["tradView"]["item"]}_{wave}']
    practising = (aw >= lay["practising"]["awarenessAtLeast"] - EPS) & (act >= lay["practising"]["actionAtLeast"] - EPS)
    traditional = (trad >= lay["traditional"]["tradViewAtLeast"] - EPS) & (aw < lay["traditional"]["awarenessBelow"] - EPS)
    contradictory = (practising & (trad >= lay["contradictory"]["tradViewAtLeast"] - EPS)) | (practising & traditional)
    missing = aw.isna() | act.isna() | trad.isna()
    return np.select([missing, contradictory, traditional, practising], ["unclassified", "unclassified", "traditional", "practising"], "interested")


for wave in lay["waves"]:
    out[f'{lay["as"]}_{wave}'] = layer(wave)

imm = rules["immobile"]
types = list(imm["items"].keys())  # unaware, never_positive, gave_up
items = df[list(imm["items"].values())]
top = items.max(axis=1)
ties = items.eq(top, axis=0).sum(axis=1) > 1
sub = np.array(types, dtype=object)[items.fillna(-1).to_numpy().argmax(axis=1)]
base = pd.Series(out[f'{lay["as"]}_{imm["wave"]}'], index=df.index)
out[imm["as"]] = np.select(
    [base == "unclassified", base != "traditional", items.isna().any(axis=1), top < imm["minAgreement"] - EPS, ties],
    ["unclassified", "not_immobile", "unclassified", "not_immobile", "unclassified"],
    sub,
)
t_segment, c_segment = time.perf_counter(), time.process_time()

# --- transitions: wave-1 layer × wave-2 layer, people classified at both waves ---------------------
before, after = f'{lay["as"]}_pre', f'{lay["as"]}_post'
both = out[(out[before] != "unclassified") & (out[after] != "unclassified")]
transitions = pd.crosstab(both[before], both[after])
t_transitions, c_transitions = time.perf_counter(), time.process_time()

# --- funnel: per generation × job type × manager, people who reached each step and every one before it
answered = df.dropna(subset=STEPS + BY)
reached = answered[STEPS].cumprod(axis=1)
funnel = reached.groupby([answered[c] for c in BY]).agg(["sum", "count"])
t_funnel, c_funnel = time.perf_counter(), time.process_time()

counts = {}
for wave in lay["waves"]:
    for v, n in out[f'{lay["as"]}_{wave}'].value_counts().items():
        counts[f"layer_{wave}:{v}"] = int(n)
for v, n in out[imm["as"]].value_counts().items():
    counts[f"immobile:{v}"] = int(n)
for (a, b), n in transitions.stack().items():
    counts[f"transition:{a}>{b}"] = int(n)
for key, row in funnel.iterrows():
    seg = "|".join(str(k) for k in key)
    counts[f"funnel:{seg}:n"] = int(row[(STEPS[0], "count")])
    for s in STEPS:
        counts[f"funnel:{seg}:{s}"] = int(row[(s, "sum")])

r = lambda a, b: round(b - a, 3)
print(json.dumps({
    "seconds": r(t0, t_funnel),
    "phases": {"read": r(t0, t_read), "segment": r(t_read, t_segment), "transitions": r(t_segment, t_transitions), "funnel": r(t_transitions, t_funnel)},
    "cpuSeconds": r(c0, c_funnel),
    "cpuPhases": {"read": r(c0, c_read), "segment": r(c_read, c_segment), "transitions": r(c_segment, c_transitions), "funnel": r(c_transitions, c_funnel)},
    "rows": len(df),
    "counts": counts,
    "pandas": pd.__version__,
    "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}, ensure_ascii=False))
