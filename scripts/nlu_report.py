"""The understanding report: right / not sure / wrong on the dev part and the held-out part, per family.

    .venv/bin/python scripts/nlu_report.py               # both parts
    .venv/bin/python scripts/nlu_report.py --wrong       # also list every wrong and not-sure question
    .venv/bin/python scripts/nlu_report.py --batch FILE  # a fresh batch, scored on the questions nobody tuned on

The question sets are tests/bot/understand/devset/ (dev*.txt may be tuned against; heldout*.txt never).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests" / "bot" / "understand"))

from conftest import ADMIN, CLIENTS, INDUSTRIES, REGIONS, STAFF, TAGS, TODAY  # noqa: E402

from bot.understand.entities import EntityIndex  # noqa: E402
from bot.understand.evaluate import Report, calibration, load, run, table  # noqa: E402

DEVSET = ROOT / "tests" / "bot" / "understand" / "devset"


def firm() -> EntityIndex:
    """The understanding tests' firm (tests/bot/understand/conftest.py)."""
    return EntityIndex.from_names(clients=CLIENTS, staff=STAFF, regions=REGIONS, industries=INDUSTRIES, tags=TAGS)


def report(part: str, index: EntityIndex | None = None) -> Report:
    """Score one part ("dev" or "heldout") — the core the test suite runs too."""
    cases = [case for path in sorted(DEVSET.glob(f"{part}*.txt")) for case in load(path)]
    return run(cases, today=TODAY, viewer=ADMIN, index=index or firm())


def unseen(cases: list, index: EntityIndex) -> list:
    """The questions of a fresh batch that coincide with no dev question and no training sentence (as the rules
    mask them): only those say anything about wordings nobody has seen."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))  # when loaded by path, as the tests load it
    from intent_training import training_set

    from bot.understand.classify import masked
    from bot.understand.parser import Analysis, analyse
    from bot.understand.text import normalize

    dev = {normalize(case.text) for path in sorted(DEVSET.glob("dev*.txt")) for case in load(path)}
    trained = {text for text, _ in training_set()}
    out = []
    for case in cases:
        analysis = analyse(case.text, viewer=ADMIN, index=index)
        view = masked(analysis.scan) if isinstance(analysis, Analysis) else None
        if normalize(case.text) not in dev and view not in trained:
            out.append(case)
    return out


def batch(path: Path, index: EntityIndex) -> Report:
    """Score a fresh batch (``family | slots | question`` lines) on its unseen questions."""
    cases = load(path)
    fresh = unseen(cases, index)
    print(f"{path.name}: {len(cases)} questions, {len(cases) - len(fresh)} coincide with a dev question or a training "
          f"sentence, {len(fresh)} unseen")
    return run(fresh, today=TODAY, viewer=ADMIN, index=index)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wrong", action="store_true", help="list the wrong and not-sure questions")
    parser.add_argument("--part", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--batch", type=Path, help="score a fresh batch file on its unseen questions")
    args = parser.parse_args()
    index = firm()
    if args.batch:
        scored = batch(args.batch, index)
        print(f"{scored.count('right')} right / {scored.count('not_sure')} not sure / {scored.count('wrong')} wrong")
        for s in scored.scored:
            if args.wrong and s.verdict != "right":
                print(f"{s.verdict:>8}  {s.case.family:<24} {s.case.text}  → {s.got} {s.got_slots}")
        return
    for part in (("dev", "heldout") if args.part == "both" else (args.part,)):
        scored = report(part, index)
        print(f"\n== {part}: {len(scored.scored)} questions ==")
        print(table(scored))
        print(calibration(scored))
        for path in sorted(DEVSET.glob(f"{part}*.txt")):
            one = run(load(path), today=TODAY, viewer=ADMIN, index=index)
            print(f"  {path.name:<14}{len(one.scored):>5} questions: {one.count('right')} right, "
                  f"{one.count('not_sure')} not sure, {one.count('wrong')} wrong")
        if args.wrong:
            for s in scored.scored:
                if s.verdict != "right":
                    print(f"{s.verdict:>8}  {s.case.family:<24} {s.case.text}  → {s.got} {s.got_slots}")


if __name__ == "__main__":
    main()
