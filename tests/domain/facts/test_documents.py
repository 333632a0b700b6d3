"""Missing and late documents (today 2026-11-22): missing = pending; late = pending and due before today."""

from __future__ import annotations

import pytest

from domain.facts.documents import missing_documents, pending_for_client
from tests.domain.facts.firm import TODAY, Firm, d


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        s1 = f.staff("刘建")
        s2 = f.staff("秦霞")
        a = f.client("A公司", s1)
        b = f.client("B公司", s2, status="churned")
        c = f.client("C公司", s2)
        f.document(a, "2026-10", "银行对账单", "2026-11-15", chase=2)  # late
        f.document(a, "2026-10", "工资表", "2026-11-22", chase=0)  # due today: missing, not late
        f.document(a, "2026-09", "进项发票", "2026-10-15", "received", chase=1)
        f.document(a, "2026-11", "银行对账单", "2026-12-15", chase=0)
        f.document(b, "2026-10", "进项发票", "2026-11-21", chase=3)  # late by one day
        f.document(c, "2026-10", "工资表", "2026-11-10", "received")
        f.people = {"boss": boss, "s1": s1, "s2": s2}
        f.a = a
        yield f


def summary(rows, today=TODAY) -> list[tuple]:
    return [(r.client, r.missing(with_period=True), r.late_count(today), r.max_chase_count, r.earliest_due)
            for r in rows]


def test_pending_requests_by_client(firm) -> None:
    rows = missing_documents(firm.session, firm.viewer(firm.people["boss"]), TODAY)
    assert summary(rows) == [
        ("A公司", ["银行对账单 (2026-10)", "工资表 (2026-10)", "银行对账单 (2026-11)"], 1, 2, d("2026-11-15")),
        ("B公司", ["进项发票 (2026-10)"], 1, 3, d("2026-11-21"))]


def test_late_only_and_period(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    late = missing_documents(firm.session, viewer, TODAY, late_only=True)
    assert [(r.client, r.missing(with_period=False)) for r in late] == [("A公司", ["银行对账单"]),
                                                                        ("B公司", ["进项发票"])]
    november = missing_documents(firm.session, viewer, TODAY, period="2026-11")
    assert [(r.client, r.missing(with_period=False)) for r in november] == [("A公司", ["银行对账单"])]
    assert missing_documents(firm.session, viewer, TODAY, period="2026-09") == []


def test_due_today_becomes_late_tomorrow(firm) -> None:
    rows = missing_documents(firm.session, firm.viewer(firm.people["boss"]), d("2026-11-23"), late_only=True)
    assert rows[0].missing(with_period=False) == ["银行对账单", "工资表"]


def test_scope(firm) -> None:
    assert [r.client for r in missing_documents(firm.session, firm.viewer(firm.people["s2"]), TODAY)] == ["B公司"]
    assert [r.client for r in missing_documents(firm.session, firm.viewer(firm.people["s1"]), TODAY)] == ["A公司"]


def test_pending_for_one_client_by_due_date(firm) -> None:
    rows = pending_for_client(firm.session, firm.a.id)
    assert [(r.period, r.item, r.chase_count) for r in rows] == [
        ("2026-10", "银行对账单", 2), ("2026-10", "工资表", 0), ("2026-11", "银行对账单", 0)]


@pytest.mark.parametrize("today", [TODAY, d("2026-11-23"), d("2026-12-31")])
def test_one_pass_summary_agrees_with_each_figure(firm, today) -> None:
    rows = missing_documents(firm.session, firm.viewer(firm.people["boss"]), today)
    assert [(r.client, *r.summary(today, with_period=True)) for r in rows] == summary(rows, today)
    assert [r.summary(today, with_period=False)[0] for r in rows] == [r.missing(with_period=False) for r in rows]
