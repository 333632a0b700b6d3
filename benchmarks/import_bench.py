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
import resource
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
    cpu: list[float] = field(default_factory=list)  # user + system CPU of the import process
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_import(workbook: Path, database: Path, today: date) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds, JSON report) of one `zhangfang import FILE --json`."""
    env = dict(os.environ, ZHANGFANG_DATABASE_URL=f"sqlite:///{database}", ZHANGFANG_TODAY=today.isoformat())
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run([*zhangfang(), "import", str(workbook), "--json"], env=env, cwd=database.parent,
                          capture_output=True, text=True, check=False)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"zhangfang import failed ({done.returncode}):\n{done.stderr or done.stdout}")
    return seconds, cpu, json.loads(done.stdout)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def table(phases: list[Phase], repeat: int) -> str:
    extra = " p99 s | max s |" if repeat > 1 else ""
    lines = [f"| phase | clients | invoices | payments | rows total | seconds |{extra} rows/s | CPU s |",
             "|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if repeat > 1 else "") + "---:|---:|"]
    for phase in phases:
        imported = phase.report.get("imported", {})
        median = statistics.median(phase.seconds)
        spread = f" {percentile(phase.seconds, 0.99):.1f} | {max(phase.seconds):.1f} |" if repeat > 1 else ""
        lines.append(f"| {phase.name} | {imported.get('clients', 0):,} | {imported.get('invoices', 0):,} | "
                     f"{imported.get('payments', 0):,} | {phase.rows:,} | {median:.1f} |{spread} "
                     f"{phase.rows / median:,.0f} | {statistics.median(phase.cpu):.1f} |")
    return "\n".join(lines)


def prepare(clients: int, seed: int, today: date, workbook: Path) -> float:
    """Generate the firm and write it as .xlsx (skipped when `workbook` already exists); returns seconds."""
    if workbook.exists():
        return 0.0
    started = time.perf_counter()
    write_xlsx(generate_firm(clients, seed=seed, today=today), workbook)
    return time.perf_counter() - started


def bench(workbook: Path, repeat: int, today: date, workdir: Path) -> list[Phase]:
    first, again = Phase("import (empty database)"), Phase("re-import (unchanged)")
    for run in range(repeat):
        database = workdir / f"bench-{run}.db"
        for phase in (first, again):
            seconds, cpu, report = run_import(workbook, database, today)
            phase.seconds.append(seconds)
            phase.cpu.append(cpu)
            phase.report = report
        database.unlink()
    return [first, again]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=10_000, help="firm size (default 10,000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each phase (median, p99, max)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="YYYY-MM-DD")
    parser.add_argument("--workbook", type=Path, help="keep the generated .xlsx here and reuse it if it exists")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    with tempfile.TemporaryDirectory(prefix="zhangfang-bench-") as tmp:
        workbook = args.workbook or Path(tmp) / f"firm-{args.clients}.xlsx"
        prepared = prepare(args.clients, args.seed, args.today, workbook)
        phases = bench(workbook, repeat, args.today, Path(tmp))
    print(table(phases, repeat))
    rejected = sum(phases[0].report.get("rejected", {}).values())
    made = f"generating the firm and writing the .xlsx took {prepared:.1f} s" if prepared else f"reused {workbook}"
    print(f"\nSQLite, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; `zhangfang import FILE --json` "
          f"as a subprocess; seconds = wall clock (median of {repeat}), CPU s = user + system of the import "
          f"process; {made}; rejected rows: {rejected}.")


if __name__ == "__main__":
    main()
