"""The path scripts and the HTTP API use: `zhangfang ask --batch FILE --json`, per question, beside a careful bare
SQL query returning the same rows — on a generated 10,000-client firm with the typical payer mix and with many slow
and bad payers (`--payers late`: a fifth paying weeks late, a tenth leaving almost half their invoices unpaid).

    .venv/bin/python benchmarks/json_bench.py [--clients 10000] [--runs 100] [--payers typical late]

In process, each run is exactly what the batch command does for one line: answer the question as the admin, then
serialise `reply.data` and write it out (to /dev/null); runs alternate with the bare query's, so that both see the
same load on a shared machine. The bare queries read the stored open amounts where the answer does
(domain/open_amounts.py) — the best a person could write on this schema. Also timed: whole one-shot
`zhangfang ask … --json` processes (start-up, schema check, name index from its cache, one answer).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_bench import TODAY, open_app, percentile, timed  # noqa: E402
from bot.commands.answers import print_json  # noqa: E402
from bot.conversation import answerer, resolve_viewer  # noqa: E402
from domain.models import Role, Staff  # noqa: E402

OVERDUE = "i.open_cents > 0 AND i.due_on < :today"
CASES: list[tuple[str, str, str]] = [
    ("overdue_clients", "哪些客户逾期未付款",
     f"SELECT c.name, s.name, SUM(i.open_cents) AS owed, MIN(i.due_on), COUNT(*) FROM invoice i "
     f"JOIN client c ON c.id = i.client_id JOIN staff s ON s.id = c.owner_id WHERE {OVERDUE} "
     "GROUP BY c.id ORDER BY owed DESC, c.name"),
    ("overdue_total", "逾期总额是多少",
     "SELECT CASE WHEN i.due_on >= :d30 THEN '1-30' WHEN i.due_on >= :d60 THEN '31-60' WHEN i.due_on >= :d90 "
     f"THEN '61-90' ELSE '90+' END AS b, SUM(i.open_cents), COUNT(*) FROM invoice i WHERE {OVERDUE} GROUP BY b"),
    ("contracts_expiring", "30天内到期的合同",
     "SELECT k.contract_no, c.name, k.service_type, k.start_on, k.end_on, k.amount_cents, s.name FROM contract k "
     "JOIN client c ON c.id = k.client_id JOIN staff s ON s.id = c.owner_id "
     "WHERE k.status != 'terminated' AND k.end_on BETWEEN :today AND :month_ahead AND NOT EXISTS (SELECT 1 FROM "
     "contract r WHERE r.client_id = k.client_id AND r.service_type = k.service_type AND r.start_on > k.start_on) "
     "ORDER BY k.end_on, k.contract_no"),
    ("documents_missing", "资料逾期未交的客户",
     "SELECT c.name, s.name, d.item, d.period, d.due_on, d.chase_count FROM document_request d "
     "JOIN client c ON c.id = d.client_id JOIN staff s ON s.id = c.owner_id "
     "WHERE d.status = 'pending' AND d.due_on < :today ORDER BY c.name"),
    ("top_clients_by_revenue", "营收前10的客户",
     "SELECT c.name, SUM(i.amount_cents) AS rev FROM invoice i JOIN client c ON c.id = i.client_id "
     "WHERE i.issued_on BETWEEN :year_ago AND :today GROUP BY c.id ORDER BY rev DESC, c.name LIMIT 10"),
    ("breakdown", "按负责人统计逾期金额",
     f"SELECT s.name, SUM(i.open_cents) AS owed FROM invoice i JOIN client c ON c.id = i.client_id "
     f"JOIN staff s ON s.id = c.owner_id WHERE {OVERDUE} GROUP BY s.id ORDER BY owed DESC, s.name"),
    ("trend", "近12个月收入趋势",
     "SELECT substr(issued_on, 1, 7) AS month, SUM(amount_cents) FROM invoice "
     "WHERE issued_on BETWEEN :trend_start AND :today GROUP BY month ORDER BY month"),
]


def _rows_shown(family: str, data: dict) -> int | None:
    """How many of the bare query's rows the answer carries (documents: one item per client, its late items)."""
    if family in ("overdue_total", "trend"):
        return None  # four aging buckets, twelve months: always
    if family == "documents_missing":
        return sum(item["late_count"] for item in data["items"])
    return len(data["items"])


