"""Answer latency per question family on a generated firm (default 10,000 clients) on SQLite.

For each family: median and p99 of question text → rendered reply, in process (the same Answerer the chat uses),
and beside it the median of a hand-written bare SQL query that computes the same answer (the same rows the answer
lists), as a ratio of the wall-clock medians. CPU medians are shown beside both: on a shared machine they show what
the work itself cost when the wall clock also counts waiting for a core.

    .venv/bin/python benchmarks/answer_bench.py [--clients 10000] [--runs 200] [--db PATH] [--only FAMILY …]

The generated firm is kept in benchmarks/out/ so later runs start at once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.bootstrap import App, bootstrap  # noqa: E402
from bot.clock import Clock  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.conversation import answerer, resolve_viewer  # noqa: E402
from domain.models import Role, Staff  # noqa: E402

TODAY = date(2026, 11, 22)
OPEN = "(i.paid_on IS NULL OR i.paid_on > :today)"
PAID_BY = ("COALESCE((SELECT SUM(a.amount_cents) FROM allocation a "
           "WHERE a.invoice_id = i.id AND a.paid_on <= :today), 0)")

# family, question, bare SQL computing the same answer (admin scope)
CASES: list[tuple[str, str, str | list[str]]] = [
    ("overdue_clients", "哪些客户逾期未付款",
     f"SELECT c.name, SUM(i.amount_cents - {PAID_BY}) AS owed, MAX(julianday(:today) - julianday(i.due_on)) "
     f"FROM invoice i JOIN client c ON c.id = i.client_id WHERE {OPEN} AND i.due_on < :today "
     "GROUP BY c.id ORDER BY owed DESC"),
    ("overdue_total", "逾期总额是多少",
     f"SELECT SUM(i.amount_cents - {PAID_BY}) FROM invoice i WHERE {OPEN} AND i.due_on < :today"),
    ("receivable_balance", "应收余额",
     f"SELECT SUM(i.amount_cents - {PAID_BY}) FROM invoice i WHERE {OPEN} AND i.issued_on <= :today"),
    ("top_debtors", "欠款最多的10个客户",
     f"SELECT c.name, SUM(i.amount_cents - {PAID_BY}) AS owed FROM invoice i JOIN client c ON c.id = i.client_id "
     f"WHERE {OPEN} AND i.issued_on <= :today GROUP BY c.id ORDER BY owed DESC, c.name LIMIT 10"),
    ("invoices_due_soon", "未来7天到期的应收款",
     f"SELECT i.invoice_no, c.name, i.due_on, i.amount_cents - {PAID_BY} FROM invoice i "
     f"JOIN client c ON c.id = i.client_id WHERE {OPEN} AND i.due_on BETWEEN :today AND :week ORDER BY i.due_on"),
    ("collected", "本月回款多少",
     "SELECT SUM(amount_cents) FROM payment WHERE paid_on BETWEEN :month_start AND :today"),
    ("collection_rate", "10月回款率",
     "SELECT SUM(i.amount_cents), SUM(COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE "
     "a.invoice_id = i.id AND a.paid_on <= :today), 0)) FROM invoice i WHERE i.due_on BETWEEN '2026-10-01' AND "
     "'2026-10-31'"),
    ("contracts_expiring", "30天内到期的合同",
     "SELECT k.contract_no, c.name, k.end_on FROM contract k JOIN client c ON c.id = k.client_id "
     "WHERE k.status != 'terminated' AND k.end_on BETWEEN :today AND :month_ahead AND NOT EXISTS (SELECT 1 FROM "
     "contract r WHERE r.client_id = k.client_id AND r.service_type = k.service_type AND r.start_on > k.start_on) "
     "ORDER BY k.end_on, k.contract_no"),
    ("documents_missing", "资料逾期未交的客户",  # the answer lists each client's late items (not all its pending ones)
     "SELECT c.name, s.name, d.item, d.period, d.due_on, d.chase_count FROM document_request d "
     "JOIN client c ON c.id = d.client_id JOIN staff s ON s.id = c.owner_id "
     "WHERE d.status = 'pending' AND d.due_on < :today ORDER BY c.name"),
    ("client_profile", "{client}的客户档案", [
        "SELECT c.*, s.name FROM client c JOIN staff s ON s.id = c.owner_id WHERE c.name = :client",
        "SELECT * FROM contact WHERE client_id = (SELECT id FROM client WHERE name = :client)",
        "SELECT * FROM contract WHERE client_id = (SELECT id FROM client WHERE name = :client) AND status != "
        "'terminated' AND start_on <= :today AND end_on >= :today",
        f"SELECT SUM(i.amount_cents - {PAID_BY}), MAX(julianday(:today) - julianday(i.due_on)) FROM invoice i "
        f"WHERE i.client_id = (SELECT id FROM client WHERE name = :client) AND {OPEN}",
        "SELECT * FROM document_request WHERE client_id = (SELECT id FROM client WHERE name = :client) "
        "AND status = 'pending'",
        "SELECT * FROM interaction WHERE client_id = (SELECT id FROM client WHERE name = :client) "
        "ORDER BY date DESC LIMIT 3",
        "SELECT * FROM feedback WHERE client_id = (SELECT id FROM client WHERE name = :client) "
        "ORDER BY date DESC LIMIT 3",
        "SELECT COUNT(*) FROM feedback WHERE client_id = (SELECT id FROM client WHERE name = :client) "
        "AND score <= 2 AND date BETWEEN :year_ago AND :today",
        # credit rating: the earliest overdue due date, recent invoices and those paid on time
        "SELECT MIN(CASE WHEN (paid_on IS NULL OR paid_on > :today) AND due_on < :today THEN due_on END), "
        "SUM(due_on >= :year_ago AND due_on < :today), "
        "SUM(due_on >= :year_ago AND due_on < :today AND paid_on IS NOT NULL AND paid_on <= due_on) FROM invoice "
        "WHERE client_id = (SELECT id FROM client WHERE name = :client)",
        "SELECT * FROM workflow_event WHERE client_id = (SELECT id FROM client WHERE name = :client) "
        "ORDER BY at DESC LIMIT 8",
        "SELECT SUM(amount_cents) FROM invoice WHERE client_id = (SELECT id FROM client WHERE name = :client) "
        "AND issued_on BETWEEN :year_ago AND :today",
        "SELECT SUM(l.hours * st.hourly_cost_cents) FROM service_log l JOIN staff st ON st.id = l.staff_id "
        "WHERE l.client_id = (SELECT id FROM client WHERE name = :client) AND l.date BETWEEN :year_ago AND :today",
    ]),
    ("top_clients_by_revenue", "营收前10的客户",
     "SELECT c.name, SUM(i.amount_cents) AS rev FROM invoice i JOIN client c ON c.id = i.client_id "
     "WHERE i.issued_on BETWEEN :year_ago AND :today GROUP BY c.id ORDER BY rev DESC, c.name LIMIT 10"),
    ("top_clients_by_profit", "利润最低的5个客户",
     "SELECT c.name, r.rev - COALESCE(s.cost, 0) AS profit FROM client c JOIN (SELECT client_id, SUM(amount_cents) "
     "AS rev FROM invoice WHERE issued_on BETWEEN :year_ago AND :today GROUP BY client_id) r ON r.client_id = c.id "
     "LEFT JOIN (SELECT l.client_id, SUM(l.hours * st.hourly_cost_cents) AS cost FROM service_log l JOIN staff st "
     "ON st.id = l.staff_id WHERE l.date BETWEEN :year_ago AND :today GROUP BY l.client_id) s ON s.client_id = c.id "
     "ORDER BY profit, c.name LIMIT 5"),
    ("clients_by_attribute", "VIP客户有哪些",
     "SELECT c.name, s.name, c.region, c.industry, c.tier, c.taxpayer_type, c.tags FROM client c JOIN staff s "
     "ON s.id = c.owner_id WHERE c.tier = 'vip' AND c.status = 'active' ORDER BY c.name"),
    ("client_count", "小规模纳税人客户有多少",
     "SELECT COUNT(*) FROM client WHERE taxpayer_type = 'small' AND status = 'active'"),
    ("clients_by_credit_rating", "信用等级为D的客户",
     f"SELECT c.name FROM invoice i JOIN client c ON c.id = i.client_id WHERE {OPEN} AND i.due_on < :ninety_ago "
     "GROUP BY c.id ORDER BY c.name"),
    ("clients_not_contacted", "超过90天没联系的客户",
     "SELECT c.name FROM client c WHERE c.status = 'active' AND NOT EXISTS (SELECT 1 FROM interaction x WHERE "
     "x.client_id = c.id AND x.date BETWEEN :ninety_ago AND :today) ORDER BY c.name"),
    ("negative_feedback", "最近90天差评的客户",  # the answer lists the feedback rows, newest first
     "SELECT c.name, f.date, f.score, f.comment FROM feedback f JOIN client c ON c.id = f.client_id "
     "WHERE f.score <= 2 AND f.date BETWEEN :ninety_ago AND :today ORDER BY f.date DESC, c.name"),
    ("staff_client_count", "{staff}负责多少个客户",
     "SELECT COUNT(*) FROM client c JOIN staff s ON s.id = c.owner_id WHERE s.name = :staff AND c.status = 'active'"),
    ("tax_filers", "本月需要申报增值税的客户有多少",
     "SELECT c.name, s.name, t.tax, t.frequency FROM tax_obligation t JOIN client c ON c.id = t.client_id "
     "JOIN staff s ON s.id = c.owner_id WHERE t.tax = '增值税' AND c.status = 'active' AND t.frequency = 'monthly' "
     "ORDER BY c.name"),
    ("unknown", "明天会下雨吗", ""),
    # issue 12: breakdowns and trends (target p99 ≤ 150 ms at 10,000 clients)
    ("breakdown:overdue_by_owner", "按负责人统计逾期金额",
     f"SELECT s.name, SUM(i.amount_cents - {PAID_BY}) AS v FROM invoice i JOIN client c ON c.id = i.client_id "
     f"JOIN staff s ON s.id = c.owner_id WHERE {OPEN} AND i.due_on < :today GROUP BY s.name ORDER BY v DESC"),
    ("breakdown:clients_by_industry", "各行业客户占比",
     "SELECT COALESCE(industry, '未填'), COUNT(*) FROM client WHERE status = 'active' GROUP BY 1 ORDER BY 2 DESC"),
    ("breakdown:invoiced_by_service", "本月开票按服务类型",
     "SELECT k.service_type, SUM(i.amount_cents) FROM invoice i LEFT JOIN contract k ON k.id = i.contract_id "
     "WHERE i.issued_on BETWEEN :month_start AND :today GROUP BY 1"),
    ("trend:invoiced_12m", "近12个月收入趋势",
     "SELECT strftime('%Y-%m', issued_on), SUM(amount_cents) FROM invoice WHERE issued_on BETWEEN :year_ago "
     "AND :today GROUP BY 1 ORDER BY 1"),
    ("trend:collected_ytd", "今年每个月的回款",
     "SELECT strftime('%Y-%m', paid_on), SUM(amount_cents) FROM payment WHERE paid_on BETWEEN '2026-01-01' "
     "AND :today GROUP BY 1 ORDER BY 1"),
    # issue 12: client health (every active client's health inputs priced; no bare query written for these)
    ("clients_by_health", "客户健康度最低的10个客户", ""),
    ("clients_at_risk", "哪些客户有流失风险", ""),
    ("client_segments", "客户价值分层", ""),
]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], runs: int, warm: int = 3) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of `runs` calls, after `warm` warm-up calls. On a shared machine the CPU
    time shows what the answer itself cost when the wall clock also counts waiting for a core."""
    for _ in range(warm):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return wall, cpu


