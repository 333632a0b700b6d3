"""Payment dunning → the client: one message listing all its open invoices, at the steps around the due date; tone
by credit rating; a copy to the owner for D; the owner's manager for 30+ days overdue; nothing once paid."""

from __future__ import annotations

from sqlalchemy import select

from domain.models import ChatBinding, Client
from tests.bot.jobs.support import SLACK, at, build, plan
from tests.domain.facts.firm import Firm


def _firm(firm: Firm) -> None:
    boss = firm.staff("经理", role="manager", slack="U-MGR")
    ann = firm.staff("安娜", manager=boss, slack="U-ANN")
    bo = firm.staff("博文", manager=boss, slack="U-BO")
    punctual = firm.client("准时科技有限公司", ann)
    firm.contact(punctual, "钱会计", primary=True, slack="U-PUNCTUAL")
    i1 = firm.invoice(punctual, "I1", "2026-08-01", "2026-08-31", "800")
    i2 = firm.invoice(punctual, "I2", "2026-09-01", "2026-09-30", "800")
    firm.invoice(punctual, "I3", "2026-11-01", "2026-11-26", "1000")
    firm.payment(punctual, "2026-08-20", "800", i1)
    firm.payment(punctual, "2026-09-25", "800", i2)
    late = firm.client("拖欠贸易有限公司", ann)
    firm.session.add(ChatBinding(platform="slack", chat_id="C-LATE", client_id=late.id))
    firm.invoice(late, "L1", "2026-09-01", "2026-10-09", "2000")
    firm.invoice(late, "L2", "2026-11-01", "2026-11-26", "500")
    bad = firm.client("坏账物流有限公司", bo)
    firm.contact(bad, "孙总", primary=True, slack="U-BAD")
    firm.invoice(bad, "D1", "2026-06-01", "2026-07-01", "3000")
    paying = firm.client("马上付咨询有限公司", bo)
    firm.contact(paying, "周出纳", primary=True, slack="U-PAYING")
    p1 = firm.invoice(paying, "P1", "2026-10-16", "2026-11-16", "1000")
    firm.payment(paying, "2026-11-25", "1000", p1)
    unreachable = firm.client("找不到餐饮有限公司", ann)
    firm.contact(unreachable, "没账号", primary=True)
    firm.invoice(unreachable, "U1", "2026-11-01", "2026-11-26", "300")


def _by_client(drafts):
    return {d.reply.data["client"]: d for d in drafts}


def test_one_message_per_client_lists_all_its_open_invoices_and_only_its_own(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    dunned = _by_client(plan(app, at("2026-11-23"), "dunning"))
    assert set(dunned) == {"准时科技有限公司", "拖欠贸易有限公司", "马上付咨询有限公司"}
    invoices = {client: [i["invoice_no"] for i in d.reply.data["invoices"]] for client, d in dunned.items()}
    assert invoices == {"准时科技有限公司": ["I3"], "拖欠贸易有限公司": ["L1", "L2"], "马上付咨询有限公司": ["P1"]}
    assert dunned["拖欠贸易有限公司"].destination.address == "C-LATE"  # its bound group chat
    assert dunned["准时科技有限公司"].destination.address == "U-PUNCTUAL"
    assert all(d.client_facing for d in dunned.values())
    assert dunned["拖欠贸易有限公司"].reply.rows[0][2] == "¥2,000.00"


def test_the_tone_follows_the_credit_rating(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    dunned = _by_client(plan(app, at("2026-11-23"), "dunning"))
    tones = {client: (d.reply.data["rating"], d.reply.data["tone"]) for client, d in dunned.items()}
    assert tones["准时科技有限公司"] == ("A", "polite")
    assert tones["拖欠贸易有限公司"] == ("C", "firm")
    assert dunned["准时科技有限公司"].reply.title.startswith("付款提醒")
    assert dunned["拖欠贸易有限公司"].reply.title.startswith("付款通知")


def test_d_clients_copy_the_owner_and_30_days_overdue_reaches_the_manager(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    planned = plan(app, at("2026-11-30"))
    dunned = _by_client([d for d in planned if d.kind == "dunning"])
    assert set(dunned) == {"坏账物流有限公司"}  # 150 days overdue (60, then every 30); P1 was paid on 25 Nov
    assert dunned["坏账物流有限公司"].reply.data["rating"] == "D"
    escalations = {d.destination.address: d for d in planned if d.kind == "escalation"}
    assert set(escalations) == {"U-BO", "U-MGR"}
    assert escalations["U-BO"].reply.data["topics"] == {"dunning_copy": [_client_id(app, "坏账物流有限公司")]}
    assert escalations["U-MGR"].reply.data["topics"] == {"dunning_manager": [_client_id(app, "坏账物流有限公司")]}


def test_a_client_that_cannot_be_reached_is_reported_to_its_owner(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    planned = plan(app, at("2026-11-23"))
    assert "找不到餐饮有限公司" not in _by_client([d for d in planned if d.kind == "dunning"])
    ann = next(d for d in planned if d.kind == "escalation" and d.destination.address == "U-ANN")
    assert ann.reply.data["topics"]["dunning_copy"] == [_client_id(app, "找不到餐饮有限公司")]
    assert "未能通知" in ann.reply.sections[0][1][0]
    manager = next(d for d in planned if d.kind == "escalation" and d.destination.address == "U-MGR")
    assert manager.reply.data["topics"] == {"dunning_manager": [_client_id(app, "拖欠贸易有限公司")]}  # 45 days


def test_a_paid_invoice_stops_dunning_and_replanning_gives_the_same_keys(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    before = [d.key for d in plan(app, at("2026-11-23"), "dunning")]
    assert before == [d.key for d in plan(app, at("2026-11-23"), "dunning")]
    assert f"dunning|client:{_client_id(app, '马上付咨询有限公司')}/contact:" in "".join(before)  # P1, 7 days late
    seen = {d.reply.data["client"] for day in ("2026-11-30", "2026-12-03") for d in plan(app, at(day), "dunning")}
    assert "马上付咨询有限公司" not in seen  # paid on 25 November


def _client_id(app, name: str) -> int:
    with app.session() as session:
        return session.execute(select(Client.id).where(Client.name == name)).scalar_one()
