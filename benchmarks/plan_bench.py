"""Planning benchmark: how long the reminder planners take to plan one day, for 10,000 and 100,000 clients.

    .venv/bin/python benchmarks/plan_bench.py                         # 10,000 and 100,000 clients
    .venv/bin/python benchmarks/plan_bench.py --clients 2000 10000 --repeat 3

For each size, a demo firm (domain.generator, as of Monday 7 December 2026) is imported once into a SQLite file
kept in benchmarks/out/ (importing 100,000 clients takes a while; later runs reuse the file). Each measured run
copies that file and plans every run of Tuesday 8 December 2026 with `plan_all`, chase counts included — the runs
the scheduler fires: ZHANGFANG_PLAN_TIMES, else the reminder settings' run_time and digest.at (08:30). Every kind
is due that day: tax deadlines at T−5 (15 December), document chasing, renewals, dunning, escalations and the
daily digest. Prints a Markdown table: clients, seconds, seconds per 10k clients (roughly constant when planning
is linear) and drafts planned; the median of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path
from time import perf_counter

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.bootstrap import App, bootstrap  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.jobs.planners import plan_all  # noqa: E402
from bot.jobs.settings import reminder_settings  # noqa: E402
from bot.pacing import plan_times  # noqa: E402
from domain.generator import generate_firm  # noqa: E402
from domain.importing import import_sheets  # noqa: E402

FIRM_TODAY = date(2026, 12, 7)
PLAN_DAY = date(2026, 12, 8)
OUT = REPO / "benchmarks" / "out"


def open_app(path: Path) -> App:
    return bootstrap(load_settings(database_url=f"sqlite:///{path}", _env_file=None, today=PLAN_DAY))


def firm_file(clients: int, seed: int) -> Path:
    """The imported firm's SQLite file, built on first use."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"plan-firm-{clients}-seed{seed}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = perf_counter()
    app = open_app(partial)
    report = import_sheets(app.session, generate_firm(clients, seed=seed, today=FIRM_TODAY, messy=False))
    app.engine.dispose()
    if report.errors:
        raise SystemExit(f"import failed: {report.errors[:3]}")
    partial.rename(path)
    print(f"imported {clients:,} clients in {perf_counter() - started:.0f} s → {path}", file=sys.stderr)
    return path


def run_times(app: App) -> list[time]:
    """The day's planning runs, as the scheduler fires them: ZHANGFANG_PLAN_TIMES, else the reminder settings'."""
    reminders = reminder_settings(app)
    return plan_times(app.settings) or sorted({reminders.run_time, reminders.digest.at})


def plan_day(source: Path) -> tuple[float, Counter]:
    """Seconds to plan every run of the day on a copy of the firm, and the drafts planned by kind."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "firm.db"
        shutil.copyfile(source, copy)
        app = open_app(copy)
        moments = [datetime.combine(PLAN_DAY, t, tzinfo=app.settings.tz) for t in run_times(app)]
        kinds: Counter = Counter()
        started = perf_counter()
        for moment in moments:
            for kind, drafts in plan_all(app, moment).items():
                kinds[kind] += len(drafts)
        seconds = perf_counter() - started
        app.engine.dispose()
    return seconds, kinds


def table(rows: list[tuple[int, float, Counter]]) -> str:
    lines = ["| clients | seconds | seconds per 10k clients | drafts planned |", "|---:|---:|---:|---:|"]
    for clients, seconds, kinds in rows:
        lines.append(f"| {clients:,} | {seconds:.1f} | {seconds / clients * 10_000:.2f} | {sum(kinds.values()):,} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for clients in args.clients:
        source = firm_file(clients, args.seed)
        runs = [plan_day(source) for _ in range(args.repeat)]
        seconds = statistics.median(s for s, _ in runs)
        rows.append((clients, seconds, runs[-1][1]))
        print(f"{clients:,} clients: {seconds:.1f} s · " + ", ".join(f"{k} {n:,}" for k, n in sorted(
            runs[-1][1].items())), file=sys.stderr)
    print(f"Planning {PLAN_DAY:%A %d %B %Y} (every kind due) on SQLite, median of {args.repeat}:\n")
    print(table(rows))


if __name__ == "__main__":
    main()
