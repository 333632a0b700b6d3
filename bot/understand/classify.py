"""What is asked, recognised by a linear classifier over character n-grams — for wordings no rule knows.

The rules (parser.py) read what rules read well: periods, thresholds, amounts, limits, names. This module
answers only "which family is this question?", from the normalised text with the names and numbers the
rules found replaced by placeholders (a client → Ⓒ, a colleague → Ⓢ, a region/industry/tag → Ⓡ/Ⓘ/Ⓣ,
every digit run → 9), so that "华信科技的毛利率" and "明远贸易的毛利率" are the same sentence to it.

Features are the character 1–4-grams of each whitespace-separated token padded with a space (as
scikit-learn's ``char_wb``), weighted 1 + log(count) × idf and L2-normalised; the model is a multinomial
logistic regression. It is trained at build time by ``scripts/train_intents.py`` on the paraphrase corpus
of ``scripts/intent_corpus.py`` and stored as plain arrays in ``model/intents.npz`` (numpy only at run
time: loading takes milliseconds, a prediction well under one). Labels are the question families of
``domain.queries.Intent`` and docs/questions.md plus three that are never answered: ``action`` (a request to
change data), ``chitchat`` and ``out_of_scope``.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.understand.text import Scan

MODEL_PATH = Path(__file__).parent / "model" / "intents.npz"
NGRAM = (1, 4)
NEGATIVE = frozenset({"action", "chitchat", "out_of_scope"})
PLACEHOLDERS = {"client": "Ⓒ", "staff": "Ⓢ", "region": "Ⓡ", "industry": "Ⓘ", "tag": "Ⓣ"}
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def ngrams(text: str) -> list[str]:
    """The character n-grams of every token, each padded with one space on both sides (``char_wb``)."""
    out: list[str] = []
    low, high = NGRAM
    for token in text.split():
        padded = f" {token} "
        for n in range(low, high + 1):
            if n > len(padded):
                break
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out


def masked(scan: Scan) -> str:
    """The normalised question with the names and numbers the rules found replaced by placeholders."""
    pieces: list[str] = []
    at = 0
    for hit in sorted(scan.hits, key=lambda h: h.start):
        mark = _placeholder(hit)
        if mark is None or hit.start < at:
            continue
        pieces.append(scan.text[at:hit.start])
        pieces.append(mark)
        at = hit.end
    pieces.append(scan.text[at:])
    return _DIGITS.sub("9", "".join(pieces))


def _placeholder(hit) -> str | None:
    if hit.kind == "client_name":
        return PLACEHOLDERS["client"]
    if hit.kind != "term":
        return None
    term = hit.value
    if any(tag.startswith("cue.") for tag in hit.tags):
        return None  # a keyword that is also a name ("VIP", "逾期") keeps its letters
    if getattr(term, "clients", ()):
        return PLACEHOLDERS["client"]
    if getattr(term, "staff", ()):
        return PLACEHOLDERS["staff"]
    for kind in ("region", "industry", "tag"):
        if any(tag.startswith(kind + ".") for tag in hit.tags):
            return PLACEHOLDERS[kind]
    return None


@dataclass(frozen=True)
class Guess:
    label: str
    probability: float


class IntentModel:
    """The stored classifier: vocabulary, idf weights, coefficients (features × classes) and intercepts."""

    def __init__(self, vocab: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 classes: list[str], words: frozenset[str] = frozenset()) -> None:
        self.index = {gram: i for i, gram in enumerate(vocab)}
        self.words = words  # every English word of the training sentences: a word outside them may be a name
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)
        self.intercept = intercept.astype(np.float32)
        self.classes = classes

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> IntentModel:
        with np.load(path, allow_pickle=False) as data:
            words = frozenset(str(w) for w in data["words"]) if "words" in data else frozenset()
            return cls([str(g) for g in data["vocab"]], data["idf"], data["coef"], data["intercept"],
                       [str(c) for c in data["classes"]], words)

    def knows(self, word: str) -> bool:
        """Whether any training sentence used this English word."""
        return word in self.words

    def probabilities(self, text: str) -> np.ndarray:
        counts: dict[int, int] = {}
        for gram in ngrams(text):
            i = self.index.get(gram)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return np.full(len(self.classes), 1.0 / len(self.classes))
        idx = np.fromiter(counts, dtype=np.int64)
        weights = np.array([1.0 + math.log(c) for c in counts.values()], dtype=np.float32) * self.idf[idx]
        weights /= float(np.linalg.norm(weights)) or 1.0
        scores = weights @ self.coef[idx] + self.intercept
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def rank(self, text: str, top: int = 3) -> list[Guess]:
        probs = self.probabilities(text)
        order = np.argsort(-probs)[:top]
        return [Guess(self.classes[i], float(probs[i])) for i in order]


def english_words(texts: list[str]) -> list[str]:
    return sorted({word for text in texts for word in re.findall(r"[a-z]{3,}", text)})


def corpus_digest(pairs: list[tuple[str, str]]) -> str:
    """A fingerprint of the training sentences, stored with the model: a test sees a model older than its corpus."""
    return hashlib.sha256("\n".join(f"{label}\t{text}" for text, label in pairs).encode()).hexdigest()


def stored_digest(path: Path = MODEL_PATH) -> str:
    with np.load(path, allow_pickle=False) as data:
        return str(data["corpus"]) if "corpus" in data else ""


@lru_cache(maxsize=1)
def model() -> IntentModel:
    """The packaged model, loaded once per process on first use."""
    return IntentModel.load()


_PLACEHOLDER_SPLIT = re.compile("([ⒸⓈⓇⒾⓉ])")


def prepare(text: str) -> str:
    """A corpus sentence (placeholders already in place) → the text the model sees, as `masked` makes it."""
    from bot.understand.text import normalize

    out = ""
    for piece in _PLACEHOLDER_SPLIT.split(text):
        part = piece if piece in PLACEHOLDERS.values() else normalize(piece)
        if not part:
            continue
        if out and ((out[-1].isascii() and out[-1].isalnum()) or (part[0].isascii() and part[0].isalnum())):
            out += " "
        out += part
    return _DIGITS.sub("9", out)
