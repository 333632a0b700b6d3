"""Round thirty-three: every wrong answer of blind batches CC and CD (measured once on e38b1ba, now dev43.txt), and the
classes behind most of their "not sure", each a test.

More clauses only give context: who needs the answer for what ("计提坏账要参考", "KPI review 要用", "给 CFO 的
deck 里要放", "明天 leadership meeting 要 present"), the asker's plan ("明儿一早我挨个打电话", "我琢磨要不要涨价",
"明年报价想往上调调"), a colleague away ("刘建休年假去了"), a report's deadline ("周报 deadline 是今晚"). When the
context's words swayed the classifier to another family, the rules' reading of the question alone is taken
("新同事 onboarding 要熟悉一下" is no new client). "这个 month" is this month. Not answered: a list DING'd to a
colleague (钉一下王芳), the tax on invoices (税额), a count compared with last month (MoM, 环比) outside the summary
and the trends, a client's goods (缺什么货), colleagues who may leave (离职风险)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "family"), [
    ("逾期的客户都有谁？明儿一早我挨个打电话", "overdue_clients"),
    ("逾期90天以上的金额合计，计提坏账要参考", "overdue_total"),
    ("账龄分析，月底结账要用，麻利儿的", "aging"),
    ("刘建休年假去了，刘建名下11月资料还差谁没交", "documents_missing"),
    ("长青的毛利率多少，我琢磨要不要涨价", "client_metric"),
    ("苏州明远科技的毛利率是多少？明年报价想往上调调", "client_metric"),
    ("王芳名下利润前五的客户，她年终述职要用", "top_clients_by_profit"),
    ("健康分最低的十家客户，下礼拜挨个回访", "clients_by_health"),
    ("overdue 五万以上的客户，KPI review 要用", "overdue_clients"),
    ("科技客户欠款合计，给 CFO 的 deck 里要放", "receivable_balance"),
    ("欠款 top 5 的客户，明天 leadership meeting 要 present", "top_debtors"),
    ("这周回款多少？周报 deadline 是今晚", "collected"),
    ("天成电商有逾期吗，帮我 double check 下", "overdue_clients"),
    ("深圳的客户有哪些，新同事 onboarding 要熟悉一下", "clients_by_attribute"),
])
def test_context_after_the_question(read, text, family):
    assert read(text).family == family


def test_the_question_keeps_its_own_filters(read):
    got = fields(read("overdue 五万以上的客户，KPI review 要用"))
    assert got.get("min_amount") == "49999.99"


@pytest.mark.parametrize("text", [
    "把逾期客户名单钉一下王芳",
    "这个月开出去的票里税额一共多少",
    "逾期客户数 MoM 多了几家",
    "逾期总额比上个月多了多少",
    "天成电商还缺什么货",  # a client's goods (held out, wrong after retraining)
    "有离职风险的员工有哪些",  # colleagues who may leave (held out, wrong after retraining)
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("本月经营情况，和上个月比", "summary"),  # the summary stands beside the previous period
    ("老板要看员工业绩 本月的", "staff_board"),  # the rules' own reading is kept
    ("天成电商还缺什么资料", "documents_missing"),
])
def test_look_alikes(read, text, family):
    assert read(text).family == family


def test_this_month_said_half_in_english(read):
    window = read("这个 month 的 collection 多少了").understood.query.window
    assert (window.start, window.end) == (date(2026, 11, 1), date(2026, 11, 30))
