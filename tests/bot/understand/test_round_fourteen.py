"""The wrong answers of blind batches AE, AF and AG (2026-12-07, measured once; now dev25.txt), each a test.

Cantonese as typed in Guangdong (边个, 边几家, 嘅, 我哋, 几多, 好多个…？); 要准备哪些单证 is advice; 谁的客户 ranks
colleagues; the largest contract value, "will miss", a client's own net profit, market value, peers, an industry
ranking, popularity, fee schedules, a client's tax bill and a change since the start of the year are not the book;
"没到截止日的也算" / "不论是否到期" only say what counts; "past its due date" is late; 高分 is praise; "unlikely to
leave" and "met every deadline" are the opposite lists; a shared brand with a city, trade or trade-word none of its
clients has is another company; a figure of the month to come is a forecast, broken down or not."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("我的客户逾期超过60天嘅有边几个", {"intent": "overdue_clients", "min_days_overdue": 60}),
    ("边个客户欠我哋最多钱？", {"intent": "top_debtors", "limit": 1}),
    ("边个客户营收最高？", {"intent": "top_clients_by_revenue", "limit": 1}),
    ("高风险客户有边几家？", {"intent": "clients_by_attribute"}),
    ("Alice Chen负责好多个客户？", {"intent": "staff_client_count", "staff_id": 5}),
    ("明远贸易逾期未付嘅总数係几多？", {"intent": "overdue_total"}),
    ("谁的客户营收最高", {"intent": "staff_ranking", "metric": "revenue"}),
    ("秦霞客户的全部欠款，不论是否到期", {"intent": "receivable_balance"}),
    ("还有资料待提交的客户，没到截止日的也算", {"intent": "documents_missing", "late_only": None}),
    ("clients whose November paperwork is already past its due date", {"intent": "documents_missing",
                                                                        "late_only": True}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "那边几个客户逾期了", "王芳那边几家逾期",  # Mandarin 那边 is never Cantonese 边
])
def test_mandarin_na_bian_is_untouched(read, text):
    assert read(text).family == "overdue_count"


@pytest.mark.parametrize("text", [
    "跨境电商出口退税要准备哪些单证", "合同金额最大的客户是哪家",
    "how many clients will miss the December filing deadline, roughly", "应收余额跟年初比多了多少",
    "9月回款率和同行比怎么样", "华信科技公司自己今年的净利润", "Pioneer 公司的市值", "最近60天打了高分的客户",
    "哪位会计最受客户欢迎", "本月客户增值税一共要交多少", "我们的经营情况在行业里排第几", "各服务类型的收费标准",
    "tech clients that are very unlikely to leave", "上海天成置业的客户档案", "广州明远物流有没有逾期",
    "杭州鼎盛科技的毛利率", "什么样的客户算逾期客户", "账龄是怎么分段的", "健康分的计算规则", "客户续签率是多少",
    "Shanghai clients that met every document deadline", "collections by industry next month",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"
