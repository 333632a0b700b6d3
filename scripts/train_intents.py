"""Train the intent classifier on the paraphrase corpus and store it as plain arrays (build time only).

    .venv/bin/python scripts/train_intents.py            # writes bot/understand/model/intents.npz

scikit-learn fits a TF-IDF (character 1–4-grams, `bot.understand.classify.ngrams`) + multinomial logistic
regression; the run-time side (`bot.understand.classify`) needs numpy only. The training set is
`scripts/intent_training.py` (generated corpus, written sentences, the dev part); the held-out part is never read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from intent_training import training_set
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.understand.classify import MODEL_PATH, IntentModel, corpus_digest, english_words, ngrams, prepare

MIN_DF = 4
C = 20.0


def _fit(pairs: list[tuple[str, str]]) -> tuple[TfidfVectorizer, LogisticRegression, float]:
    texts = [prepare(text) for text, _ in pairs]
    labels = [label for _, label in pairs]
    vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=MIN_DF, dtype=np.float32)
    features = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=C, max_iter=3000)
    classifier.fit(features, labels)
    return vectorizer, classifier, float(classifier.score(features, labels))


def fit(pairs: list[tuple[str, str]]) -> IntentModel:
    """A model trained on these pairs, in memory (for cross-validation: scripts/intent_cv.py)."""
    vectorizer, classifier, _ = _fit(pairs)
    return IntentModel(list(vectorizer.get_feature_names_out()), vectorizer.idf_, classifier.coef_.T,
                       classifier.intercept_, list(classifier.classes_),
                       frozenset(english_words([text for text, _ in pairs])))


def train(out: Path = MODEL_PATH) -> dict:
    started = time.perf_counter()
    pairs = training_set()
    vectorizer, classifier, accuracy = _fit(pairs)
    vocab = vectorizer.get_feature_names_out()
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vocab=np.array(vocab, dtype=str), idf=vectorizer.idf_.astype(np.float32),
                        coef=classifier.coef_.T.astype(np.float16), intercept=classifier.intercept_.astype(np.float32),
                        classes=np.array(classifier.classes_, dtype=str), corpus=np.array(corpus_digest(pairs)),
                        words=np.array(english_words([text for text, _ in pairs]), dtype=str))
    return {"sentences": len(pairs), "labels": len(classifier.classes_), "features": len(vocab),
            "train_accuracy": round(accuracy, 4),
            "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 1)}


if __name__ == "__main__":
    print(train())
