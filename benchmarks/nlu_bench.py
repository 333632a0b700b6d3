"""Understanding latency: the rules alone against rules + classifier, over the dev questions; and the model's load.

    .venv/bin/python benchmarks/nlu_bench.py [--rounds 3]

Prints the median and p99 per question (wall clock, in process, the understanding tests' firm) and the time to load
the packaged model once (a fresh process pays it on the first question that reaches the classifier).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from nlu_report import DEVSET, firm  # noqa: E402

from bot.understand import understand  # noqa: E402
from bot.understand.classify import IntentModel, model  # noqa: E402
from bot.understand.evaluate import load  # noqa: E402
from bot.understand.generalise import interpret  # noqa: E402
from tests.bot.understand.conftest import ADMIN, TODAY  # noqa: E402


def _times(fn, texts: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            fn(text)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _row(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    return f"{name:<28}{statistics.median(ms):>9.3f}{ms[int(len(ms) * 0.99) - 1]:>9.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    IntentModel.load()
    load_ms = (time.perf_counter() - started) * 1000
    index = firm()
    texts = [case.text for path in sorted(DEVSET.glob("dev*.txt")) for case in load(path)]
    model()
    rules = _times(lambda t: understand(t, today=TODAY, viewer=ADMIN, index=index), texts, args.rounds)
    both = _times(lambda t: interpret(t, today=TODAY, viewer=ADMIN, index=index), texts, args.rounds)
    classify = _times(lambda t: model().rank(t), texts, args.rounds)
    print(f"{len(texts)} questions × {args.rounds}; model load {load_ms:.0f} ms")
    print(f"{'':<28}{'median':>9}{'p99':>9}   (ms a question)")
    print(_row("rules (understand)", rules))
    print(_row("rules + classifier", both))
    print(_row("classifier alone", classify))


if __name__ == "__main__":
    main()
