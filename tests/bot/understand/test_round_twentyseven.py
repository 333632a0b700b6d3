"""The wrong answers of blind batches BQ and BR (2026-12-07, measured once after round twenty-six; now dev38.txt),
each a test.

Read: 季度末之前 runs to the end of the quarter; "the day after tomorrow" is two days ahead; Shandong 夜来 is
yesterday.
Not answered: clients who left counted, a letter or email to write (never answered as its addressee's card), a kind
of company the firm does not tag (专精特新标签), a colleague's own reports and onboarding papers, a client's own
aging, bills, drivers, employees and invoicing, clients owing counted, how long a client has owed, money going out,
input invoices received, contracts terminated, documents we owe a client, my own paperwork, an industry the firm
does not serve (律所), a rating letter that does not exist or a rating changed, a bank's credit rating, projects, a
client's own business, plans, hiring."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import fields


def test_before_the_quarter_ends(read):
    window = read("季度末之前还有哪些应收要到期").understood.query.window
    assert (window.start, window.end) == (date(2026, 11, 22), date(2026, 12, 31))


def test_the_day_after_tomorrow_and_shandong_yesterday(read):
    window = read("invoices due the day after tomorrow").understood.query.window
    assert (window.start, window.end) == (date(2026, 11, 24), date(2026, 11, 24))
    got = fields(read("夜来开票金额多少"))
    assert (got["intent"], got["window"]["start"], got["window"]["end"]) == ("invoiced", "2026-11-21", "2026-11-21")


@pytest.mark.parametrize("text", [
    "今年走了几家客户",
    "帮俺写封催款邮件给Acme，客气点",
    "专精特新标签的客户谁逾期了",
    "秦霞有没有逾期没交的周报",
    "长青自己的应收账龄",
    "有欠款的客户有几家",
    "哪家客户欠我们最久",
    "长青的电费账单快到期了吗",
    "how much cash went out last month",
    "10月收到了多少进项票",
    "今年终止了多少合同金额",
    "我还欠客户哪些资料",
    "秦霞自己有哪些入职材料没交",
    "did we send Acme its October payroll",
    "my own paperwork that's late",
    "长青物流的司机档案",
    "上个月成都鼎盛给客户开了多少票",
    "the ten clients with the most employees",
    "广州营收最高的律所",
    "信用等级M的客户",
    "信用等级最近下调的客户",
    "物流客户里银行信用C级的有哪些",
    "Wang Fang 现在负责几个 project",
    "how did Acme's own business do in October",
    "9月的经营计划",
    "上个月新招了几个员工",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("应收账款总额报一下，我填周报", "receivable_balance"),  # a weekly report as the reason
    ("这个月给客户开了多少票", "invoiced"),  # what we invoiced our clients
    ("年底前到期的合同", "contracts_expiring"),
    ("invoices due tomorrow", "invoices_due_soon"),
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
