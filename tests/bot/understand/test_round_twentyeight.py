"""The wrong answers of blind batches BS, BT and BU (2026-12-07, measured once after round twenty-seven; now
dev39.txt), each a test.

Read: an English number opening a ranking ("five Shenzhen clients owing us the most") is its limit, not before a
unit ("five days overdue"); "surcharge" is 附加税.
Not answered: a province or another country the firm has no clients in (湖南, Singapore), a colleague's mortgage,
car insurance, attendance or job, what the firm owes a client or the asker owes anyone, invoices that already fell
due, a kind of shop the firm does not keep (火锅店), services ranked, colleagues who joined."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("five Shenzhen clients owing us the most", {"intent": "top_debtors", "limit": 5,
                                                 "clients": {"regions": ["深圳"]}}),
    ("five days overdue clients", {"intent": "overdue_clients", "min_days_overdue": 5, "limit": None}),
    ("clients with surcharge filings this month", {"intent": "tax_filers", "tax": "附加税"}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "湖南客户应收余额",
    "Singapore clients with overdue invoices",
    "王芳个人房贷的逾期总额",
    "所里现在总共欠客户多少",
    "我欠谁的钱最多",
    "invoices that fell due in October",
    "下周到期的车险",
    "成都营收最高的两家火锅店",
    "top 3 services by margin",
    "超过三个月没来上班的同事",
    "今年新来了几个同事",
    "am I at risk of losing my job?",
    # held-out lines wrong after this round's retraining (now dev39.txt)
    "Pioneer's November payroll has been sent over",  # a statement that changes the book
    "Globex 逾期了吗",  # a company nobody has
    "Pioneer 11月的 payroll 我们做好了吗",  # our own work on it, not a document the client owes
    "March 2027 payroll deadline",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("这个月新来了几家客户", "new_clients"),  # new clients, not colleagues
    ("invoices due in the next 7 days", "invoices_due_soon"),
    ("深圳客户应收余额", "receivable_balance"),  # a city the firm has
    ("Acme 逾期了吗", "overdue_clients"),
    ("has Pioneer's November payroll been sent", "documents_missing"),
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
