# The greedy 1:1 nearest-neighbour matching on a propensity score that koe's matching does (highest
# score first, ties by row, no replacement), shared by the Python sides of the benchmarks.
import numpy as np


def greedy_pairs(treat, ps):
    """Pairs (treated row, control row), treated taken by descending score, each control once."""
    tr = np.where(treat == 1)[0]; co = np.where(treat == 0)[0]
    tr = tr[np.lexsort((tr, -ps[tr]))]
    order = np.lexsort((co, ps[co])); cs = co[order]; s = ps[cs]; taken = np.zeros(len(cs), bool); pairs = []
    for i in tr:
        k = np.searchsorted(s, ps[i]); l, r = k - 1, k
        while l >= 0 and taken[l]: l -= 1
        while r < len(cs) and taken[r]: r += 1
        cand = [j for j in (l, r) if 0 <= j < len(cs)]
        if not cand: break
        j = min(cand, key=lambda j: (abs(s[j] - ps[i]), cs[j]))
        taken[j] = True; pairs.append((i, cs[j]))
    return np.array(pairs)
