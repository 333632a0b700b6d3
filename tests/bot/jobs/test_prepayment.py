"""Prepayments end to end (semantics.md "Prepayments"): "收到明远贸易明年全年服务费12000" arrives before next
year's invoices exist. When those invoices are issued (a later import, as the generator's firms are), the credit
settles each on its issue date: they never appear overdue, the balance stays 0, the profile shows 预收余额
going down month by month, and the dunning planner never chases the client (time travel through 2027) —
while a twin client with the same invoices and no prepayment is chased."""

from __future__ import annotations

from datetime import date, timedelta

from bot.clock import Clock
from bot.conversation import handle
from bot.messages import IncomingMessage
from domain.importing import import_sheets
from tests.bot.jobs.support import SLACK, at, plan
from tests.domain.importing.workbook import as_sheets

PAID_AHEAD, TWIN = "上海明远贸易有限公司", "上海对照贸易有限公司"


def _people() -> dict:
    return {
        "员工": [["姓名", "角色", "Slack ID"], ["王经理", "管理员", "U-BOSS"]],
        "客户": [["客户名称", "简称", "负责人"], [PAID_AHEAD, "明远贸易", "王经理"], [TWIN, "对照贸易", "王经理"]],
        "联系人": [["客户名称", "姓名", "主联系人", "Slack ID"],
                   [PAID_AHEAD, "刘会计", "是", "U-MY"], [TWIN, "陈会计", "是", "U-TWIN"]],
        "应收": [["发票号", "客户名称", "开票日期", "到期日", "金额"],
                 ["FP2026-12", PAID_AHEAD, "2026-12-01", "2026-12-15", 1000]],
        # What the chat action "收到明远贸易明年全年服务费12000" stores: a payment that names no invoice.
        "收款": [["客户名称", "发票号", "收款日期", "金额"],
                 [PAID_AHEAD, "FP2026-12", "2026-12-10", 1000], [PAID_AHEAD, None, "2026-12-20", "12,000"]],
    }


def _next_year() -> dict:
    rows = [["发票号", "客户名称", "开票日期", "到期日", "金额"]]
    for month in range(1, 13):
        for client, prefix in ((PAID_AHEAD, "MY"), (TWIN, "DZ")):
            rows.append([f"{prefix}2027-{month:02d}", client, f"2027-{month:02d}-01", f"2027-{month:02d}-15", 1000])
    return {"应收": rows}


def _ask(app, text: str, day: date):
    app.clock = Clock(app.clock.tz, day)
    return handle(app, IncomingMessage(platform="cli", chat_id="", sender_id="王经理", text=text))


def _field(reply, name: str) -> str | None:
    return dict(reply.fields).get(name)


def test_a_year_paid_ahead_is_never_chased(make_app) -> None:
    app = make_app(today=date(2026, 12, 21), **SLACK)
    assert not import_sheets(app.session, as_sheets(_people())).errors
    card = _ask(app, "明远贸易的情况", date(2026, 12, 21))
    assert _field(card, "预收余额") == "¥12,000.00" and _field(card, "应收余额") == "¥0.00"

    assert not import_sheets(app.session, as_sheets(_next_year())).errors  # next year's invoices are issued
    card = _ask(app, "明远贸易的情况", date(2027, 6, 20))
    assert _field(card, "预收余额") == "¥6,000.00" and _field(card, "应收余额") == "¥0.00"
    assert _field(card, "逾期金额") == "¥0.00"
    overdue = _ask(app, "哪些客户逾期了", date(2027, 6, 20))
    assert [item["client"] for item in overdue.data["items"]] == [TWIN]
    assert _ask(app, "明远贸易欠多少钱", date(2027, 6, 20)).data["value"] == 0

    assert _dunned_in_2027(app) == {TWIN}
    card = _ask(app, "明远贸易的情况", date(2028, 1, 5))
    assert _field(card, "预收余额") is None  # all used: no line


def _dunned_in_2027(app) -> set[str]:
    """Every client the dunning planner chases on every third day of 2027."""
    chased: set[str] = set()
    day = date(2027, 1, 1)
    while day <= date(2027, 12, 31):
        chased |= {d.reply.data["client"] for d in plan(app, at(day), "dunning")}
        day += timedelta(days=3)
    return chased


def test_a_year_paid_ahead_recorded_in_chat_is_never_chased(make_app) -> None:
    """The same prepayment said in chat — "收到明远贸易明年全年服务费12000", then 确认 — instead of imported."""
    app = make_app(today=date(2026, 12, 20), **SLACK)
    people = _people()
    people["收款"] = people["收款"][:2]  # only December's own payment is imported
    assert not import_sheets(app.session, as_sheets(people)).errors
    proposal = _ask(app, "收到明远贸易明年全年服务费12000", date(2026, 12, 20))
    assert proposal.data["intent"] == "record_payment" and proposal.data["status"] == "proposed", proposal.text
    done = _ask(app, "确认", date(2026, 12, 20))
    assert done.data["status"] == "done", done.text
    card = _ask(app, "明远贸易的情况", date(2026, 12, 21))
    assert _field(card, "预收余额") == "¥12,000.00" and _field(card, "应收余额") == "¥0.00"

    assert not import_sheets(app.session, as_sheets(_next_year())).errors
    assert _dunned_in_2027(app) == {TWIN}
    overdue = _ask(app, "哪些客户逾期了", date(2027, 6, 20))
    assert [item["client"] for item in overdue.data["items"]] == [TWIN]
