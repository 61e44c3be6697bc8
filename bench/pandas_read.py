# pandas read_csv on the same file, for comparison (Debian's python3-pandas).
import json, resource, sys, time
import pandas as pd

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": round(seconds, 3), "rows": len(df), "columns": df.shape[1], "pandas": pd.__version__,
                  "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
