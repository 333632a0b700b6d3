"""The understanding report: right / not sure / wrong on the dev part and the held-out part, per family.

    .venv/bin/python scripts/nlu_report.py               # both parts
    .venv/bin/python scripts/nlu_report.py --wrong       # also list every wrong and not-sure question

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wrong", action="store_true", help="list the wrong and not-sure questions")
    parser.add_argument("--part", choices=["dev", "heldout", "both"], default="both")
    args = parser.parse_args()
    index = firm()
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
