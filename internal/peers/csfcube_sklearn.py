"""scikit-learn on CSFCube, the peer pipeline of ../shared/peers/peer_sklearn.py
(TfidfVectorizer, Snowball via PyStemmer, English stop words, sublinear tf),
scored by CSFCube's evaluate.py in full and pool mode."""
import json, re, sys, numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer, ENGLISH_STOP_WORDS
import Stemmer
sys.path.insert(0, sys.argv[1])
import evaluate as ev
d = sys.argv[1]
recs = [json.loads(l) for l in open(d + '/corpus.jsonl')]
ids = [r['id'] for r in recs]; pos = {x: i for i, x in enumerate(ids)}
texts = [r.get('title', '') + ' ' + r.get('abstract', '') for r in recs]
stem = Stemmer.Stemmer('english'); tok = re.compile(r"(?u)\b\w\w+\b"); stop = set(ENGLISH_STOP_WORDS)
an = lambda t: stem.stemWords([w for w in tok.findall(t.lower()) if w not in stop])
for name, vec in [("defaults", TfidfVectorizer()), ("snowball+stop+sublinear", TfidfVectorizer(analyzer=an, sublinear_tf=True))]:
    X = vec.fit_transform(texts); S = (X @ X.T).toarray()
    qrels = ev.load_qrels(d + '/qrels.tsv')
    run = {}
    for q in qrels:
        i = pos[q.split('_')[0]]; row = S[i]
        run[q] = {ids[j]: float(row[j]) for j in range(len(ids)) if j != i}
    for mode in ['full', 'pool']:
        m, _ = ev.evaluate(qrels, run, mode)
        print(f"scikit-learn {name} {mode}: nDCG@10 {m['ndcg@10']:.4f} P@5 {m['p@5']:.4f} MRR {m['mrr']:.4f}")
