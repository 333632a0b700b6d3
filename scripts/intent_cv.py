"""Cross-validation on the dev part: how the whole understanding does on dev questions it was not trained on.

    .venv/bin/python scripts/intent_cv.py [--folds 5]
    .venv/bin/python scripts/intent_cv.py --written [--folds 4] [--only clients,firm]   # folds over the written

The dev part is split into folds; for each, a classifier is trained on the generated corpus, the written
sentences and the other folds, and the full pipeline (rules + that classifier) is scored on the fold. This is the
measure used to choose the corpus and the training settings — the held-out part is never used for that.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "bot" / "understand"))

from conftest import ADMIN, TODAY  # noqa: E402
from intent_corpus import _ALT, corpus  # noqa: E402
from intent_training import DEVSET, dev_questions, entries, written, written_lines  # noqa: E402
from nlu_report import firm  # noqa: E402
from train_intents import fit  # noqa: E402

import bot.understand.generalise as generalise  # noqa: E402
from bot.understand.evaluate import Report, load, run, table  # noqa: E402


def folds(k: int) -> list[list]:
    cases = [case for path in sorted(DEVSET.glob("dev*.txt")) for case in load(path)]
    random.Random(7).shuffle(cases)
    return [cases[i::k] for i in range(k)]


NAMES = {"{C}": ["成都明远贸易", "长青物流", "Acme", "Blue Harbor", "北京华信科技", "和丰电商", "苏州明远科技"],
         "{S}": ["王芳", "秦霞", "刘建", "Alice Chen"], "{R}": ["上海", "深圳", "成都"],
         "{I}": ["贸易", "科技", "物流"], "{T}": ["跨境电商", "高新技术"]}
SAME = {frozenset(("client_metric", f)) for f in ("collected", "invoiced", "signed")} | {
    frozenset(("client_count", "staff_client_count")), frozenset(("breakdown", "aging"))}


def written_folds(k: int, only: set[str] | None = None) -> None:
    """Folds over the written sentences: trained on the rest, the pipeline scored on the family only."""
    from intent_training import WRITTEN

    from bot.understand.classify import NEGATIVE
    from bot.understand.generalise import interpret
    lines = [(label, sentence) for path in sorted(WRITTEN.glob("*.txt")) if not only or path.stem in only
             for label, sentence in entries(path.read_text(encoding="utf-8").splitlines())]
    random.Random(7).shuffle(lines)
    others = [pair for path in sorted(WRITTEN.glob("*.txt")) if only and path.stem not in only
              for pair in written_lines(path.read_text(encoding="utf-8").splitlines())]  # trained on, not scored
    index, base = firm(), corpus() + others + [pair for _, pair in dev_questions(with_cases=True)]
    rng, verdicts, misses = random.Random(3), {"right": 0, "not_sure": 0, "wrong": 0}, []
    for i in range(k):
        fold = lines[i::k]
        rest = [pair for j, entry in enumerate(lines) if j % k != i for pair in written_lines([" | ".join(entry)])]
        trained = fit(base + rest)
        generalise.model = lambda trained=trained: trained
        for label, sentence in fold:
            text = _named(sentence, rng)
            outcome = interpret(text, today=TODAY, viewer=ADMIN, index=index)
            got = outcome.family if outcome.family != "unknown" else f"({outcome.understood.unknown_reason})"
            refused = got.startswith("(") or (label == "chitchat" and got == "help")  # a greeting gets the help
            verdict = ("right" if refused else "wrong") if label in NEGATIVE else \
                "not_sure" if got.startswith("(") else "right" if got == label or {got, label} in SAME else "wrong"
            verdicts[verdict] += 1
            if verdict != "right":
                misses.append(f"{verdict:>8}  {label:<24} {text}  → {got}")
        print(f"fold {i}: {verdicts}", flush=True)
    total = sum(verdicts.values())
    print({key: f"{value} ({value / total:.1%})" for key, value in verdicts.items()})
    print("\n".join(sorted(misses)))


def _named(sentence: str, rng: random.Random) -> str:
    """The sentence with each alternation chosen (the corpus's own syntax) and real names for the placeholders."""
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), sentence)
    for slot, names in NAMES.items():
        while slot in text:
            text = text.replace(slot, rng.choice(names), 1)
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-written", action="store_true")
    parser.add_argument("--written", action="store_true", help="folds over the written sentences instead")
    parser.add_argument("--only", help="with --written: these files only (comma-separated names without .txt)")
    args = parser.parse_args()
    if args.written:
        return written_folds(args.folds, set(args.only.split(",")) if args.only else None)
    index, base = firm(), corpus() + ([] if args.no_written else written())
    masked = {case.text: pair for case, pair in dev_questions(with_cases=True)}
    total = Report()
    for fold in folds(args.folds):
        texts = {case.text for case in fold}
        trained = fit(base + [pair for text, pair in masked.items() if text not in texts])
        generalise.model = lambda trained=trained: trained  # the pipeline, with this fold's classifier
        report = run(fold, today=TODAY, viewer=ADMIN, index=index)
        total.scored.extend(report.scored)
        print(f"fold: {report.count('right')}/{len(report.scored)} right, {report.count('wrong')} wrong", flush=True)
    print(table(total))
    for s in total.scored:
        if s.verdict != "right":
            print(f"{s.verdict:>8}  {s.case.family:<24} {s.case.text}  → {s.got} {s.got_slots}")


if __name__ == "__main__":
    main()
