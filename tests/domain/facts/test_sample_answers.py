"""The sample firm's reference answers (tests/data/sample-firm-answers.json), asked through the executor with
hand-built queries: the facts are checked independently of how a question is understood."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from domain.executor import execute
from domain.models import Client
from domain.queries import ClientFilter, Intent, Query, Window
from domain.scope import find_staff, viewer_for_staff
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_TODAY

T = SAMPLE_TODAY
DEC = Window(start=date(2026, 12, 1), end=date(2026, 12, 31), label="下个月")
REFERENCE = [q for q in json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))["questions"] if q["kind"] != "unknown"]


def days(n: int) -> Window:
    return Window(start=T, end=T + timedelta(days=n))


# question → (intent, query fields); "@name" in owner_ids / client_ids is resolved against the firm.
QUERIES: dict[str, tuple[Intent, dict[str, Any]]] = {
    "哪些客户逾期未付款": (Intent.overdue_clients, {}),
    "which clients have overdue payments": (Intent.overdue_clients, {}),
    "我的逾期客户": (Intent.overdue_clients, {"owner": "刘建"}),
    "有哪些客户欠款逾期": (Intent.overdue_clients, {}),
    "逾期60天以上的客户": (Intent.overdue_clients, {"min_days_overdue": 60}),
    "逾期超过5000元的客户": (Intent.overdue_clients, {"min_amount": 5000}),
    "逾期总额是多少": (Intent.overdue_total, {}),
    "how many clients are overdue": (Intent.overdue_count, {}),
    "秦霞的逾期客户": (Intent.overdue_clients, {"owner": "秦霞"}),
    "应收余额": (Intent.receivable_balance, {}),
    "欠款最多的10个客户": (Intent.top_debtors, {"limit": 10}),
    "未来7天到期的应收款": (Intent.invoices_due_soon, {"window": days(7)}),
    "本月回款多少": (Intent.collected, {}),
    "how much did we collect last month": (Intent.collected,
                                           {"window": Window(start=date(2026, 10, 1), end=date(2026, 10, 31))}),
    "今年签约额": (Intent.signed, {"window": Window(start=date(2026, 1, 1), end=date(2026, 12, 31))}),
    "30天内到期的合同": (Intent.contracts_expiring, {"window": days(30)}),
    "下个月到期的合同": (Intent.contracts_expiring, {"window": DEC}),
    "本月到期的合同": (Intent.contracts_expiring, {"window": Window(start=T, end=date(2026, 11, 30))}),
    "contracts expiring in the next 90 days": (Intent.contracts_expiring, {"window": days(90)}),
    "下个月到期的代理记账合同": (Intent.contracts_expiring, {"window": DEC, "service_type": "bookkeeping"}),
    "我负责的客户60天内到期的合同": (Intent.contracts_expiring, {"window": days(60), "owner": "秦霞"}),
    "哪些客户还没交资料": (Intent.documents_missing, {}),
    "资料逾期未交的客户": (Intent.documents_missing, {"late_only": True}),
    "10月资料没交齐的客户": (Intent.documents_missing, {"month": "2026-10"}),
    "上海鼎盛贸易的客户档案": (Intent.client_profile, {"client": "上海鼎盛贸易有限公司"}),
    "show client Pioneer": (Intent.client_profile, {"client": "Pioneer E-commerce Co., Ltd."}),
    "营收前10的客户": (Intent.top_clients_by_revenue, {"limit": 10}),
    "top 3 clients by revenue": (Intent.top_clients_by_revenue, {"limit": 3}),
    "利润最低的5个客户": (Intent.top_clients_by_profit, {"limit": 5, "ascending": True}),
    "利润最高的5个客户": (Intent.top_clients_by_profit, {"limit": 5}),
    "VIP客户有哪些": (Intent.clients_by_attribute, {"clients": ClientFilter(tiers=["vip"])}),
    "高风险客户": (Intent.clients_by_attribute, {"clients": ClientFilter(tiers=["high_risk"])}),
    "小规模纳税人客户有多少": (Intent.client_count, {"clients": ClientFilter(taxpayer_types=["small"])}),
    "上海的贸易公司": (Intent.clients_by_attribute, {"clients": ClientFilter(regions=["上海"], industries=["贸易"])}),
    "标签是跨境电商的客户": (Intent.clients_by_attribute, {"clients": ClientFilter(tags=["跨境电商"])}),
    "信用等级为D的客户": (Intent.clients_by_credit_rating, {"credit_rating": "D"}),
    "clients with credit rating B": (Intent.clients_by_credit_rating, {"credit_rating": "B"}),
    "超过90天没联系的客户": (Intent.clients_not_contacted, {"days": 90}),
    "最近90天差评的客户": (Intent.negative_feedback, {"days": 90}),
    "秦霞负责多少个客户": (Intent.staff_client_count, {"staff": "秦霞"}),
    "本月申报截止日": (Intent.tax_deadline, {}),
    "12月的报税截止日期": (Intent.tax_deadline, {"month": "2026-12"}),
    "本月需要申报增值税的客户有多少": (Intent.tax_filers, {"tax": "增值税"}),
}


def build(session, intent: Intent, fields: dict[str, Any]) -> Query:
    fields = dict(fields)
    if "owner" in fields:
        fields["clients"] = ClientFilter(owner_ids=[find_staff(session, fields.pop("owner")).id])
    if "staff" in fields:
        fields["staff_id"] = find_staff(session, fields.pop("staff")).id
    if "client" in fields:
        client_id = session.execute(select(Client.id).where(Client.name == fields.pop("client"))).scalar_one()
        fields["clients"] = ClientFilter(client_ids=[client_id])
    return Query(intent=intent, **fields)


def answer_of(kind: str, result) -> object:
    key = {"contracts": "contract_no", "invoices": "invoice_no"}.get(kind, "client")
    if kind in ("set", "contracts", "invoices"):
        return {item[key] for item in result.items}
    if kind == "list":
        return [item["client"] for item in result.items]
    if kind == "first":
        return result.items[0]["client"] if result.items else None
    return result.value


@pytest.mark.parametrize("case", REFERENCE, ids=[q["question"] for q in REFERENCE])
def test_reference_answer_through_the_executor(sample_app, case) -> None:
    with sample_app.session() as session:
        query = build(session, *QUERIES[case["question"]])
        viewer = viewer_for_staff(session, find_staff(session, case["ask_as"]))
        result = execute(session, viewer, query, SAMPLE_TODAY)
    got, expected = answer_of(case["kind"], result), case["expected"]
    if case["kind"] in ("set", "contracts", "invoices"):
        assert got == set(expected)
    elif case["kind"] == "value" and not isinstance(expected, str):
        assert got is not None and math.isclose(float(got), expected, abs_tol=0.005)
    else:
        assert got == expected
