import json, numpy as np
from scipy import stats
from scipy.special import ndtri
out = {"source": "scipy 1.10.1 (Debian python3-scipy), /usr/bin/python3 src/statistics/__fixtures__/scripts/ks_ref.py: scipy.special.ndtri and scipy.stats.ks_2samp(method='auto')"}
ps = [1-1e-6, 1-1e-7, 1-1e-9, 1-1e-12, 1-2**-50, 0.999, 1e-6, 1e-300]
out["ndtri"] = [[p, float(ndtri(p))] for p in ps]
cases = []
def add(name, a, b):
    r = stats.ks_2samp(a, b, method='auto')
    cases.append({"name": name, "a": list(map(float,a)), "b": list(map(float,b)), "statistic": float(r.statistic), "pvalue": float(r.pvalue)})
add("disjoint 30 vs 40", range(30), range(100,140))
add("disjoint 60 vs 60", range(60), range(100,160))
add("disjoint 200 vs 150", range(200), range(1000,1150))
add("interleaved 7 vs 9", [1,3,5,7,9,11,13], [2,4,6,8,10,12,14,16,18])
rng = np.random.default_rng(7)
a = np.round(rng.normal(0,1,120),3); b = np.round(rng.normal(0.5,1,150),3)
add("normal shift 120 vs 150", a, b)
a = np.round(rng.normal(0,1,1100),4); b = np.round(rng.normal(0.1,1,900),4)
add("normal shift 1100 vs 900 (exact in scipy auto, n1+n2>1000)", a, b)
out["ks_2samp"] = cases
json.dump(out, open('src/statistics/__fixtures__/scipy-ks-ndtri.json','w'), indent=1)
for c in cases: print(c["name"], c["statistic"], c["pvalue"])
print(out["ndtri"])
