"""Train the intent classifier on the paraphrase corpus and store it as plain arrays (build time only).

    .venv/bin/python scripts/train_intents.py            # writes bot/understand/model/intents.npz

scikit-learn fits a TF-IDF (character 1–4-grams, `bot.understand.classify.ngrams`) + multinomial logistic
regression; the run-time side (`bot.understand.classify`) needs numpy only. The corpus is
`scripts/intent_corpus.py`; the dev and held-out question sets are never read here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from intent_corpus import corpus
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.understand.classify import MODEL_PATH, corpus_digest, ngrams, prepare

MIN_DF = 2
C = 20.0


def train(out: Path = MODEL_PATH) -> dict:
    started = time.perf_counter()
    pairs = corpus()
    texts = [prepare(text) for text, _ in pairs]
    labels = [label for _, label in pairs]
    vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=MIN_DF, dtype=np.float32)
    features = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=C, max_iter=3000)
    classifier.fit(features, labels)
    vocab = vectorizer.get_feature_names_out()
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vocab=np.array(vocab, dtype=str), idf=vectorizer.idf_.astype(np.float32),
                        coef=classifier.coef_.T.astype(np.float16), intercept=classifier.intercept_.astype(np.float32),
                        classes=np.array(classifier.classes_, dtype=str), corpus=np.array(corpus_digest(pairs)))
    return {"sentences": len(texts), "labels": len(set(labels)), "features": len(vocab),
            "train_accuracy": round(float(classifier.score(features, labels)), 4),
            "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 1)}


if __name__ == "__main__":
    print(train())
