"""Every question family in many wordings — Chinese, English and mixed — with the Query fields expected.

`expected` lists only the fields that matter for the wording; every other field must keep its default,
so a wording that sneaks in a filter or a window fails.
"""

from __future__ import annotations

import pytest

from .conftest import CONTACT, WANG, fields

MONTH_NOW = {"start": "2026-11-01", "end": "2026-11-30", "label": "本月"}
CASES: list[tuple[str, dict]] = [
    # overdue clients
    ("哪些客户逾期未付款", {"intent": "overdue_clients"}),
    ("逾期客户", {"intent": "overdue_clients"}),
    ("有哪些客户欠款逾期", {"intent": "overdue_clients"}),
    ("逾期的客户有哪些？", {"intent": "overdue_clients"}),
    ("请帮我查一下逾期未付款的客户名单", {"intent": "overdue_clients"}),
    ("which clients have overdue payments", {"intent": "overdue_clients"}),
    ("list overdue clients", {"intent": "overdue_clients"}),
    ("who is past due", {"intent": "overdue_clients"}),
    ("overdue客户有哪些", {"intent": "overdue_clients"}),
    ("逾期最多的5个客户", {"intent": "overdue_clients", "limit": 5}),
    ("VIP客户里谁逾期了", {"intent": "overdue_clients", "clients": {"tiers": ["vip"]}}),
    ("上海的逾期客户", {"intent": "overdue_clients", "clients": {"regions": ["上海"]}}),
    ("今天有哪些客户逾期", {"intent": "overdue_clients"}),
    # overdue total / count / aging
    ("逾期总额是多少", {"intent": "overdue_total"}),
    ("逾期金额一共多少", {"intent": "overdue_total"}),
    ("逾期多少钱", {"intent": "overdue_total"}),
    ("total overdue amount", {"intent": "overdue_total"}),
    ("how much is overdue", {"intent": "overdue_total"}),
    ("逾期客户有多少家", {"intent": "overdue_count"}),
    ("有几个客户逾期", {"intent": "overdue_count"}),
    ("how many clients are overdue", {"intent": "overdue_count"}),
    ("number of overdue clients", {"intent": "overdue_count"}),
    ("逾期超过90天的客户有多少个", {"intent": "overdue_count", "min_days_overdue": 90}),
    ("账龄分析", {"intent": "aging"}),
    ("应收账款账龄", {"intent": "aging"}),
    ("aging report", {"intent": "aging"}),
    # receivables
    ("应收余额", {"intent": "receivable_balance"}),
    ("应收账款总额是多少", {"intent": "receivable_balance"}),
    ("客户一共欠我们多少钱", {"intent": "receivable_balance"}),
    ("accounts receivable balance", {"intent": "receivable_balance"}),
    ("how much are we owed", {"intent": "receivable_balance"}),
    ("华信科技欠多少钱", {"intent": "receivable_balance", "clients": {"client_ids": [101]}}),
    ("华信科技和天成电商的欠款", {"intent": "receivable_balance", "clients": {"client_ids": [101, 104]}}),
    ("逾期未收回的款项总计", {"intent": "overdue_total"}),
    ("需要催款的客户", {"intent": "overdue_clients"}),
    ("欠款最多的10个客户", {"intent": "top_debtors", "limit": 10}),
    ("欠款排名", {"intent": "top_debtors"}),
    ("欠款大户", {"intent": "top_debtors"}),
    ("top 5 debtors", {"intent": "top_debtors", "limit": 5}),
    ("who owes us the most", {"intent": "top_debtors", "limit": 1}),
    ("哪些客户有欠款", {"intent": "top_debtors", "limit": 1000}),
    ("哪些客户还没付款", {"intent": "top_debtors", "limit": 1000}),
    ("who hasn't paid", {"intent": "top_debtors", "limit": 1000}),
    ("未来7天到期的应收款", {"intent": "invoices_due_soon",
                      "window": {"start": "2026-11-22", "end": "2026-11-29", "label": "未来7天"}}),
    ("即将到期的应收", {"intent": "invoices_due_soon", "window": {"start": "2026-11-22", "end": "2026-11-29"}}),
    ("invoices due this week", {"intent": "invoices_due_soon",
                                "window": {"start": "2026-11-22", "end": "2026-11-22", "label": "this week"}}),
    ("下周到期的发票", {"intent": "invoices_due_soon",
                 "window": {"start": "2026-11-23", "end": "2026-11-29", "label": "下周"}}),
    ("bills due in the next 2 weeks", {"intent": "invoices_due_soon",
                                       "window": {"start": "2026-11-22", "end": "2026-12-06",
                                                  "label": "in the next 2 weeks"}}),
    # cash in
    ("本月回款多少", {"intent": "collected", "window": MONTH_NOW, "month": "2026-11"}),
    ("这个月收了多少钱", {"intent": "collected", "window": {**MONTH_NOW, "label": "这个月"}, "month": "2026-11"}),
    ("how much did we collect last month", {"intent": "collected", "month": "2026-10",
                                            "window": {"start": "2026-10-01", "end": "2026-10-31",
                                                       "label": "last month"}}),
    ("payments received this month", {"intent": "collected", "month": "2026-11",
                                      "window": {**MONTH_NOW, "label": "this month"}}),
    ("回款 last 30 days", {"intent": "collected",
                         "window": {"start": "2026-10-23", "end": "2026-11-22", "label": "last 30 days"}}),
    ("本月开票多少", {"intent": "invoiced", "window": MONTH_NOW, "month": "2026-11"}),
    ("上个月开了多少发票", {"intent": "invoiced", "month": "2026-10",
                   "window": {"start": "2026-10-01", "end": "2026-10-31", "label": "上个月"}}),
    ("how much cash came in this week", {"intent": "collected",
                                         "window": {"start": "2026-11-16", "end": "2026-11-22", "label": "this week"}}),
    ("how much did we invoice this year", {"intent": "invoiced",
                                           "window": {"start": "2026-01-01", "end": "2026-12-31",
                                                      "label": "this year"}}),
    ("10月回款率", {"intent": "collection_rate", "month": "2026-10"}),
    ("上个月的回款率是多少", {"intent": "collection_rate", "month": "2026-10"}),
    ("collection rate for October", {"intent": "collection_rate", "month": "2026-10"}),
    ("本月回款率", {"intent": "collection_rate", "month": "2026-11"}),
    ("今年签约额", {"intent": "signed", "window": {"start": "2026-01-01", "end": "2026-12-31", "label": "今年"}}),
    ("本季度新签合同金额", {"intent": "signed",
                   "window": {"start": "2026-10-01", "end": "2026-12-31", "label": "本季度"}}),
    ("how much did we sign this year", {"intent": "signed",
                                        "window": {"start": "2026-01-01", "end": "2026-12-31",
                                                   "label": "this year"}}),
    # renewals
    ("30天内到期的合同", {"intent": "contracts_expiring",
                   "window": {"start": "2026-11-22", "end": "2026-12-22", "label": "30天内"}}),
    ("下个月到期的合同", {"intent": "contracts_expiring", "month": "2026-12",
                  "window": {"start": "2026-12-01", "end": "2026-12-31", "label": "下个月"}}),
    ("本月到期的合同", {"intent": "contracts_expiring", "month": "2026-11",
                 "window": {"start": "2026-11-22", "end": "2026-11-30", "label": "本月"}}),
    ("contracts expiring in the next 90 days", {"intent": "contracts_expiring",
                                                "window": {"start": "2026-11-22", "end": "2027-02-20",
                                                           "label": "in the next 90 days"}}),
    ("下个月到期的代理记账合同", {"intent": "contracts_expiring", "service_type": "bookkeeping", "month": "2026-12",
                      "window": {"start": "2026-12-01", "end": "2026-12-31", "label": "下个月"}}),
    ("明年1月到期的审计合同", {"intent": "contracts_expiring", "service_type": "audit", "month": "2027-01",
                     "window": {"start": "2027-01-01", "end": "2027-01-31", "label": "明年1月"}}),
    ("哪些合同快到期了", {"intent": "contracts_expiring"}),
    ("年底前到期的合同", {"intent": "contracts_expiring",
                  "window": {"start": "2026-11-22", "end": "2026-12-31", "label": "年底前"}}),
    ("which contracts expire before the end of the year", {"intent": "contracts_expiring",
                                                           "window": {"start": "2026-11-22", "end": "2026-12-31",
                                                                      "label": "before the end of the year"}}),
    ("华信科技的合同什么时候到期", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("需要续约的客户", {"intent": "contracts_expiring"}),
    ("upcoming renewals", {"intent": "contracts_expiring"}),
    ("税务申报合同下个月到期", {"intent": "contracts_expiring", "service_type": "tax_filing", "month": "2026-12",
                     "window": {"start": "2026-12-01", "end": "2026-12-31", "label": "下个月"}}),
    ("consulting contracts expiring next month", {"intent": "contracts_expiring", "service_type": "consulting",
                                                  "month": "2026-12",
                                                  "window": {"start": "2026-12-01", "end": "2026-12-31",
                                                             "label": "next month"}}),
    # documents
    ("哪些客户还没交资料", {"intent": "documents_missing"}),
    ("资料没交齐的客户", {"intent": "documents_missing"}),
    ("资料逾期未交的客户", {"intent": "documents_missing", "late_only": True}),
    ("10月资料没交齐的客户", {"intent": "documents_missing", "month": "2026-10"}),
    ("上个月的银行对账单还有谁没交", {"intent": "documents_missing", "month": "2026-10"}),
    ("which clients have missing documents", {"intent": "documents_missing"}),
    ("clients with late documents", {"intent": "documents_missing", "late_only": True}),
    ("华信科技还差哪些资料", {"intent": "documents_missing", "clients": {"client_ids": [101]}}),
    # client profile
    ("华信科技的客户档案", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("明远贸易怎么样", {"intent": "client_profile", "clients": {"client_ids": [108]}}),
    ("tell me about Acme", {"intent": "client_profile", "clients": {"client_ids": [111]}}),
    ("show client Pioneer", {"intent": "client_profile", "clients": {"client_ids": [110]}}),
    ("华信科技", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("Pioneer", {"intent": "client_profile", "clients": {"client_ids": [110]}}),
    ("华信科技的信用等级", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("华信科技的合同", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("华信科技的联系人", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("华信科技的沟通记录", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("能不能告诉我华信科技的情况", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("could you tell me about Acme", {"intent": "client_profile", "clients": {"client_ids": [111]}}),
    ("谁负责华信科技", {"intent": "client_profile", "clients": {"client_ids": [101]}}),
    ("who handles Pioneer", {"intent": "client_profile", "clients": {"client_ids": [110]}}),
    # rankings
    ("营收前10的客户", {"intent": "top_clients_by_revenue", "limit": 10}),
    ("收入最高的客户", {"intent": "top_clients_by_revenue"}),
    ("top 3 clients by revenue", {"intent": "top_clients_by_revenue", "limit": 3}),
    ("who are our top 10 clients by revenue", {"intent": "top_clients_by_revenue", "limit": 10}),
    ("近12个月营收前5", {"intent": "top_clients_by_revenue", "limit": 5}),
    ("利润最低的5个客户", {"intent": "top_clients_by_profit", "limit": 5, "ascending": True}),
    ("利润最高的5个客户", {"intent": "top_clients_by_profit", "limit": 5}),
    ("最赚钱的客户", {"intent": "top_clients_by_profit"}),
    ("most profitable clients", {"intent": "top_clients_by_profit"}),
    ("利润率最高的三个客户", {"intent": "top_clients_by_margin", "limit": 3}),
    ("clients with the lowest margin", {"intent": "top_clients_by_margin", "ascending": True}),
    # client lists and counts
    ("VIP客户有哪些", {"intent": "clients_by_attribute", "clients": {"tiers": ["vip"]}}),
    ("高风险客户", {"intent": "clients_by_attribute", "clients": {"tiers": ["high_risk"]}}),
    ("risky clients", {"intent": "clients_by_attribute", "clients": {"tiers": ["high_risk"]}}),
    ("上海的贸易公司", {"intent": "clients_by_attribute", "clients": {"regions": ["上海"], "industries": ["贸易"]}}),
    ("shanghai trading companies", {"intent": "clients_by_attribute",
                                    "clients": {"regions": ["上海"], "industries": ["贸易"]}}),
    ("tech companies", {"intent": "clients_by_attribute", "clients": {"industries": ["科技"]}}),
    ("标签是跨境电商的客户", {"intent": "clients_by_attribute", "clients": {"tags": ["跨境电商"]}}),
    ("clients tagged 高新技术", {"intent": "clients_by_attribute", "clients": {"tags": ["高新技术"]}}),
    ("小规模纳税人客户有多少", {"intent": "client_count", "clients": {"taxpayer_types": ["small"]}}),
    ("一般纳税人客户", {"intent": "clients_by_attribute", "clients": {"taxpayer_types": ["general"]}}),
    ("how many small-scale taxpayers", {"intent": "client_count", "clients": {"taxpayer_types": ["small"]}}),
    ("已流失的客户", {"intent": "clients_by_attribute", "clients": {"statuses": ["churned"]}}),
    ("潜在客户有哪些", {"intent": "clients_by_attribute", "clients": {"statuses": ["prospect"]}}),
    ("how many prospects do we have", {"intent": "client_count", "clients": {"statuses": ["prospect"]}}),
    ("我们有多少客户", {"intent": "client_count"}),
    ("list all clients", {"intent": "clients_by_attribute"}),
    ("北京的VIP客户有多少", {"intent": "client_count", "clients": {"regions": ["北京"], "tiers": ["vip"]}}),
    ("所有客户包括流失的", {"intent": "clients_by_attribute",
                   "clients": {"statuses": ["active", "churned", "prospect"]}}),
    # credit
    ("信用等级为D的客户", {"intent": "clients_by_credit_rating", "credit_rating": "D"}),
    ("clients with credit rating B", {"intent": "clients_by_credit_rating", "credit_rating": "B"}),
    ("clients with a D credit rating", {"intent": "clients_by_credit_rating", "credit_rating": "D"}),
    ("信用等级D的客户有多少", {"intent": "clients_by_credit_rating", "credit_rating": "D"}),
    # relationship
    ("超过90天没联系的客户", {"intent": "clients_not_contacted", "days": 90}),
    ("三个月没联系的客户", {"intent": "clients_not_contacted", "days": 90}),
    ("最近60天没跟进的客户", {"intent": "clients_not_contacted", "days": 60}),
    ("本月没联系过的客户", {"intent": "clients_not_contacted", "days": 21}),
    ("很久没联系的客户", {"intent": "clients_not_contacted"}),
    ("clients not contacted in 60 days", {"intent": "clients_not_contacted", "days": 60}),
    ("which clients haven't we contacted in the last 3 months", {"intent": "clients_not_contacted", "days": 90}),
    ("最近90天差评的客户", {"intent": "negative_feedback", "days": 90,
                     "window": {"start": "2026-08-24", "end": "2026-11-22", "label": "最近90天"}}),
    ("投诉的客户", {"intent": "negative_feedback"}),
    ("negative feedback last month", {"intent": "negative_feedback", "month": "2026-10",
                                      "window": {"start": "2026-10-01", "end": "2026-10-31",
                                                 "label": "last month"}}),
    ("negative feedback in the last year", {"intent": "negative_feedback", "days": 365,  # trailing, not 去年
                                            "window": {"start": "2025-11-22", "end": "2026-11-22",
                                                       "label": "in the last year"}}),
    # staff
    ("秦霞负责多少个客户", {"intent": "staff_client_count", "staff_id": 3}),
    ("王芳有几个客户", {"intent": "staff_client_count", "staff_id": 2}),
    ("how many clients does wang fang have", {"intent": "staff_client_count", "staff_id": 2}),
    ("我负责多少客户", {"intent": "staff_client_count", "staff_id": 1}),
    ("谁回款最多", {"intent": "staff_ranking", "metric": "collected"}),
    ("本月谁回款最多", {"intent": "staff_ranking", "metric": "collected", "month": "2026-11", "window": MONTH_NOW}),
    ("哪个员工营收最高", {"intent": "staff_ranking", "metric": "revenue"}),
    ("谁的客户最多", {"intent": "staff_ranking", "metric": "clients"}),
    ("谁负责多少客户", {"intent": "staff_ranking", "metric": "clients"}),
    ("who brought in the most cash this month", {"intent": "staff_ranking", "metric": "collected",
                                                 "month": "2026-11", "window": {**MONTH_NOW, "label": "this month"}}),
    ("which staff has the most overdue", {"intent": "staff_ranking", "metric": "overdue_amount"}),
    # tax
    ("本月申报截止日", {"intent": "tax_deadline", "month": "2026-11"}),
    ("12月的报税截止日期", {"intent": "tax_deadline", "month": "2026-12"}),
    ("when is the filing deadline", {"intent": "tax_deadline"}),
    ("when do we need to file VAT in January", {"intent": "tax_deadline", "month": "2027-01", "tax": "增值税"}),
    ("什么时候报增值税", {"intent": "tax_deadline", "tax": "增值税"}),
    ("这个月几号报税", {"intent": "tax_deadline", "month": "2026-11"}),
    ("本月需要申报增值税的客户有多少", {"intent": "tax_filers", "month": "2026-11", "tax": "增值税"}),
    ("which clients need to file VAT this month", {"intent": "tax_filers", "month": "2026-11", "tax": "增值税"}),
    ("个税申报的客户", {"intent": "tax_filers", "tax": "个人所得税"}),
    ("下个月要报企业所得税的客户", {"intent": "tax_filers", "month": "2026-12", "tax": "企业所得税"}),
    # help
    ("帮助", {"intent": "help"}),
    ("help", {"intent": "help"}),
    ("你能做什么", {"intent": "help"}),
    ("what can you do", {"intent": "help"}),
    ("你好", {"intent": "help"}),
    ("怎么用", {"intent": "help"}),
]


@pytest.mark.parametrize(("question", "expected"), CASES, ids=[q for q, _ in CASES])
def test_family_wordings(ask, question: str, expected: dict) -> None:
    understood = ask(question)
    assert understood.unknown_reason is None
    assert fields(understood) == expected


MINE: list[tuple[str, dict]] = [
    ("我的逾期客户", {"intent": "overdue_clients"}),
    ("my overdue clients", {"intent": "overdue_clients"}),
    ("我负责的客户60天内到期的合同", {"intent": "contracts_expiring",
                          "window": {"start": "2026-11-22", "end": "2027-01-21", "label": "60天内"}}),
    ("我的客户", {"intent": "clients_by_attribute"}),
    ("my VIP clients", {"intent": "clients_by_attribute", "clients": {"tiers": ["vip"]}}),
    ("我名下的应收余额", {"intent": "receivable_balance"}),
    ("我手上有哪些客户没交资料", {"intent": "documents_missing"}),
    ("我客户里下周到期的发票", {"intent": "invoices_due_soon",  # "my clients" without 的 (was every client's)
                      "window": {"start": "2026-11-23", "end": "2026-11-29", "label": "下周"}}),
]


@pytest.mark.parametrize(("question", "expected"), MINE, ids=[q for q, _ in MINE])
def test_my_means_the_asker(ask, question: str, expected: dict) -> None:
    got = fields(ask(question, viewer=WANG))
    clients = got.pop("clients")
    assert clients.pop("owner_ids") == [WANG.staff_id]
    assert {**got, **({"clients": clients} if clients else {})} == expected


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("我的发票", "my_invoices"), ("我们的账单", "my_invoices"), ("my invoices", "my_invoices"),
        ("what do we owe", "my_invoices"), ("我们还欠多少钱", "my_invoices"), ("有逾期的发票吗", "my_invoices"),
        ("我们还差哪些资料", "my_documents"), ("my documents", "my_documents"), ("还缺什么材料", "my_documents"),
        ("本月申报截止日", "tax_deadline"), ("帮助", "help"),
    ],
)
def test_client_contacts_get_their_own_families(ask, question: str, intent: str) -> None:
    understood = ask(question, viewer=CONTACT)
    assert understood.query.intent == intent
    assert understood.query.clients.is_empty()


@pytest.mark.parametrize(
    "question",
    ["哪些客户逾期了", "上海的客户", "营收前10的客户", "华信科技的客户档案", "秦霞负责多少个客户", "谁回款最多"],
)
def test_client_contacts_cannot_ask_staff_questions(ask, question: str) -> None:
    understood = ask(question, viewer=CONTACT)
    assert understood.query.intent == "unknown"
    assert understood.ambiguous == []


def test_staff_never_get_contact_families(ask) -> None:
    for question in ("我的发票", "my invoices", "我的资料"):
        assert ask(question, viewer=WANG).query.intent not in ("my_invoices", "my_documents")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("逾期客户", "zh"), ("which clients are overdue", "en"), ("show client 华信科技", "en"),
        ("Pioneer的客户档案", "zh"), ("VIP客户有哪些", "zh"), ("top 3 clients by revenue", "en"),
        ("明天会下雨吗", "zh"), ("what is the meaning of life", "en"),
    ],
)
def test_reply_language_follows_the_words_that_carried_meaning(ask, question: str, language: str) -> None:
    assert ask(question).language == language
