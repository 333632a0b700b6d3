"""The write path end to end on a generated firm (default 2,000 clients, SQLite): a sentence → the proposal (preview),
确认 → applied and audited, 撤销 → undone, each through the Answerer the chat uses, as the client's owner.
Medians and p99 in milliseconds (wall clock; CPU beside it, for a shared machine).

    .venv/bin/python benchmarks/write_bench.py [--clients 2000] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answer_bench import build_firm, open_app, percentile  # noqa: E402

from bot.conversation import answerer  # noqa: E402
from domain.models import Client, DocumentRequest, Staff  # noqa: E402
from domain.scope import viewer_for_staff  # noqa: E402

SENTENCES = {
    "record_payment": "收到{client}转账500元",
    "update_client": "给{client}加个重点标签",
    "log_interaction": "记一笔: 今天和{client}电话沟通续约",
    "mark_documents_received": "{client}{period}资料都齐了",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    path = ROOT / "benchmarks" / "out" / f"firm-{args.clients}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build_firm(path, args.clients)
    app = open_app(path)
    bot = answerer(app)
    with app.session() as session:
        name, owner_id, period = session.execute(
            select(Client.name, Client.owner_id, DocumentRequest.period)
            .join(DocumentRequest, DocumentRequest.client_id == Client.id)
            .where(DocumentRequest.status == "pending").order_by(Client.id)).first()
        viewer = viewer_for_staff(session, session.get(Staff, owner_id))
    short = name.replace("有限公司", "")
    bot.answer(viewer, "逾期客户")  # warm-up: builds the name index once, as the first question of a process does
    print("| action | step | p50 ms | p99 ms | CPU p50 ms |\n|---|---|---:|---:|---:|")
    for kind, sentence in SENTENCES.items():
        text = sentence.format(client=short, period=f"{int(period[5:])}月")
        samples: dict[str, tuple[list[float], list[float]]] = {s: ([], []) for s in ("propose", "confirm", "undo")}
        for _ in range(args.runs):
            for step, said in (("propose", text), ("confirm", "确认"), ("undo", "撤销")):
                started, cpu = time.perf_counter(), time.process_time()
                reply = bot.answer(viewer, said, via="console")
                samples[step][0].append((time.perf_counter() - started) * 1000)
                samples[step][1].append((time.process_time() - cpu) * 1000)
                expected = {"propose": "proposed", "confirm": "done", "undo": "undone"}[step]
                assert reply.data.get("status") == expected, (kind, step, reply.text)
        for step, (wall, cpu) in samples.items():
            print(f"| {kind} | {step} | {statistics.median(wall):.1f} | {percentile(wall, 0.99):.1f} | "
                  f"{statistics.median(cpu):.1f} |")


if __name__ == "__main__":
    main()
