"""Action understanding latency beside question understanding, on the generated firm of answer_bench.py
(default 10,000 clients, SQLite): text → command (bot.understand.actions) against text → Query (bot.understand),
the same index, the same client names. Medians and p99 in milliseconds.

    .venv/bin/python benchmarks/action_bench.py [--clients 10000] [--runs 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answer_bench import TODAY, build_firm, open_app, percentile, timed  # noqa: E402

from bot.understand import EntityIndex, understand  # noqa: E402
from bot.understand.actions import understand_action  # noqa: E402
from domain.models import Client, Contract, DocumentRequest, Invoice, Role, Staff  # noqa: E402
from domain.scope import Viewer  # noqa: E402

ACTIONS = [
    "收到{client}转账5000元", "{client}昨天付了{invoice}", "{client}10月的{item}收到了", "{client}10月资料都齐了",
    "催一下{client}的10月资料", "{contract} 已续约", "把{client}标记为VIP", "{client}说下周三付款",
    "{invoice} 客户有异议，金额不对", "{client}反馈: 4分，报表很清楚", "记一笔: 今天和{client}电话沟通续约", "撤销",
]
QUESTIONS = ["{client}还欠多少钱", "哪些客户逾期未付款", "本月回款多少", "{client}的合同什么时候到期",
             "{client}还差哪些资料", "下个月到期的合同"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    path = ROOT / "benchmarks" / "out" / f"firm-{args.clients}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build_firm(path, args.clients)
    app = open_app(path)
    with app.session() as session:
        index = EntityIndex.load(session)
        admin = session.execute(select(Staff.id, Staff.name).where(Staff.role == Role.admin)).first()
        viewer = Viewer(kind="staff", name=admin.name, staff_id=admin.id, role=Role.admin)
        cid, name = session.execute(select(DocumentRequest.client_id, Client.name).join(
            Client, Client.id == DocumentRequest.client_id).order_by(Client.id)).first()
        slots = {
            "client": name.replace("有限公司", ""),
            "invoice": session.execute(select(Invoice.invoice_no).where(Invoice.client_id == cid)).scalar(),
            "contract": session.execute(select(Contract.contract_no).where(Contract.client_id == cid)).scalar(),
            "item": session.execute(select(DocumentRequest.item).where(DocumentRequest.client_id == cid)).scalar(),
        }
        print("| kind | sentence | p50 ms | p99 ms |\n|---|---|---:|---:|")
        totals: dict[str, list[float]] = {"action": [], "question": []}
        for kind, texts in (("action", ACTIONS), ("question", QUESTIONS)):
            for template in texts:
                text = template.format(**{k: v or "" for k, v in slots.items()})
                if kind == "action":
                    call = lambda t=text: understand_action(t, today=TODAY, viewer=viewer, index=index,  # noqa: E731
                                                            session=session)
                else:
                    call = lambda t=text: understand(t, today=TODAY, viewer=viewer, index=index)  # noqa: E731
                samples, _cpu = timed(call, args.runs)
                totals[kind] += samples
                print(f"| {kind} | {text} | {statistics.median(samples):.2f} | {percentile(samples, 0.99):.2f} |")
    for kind, samples in totals.items():
        print(f"\nall {kind}s: p50 {statistics.median(samples):.2f} ms, p99 {percentile(samples, 0.99):.2f} ms "
              f"({len(samples)} calls, {len(index.client_names)} clients; load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
