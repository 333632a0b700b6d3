"""Round thirty: the last wrong answers of blind batch BW and the classes behind BV and BW's "not sure" (dev40.txt),
and the held-out lines wrong after this round's retraining, each a test.

A clause that only gives the question its context — a visit ("VIP客户张总下午要来所里"), a reason
("因为上海鼎盛投诉了"), news the asker sets aside ("银行给长青的授信评级刚下调了，跟我们无关"), news reported
("长青上周说…"), who needs it ("审计要看") — lends the question none of its clients, tiers, places or periods, even
when the whole message reads as a question. A deadline said like a reason ("before year end") still bounds the
question, and a client the context names is carried when the question points back at it."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("VIP客户张总下午要来所里，他们公司是长青，先给我看看长青的档案",
     {"intent": "client_profile", "clients": {"client_ids": [112]}}),
    ("银行给长青的授信评级刚下调了，跟我们无关，我想看我们自己评的回款信用D级客户",
     {"intent": "clients_by_credit_rating", "clients": None}),
    ("因为上海鼎盛投诉了，我想先看看上海的客户里近30天谁给过差评",
     {"intent": "negative_feedback", "clients": {"regions": ["上海"]}}),
    ("because Acme complained, which Shanghai clients gave negative feedback in the last 30 days",
     {"intent": "negative_feedback", "clients": {"regions": ["上海"]}}),
])
def test_the_context_clause_lends_no_filter(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


def test_a_context_clause_keeps_its_client_when_the_question_points_back(read):
    got = fields(read("因为明远贸易投诉了，他们欠我们多少"))
    assert got["clients"] == {"client_ids": [108]}


@pytest.mark.parametrize(("text", "end"), [
    ("contracts ending before year end", date(2026, 12, 31)),
    ("invoices due before month end", date(2026, 11, 30)),
])
def test_a_deadline_said_like_a_reason_still_bounds_the_question(read, text, end):
    assert read(text).understood.query.window.end == end


def test_a_meeting_clause_keeps_the_period_the_question_has_none_of(read):
    window = read("下周要开续约会，先看看有哪些合同快到期了").understood.query.window
    assert (window.start, window.end) == (date(2026, 11, 23), date(2026, 11, 29))


def test_news_set_aside_is_not_answered_on_its_own(read):
    assert read("银行给长青的授信评级刚下调了，跟我们无关").family == "unknown"


def test_shanghai_restaurants_are_the_firms_catering_clients(read):
    got = fields(read("Shanghai restaurants with negative reviews in the last 30 days"))
    assert (got["intent"], got["clients"]) == ("negative_feedback", {"regions": ["上海"], "industries": ["餐饮"]})


@pytest.mark.parametrize(("text", "family"), [
    ("长青上周说资金紧张要晚点付，现在长青一共还欠我们多少", "receivable_balance"),  # news reported
    ("下午银行的客户经理要来谈贷款，跟这个无关，先告诉我客户欠我们的逾期金额合计", "overdue_total"),  # set aside
    ("王芳说她的报销逾期还没批，这个先不管，王芳名下客户的逾期总额多少", "overdue_total"),
    ("刚开完会，会上说逾期的事先放一放，现在我只想知道本月回款多少", "collected"),
    ("逾期超过90天的部分合计多少，审计要看", "overdue_total"),  # who needs it
    ("刘建下个月调去杭州分所，他名下客户要交接，先列一下他名下所有客户", "clients_by_attribute"),  # a transfer
    ("王芳手上现在有几家客户，我想给她再分两家", "staff_client_count"),  # a plan, not a limit of two
    ("合伙人会议要讨论明年涨价，先看看过去一年毛利率最低的五家客户", "top_clients_by_margin"),
    ("上个月回款冠军是哪位同事，年会要颁奖", "staff_ranking"),
    ("Alice is on leave next week so I'm covering — which of her clients still haven't sent their November documents?",
     "documents_missing"),
    ("Before I call Acme's finance team tomorrow, how much do they have past due with us in total?", "overdue_total"),
    ("月底了，整一个应收账龄表", "aging"),  # 整一个 / 蹲一个: give me one
    ("蹲一个应收账龄报告", "aging"),
    ("明天就要到期的应收有哪几张", "invoices_due_soon"),  # 哪几张 asks which, it counts nothing
    ("逾期金额八千及以上的客户都列出来", "overdue_clients"),  # 及以上 is a threshold, not a second list
])
def test_context_said_and_then_the_question(read, text, family):
    assert read(text).family == family


def test_the_person_leaving_is_whose_clients(read):
    got = fields(read("刘建下个月调去杭州分所，他名下客户要交接，先数一下他名下有几家客户"))
    assert (got["intent"], got.get("staff_id")) == ("staff_client_count", 4)


def test_since_we_started_working_together_is_the_revenue_to_date(read):
    got = fields(read("how much have we billed Acme since we started working together"))
    assert (got["intent"], got.get("measure"), got["clients"]) == ("client_metric", "lifetime_revenue",
                                                                   {"client_ids": [111]})


@pytest.mark.parametrize("text", [
    "长青在网上的差评多吗",  # reviews on the internet, not the client's feedback to us
    "和丰在网上被人差评了吗",
    "我自己一共欠所里多少",  # what the asker owes the firm
    "逾期未交资料按资料类型统计",  # documents grouped by kind: no such dimension
    "这个月一共开了几张",  # invoices counted
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"
