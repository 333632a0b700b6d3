"""Round thirty-two: every wrong answer of blind batches CA and CB (measured once on 8244110, now dev42.txt), and the
classes behind most of their "not sure", each a test.

Chat abbreviations are read (tmr, eom, amt, any1, rev, hrs, stmts, "w us"); a message that opens with 顺便 or 另外 asks
one thing; Cantonese 今个礼拜, 拖…数 (owes us), 俾咗几多钱我哋 (paid us), 冇倾过 (not contacted); "gonna chase them
tmr" after a question is its context. Not answered: a client's suppliers, a tag or an industry the firm does not
keep (unicorn, 陶瓷, 家具), a chase (催下), a list sent to a group (发去管理群), a colleague leaving (跳槽), news that a
client paid ("just cleared all its overdue invoices")."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "start", "end"), [
    ("anything falling due tmr", date(2026, 11, 23), date(2026, 11, 23)),
    ("receivables due before eom", date(2026, 11, 22), date(2026, 11, 30)),
    ("anything expiring before eom?", date(2026, 11, 22), date(2026, 11, 30)),
    ("物流客户今个礼拜回款", date(2026, 11, 16), date(2026, 11, 22)),
])
def test_periods_in_chat_and_cantonese(read, text, start, end):
    window = read(text).understood.query.window
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize(("text", "expected"), [
    ("changqing overdue amt pls", {"intent": "overdue_total", "clients": {"client_ids": [112]}}),
    ("any1 over 120 days past due?", {"intent": "overdue_clients", "min_days_overdue": 120}),
    ("changqing lifetime rev w us", {"intent": "client_metric", "measure": "lifetime_revenue"}),
    ("hrs logged on acme so far", {"intent": "client_metric", "measure": "service_hours"}),
    ("has acme sent their nov bank stmts?", {"intent": "documents_missing", "clients": {"client_ids": [111]}}),
    ("which of my clients are late paying? gonna chase them tmr",
     {"intent": "overdue_clients", "clients": {"owner_ids": [1]}}),
    ("长青有冇拖我哋数", {"intent": "overdue_clients", "clients": {"client_ids": [112]}}),
    ("和丰今个月俾咗几多钱我哋", {"intent": "client_metric", "measure": "collected"}),
    ("顺便睇下王芳手上有几家逾期", {"intent": "overdue_count", "clients": {"owner_ids": [2]}}),
    ("顺便问埋，长青嘅毛利率几多", {"intent": "client_metric", "measure": "margin"}),
    ("VIP超过一个月冇倾过嘅", {"intent": "clients_not_contacted", "clients": {"tiers": ["vip"]}}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "are changqing's supplier payments overdue?",
    "clients tagged unicorn",
    "唔该催下和丰11月嘅银行对账单",
    "把逾期名单发去管理群",
    "做陶瓷嘅客户有边啲",
    "家具行业客户的应收余额",
    "王芳有冇跳槽嘅风险",
    "和丰欠多少，顺便看下长青的健康分",  # 顺便 inside a message is a second question
    "长青欠多少，顺便把和丰的档案也调出来",
    "Acme just cleared all its overdue invoices",  # news that a client paid (held out, wrong after retraining)
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"