def timed_after_a_change(app: App, fn: Callable[[], object], runs: int,
                         before: Callable[[], object] | None = None) -> tuple[list[float], list[float]]:
    """`timed`, but each call right after a committed write to the book (a no-op update of one invoice): the
    book's token changes (bot/book_version.py), so nothing kept between requests is used — unless `before`
    (untimed, after the write) prepares it."""
    wall, cpu = [], []
    for _ in range(runs):
        with app.engine.begin() as conn:
            conn.execute(text("UPDATE invoice SET disputed = disputed WHERE id = (SELECT min(id) FROM invoice)"))
        if before is not None:
            before()
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return wall, cpu


def build_firm(path: Path, clients: int) -> None:
    from domain.generator import generate_firm
    from domain.importing import import_sheets

    app = open_app(path)
    started = time.perf_counter()
    report = import_sheets(app.session, generate_firm(clients, seed=7, today=TODAY))
    print(f"generated and imported {clients} clients in {time.perf_counter() - started:.1f} s: {report.imported}",
          file=sys.stderr)


def open_app(path: Path) -> App:
    settings = load_settings(database_url=f"sqlite:///{path}", today=TODAY, _env_file=None)
    return bootstrap(settings, clock=Clock(settings.tz, TODAY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--only", action="append", metavar="FAMILY", help="measure only this family (repeatable)")
    parser.add_argument("--after-a-change", action="store_true",
                        help="time each answer right after a write to the book (nothing kept between requests)")
    args = parser.parse_args()
    path = args.db or ROOT / "benchmarks" / "out" / f"firm-{args.clients}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build_firm(path, args.clients)
    app = open_app(path)
    with app.session() as session:
        admin = session.execute(select(Staff.name).where(Staff.role == Role.admin)).scalars().first()
        staff = session.execute(select(Staff.name).where(Staff.role == Role.staff)).scalars().first()
        client = session.execute(text("SELECT name FROM client WHERE name LIKE '%有限公司' ORDER BY id")).scalar()
        viewer = resolve_viewer(session, "cli", admin)
    bot = answerer(app)
    params = {"today": TODAY, "week": TODAY + timedelta(days=7), "month_start": TODAY.replace(day=1),
              "month_ahead": TODAY + timedelta(days=30), "year_ago": TODAY - timedelta(days=365),
              "ninety_ago": TODAY - timedelta(days=90), "client": client, "staff": staff}
    print("| family | question | p50 ms | p99 ms | CPU p50 ms | bare SQL p50 ms | bare CPU p50 ms | ratio |\n"
          "|---|---|---:|---:|---:|---:|---:|---:|")
    all_samples: list[float] = []
    with app.engine.connect() as conn:
        for family, question, sql in CASES:
            if args.only and family not in args.only:
                continue
            asked = question.format(client=client.replace("有限公司", ""), staff=staff)
            reply = bot.answer(viewer, asked)
            assert family.split(":")[0] == reply.intent, (family, asked, reply.intent, reply.text)  # "trend:…"
            measure = timed_after_a_change if args.after_a_change else (lambda _app, fn, runs: timed(fn, runs))
            samples, cpu = measure(app, lambda q=asked: bot.answer(viewer, q), args.runs)
            all_samples += samples
            statements = [sql] if isinstance(sql, str) else sql
            bare, bare_cpu = timed(lambda s=statements: [conn.execute(text(q), params).fetchall() for q in s],
                                   args.runs) if sql else ([], [])
            print(row(family, asked, samples, cpu, bare, bare_cpu))
    print(f"\nall questions: p50 {statistics.median(all_samples):.1f} ms, p99 {percentile(all_samples, 0.99):.1f} ms "
          f"({len(all_samples)} answers, {args.clients} clients; load average {os.getloadavg()[0]:.2f})")


def row(family: str, asked: str, samples: list[float], cpu: list[float], bare: list[float],
        bare_cpu: list[float]) -> str:
    p50 = statistics.median(samples)
    bare_p50 = statistics.median(bare) if bare else None
    ratio = f"{p50 / bare_p50:.1f}×" if bare_p50 else "—"
    shown = f"{bare_p50:.2f} | {statistics.median(bare_cpu):.2f}" if bare_p50 else "— | —"
    return (f"| {family} | {asked} | {p50:.1f} | {percentile(samples, 0.99):.1f} | {statistics.median(cpu):.1f} | "
            f"{shown} | {ratio} |")

if __name__ == "__main__":
    main()
