"""What each board costs to render on the server (default 10,000 clients, SQLite, six months of workflow history):
the whole page — every panel answered through the executor, formatted by the chat's renderer, the HTML written —
for an admin (the whole firm), a manager and a staff member. Target: ≤ 300 ms median per board (issue 13).

Three cases: the book unchanged since the last page (the whole-firm figures kept between requests,
bot/book_version.py); the first page right after a change to the book (each run follows a committed write, so every
figure is computed afresh); and the first page after a change once `serve`'s warmer has looked (bot/board/warm.py:
the board was viewed lately, the token changed and held still). Medians and p99 of wall-clock milliseconds (and CPU
ms: the machine may be shared). The process is warmed up as `serve` warms up before it listens (bot/readiness.py:
the name index built and the long-lived objects frozen out of the garbage collector's generations) — without that,
a full collection walking the whole heap lands in every few pages (+60 ms each).

    .venv/bin/python benchmarks/board_bench.py [--clients 10000] [--runs 15] [--db PATH | --db-url URL]

--db-url measures another database (PostgreSQL: postgresql+psycopg://…); an empty one gets the firm built first.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_bench import TODAY, open_app, percentile, timed, timed_after_a_change  # noqa: E402
from bot.board.demo_history import add_workflow_history  # noqa: E402
from bot.board.pages import board_page  # noqa: E402
from bot.board.panels import BOARDS  # noqa: E402
from bot.board.warm import Warmer  # noqa: E402
from bot.bootstrap import App, bootstrap  # noqa: E402
from bot.clock import Clock  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.readiness import warm_up  # noqa: E402
from domain.models import Role, Staff  # noqa: E402


def open_url(url: str) -> App:
    settings = load_settings(database_url=url, today=TODAY, _env_file=None)
    return bootstrap(settings, clock=Clock(settings.tz, TODAY))


def build(app: App, clients: int) -> None:
    from domain.generator import generate_firm
    from domain.importing import import_sheets

    started = time.perf_counter()
    import_sheets(app.session, generate_firm(clients, seed=7, today=TODAY))
    stages = add_workflow_history(app)
    if app.engine.dialect.name == "postgresql":  # planner statistics for the freshly loaded tables, as autovacuum
        with app.engine.begin() as conn:        # would gather them later (without them: nested loops over 10k rows)
            conn.exec_driver_sql("ANALYZE")
    print(f"generated {clients} clients and {stages} done stages in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--db-url", default=None, help="a database URL instead of the SQLite file")
    parser.add_argument("--board", action="append", choices=BOARDS, help="only this board (repeatable)")
    args = parser.parse_args()
    if args.db_url:
        app = open_url(args.db_url)
        with app.session() as session:
            empty = session.query(Staff).first() is None
        if empty:
            build(app, args.clients)
    else:
        path = args.db or ROOT / "benchmarks" / "out" / f"board-{args.clients}.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            build(open_app(path), args.clients)
        app = open_app(path)
    warm_up(app)  # as `zhangfang serve` does before it listens: the name index built, long-lived objects frozen
    with app.session() as session:
        people = {role: session.query(Staff).filter(Staff.role == role).order_by(Staff.id).first().id
                  for role in (Role.admin, Role.manager, Role.staff)}
    print(f"| board ({args.clients:,} clients) | viewer | unchanged: median ms | p99 | CPU | "
          "right after a change: median ms | p99 | CPU | after a change, warmed: median ms | p99 | CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for board in (args.board or BOARDS):
        for role, staff_id in people.items():
            wall, cpu = timed(lambda b=board, s=staff_id: board_page(app, s, b), args.runs)
            changed = timed_after_a_change(app, lambda b=board, s=staff_id: board_page(app, s, b), args.runs)
            warmed = _warmed(app, staff_id, board, args.runs)
            print(f"| {board} | {role.value} | {_cells(wall, cpu)} | {_cells(*changed)} | {_cells(*warmed)} |",
                  flush=True)


def _warmed(app: App, staff_id: int, board: str, runs: int) -> tuple[list[float], list[float]]:
    """Each run: a committed write, then the warmer's two looks (changed, held still: it answers the board), then
    the page timed."""
    warmer = Warmer(app)
    warmer.viewed(staff_id, board)

    def warm() -> None:
        while warmer.tick() == 0:
            pass

    return timed_after_a_change(app, lambda: board_page(app, staff_id, board), runs, before=warm)


def _cells(wall: list[float], cpu: list[float]) -> str:
    return f"{sorted(wall)[len(wall) // 2]:.0f} | {percentile(wall, 0.99):.0f} | {sorted(cpu)[len(cpu) // 2]:.0f}"



if __name__ == "__main__":
    main()
