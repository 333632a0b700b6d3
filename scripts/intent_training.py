"""The whole training set of the intent classifier: the generated corpus, the written sentences and the dev part.

    from intent_training import training_set
    pairs = training_set()          # [(sentence with placeholders, label)], reproducible order

Three sources, each a different kind of wording:
- ``intent_corpus.corpus()``: templates × slot fillers × padding and slips (breadth, every slot combination);
- ``intent_written/*.txt``: sentences written one by one the way staff type (``label | sentence``, the
  template syntax), each expanded a few times with other padding and slips;
- the dev part of the question set (``tests/bot/understand/devset/dev*.txt``): questions tuned against anyway,
  their names masked by the rules exactly as at run time. Questions expected to be refused (``unknown``) are left
  out — their reasons differ (actions, chit-chat, names nobody knows).
The held-out part (``heldout*.txt``) is never read here.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from intent_corpus import E, Z, _fill, corpus

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = Path(__file__).resolve().parent / "intent_written"
DEVSET = ROOT / "tests" / "bot" / "understand" / "devset"
EXPANSIONS = 3  # each written sentence: as written, then with other padding or a slip
MARKS = {"{C}": "Ⓒ", "{S}": "Ⓢ", "{R}": "Ⓡ", "{I}": "Ⓘ", "{T}": "Ⓣ"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def written(seed: int = 12) -> list[tuple[str, str]]:
    """The written sentences (``label | sentence`` lines), each expanded `EXPANSIONS` times."""
    return [pair for path in sorted(WRITTEN.glob("*.txt"))
            for pair in written_lines(path.read_text(encoding="utf-8").splitlines(), f"{seed}:{path.name}")]


def entries(lines: list[str]) -> list[tuple[str, str]]:
    """(label, sentence) of each ``label | sentence`` line, comments and blank lines left out."""
    return [tuple(part.strip() for part in line.split("|", 1)) for line in lines  # type: ignore[misc]
            if line.strip() and not line.lstrip().startswith("#") and "|" in line]


def written_lines(lines: list[str], seed: str = "12") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    rng = random.Random(seed)
    for label, sentence in entries(lines):
        lang = Z if _CJK.search(sentence) else E
        plain = re.sub(r"\[([^\[\]|]*)\|[^\[\]]*\]", r"\1", sentence)  # as written: each alternation's first
        for slot, mark in MARKS.items():
            plain = plain.replace(slot, mark)
        out.append((plain, label))
        out.extend((_fill(sentence, lang, rng, statement=label == "action"), label) for _ in range(EXPANSIONS - 1))
    return out


def dev_questions(with_cases: bool = False) -> list:
    """The dev part's answered questions, masked by the rules as `bot.understand.generalise` masks them."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "bot" / "understand"))
    from conftest import ADMIN, CLIENTS, INDUSTRIES, REGIONS, STAFF, TAGS

    from bot.understand.classify import masked
    from bot.understand.entities import EntityIndex
    from bot.understand.evaluate import load
    from bot.understand.parser import Analysis, analyse

    index = EntityIndex.from_names(clients=CLIENTS, staff=STAFF, regions=REGIONS, industries=INDUSTRIES, tags=TAGS)
    out = []
    for path in sorted(DEVSET.glob("dev*.txt")):
        for case in load(path):
            if case.family == "unknown":
                continue
            analysis = analyse(case.text, viewer=ADMIN, index=index)
            if isinstance(analysis, Analysis):
                pair = (masked(analysis.scan), case.family)
                out.append((case, pair) if with_cases else pair)
    return out


def training_set(per_template: int = 40) -> list[tuple[str, str]]:
    """Every training pair, deduplicated, in a reproducible order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for pair in [*corpus(per_template), *written(), *dev_questions()]:
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


