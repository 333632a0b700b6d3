"""A small firm for the action tests, built with the real models (tests/domain/facts/firm.py), and chatting with it
through bot.conversation.handle — the entry every adapter calls.

Staff: 赵总 (admin); 杜萍 (manager) → 王芳, 秦霞; 周明 (manager) → 刘建.
Clients: 上海明远贸易有限公司 (明远贸易, 王芳; invoices FP100234 ¥3,000 due 2026-10-15 and FP100235 ¥2,000 due
2026-11-15, both open; contract HT1001 代理记账 2026 ¥12,000; November's 银行对账单 and 工资表 pending, due 11-28;
its WeCom group bound), 杭州华信科技有限公司 (华信科技, 秦霞; FP200001 ¥5,000 due 2026-11-01), 深圳长青物流有限公司
(长青物流, 刘建; FP300001 ¥1,000 due 2026-11-10).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select

from bot.bootstrap import App
from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.reply import Reply
from domain.actions.models import AuditEntry, Proposal
from domain.models import ChatBinding, ChatIdentity, Client
from tests.domain.facts.firm import Firm

TODAY = date(2026, 12, 1)  # a Tuesday
MINGYUAN = "上海明远贸易有限公司"
HUAXIN = "杭州华信科技有限公司"
CHANGQING = "深圳长青物流有限公司"
MINGYUAN_GROUP = "wrMINGYUAN"


def build_firm(app: App) -> dict[str, int]:
    with app.session() as session:
        firm = Firm(session)
        boss = firm.staff("赵总", role="admin")
        du = firm.staff("杜萍", role="manager", manager=boss)
        zhou = firm.staff("周明", role="manager", manager=boss)
        wang = firm.staff("王芳", manager=du)
        qin = firm.staff("秦霞", manager=du)
        liu = firm.staff("刘建", manager=zhou)
        mingyuan = firm.client(MINGYUAN, wang, short_name="明远贸易")
        contract = firm.contract(mingyuan, "HT1001", "bookkeeping", "2026-01-01", "2026-12-31", amount="12000")
        firm.invoice(mingyuan, "FP100234", "2026-09-15", "2026-10-15", "3000", contract)
        firm.invoice(mingyuan, "FP100235", "2026-10-15", "2026-11-15", "2000", contract)
        firm.document(mingyuan, "2026-11", "银行对账单", "2026-11-28")
        firm.document(mingyuan, "2026-11", "工资表", "2026-11-28")
        firm.contact(mingyuan, "李娜", primary=True)
        session.add(ChatBinding(platform="wecom", chat_id=MINGYUAN_GROUP, client_id=mingyuan.id))
        huaxin = firm.client(HUAXIN, qin, short_name="华信科技")
        firm.invoice(huaxin, "FP200001", "2026-10-01", "2026-11-01", "5000")
        changqing = firm.client(CHANGQING, liu, short_name="长青物流")
        firm.invoice(changqing, "FP300001", "2026-10-10", "2026-11-10", "1000")
        for person in (boss, du, zhou, wang, qin, liu):  # every colleague reachable on WeCom (reminders, digests)
            session.add(ChatIdentity(platform="wecom", user_id=f"wx-{person.id}", staff_id=person.id))
        firm.allocate()
        return {"boss": boss.id, "zhou": zhou.id, "mingyuan": mingyuan.id, "huaxin": huaxin.id,
                "changqing": changqing.id, "wang": wang.id,
                "qin": qin.id, "du": du.id, "liu": liu.id}


def at(day: date, clock: time = time(10, 0)) -> datetime:
    from bot.config import load_settings

    return datetime.combine(day, clock, tzinfo=load_settings(_env_file=None).tz)


def chat(app: App, who: str, text: str = "", action: str | None = None, platform: str = "console") -> Reply:
    return handle(app, IncomingMessage(platform=platform, chat_id="", sender_id=who, text=text, action=action))


def press(app: App, who: str, reply: Reply, label: str, platform: str = "console") -> Reply:
    [value] = [a.value for a in reply.actions if a.label == label]
    return chat(app, who, action=value, platform=platform)


def audit_rows(app: App) -> list[dict[str, Any]]:
    with app.session() as session:
        rows = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
        names = dict(session.execute(select(Client.id, Client.name)).all())
        return [{"kind": r.kind, "actor": r.actor, "via": r.via, "client": names.get(r.client_id),
                 "undone": r.undone_at is not None, "undoes": r.undoes_id} for r in rows]


def proposal_statuses(app: App) -> list[str]:
    with app.session() as session:
        return list(session.execute(select(Proposal.status).order_by(Proposal.id)).scalars())


def count(app: App, column: Any, *where: Any) -> int:
    with app.session() as session:
        return int(session.execute(select(func.count(column)).where(*where)).scalar_one())
