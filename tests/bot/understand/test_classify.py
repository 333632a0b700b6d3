"""The intent classifier's run-time side (numpy) is scikit-learn's model, and the packaged model is usable."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.understand.classify import MODEL_PATH, NEGATIVE, IntentModel, masked, model, ngrams, prepare
from bot.understand.text import Scan, normalize
from domain.queries import Intent

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"
CONTACT_ONLY = {Intent.my_invoices, Intent.my_documents, Intent.unknown}


def _corpus():
    sys.path.insert(0, str(SCRIPTS))
    try:
        from intent_corpus import corpus
    finally:
        sys.path.remove(str(SCRIPTS))
    return corpus(per_template=3)


def test_numpy_prediction_equals_scikit_learn():
    sklearn = pytest.importorskip("sklearn")  # a build-time dependency (the dev extra)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    assert sklearn.__version__
    pairs = _corpus()
    texts, labels = [prepare(t) for t, _ in pairs], [label for _, label in pairs]
    vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=1, dtype=np.float32)
    classifier = LogisticRegression(C=10, max_iter=2000).fit(vectorizer.fit_transform(texts), labels)
    ours = IntentModel(list(vectorizer.get_feature_names_out()), vectorizer.idf_, classifier.coef_.T,
                       classifier.intercept_, list(classifier.classes_))
    sample = [*random.Random(1).sample(texts, 40), "本月经营情况", "which clients are overdue", "完全没见过的字"]
    expected = classifier.predict_proba(vectorizer.transform(sample))
    for text, row in zip(sample, expected, strict=True):
        assert np.allclose(ours.probabilities(text), row, atol=1e-4), text


def test_the_packaged_model_knows_every_family_and_the_non_questions():
    classes = set(model().classes)
    assert {i.value for i in Intent} - {i.value for i in CONTACT_ONLY} <= classes
    assert classes >= NEGATIVE
    assert MODEL_PATH.stat().st_size < 3_000_000  # committed: small


def test_the_model_is_loaded_once_per_process():
    assert model() is model()


@pytest.mark.parametrize(("text", "label"), [
    ("本月经营情况", "summary"), ("近12个月收入趋势", "trend"), ("收到Ⓒ转账9元", "action"),
    ("明天会下雨吗", "out_of_scope"),
    ("Ⓒ的毛利率", "client_metric"), ("which clients are overdue", "overdue_clients"), ("你好", "chitchat"),
])
def test_the_model_ranks_plain_examples(text, label):
    assert model().rank(prepare(text))[0].label == label


def test_names_and_numbers_become_placeholders(firm):
    scan = Scan(normalize("王芳的客户里 华信科技 逾期超过5000元吗"))
    firm.scan_terms(scan)
    from bot.understand.mentions import resolve_mentions

    from .conftest import ADMIN
    resolve_mentions(scan, firm, ADMIN)
    assert masked(scan) == "Ⓢ的客户里Ⓒ逾期超过9元吗"


def test_prepare_keeps_words_apart_around_a_placeholder():
    assert prepare("how much does Ⓒ owe 3000") == "how much does Ⓒ owe 9"
    assert prepare("Ⓒ的毛利率？") == "Ⓒ的毛利率"
    assert ngrams("ab") == [" ", "a", "b", " ", " a", "ab", "b ", " ab", "ab ", " ab "]


def test_the_packaged_model_was_trained_on_the_current_corpus():
    """Change the corpus, the written sentences or the dev part → run scripts/train_intents.py and commit the model."""
    from bot.understand.classify import corpus_digest, stored_digest

    sys.path.insert(0, str(SCRIPTS))
    try:
        from intent_training import training_set
    finally:
        sys.path.remove(str(SCRIPTS))
    assert stored_digest() == corpus_digest(training_set())


def test_importing_loads_no_model_and_trains_nothing():
    import subprocess

    code = ("import bot.understand.generalise, bot.answer, bot.understand.classify as c, sys; "
            "print(c.model.cache_info().currsize, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[3])
    assert out.stdout.split() == ["0", "False"]