def firm_path(clients: int, payers: str) -> Path:
    suffix = "" if payers == "typical" else f"-{payers}"
    return ROOT / "benchmarks" / "out" / f"firm-{clients}{suffix}.db"


def build(path: Path, clients: int, payers: str) -> None:
    from domain.generator import generate_firm
    from domain.importing import import_sheets

    path.parent.mkdir(parents=True, exist_ok=True)
    app = open_app(path)
    started = time.perf_counter()
    import_sheets(app.session, generate_firm(clients, seed=7, today=TODAY, payers=payers))
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def interleaved(answer: Callable[[], object], bare: Callable[[], object], runs: int
                ) -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    """(wall, CPU) milliseconds of each, one run of one then one of the other: on a shared machine both see the
    same load, where timing all the answers and then all the bare queries compared two different moments."""
    timed(answer, 0)  # warm-up calls
    timed(bare, 0)
    answers, bares = ([], []), ([], [])
    for _ in range(runs):
        for fn, out in ((answer, answers), (bare, bares)):
            (wall,), (cpu,) = timed(fn, 1, warm=0)
            out[0].append(wall)
            out[1].append(cpu)
    return answers, bares


def measure(path: Path, runs: int, payers: str) -> list[float]:
    app = open_app(path)
    with app.session() as session:
        admin = session.execute(select(Staff.name).where(Staff.role == Role.admin)).scalars().first()
        viewer = resolve_viewer(session, "cli", admin)
    bot = answerer(app)
    params = {"today": TODAY, "month_ahead": TODAY + timedelta(days=30), "year_ago": TODAY - timedelta(days=365),
              "d30": TODAY - timedelta(days=30), "d60": TODAY - timedelta(days=60),
              "d90": TODAY - timedelta(days=90), "trend_start": TODAY.replace(year=TODAY.year - 1, month=12, day=1)}
    out = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - kept open for every run
    ratios = []
    with app.engine.connect() as conn:
        for family, question, sql in CASES:
            reply = bot.answer(viewer, question)
            assert reply.intent == family, (family, reply.intent)
            rows = conn.execute(text(sql), params).fetchall()
            assert _rows_shown(family, reply.data) in (len(rows), None), family
            (wall, cpu), (bare, bare_cpu) = interleaved(lambda q=question: print_json(bot.answer(viewer, q), out),
                                                        lambda s=sql: conn.execute(text(s), params).fetchall(), runs)
            ratio = statistics.median(wall) / statistics.median(bare)
            cpu_ratio = statistics.median(cpu) / statistics.median(bare_cpu)
            ratios.append(ratio)
            print(f"| {payers} | {family} | {len(rows)} | {statistics.median(wall):.1f} | {percentile(wall, 0.99):.1f} "
                  f"| {statistics.median(bare):.2f} | {ratio:.1f}× | {statistics.median(cpu):.1f} | "
                  f"{statistics.median(bare_cpu):.2f} | {cpu_ratio:.1f}× |")
    return ratios


def one_shot(path: Path, runs: int = 5) -> float:
    env = dict(os.environ, ZHANGFANG_DATABASE_URL=f"sqlite:///{path}", ZHANGFANG_TODAY=TODAY.isoformat())
    app = open_app(path)
    with app.session() as session:
        admin = session.execute(select(Staff.name).where(Staff.role == Role.admin)).scalars().first()
    cmd = [str(ROOT / ".venv" / "bin" / "zhangfang"), "ask", "逾期总额是多少", "--as", admin, "--json"]
    subprocess.run(cmd, env=env, check=True, capture_output=True)  # the name index cache is written once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--payers", nargs="+", default=["typical", "late"], choices=["typical", "late"])
    args = parser.parse_args()
    print("| payers | family | rows | ask --json p50 ms | p99 ms | bare SQL p50 ms | ratio | CPU p50 ms | bare CPU "
          "p50 ms | CPU ratio |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    shots = {}
    for payers in args.payers:
        path = firm_path(args.clients, payers)
        if not path.exists():
            build(path, args.clients, payers)
        measure(path, args.runs, payers)
        shots[payers] = one_shot(path)
    for payers, seconds in shots.items():
        print(f"\none-shot `zhangfang ask 逾期总额是多少 --json` ({payers}): median {seconds:.2f} s per process")
    print(f"({args.clients} clients, load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
