# Writes retrieval-sklearn.json: nDCG@k from scikit-learn's ndcg_score (binary gains; relevant ids
# that were not retrieved are appended with the lowest scores so they count in the ideal DCG only),
# and hit rate / reciprocal rank by their trec_eval definitions.
# Run: /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/retrieval_reference.py  (Debian python3-sklearn)
import json, sklearn
from sklearn.metrics import ndcg_score

cases = [
  (["d1", "d2", "d3", "d4", "d5"], ["d3", "d5"], None),
  (["d1", "d2", "d3", "d4", "d5"], ["d3", "d5"], 3),
  (["d2", "d1"], ["d1", "d7", "d9"], None),
  (["a", "b", "c"], ["a"], 1),
  (["a", "b", "c"], ["z"], None),
  (["x", "y", "z", "w"], ["w", "x"], 2),
  (["p1", "p2", "p3", "p4", "p5", "p6"], ["p2", "p4", "p6", "p8"], 5),
]
out = []
for retrieved, relevant, k in cases:
  k_ = k or len(retrieved)
  missing = [r for r in relevant if r not in retrieved]
  ids = retrieved + missing
  y_true = [[1 if i in relevant else 0 for i in ids]]
  y_score = [[len(ids) - j for j in range(len(ids))]]
  ndcg = float(ndcg_score(y_true, y_score, k=k_)) if any(y_true[0]) else 0.0
  top = retrieved[:k_]
  hit = 1 if any(i in relevant for i in top) else 0
  rr = next((1 / (j + 1) for j, i in enumerate(top) if i in relevant), 0.0)
  out.append({"retrieved": retrieved, "relevant": relevant, "k": k, "ndcg": ndcg, "hitRate": hit, "reciprocalRank": rr})
json.dump({"source": f"scikit-learn {sklearn.__version__} sklearn.metrics.ndcg_score; hit rate and reciprocal rank by definition; /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/retrieval_reference.py", "cases": out},
          open('src/evals/metrics/__fixtures__/retrieval-sklearn.json', 'w'), indent=1)
for c in out: print(c["k"], c["ndcg"], c["hitRate"], c["reciprocalRank"])
