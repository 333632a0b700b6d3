"""The wrong answers of blind batches AK, AL and AM (2026-12-07, measured once after round fifteen; now dev27.txt),
each a test.

Northern colloquial Chinese (我这摊, 那摊儿, 仨 at the end, 往上, 哪几户, 户数, 咱们), 大写 amounts (伍仟), 元月, a day
of a week (这礼拜五), 去年到现在; a two-step message (先…再…) asks its first step unless the next one asks too;
a question with a change to the book after it (顺便都催一遍, 齐了就把账做了); two questions joined by 'and which';
a person nobody knows before 的客户; a client's alias followed by a trade or company word its name does not have
(长青医疗, 长青地产, Blue Harbor Trading) is another company; the firm's own affairs, a client's own figures, policy,
tenure, tax refunds, invoice certification, schedules; contracts that already ended; one client's figure asked of
two."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("逾期超过伍仟元的都是哪几家", {"intent": "overdue_clients", "min_amount": "5000"}),
    ("我名下欠款最多的仨", {"intent": "top_debtors", "limit": 3}),
    ("老刘那摊 毛利率最好的仨", {"intent": "top_clients_by_margin", "limit": 3}),
    ("明年元月份到期的账单", {"intent": "invoices_due_soon", "month": "2027-01"}),
    ("回款信用只有C的那些户", {"intent": "clients_by_credit_rating", "credit_rating": "C"}),
    ("VIP里有信用评D的吗", {"intent": "clients_by_credit_rating", "credit_rating": "D"}),
    ("哪个会计手里户数最多", {"intent": "staff_ranking", "metric": "clients"}),
    ("我这摊客户 欠款余额加一块儿多少", {"intent": "receivable_balance", "clients": {"owner_ids": [1]}}),
    ("我手底下的客户都有哪几户", {"intent": "clients_by_attribute", "clients": {"owner_ids": [1]}}),
    ("拖款仨月往上的 多少户", {"intent": "overdue_count", "min_days_overdue": 89}),
    ("天成电商是不是有逾期款没结", {"intent": "overdue_clients"}),
    ("这礼拜五那天到账多少", {"intent": "collected", "window": {"start": "2026-11-20", "end": "2026-11-20",
                                                             "label": "这礼拜五那天"}}),
    ("这礼拜一共进账多少", {"intent": "collected", "window": {"start": "2026-11-16", "end": "2026-11-22",
                                                           "label": "这礼拜"}}),
    ("这月我得报税的户有哪些", {"intent": "tax_filers", "clients": {"owner_ids": [1]}}),
    ("去年到现在季度签约趋势", {"intent": "trend", "dimension": "quarter"}),
    ("# overdue clients today", {"intent": "overdue_count"}),
    ("先看下逾期客户有哪些，再我跟前台对一下账", {"intent": "overdue_clients", "clients": None}),  # not "mine"
    ("先看下Pioneer还欠多少，再决定要不要停服务", {"intent": "receivable_balance"}),
    ("overdue broken down by account owner", {"intent": "breakdown", "measure": "overdue_amount"}),
    ("上海营收前三的企业", {"intent": "top_clients_by_revenue", "limit": 3}),
    ("成都营收最高的两家餐馆", {"intent": "top_clients_by_revenue", "clients": {"regions": ["成都"],
                                                                         "industries": ["餐饮"]}}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "先捋一下资料没交的，再看看谁逾期了", "先看下逾期总额，再把本月回款也报一下", "qwerty 逾期 香蕉",
    "今儿北京雾霾咋样", "华信科技他们自己今年赚了多少钱", "照这个势头 12月回款能到多少", "把逾期名单发给王芳",
    "和丰欠多少，顺便看下长青的健康分", "how many overdue invoices are there", "李娜的客户里有哪些逾期了",
    "我的客户里有哪些逾期了，顺便都催一遍", "Blue Harbor Trading 有逾期吗", "is Acme behind on paying its rent?",
    "prepayments received from clients, total?", "how much do we owe Acme", "明远贸易欠银行多少",
    "库存按账龄段出个分析表",
    "把差评的账龄按信用等级续约一下", "上周结清的发票", "本月支出多少", "下个月回款率能到多少",
    "出口退税10月退下来多少",
    "Alice本月报销了多少", "长青医疗这个月付了多少", "how much has Pioneer billed its own customers this year",
    "苏州明远自己今年营业额多少", "上个月到期的合同", "本月已经到期没续的合同", "年底前到期的合同能续几成",
    "my clients who never send documents late", "和丰11月的资料齐了吗，齐了就把账做了",
    "which clients are overdue and which have late documents", "10月进项发票还没认证的客户",
    "show me Blue Harbor's shipping schedule", "华信贸易自己的毛利率", "Pioneer这家公司值得投资吗",
    "长青地产的档案调出来",
    "which clients' revenue is growing fastest", "top 10 clients by years with us", "跨境电商的出口退税政策",
    "上海有几家会计师事务所", "刘建负责的物流客户都转给我", "秦霞的客户有投诉到税务局的吗", "CAC by industry",
    "10月员工体检", "今年新开的医院", "健康度最低的逾期签约额有几张资料", "王芳健康状况怎么样",
    "the least healthy aging of signed overdue documents", "is Acme overdue on its bank loan?",
    "给逾期超过60天的客户都发一封催款函",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("容易掉单的客户有哪些", "clients_at_risk"),  # a phrase before 的客户, not a person's name
    ("receivables ageing schedule", "aging"), ("上周一共收到客户多少钱？", "collected"),
    ("天成建筑这家客户现在整体是个什么状况", "client_profile"),
    ("老板让我把快到期的合同整理一下发给他", "contracts_expiring"),
    ("客户还没结清的服务费加起来一共有多少？", "receivable_balance"), ("LTV 按行业", "breakdown"),
    ("我们在上海鼎盛身上赚了多少钱", "client_metric"), ("aging report, export to excel", "aging"),
    ("how many clients did we add in H1", "new_clients"), ("本周 per-person numbers", "staff_board"),
    ("逾期超过30天的客户名单，催款函要用", "overdue_clients"),
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family


@pytest.mark.parametrize(("text", "start", "end"), [
    ("11.30之前到期的发票有哪些", "2026-11-22", "2026-11-30"), ("12/15之前到期的账单", "2026-11-22", "2026-12-15"),
    ("11/1到11/20的回款合计", "2026-11-01", "2026-11-20"), ("11月上半月回款多少", "2026-11-01", "2026-11-15"),
    ("Beijing invoices due within a week", "2026-11-22", "2026-11-29"),
])
def test_days_written_with_digits_halves_and_a_week(read, text, start, end):
    window = fields(read(text))["window"]
    assert (window["start"], window["end"]) == (start, end)


def test_a_months_possessive(read):
    assert fields(read("what was Oct's collection rate"))["month"] == "2026-10"


@pytest.mark.parametrize(("text", "family"), [
    ("申报截止是哪天啊 我老记不住", "tax_deadline"), ("上海鼎盛近期有账单要到期不", "invoices_due_soon"),
    ("账期过了款还没到的 都是哪些户", "overdue_clients"), ("本月到账多少 前台那边要对一下", "collected"),
    ("12月份哪些账单到期 前台要排催款", "invoices_due_soon"),
])
def test_padding_a_questions_bu_and_roles(read, text, family):
    assert read(text).family == family


def test_not_yet_due_is_still_a_negation(read):
    assert read("哪些客户还没到期").family == "unknown"
