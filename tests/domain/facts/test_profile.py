"""The client profile card and the health score (today 2026-11-22)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.facts.profile import HealthInputs, client_profile, health_score
from tests.domain.facts.firm import TODAY, Firm, d, yuan


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        s1 = f.staff("刘建", hourly="100")
        s2 = f.staff("秦霞")
        a = f.client("上海明远贸易有限公司", s1, short_name="明远贸易", credit_code="91310000MA1FL0000X",
                     taxpayer_type="general", industry="贸易", region="上海", tier="vip", tags=("跨境电商",),
                     signed_on=d("2024-01-01"))
        f.contact(a, "王经理", primary=False, title="财务", phone="138")
        f.contact(a, "李总", primary=True, title="法人", phone="139")
        f.contract(a, "HT1", "bookkeeping", "2026-01-01", "2026-12-31", "12000")
        f.contract(a, "HT0", "bookkeeping", "2025-01-01", "2025-12-31", "10000")  # ended
        f.invoice(a, "FP1", "2026-09-01", "2026-10-01", "3000")  # 52 days overdue, 1000 paid
        f.payment(a, "2026-10-15", "1000")
        f.invoice(a, "FP2", "2026-11-01", "2026-12-01", "3000")  # not due yet
        f.log(a, s1, "2026-06-01", "12")
        f.document(a, "2026-10", "银行对账单", "2026-11-15", chase=2)  # late
        f.document(a, "2026-10", "工资表", "2026-11-30")
        for n, on in enumerate(["2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01"]):
            f.interaction(a, on, summary=f"第{n}次")
        f.feedback(a, "2026-03-01", 2, "慢")
        f.feedback(a, "2026-09-01", 4, "好")
        f.allocate()
        f.people = {"boss": boss, "s1": s1, "s2": s2}
        f.a = a
        yield f


def test_profile_card(firm) -> None:
    card = client_profile(firm.session, firm.viewer(firm.people["boss"]), TODAY, firm.a.id)
    assert card is not None
    assert (card["client"], card["short_name"], card["owner"], card["tier"], card["taxpayer_type"], card["tags"]) == (
        "上海明远贸易有限公司", "明远贸易", "刘建", "vip", "general", ["跨境电商"])
    assert [c["name"] for c in card["contacts"]] == ["李总", "王经理"] and card["contacts"][0]["primary"] is True
    assert [k["contract_no"] for k in card["active_contracts"]] == ["HT1"]
    assert (card["balance"], card["overdue_amount"], card["max_days_overdue"]) == (yuan("5000"), yuan("2000"), 52)
    assert [(m["item"], m["chase_count"]) for m in card["missing_documents"]] == [("银行对账单", 2), ("工资表", 0)]
    assert card["last_contact"] == d("2026-08-01")
    assert [i["summary"] for i in card["recent_interactions"]] == ["第3次", "第2次", "第1次"]
    assert [f["score"] for f in card["feedback"]] == [4, 2]
    assert card["credit_rating"] == "C"  # 52 days overdue
    assert (card["revenue"], card["cost"], card["profit"], card["margin"]) == (
        yuan("6000"), yuan("1200"), yuan("4800"), 0.8)
    # 100 − C 25 − overdue 10 − one late document 5 − 113 days without contact 10 − one complaint 10 = 40
    assert card["health_score"] == 40


def test_profile_outside_scope_is_none(firm) -> None:
    assert client_profile(firm.session, firm.viewer(firm.people["s2"]), TODAY, firm.a.id) is None
    assert client_profile(firm.session, firm.viewer(firm.people["s1"]), TODAY, firm.a.id) is not None


HEALTHY = HealthInputs("A", Decimal("0"), 0, 10, 0, 0.5)


@pytest.mark.parametrize(("changes", "score"), [
    ({}, 100), ({"credit_rating": "B"}, 90), ({"credit_rating": "C"}, 75), ({"credit_rating": "D"}, 60),
    ({"credit_rating": "N/A"}, 100), ({"overdue_amount": Decimal("0.01")}, 90), ({"late_documents": 2}, 90),
    ({"late_documents": 9}, 85), ({"days_since_contact": 90}, 100), ({"days_since_contact": 91}, 90),
    ({"days_since_contact": 181}, 85), ({"days_since_contact": None}, 85), ({"negative_feedback": 1}, 90),
    ({"negative_feedback": 5}, 80), ({"margin": -0.01}, 85), ({"margin": 0.19}, 95), ({"margin": 0.2}, 100),
    ({"margin": None}, 100),
    ({"credit_rating": "D", "overdue_amount": Decimal("1"), "late_documents": 3, "days_since_contact": None,
      "negative_feedback": 2, "margin": -1.0}, 0),
])
def test_health_score_penalties(changes, score) -> None:
    inputs = HEALTHY._replace(**changes)
    assert health_score(inputs) == score
