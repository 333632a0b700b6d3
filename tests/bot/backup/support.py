"""Helpers for the backup tests: the sample firm on any backend, writes through the real importer, and the
answers to one question of every family (as `zhangfang ask --json` prints them)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from bot.bootstrap import App
from bot.conversation import handle
from bot.messages import IncomingMessage
from domain.importing import SheetData, import_sheets, read_workbook
from domain.models import Client, Invoice
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_TODAY, SAMPLE_XLSX

REFERENCE = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))
ADMIN = REFERENCE["staff"]["admin"]
# Every reference question (with its asker), and one of each family docs/questions.md lists that they lack
QUESTIONS: list[tuple[str, str]] = [(q["question"], q["ask_as"]) for q in REFERENCE["questions"]] + [
    (question, ADMIN) for question in (
        "上个月开票多少", "10月回款率", "谁回款最多", "毛利率最高的5个客户", "哪些任务超时了", "帮助",
        "按负责人统计逾期金额", "近12个月收入趋势", "本月经营情况", "员工业绩", "今年新增客户",
        "健康度最低的10个客户", "逾期总额是多少", "最近7天的回款", "欠款最多的20个客户")
]


def import_sample(app: App) -> None:
    import_sheets(app.session, read_workbook(SAMPLE_XLSX))


def answers(app: App) -> list[dict[str, Any]]:
    """What `zhangfang ask --json` prints for each question."""
    out = []
    for question, as_name in QUESTIONS:
        reply = handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=as_name, text=question))
        out.append(json.loads(json.dumps(reply.data, ensure_ascii=False)))
    return out


def overdue_clients(app: App, count: int) -> list[str]:
    """Names of clients with an invoice past due at SAMPLE_TODAY (payments to them change many answers)."""
    with app.session() as session:
        rows = session.execute(select(Client.name).join(Invoice, Invoice.client_id == Client.id)
                               .where(Invoice.due_on < SAMPLE_TODAY).group_by(Client.name)
                               .order_by(Client.name)).scalars().all()
    return list(rows[:count])


class BookWriter:
    """Write number k: a payment (import sheet 收款, reference BK-k), then an interaction (沟通记录) — each its
    own transaction, through the real importer and payment allocation."""

    def __init__(self, clients: list[str]) -> None:
        self.clients = clients

    def payment(self, app: App, k: int) -> None:
        client = self.clients[k % len(self.clients)]
        paid_on = SAMPLE_TODAY - timedelta(days=1 + k % 20)
        sheet = SheetData("收款", ["客户", "收款日期", "金额", "流水号"], [[client, paid_on.isoformat(), "150.00",
                                                                       f"BK-{k}"]])
        report = import_sheets(app.session, [sheet])
        assert report.imported["payments"] == 1 and report.total_rejected == 0, report.errors

    def interaction(self, app: App, k: int) -> None:
        client = self.clients[(k * 7) % len(self.clients)]
        day: date = SAMPLE_TODAY - timedelta(days=k % 5)
        sheet = SheetData("沟通记录", ["客户", "日期", "方式", "摘要"], [[client, day.isoformat(), "电话",
                                                                     f"backup-test-{k}"]])
        report = import_sheets(app.session, [sheet])
        assert report.imported["interactions"] == 1 and report.total_rejected == 0, report.errors

    def replay(self, app: App, payments: int, interactions: int) -> None:
        for k in range(max(payments, interactions)):
            if k < payments:
                self.payment(app, k)
            if k < interactions:
                self.interaction(app, k)
