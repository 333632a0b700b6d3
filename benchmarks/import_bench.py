"""Import benchmark: how long `zhangfang import` takes for a generated firm, end to end.

    .venv/bin/python benchmarks/import_bench.py                  # 10,000 clients, once
    .venv/bin/python benchmarks/import_bench.py --clients 2000 --repeat 5

Generates a demo firm (domain.generator), writes it as .xlsx, then runs `zhangfang import FILE --json` as a
subprocess against a fresh SQLite file (first import) and again on the same database (re-import, which
should change nothing). Prints a Markdown table for the README: the median time of each phase, and p99 and
max when repeated.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from domain.generator import generate_firm, write_xlsx  # noqa: E402

DEFAULT_TODAY = date(2026, 11, 22)


@dataclass
class Phase:
    name: str
    seconds: list[float] = field(default_factory=list)
    report: dict = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.report.get("imported", {}).values()) + sum(self.report.get("rejected", {}).values())


def zhangfang() -> list[str]:
    """The installed `zhangfang` command next to this interpreter (the project's .venv)."""
    for candidate in (Path(sys.executable).parent / "zhangfang", REPO / ".venv" / "bin" / "zhangfang"):
        if candidate.exists():
            return [str(candidate)]
    return [sys.executable, "-c", "from bot.cli import main; main()"]


def run_import(workbook: Path, database: Path, today: date) -> tuple[float, dict]:
    env = dict(os.environ, ZHANGFANG_DATABASE_URL=f"sqlite:///{database}", ZHANGFANG_TODAY=today.isoformat())
    started = time.perf_counter()
    done = subprocess.run([*zhangfang(), "import", str(workbook), "--json"], env=env, cwd=database.parent,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"zhangfang import failed ({done.returncode}):\n{done.stderr or done.stdout}")
    return seconds, json.loads(done.stdout)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def table(clients: int, phases: list[Phase], repeat: int) -> str:
    extra = " p99 s | max s |" if repeat > 1 else ""
    lines = [f"| phase | clients | invoices | payments | rows total | median s |{extra} rows/s |",
             "|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if repeat > 1 else "") + "---:|"]
    for phase in phases:
        imported = phase.report.get("imported", {})
        median = statistics.median(phase.seconds)
        spread = f" {percentile(phase.seconds, 0.99):.1f} | {max(phase.seconds):.1f} |" if repeat > 1 else ""
        lines.append(f"| {phase.name} | {clients:,} | {imported.get('invoices', 0):,} | "
                     f"{imported.get('payments', 0):,} | {phase.rows:,} | {median:.1f} |{spread} "
                     f"{phase.rows / median:,.0f} |")
    return "\n".join(lines)


def bench(clients: int, repeat: int, seed: int, today: date, workdir: Path) -> tuple[list[Phase], float]:
    started = time.perf_counter()
    workbook = write_xlsx(generate_firm(clients, seed=seed, today=today), workdir / f"firm-{clients}.xlsx")
    prepared = time.perf_counter() - started
    first, again = Phase("import (empty database)"), Phase("re-import (unchanged)")
    for run in range(repeat):
        database = workdir / f"bench-{run}.db"
        for phase in (first, again):
            seconds, report = run_import(workbook, database, today)
            phase.seconds.append(seconds)
            phase.report = report
        database.unlink()
    return [first, again], prepared


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=10_000, help="firm size (default 10,000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each phase (median, p99, max)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zhangfang-bench-") as tmp:
        phases, prepared = bench(args.clients, max(1, args.repeat), args.seed, args.today, Path(tmp))
    print(table(args.clients, phases, max(1, args.repeat)))
    rejected = sum(phases[0].report.get("rejected", {}).values())
    print(f"\nGenerating the firm and writing the .xlsx took {prepared:.1f} s; rejected rows: {rejected}; "
          f"SQLite, {os.cpu_count()} CPUs, `zhangfang import FILE --json` as a subprocess.")


if __name__ == "__main__":
    main()
