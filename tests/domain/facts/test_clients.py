"""Clients by attribute (active unless a status is named), not contacted, negative feedback (today 2026-11-22)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.facts.clients import client_count, clients_by_attribute, negative_feedback, not_contacted
from domain.queries import ClientFilter
from tests.domain.facts.firm import TODAY, Firm, d


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        mgr = f.staff("黎静", "manager", boss)
        s1 = f.staff("刘建", "staff", mgr)
        s2 = f.staff("秦霞", "staff", boss)
        a = f.client("A公司", s1, region="上海", industry="贸易", tier="vip", taxpayer_type="general",
                     tags=("跨境电商", "高新技术"))
        b = f.client("B公司", s1, region="上海", industry="科技", taxpayer_type="small", tags=("高新技术",),
                     status="churned")
        c = f.client("C公司", s2, region="北京", industry="贸易", tier="high_risk", taxpayer_type="small")
        f.client("P公司", s2, region="上海", industry="贸易", taxpayer_type="small", status="prospect")
        f.client("E公司", mgr, region="杭州", industry="电商", tier="vip", taxpayer_type="general")
        f.interaction(a, "2026-08-24")  # 90 days ago: inside "the last 90 days"
        f.interaction(a, "2026-03-01")
        f.interaction(c, "2026-08-23")  # 91 days ago
        f.interaction(c, "2026-12-01")  # planned, after today: not a contact yet
        f.feedback(a, "2026-08-24", 2, "慢")
        f.feedback(a, "2026-11-22", 1, "很差")
        f.feedback(b, "2026-10-01", 2, "一般")
        f.feedback(c, "2026-08-23", 1, "太早")
        f.feedback(c, "2026-10-10", 3, "还行")
        f.people = {"boss": boss, "mgr": mgr, "s1": s1, "s2": s2}
        yield f


def names(rows) -> list[str]:
    return [r.client for r in rows]


@pytest.mark.parametrize(("flt", "expected"), [
    (ClientFilter(), ["A公司", "C公司", "E公司"]),
    (ClientFilter(tiers=["vip"]), ["A公司", "E公司"]),
    (ClientFilter(regions=["上海"], industries=["贸易"]), ["A公司"]),
    (ClientFilter(regions=["上海", "北京"]), ["A公司", "C公司"]),
    (ClientFilter(statuses=["prospect"]), ["P公司"]),
    (ClientFilter(statuses=["active", "churned"], regions=["上海"]), ["A公司", "B公司"]),
    (ClientFilter(tags=["高新技术"]), ["A公司"]),
    (ClientFilter(tags=["高新技术"], statuses=["churned"]), ["B公司"]),
    (ClientFilter(taxpayer_types=["small"]), ["C公司"]),
    (ClientFilter(name_contains=["E公"]), ["E公司"]),
])
def test_clients_by_attribute_active_unless_a_status_is_named(firm, flt, expected) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert names(clients_by_attribute(firm.session, viewer, clients=flt)) == expected
    assert client_count(firm.session, viewer, clients=flt) == len(expected)


def test_attribute_row_carries_the_columns(firm) -> None:
    row = clients_by_attribute(firm.session, firm.viewer(firm.people["boss"]), clients=ClientFilter(tiers=["vip"]))[0]
    assert (row.owner, row.region, row.industry, row.tier, row.taxpayer_type, row.tags) == (
        "刘建", "上海", "贸易", "vip", "general", ["跨境电商", "高新技术"])


@pytest.mark.parametrize(("who", "expected"), [("boss", ["A公司", "C公司", "E公司"]), ("mgr", ["A公司", "E公司"]),
                                                 ("s1", ["A公司"]), ("s2", ["C公司"])])
def test_scope_of_lists(firm, who, expected) -> None:
    assert names(clients_by_attribute(firm.session, firm.viewer(firm.people[who]))) == expected


def test_not_contacted_in_90_days(firm) -> None:
    rows = not_contacted(firm.session, firm.viewer(firm.people["boss"]), TODAY, 90)
    assert [(r.client, r.last_contact, r.days_since) for r in rows] == [
        ("E公司", None, None), ("C公司", d("2026-08-23"), 91)]


def test_not_contacted_window_includes_its_first_day(firm) -> None:
    rows = not_contacted(firm.session, firm.viewer(firm.people["boss"]), TODAY, 89)
    assert [(r.client, r.days_since) for r in rows] == [("E公司", None), ("C公司", 91), ("A公司", 90)]
    assert names(not_contacted(firm.session, firm.viewer(firm.people["s2"]), TODAY, 89)) == ["C公司"]


def test_negative_feedback_in_the_last_90_days_all_statuses(firm) -> None:
    rows = negative_feedback(firm.session, firm.viewer(firm.people["boss"]), TODAY - timedelta(days=90), TODAY)
    assert [(r.client, r.date, r.score) for r in rows] == [
        ("A公司", d("2026-11-22"), 1), ("B公司", d("2026-10-01"), 2), ("A公司", d("2026-08-24"), 2)]
    assert names(negative_feedback(firm.session, firm.viewer(firm.people["s2"]), d("2026-08-01"), TODAY)) == [
        "C公司"]
