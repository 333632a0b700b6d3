"""What charts and exports cost on a generated firm (default 10,000 clients, SQLite), in process:

- remembering a list question for "导出" (one UPDATE, or an INSERT the first time) on the answering path;
- "导出" end to end (the last list question run again in full, the .xlsx written), with rows and file size;
- the 导出 button: putting it on an answer (`offer_export`), and pressing it (the question it carries, run again);
- drawing a breakdown's and a trend's chart as PNG (what the senders do before uploading).

Medians and p99 of wall-clock milliseconds, after warm-up calls.

    .venv/bin/python benchmarks/export_bench.py [--clients 10000] [--runs 30] [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_bench import build_firm, open_app, percentile, timed  # noqa: E402
from bot.charts import render_png  # noqa: E402
from bot.conversation import answerer, resolve_viewer  # noqa: E402
from bot.exporting import EXPORT_PREFIX, export_last, offer_export, remember  # noqa: E402
from domain.models import Role, Staff  # noqa: E402
from domain.queries import Intent, Query  # noqa: E402

EXPORTS = ["哪些客户逾期未付款", "超过90天没联系的客户", "按负责人统计逾期金额"]
CHARTS = ["按负责人统计逾期金额", "各行业客户占比", "近12个月收入趋势"]


def line(label: str, samples: list[float], extra: str = "") -> None:
    median = sorted(samples)[len(samples) // 2]
    print(f"| {label} | {median:.1f} | {percentile(samples, 0.99):.1f} | {extra} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or ROOT / "benchmarks" / "out" / f"firm-{args.clients}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build_firm(path, args.clients)
    app = open_app(path)
    with app.session() as session:
        admin = session.query(Staff).filter(Staff.role == Role.admin).first()
        assert admin is not None
        viewer = resolve_viewer(session, "cli", admin.name)
    assert viewer is not None
    bot = answerer(app)
    print(f"{args.clients} clients, {args.runs} runs\n\n| what | median ms | p99 ms | |\n|---|---|---|---|")
    query = Query(intent=Intent.overdue_clients)

    def keep() -> None:
        with app.session() as session:
            remember(session, viewer, query, "zh")

    line("remember a list question (own session + commit)", timed(keep, args.runs * 5)[0])
    for question in EXPORTS:
        bot.answer(viewer, question)
        last = export_last(app, viewer, "zh")
        size = len(last.attachment.content) if last.attachment else 0
        wall, _ = timed(lambda: export_last(app, viewer, "zh"), args.runs)
        line(f"导出 after “{question}”", wall, f"{last.data.get('rows')} rows, {size / 1024:.0f} KiB")
    answered = bot.answer(viewer, EXPORTS[0])
    button = next(a.value for a in answered.actions if a.value.startswith(EXPORT_PREFIX))

    def offer() -> None:
        answered.actions = []
        offer_export(answered, query, "zh")

    line("offer_export: the 导出 button on an answer", timed(offer, args.runs * 5)[0])
    pressed = bot.answer(viewer, "", action=button)
    wall, _ = timed(lambda: bot.answer(viewer, "", action=button), args.runs)
    line(f"导出 button pressed on “{EXPORTS[0]}”", wall, f"{pressed.data.get('rows')} rows")
    for question in CHARTS:
        chart = bot.answer(viewer, question).chart
        assert chart is not None, question
        started = time.perf_counter()
        size = len(render_png(chart))
        first = (time.perf_counter() - started) * 1000
        wall, _ = timed(lambda chart=chart: render_png(chart), args.runs)
        line(f"chart PNG of “{question}” ({chart.kind})", wall, f"{size / 1024:.0f} KiB, first {first:.0f} ms")


if __name__ == "__main__":
    main()
