# Writes squad-reference.json: exact match and F1 from the official SQuAD v2.0 evaluation script
# (evaluate-v2.0.py, https://rajpurkar.github.io/SQuAD-explorer/; its normalize_answer, get_tokens,
# compute_exact and compute_f1, reproduced below unchanged) and from MLQA's Unicode-aware
# normaliser (facebookresearch/MLQA mlqa_evaluation_v1.py: every Unicode P* character plus
# string.punctuation is deleted; English articles).
# Run: /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/squad_reference.py  (Python 3.11)
import collections, json, re, string, sys, unicodedata

def normalize_answer(s):
  def remove_articles(text):
    regex = re.compile(r'\b(a|an|the)\b', re.UNICODE)
    return re.sub(regex, ' ', text)
  def white_space_fix(text):
    return ' '.join(text.split())
  def remove_punc(text):
    exclude = set(string.punctuation)
    return ''.join(ch for ch in text if ch not in exclude)
  def lower(text):
    return text.lower()
  return white_space_fix(remove_articles(remove_punc(lower(s))))

def get_tokens(s, norm=normalize_answer):
  if not s: return []
  return norm(s).split()

def compute_exact(a_gold, a_pred, norm=normalize_answer):
  return int(norm(a_gold) == norm(a_pred))

def compute_f1(a_gold, a_pred, norm=normalize_answer):
  gold_toks = get_tokens(a_gold, norm)
  pred_toks = get_tokens(a_pred, norm)
  common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
  num_same = sum(common.values())
  if len(gold_toks) == 0 or len(pred_toks) == 0:
    return int(gold_toks == pred_toks)
  if num_same == 0:
    return 0
  precision = 1.0 * num_same / len(pred_toks)
  recall = 1.0 * num_same / len(gold_toks)
  return (2 * precision * recall) / (precision + recall)

PUNCT = {chr(i) for i in range(sys.maxunicode) if unicodedata.category(chr(i)).startswith('P')}.union(string.punctuation)
def mlqa_normalize(s):
  def remove_articles(text):
    return re.sub(r'\b(a|an|the)\b', ' ', text)
  def white_space_fix(text):
    return ' '.join(text.split())
  def remove_punc(text):
    return ''.join(ch for ch in text if ch not in PUNCT)
  return white_space_fix(remove_articles(remove_punc(s.lower())))

pairs = [
  ("don't stop", "dont stop"),
  ("U.S. Army", "us army"),
  ("It's state-of-the-art", "its stateoftheart"),
  ("3.14159", "314159"),
  ("Anémone", "anémone"),
  ("the Anémone", "Anémone"),
  ("an apple a day", "apple day"),
  ("Théâtre an der Wien", "théâtre der wien"),
  ("«Paris»", "paris"),
  ("Paris — France", "paris france"),
  ("naïve café", "naive cafe"),
  ("Thea and Anna", "thea and anna"),
  ("A.", ""),
  ("", ""),
  ("the", ""),
  ("Denver Broncos", "The Denver Broncos!"),
  ("The cat sat on the mat.", "a cat sat"),
  ("über-cool 東京", "übercool 東京"),
  ("one\u00a0two\u2003three", "one two three"),
  ("l'été", "lété"),
  ("theatre then", "atre n"),
  ("Ça va, l’ami?", "ça va lami"),
]
cases = []
for pred, gold in pairs:
  cases.append({
    "prediction": pred, "reference": gold,
    "squad": {"normalised": normalize_answer(pred), "exact": compute_exact(gold, pred), "f1": compute_f1(gold, pred)},
    "unicode": {"normalised": mlqa_normalize(pred), "exact": compute_exact(gold, pred, mlqa_normalize), "f1": compute_f1(gold, pred, mlqa_normalize)},
  })
json.dump({"source": "Official SQuAD v2.0 evaluation script (evaluate-v2.0.py) normalize_answer/compute_exact/compute_f1, and MLQA mlqa_evaluation_v1.py's Unicode punctuation set, run with Python 3.11 by /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/squad_reference.py", "cases": cases},
          open('src/evals/metrics/__fixtures__/squad-reference.json', 'w'), ensure_ascii=False, indent=1)
for c in cases: print(repr(c["prediction"]), c["squad"], c["unicode"]["normalised"])
