# The coding benchmark in pandas (Debian's python3-pandas): the same 20 codes as koe's codeTexts,
# written the way an analyst would, with str.contains and re. Usage:
#   coding_pandas.py <comments.csv> <codebook.json>
# Prints one JSON line: seconds per phase, texts per code, maxRssKB.
import json, re, resource, sys, time, unicodedata
import pandas as pd

path, codebook_path = sys.argv[1], sys.argv[2]
norm = lambda s: unicodedata.normalize("NFKC", s).lower()

t0 = time.perf_counter()
df = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
t_read = time.perf_counter()

# The comparison text: NFKC, then lower case (as koe compares rules and texts).
text = df["回答"].str.normalize("NFKC").str.lower()
t_norm = time.perf_counter()

with open(codebook_path, encoding="utf-8") as f:
    codebook = json.load(f)
has = lambda term: text.str.contains(norm(term), regex=False)


def near(a, b, n):
    # Both terms within n characters, in either order (DOTALL: a comment may break its line).
    a, b = re.escape(norm(a)), re.escape(norm(b))
    return text.str.contains(re.compile(f"{a}.{{0,{n}}}{b}|{b}.{{0,{n}}}{a}", re.S))


# The six codes beyond the bundled keywords, by hand (coding-data.ts EXTRA_CODES holds koe's rules).
extra = {
    "manager_career": lambda: (has("上司") | has("課長") | has("1on1")) & has("キャリア"),
    "classroom_learning": lambda: (has("研修") | has("勉強会") | has("学び")) & ~(has("eラーニング") | has("e-ラーニング")),
    "someone_to_ask": lambda: has("相談できる人") | has("話を聞いてくれる") | has("外から見"),
    "transfer_wish": lambda: near("異動", "希望", 10),
    "busy_interviews": lambda: near("繁忙期", "面談", 8),
    "counted_time": lambda: text.str.contains(re.compile(r"[0-9]+(?:年|回|つ|代)")),
}

coded = {}
for code in codebook["codes"]:
    cid = code["id"]
    if cid in extra:
        coded[cid] = extra[cid]()
    elif code["keywords"]:
        # A bundled code: any of its keywords.
        mask = pd.Series(False, index=text.index)
        for k in code["keywords"]:
            mask |= has(k)
        coded[cid] = mask
    else:
        sys.exit(f"coding_pandas.py: no pandas rule for code {cid}")
coded = pd.DataFrame(coded).astype("int8")
t_code = time.perf_counter()
counts = {k: int(v) for k, v in coded.sum().items()}
t_count = time.perf_counter()

print(json.dumps({
    "seconds": round(t_count - t0, 3),
    "phases": {"read": round(t_read - t0, 3), "normalize": round(t_norm - t_read, 3), "code": round(t_code - t_norm, 3), "count": round(t_count - t_code, 3)},
    "texts": len(df),
    "counts": counts,
    "pandas": pd.__version__,
    "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}, ensure_ascii=False))
