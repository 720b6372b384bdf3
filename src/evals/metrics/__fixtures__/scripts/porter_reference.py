# Writes porter-nltk.json: NLTK 3.8's PorterStemmer() (default NLTK_EXTENSIONS mode, the one
# rouge-score uses) on the words of the Porter paper's examples plus every distinct [a-z]+ word of
# the licence texts and NLTK's own sources on this machine (every 4th, sorted).
# Run: /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/porter_reference.py  (Debian python3-nltk 3.8)
import glob, json, re, nltk
from nltk.stem import porter

paper = """caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized
hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci
digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism
decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti
electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant
replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize
probate rate cease controll roll generalizations oscillators skies dying lying tying news innings outings cannings
howe proceed exceed succeed spies tried flies enjoy enjoyment geology theology archaeology dies ied ies lies""".split()
words = set()
for path in glob.glob('/usr/share/common-licenses/*') + glob.glob('/usr/lib/python3/dist-packages/nltk/**/*.py', recursive=True):
    try:
        words.update(re.findall(r'[a-z]+', open(path, encoding='utf-8', errors='ignore').read().lower()))
    except (IsADirectoryError, PermissionError):
        pass
vocabulary = paper + sorted(w for w in words if w not in set(paper))[::4]  # every 4th word keeps the file small
stemmer = porter.PorterStemmer()
json.dump({"source": f"NLTK {nltk.__version__} nltk.stem.porter.PorterStemmer() (NLTK_EXTENSIONS), /usr/bin/python3 src/evals/metrics/__fixtures__/scripts/porter_reference.py",
           "stems": [[w, stemmer.stem(w)] for w in vocabulary]},
          open('src/evals/metrics/__fixtures__/porter-nltk.json', 'w'), separators=(',', ':'))
print(len(vocabulary))
