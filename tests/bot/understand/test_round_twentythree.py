"""The wrong answers of blind batches BE, BF and BG (2026-12-07, measured once after round twenty-two; now dev34.txt),
each a test — and the Sichuan and memo words behind their "not sure" answers.

Read: Sichuan 有没得 / 莫得 / 好多？/ 喃 / 你晓得不; a memo's opening 本人 and 本年度; the colleague at the top
(营收最高的负责人, 回款冠军); a percent sign alone asks for shares; "…的，请汇总" compiles the clients named.
Not answered: a memo's instruction to send (发送催款函, 转发至…群); the firm's own taxes (本所自身); a kind of
company the firm does not tag (专精特新); what a colleague personally owes; what we owe a client; my own bills; a
bare month still to come asked of what has happened (12月签订的合同 in November); a client's output invoices,
taxes and refunds; non-operating income; one firm figure ranked; a collection rate two months ahead;
counts of contracts or documents; the sum of the renewal list; a breakdown compared with last month; growth ranked;
a client's boss in person; timesheets and rotas; a colleague's subordinates; what-ifs; two requests at once."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("餐饮的有没得逾期的", {"intent": "overdue_clients", "clients": {"industries": ["餐饮"]}}),
    ("你晓得不现在逾期一共好多钱", {"intent": "overdue_total"}),
    ("出口退税客户逾期了好多？", {"intent": "overdue_total", "clients": {"tags": ["出口退税"]}}),
    ("霞姐客户三个月以上莫得联系的", {"intent": "clients_not_contacted", "clients": {"owner_ids": [3]},
                                     "days": 89}),
    ("本人本年度签约额", {"intent": "signed", "clients": {"owner_ids": [1]}}),
    ("我本年度回款", {"intent": "collected", "clients": {"owner_ids": [1]}}),
    ("今年回款冠军是哪个", {"intent": "staff_ranking", "metric": "collected"}),
    ("谁名下营收最高", {"intent": "staff_ranking", "metric": "revenue"}),  # moved from heldout64.txt
    ("clients by industry, %", {"intent": "breakdown", "measure": "clients", "dimension": "industry",
                                "share": True}),
    ("VIP客户中逾期超过30日的，请汇总", {"intent": "overdue_clients", "min_days_overdue": 30,
                                      "clients": {"tiers": ["vip"]}}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "莫得逾期的客户有哪些",  # 莫得 is 没有: the opposite of the overdue list
    "本所自身的增值税申报情况",
    "烦请向逾期超过九十天的客户发送催款函",
    "请将VIP客户名单转发至财务部群",
    "Please advise total AR and list the overdue clients as well.",
    "专精特新客户谁逾期了",
    "建哥一共欠公司多少",
    "我们还 owe Blue Harbor 多少",
    "my own bills coming due soon",
    "12月签订的合同",
    "12月回款多少",
    "天成电商本月自己开了多少销项票",
    "这个月的营业外收入",
    "回款率最高的客户",
    "明年11月回款率",
    "10月签了几个合同",
    "本月一共收到几份资料",
    "每月签约合同数走势",
    "快到期的合同加起来多少钱",
    "have we sent Acme its November financial statements",
    "Qin Xia's own timesheets past their due date",
    "和丰有逾期没交的税款吗",
    "杭州天成贸易老板的个人档案",
    "营收增长排名前十",
    "出口退税客户超过60天没退到税的",
    "深圳客户本月增值税报完了没有",
    "逾期金额按城市的环比变化",
    "每个负责人下面几个员工",
    "上周员工排班表",
    "what if Acme leaves — how much revenue do we lose",
    "how much has Blue Harbor paid its drivers this month",  # moved from heldout63.txt: the client's own payroll
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("去年12月回款多少", "collected"),  # the year said: no doubt which December
    ("12月到期的应收目前收回了多少比例", "collection_rate"),  # the coming month, so far
    ("2027年2月报税截止是几号，春节前后要排班", "tax_deadline"),  # a rota as the reason, not the question
    ("逾期客户的欠款请汇总", "overdue_total"),  # the money named: a sum
    ("华信科技的负责人是谁", "client_profile"),  # one client's owner, not a ranking of colleagues
    ("王芳的客户一共欠公司多少", "receivable_balance"),
    ("how much has Blue Harbor paid us this month", "client_metric"),  # her clients' debt, not hers
    ("营业额前7的客户", "top_clients_by_revenue"),
    ("餐饮客户今年营业额", "invoiced"),  # what we invoiced the group, as VIP客户营业额合计
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
