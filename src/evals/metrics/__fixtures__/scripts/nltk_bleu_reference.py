# Writes nltk-bleu.json: NLTK 3.8's corpus_bleu and sentence_bleu (default weights, no smoothing;
# and SmoothingFunction().method1 with epsilon 0.1, which is sacreBLEU's `floor`) on whitespace-
# tokenised text, where NLTK agrees with sacreBLEU's tokenize='none'.
# Run: /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/nltk_bleu_reference.py
import json, nltk
from nltk.translate.bleu_score import corpus_bleu, sentence_bleu, SmoothingFunction

corpus = {
  "hypotheses": ["the cat sat on the mat today", "a quick brown fox jumps over the lazy dog", "it is a guide to action which ensures that the military always obeys the commands of the party", "the dog sat on a mat"],
  "references": [["the cat sat on the mat", "there is a cat on the mat today"], ["the quick brown fox jumped over the lazy dog"], ["it is a guide to action that ensures that the military will forever heed party commands", "it is the guiding principle which guarantees the military forces always being under the command of the party"], ["the cat sat on the mat"]],
}
hyps = [h.split() for h in corpus["hypotheses"]]
refs = [[r.split() for r in rs] for rs in corpus["references"]]
out = {"source": f"NLTK {nltk.__version__} nltk.translate.bleu_score, /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/nltk_bleu_reference.py",
       "corpus": corpus,
       "corpusBleu": corpus_bleu(refs, hyps),
       "sentenceBleu": [sentence_bleu(r, h) for r, h in zip(refs, hyps)],
       "sentenceBleuFloor": [sentence_bleu(r, h, smoothing_function=SmoothingFunction(epsilon=0.1).method1) for r, h in zip(refs, hyps)]}
json.dump(out, open('src/evals/metrics/__fixtures__/nltk-bleu.json', 'w'), indent=1)
print(out["corpusBleu"], out["sentenceBleu"], out["sentenceBleuFloor"])
