"""The executor: every intent's `items` keys (the renderer / `ask --json` contract), hand-computed values, and
scoping for admin, a manager with an indirect report, a sub-manager, staff and a client contact.

The firm (today 2026-11-22). Staff: 杜萍 admin; 黎静 manager ← 邹华 manager ← 刘建 staff; 秦霞 staff.
  A (刘建, active, 上海, VIP): A1 due 10-01 1000, 300 paid 11-05 → 700 open, 52 days overdue; A2 due 11-25 400;
     HT-A bookkeeping ends 12-10; a late 银行对账单; 增值税 monthly; complaint 11-01; never contacted.
  B (秦霞, churned): B1 due 07-01 2000, 144 days overdue; HT-B tax filing ends 12-05; a late 工资表.
  D (黎静, active, 北京): D1 due 11-28 600; D2 due 10-31 500 paid 10-30; HT-D ends 12-20; HT-D2 signed 11-02 5000;
     增值税 quarterly; contacted 11-01; complaint 10-01.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.executor import execute
from domain.queries import ClientFilter, Intent, Query, Window
from tests.domain.facts.firm import TODAY, Firm, yuan

VISIBLE = {"boss": {"A", "B", "D"}, "mgr": {"A", "D"}, "sub": {"A"}, "s1": {"A"}, "s2": {"B"}}
NAMES = {"A": "A公司", "B": "B公司", "D": "D公司"}


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        mgr = f.staff("黎静", "manager", boss, hourly="100")
        sub = f.staff("邹华", "manager", mgr)
        s1 = f.staff("刘建", "staff", sub, hourly="50")
        s2 = f.staff("秦霞", "staff", boss)
        a = f.client("A公司", s1, region="上海", tier="vip", taxpayer_type="general")
        b = f.client("B公司", s2, region="上海", status="churned")
        dd = f.client("D公司", mgr, region="北京", taxpayer_type="small")
        a1 = f.invoice(a, "A1", "2026-09-01", "2026-10-01", "1000")
        f.invoice(a, "A2", "2026-11-01", "2026-11-25", "400")
        f.payment(a, "2026-11-05", "300", a1)
        f.contract(a, "HT-A", "bookkeeping", "2025-12-11", "2026-12-10", "12000")
        f.document(a, "2026-10", "银行对账单", "2026-11-15", chase=1)
        f.tax(a, "增值税", "monthly")
        f.feedback(a, "2026-11-01", 1, "太慢")
        f.log(a, s1, "2026-10-01", "4")
        f.invoice(b, "B1", "2026-06-01", "2026-07-01", "2000")
        f.contract(b, "HT-B", "tax_filing", "2025-12-06", "2026-12-05", "3000")
        f.document(b, "2026-10", "工资表", "2026-11-10", chase=3)
        f.invoice(dd, "D1", "2026-11-10", "2026-11-28", "600")
        d2 = f.invoice(dd, "D2", "2026-10-01", "2026-10-31", "500")
        f.payment(dd, "2026-10-30", "500", d2)
        f.contract(dd, "HT-D", "bookkeeping", "2025-12-21", "2026-12-20", "8000")
        f.contract(dd, "HT-D2", "consulting", "2026-11-02", "2027-11-01", "5000", signed="2026-11-02")
        f.tax(dd, "增值税", "quarterly")
        f.interaction(dd, "2026-11-01")
        f.feedback(dd, "2026-10-01", 2, "一般")
        f.allocate()
        f.people = {"boss": boss, "mgr": mgr, "sub": sub, "s1": s1, "s2": s2}
        f.clients = {"A": a, "B": b, "D": dd}
        f.contact_a = f.contact(a, "张三")
        yield f


def ask(firm, who: str, intent: Intent, **fields) -> object:
    viewer = firm.viewer(firm.contact_a if who == "contact" else firm.people[who])
    return execute(firm.session, viewer, Query(intent=intent, **fields), TODAY)


# Which clients each list intent finds for the admin; other viewers see exactly the visible part of it.
LISTS: list[tuple[Intent, dict, list[str]]] = [
    (Intent.overdue_clients, {}, ["B", "A"]),
    (Intent.top_debtors, {}, ["B", "A", "D"]),
    (Intent.invoices_due_soon, {}, ["A", "D"]),
    (Intent.contracts_expiring, {}, ["B", "A", "D"]),
    (Intent.documents_missing, {}, ["A", "B"]),
    (Intent.top_clients_by_revenue, {}, ["B", "A", "D"]),
    (Intent.top_clients_by_profit, {}, ["B", "A", "D"]),
    (Intent.top_clients_by_margin, {}, ["B", "D", "A"]),
    (Intent.clients_by_attribute, {}, ["A", "D"]),
    (Intent.clients_by_credit_rating, {}, ["A", "B", "D"]),
    (Intent.clients_not_contacted, {}, ["A"]),
    (Intent.negative_feedback, {}, ["A", "D"]),
    (Intent.tax_filers, {}, ["A"]),
]


@pytest.mark.parametrize(("intent", "fields", "expected"), LISTS, ids=[case[0].value for case in LISTS])
@pytest.mark.parametrize("who", ["boss", "mgr", "sub", "s1", "s2"])
def test_every_list_is_limited_to_the_viewers_clients(firm, who, intent, fields, expected) -> None:
    result = ask(firm, who, intent, **fields)
    assert [item["client"] for item in result.items] == [NAMES[c] for c in expected if c in VISIBLE[who]]


KEYS = {
    Intent.overdue_clients: {"client", "owner", "overdue_amount", "max_days_overdue", "overdue_invoices"},
    Intent.overdue_total: {"bucket", "amount", "invoices"},
    Intent.aging: {"bucket", "amount", "invoices"},
    Intent.top_debtors: {"client", "owner", "balance", "overdue_amount"},
    Intent.invoices_due_soon: {"invoice_no", "client", "due_on", "outstanding"},
    Intent.collection_rate: {"month", "due_amount", "collected_amount"},
    Intent.contracts_expiring: {"contract_no", "client", "service_type", "end_on", "amount", "owner"},
    Intent.documents_missing: {"client", "owner", "missing", "missing_count", "late_count", "max_chase_count",
                               "earliest_due"},
    Intent.top_clients_by_revenue: {"client", "owner", "revenue", "cost", "profit", "margin"},
    Intent.top_clients_by_profit: {"client", "owner", "revenue", "cost", "profit", "margin"},
    Intent.top_clients_by_margin: {"client", "owner", "revenue", "cost", "profit", "margin"},
    Intent.clients_by_attribute: {"client", "owner", "region", "industry", "tier", "taxpayer_type", "tags"},
    Intent.clients_by_credit_rating: {"client", "owner", "rating", "max_days_overdue", "on_time_ratio"},
    Intent.clients_not_contacted: {"client", "owner", "last_contact", "days_since"},
    Intent.negative_feedback: {"client", "date", "score", "comment"},
    Intent.staff_client_count: {"staff", "clients"},
    Intent.staff_ranking: {"staff", "value"},
    Intent.tax_deadline: {"month", "deadline", "source"},
    Intent.tax_filers: {"client", "owner", "tax", "frequency"},
}
PROFILE_KEYS = {"client", "short_name", "credit_code", "taxpayer_type", "industry", "region", "tier", "status", "tags",
                "owner", "signed_on", "contacts", "active_contracts", "balance", "overdue_amount", "max_days_overdue",
                "missing_documents", "last_contact", "recent_interactions", "feedback", "credit_rating", "revenue",
                "cost", "profit", "margin", "health_score", "recent_events",  # recent_events: workflows' 最近动态
                "recent_changes", "prepaid", "latest_files"}  # 最近修改; 预收余额; files clients sent (最近文件)


@pytest.mark.parametrize("intent", list(KEYS), ids=[i.value for i in KEYS])
def test_item_keys_are_the_contract(firm, intent) -> None:
    fields = {"staff_id": firm.people["s1"].id} if intent == Intent.staff_client_count else {}
    result = ask(firm, "boss", intent, **fields)
    assert result.intent == intent and result.items and result.notes
    assert all(set(item) == KEYS[intent] for item in result.items)


def test_profile_keys_and_scope(firm) -> None:
    clients = ClientFilter(client_ids=[firm.clients["A"].id])
    result = ask(firm, "mgr", Intent.client_profile, clients=clients)
    assert len(result.items) == 1 and set(result.items[0]) == PROFILE_KEYS and result.items[0]["client"] == "A公司"
    assert ask(firm, "s2", Intent.client_profile, clients=clients).items == []
    assert ask(firm, "boss", Intent.client_profile).items == []


def test_receivable_values(firm) -> None:
    overdue = ask(firm, "boss", Intent.overdue_clients)
    assert [(i["overdue_amount"], i["max_days_overdue"], i["overdue_invoices"]) for i in overdue.items] == [
        (yuan("2000"), 144, 1), (yuan("700"), 52, 1)]
    assert overdue.value == yuan("2700") and isinstance(overdue.value, Decimal)
    assert ask(firm, "boss", Intent.overdue_total).value == yuan("2700")
    assert ask(firm, "boss", Intent.overdue_count).value == 2
    assert ask(firm, "boss", Intent.overdue_count, min_days_overdue=60).value == 1
    assert ask(firm, "boss", Intent.overdue_total, min_amount=Decimal("700")).value == yuan("2000")
    aging = ask(firm, "boss", Intent.aging)
    assert [(i["bucket"], i["amount"]) for i in aging.items] == [
        ("1-30", yuan("0")), ("31-60", yuan("700")), ("61-90", yuan("0")), ("90+", yuan("2000"))]
    assert ask(firm, "boss", Intent.receivable_balance).value == yuan("3700")
    due = ask(firm, "boss", Intent.invoices_due_soon)
    assert [(i["invoice_no"], i["outstanding"]) for i in due.items] == [("A2", yuan("400")), ("D1", yuan("600"))]
    assert due.value == yuan("1000")


@pytest.mark.parametrize(("who", "balance", "overdue", "collected", "count"), [
    ("boss", "3700", "2700", "300", 2), ("mgr", "1700", "700", "300", 2), ("sub", "1100", "700", "300", 1),
    ("s1", "1100", "700", "300", 1), ("s2", "2000", "2000", "0", 0)])
def test_values_are_limited_to_the_viewers_clients(firm, who, balance, overdue, collected, count) -> None:
    assert ask(firm, who, Intent.receivable_balance).value == yuan(balance)
    assert ask(firm, who, Intent.overdue_total).value == yuan(overdue)
    assert ask(firm, who, Intent.collected).value == yuan(collected)
    assert ask(firm, who, Intent.client_count).value == count


def test_cash_in_windows(firm) -> None:
    assert ask(firm, "boss", Intent.collected).value == yuan("300")  # default: this month up to today
    october = Window(start=date(2026, 10, 1), end=date(2026, 10, 31), label="10月")
    assert ask(firm, "boss", Intent.collected, window=october).value == yuan("500")
    assert ask(firm, "boss", Intent.invoiced).value == yuan("1000")
    assert ask(firm, "boss", Intent.signed).value == yuan("5000")
    rate = ask(firm, "boss", Intent.collection_rate, month="2026-10")
    assert rate.value == 0.5333
    assert rate.items == [{"month": "2026-10", "due_amount": yuan("1500"), "collected_amount": yuan("800")}]
    assert ask(firm, "boss", Intent.collection_rate, month="2027-03").value is None


def test_contracts_documents_and_filters(firm) -> None:
    expiring = ask(firm, "boss", Intent.contracts_expiring, service_type="bookkeeping")
    assert [i["contract_no"] for i in expiring.items] == ["HT-A", "HT-D"] and expiring.value == 2
    ten_days = Window(start=TODAY, end=date(2026, 12, 5))
    assert [i["contract_no"] for i in ask(firm, "boss", Intent.contracts_expiring, window=ten_days).items] == ["HT-B"]
    docs = ask(firm, "boss", Intent.documents_missing, month="2026-10", late_only=True)
    assert [(i["client"], i["missing"], i["late_count"], i["max_chase_count"]) for i in docs.items] == [
        ("A公司", ["银行对账单"], 1, 1), ("B公司", ["工资表"], 1, 3)]
    assert ask(firm, "boss", Intent.clients_by_attribute, clients=ClientFilter(regions=["上海"])).value == 1
    churned = ClientFilter(regions=["上海"], statuses=["churned"])
    assert [i["client"] for i in ask(firm, "boss", Intent.clients_by_attribute, clients=churned).items] == ["B公司"]
    mine = ClientFilter(owner_ids=[firm.people["mgr"].id])
    assert [i["client"] for i in ask(firm, "mgr", Intent.overdue_clients, clients=mine).items] == []


def test_rankings_credit_relationship(firm) -> None:
    top = ask(firm, "boss", Intent.top_clients_by_revenue, limit=2)
    assert [(i["client"], i["revenue"]) for i in top.items] == [("B公司", yuan("2000")), ("A公司", yuan("1400"))]
    lowest = ask(firm, "boss", Intent.top_clients_by_profit, limit=1, ascending=True)
    assert [(i["client"], i["profit"]) for i in lowest.items] == [("D公司", yuan("1100"))]
    margins = ask(firm, "boss", Intent.top_clients_by_margin)
    assert [(i["client"], i["margin"]) for i in margins.items] == [("B公司", 1.0), ("D公司", 1.0), ("A公司", 0.8571)]
    rated = ask(firm, "boss", Intent.clients_by_credit_rating)
    assert {i["client"]: i["rating"] for i in rated.items} == {"A公司": "C", "B公司": "D", "D公司": "A"}
    assert [i["client"] for i in ask(firm, "boss", Intent.clients_by_credit_rating, credit_rating="D").items] == [
        "B公司"]
    assert ask(firm, "boss", Intent.clients_not_contacted, days=30).value == 1
    assert ask(firm, "boss", Intent.negative_feedback, days=30).value == 1
    assert ask(firm, "boss", Intent.negative_feedback).value == 2


def test_staff_and_taxes(firm) -> None:
    count = ask(firm, "boss", Intent.staff_client_count, staff_id=firm.people["s1"].id)
    assert count.value == 1 and count.items == [{"staff": "刘建", "clients": 1}]
    assert ask(firm, "s2", Intent.staff_client_count, staff_id=firm.people["s1"].id).value is None
    assert ask(firm, "s1", Intent.staff_client_count).value == 1  # "how many clients do I have"
    ranking = ask(firm, "boss", Intent.staff_ranking)
    assert ranking.value == "刘建" and ranking.items[0] == {"staff": "刘建", "value": yuan("300")}
    by_clients = ask(firm, "mgr", Intent.staff_ranking, metric="clients")
    assert [(i["staff"], i["value"]) for i in by_clients.items] == [("刘建", 1), ("黎静", 1)]
    filers = ask(firm, "boss", Intent.tax_filers, tax="增值税", month="2026-10")
    assert [i["client"] for i in filers.items] == ["A公司", "D公司"] and filers.value == 2
    deadline = ask(firm, "boss", Intent.tax_deadline, month="2026-12")
    assert deadline.value == "2026-12-15" and deadline.items[0]["deadline"] == date(2026, 12, 15)


def test_a_client_contact_gets_only_its_own_invoices_documents_and_deadlines(firm) -> None:
    invoices = ask(firm, "contact", Intent.my_invoices)
    assert [(i["invoice_no"], i["outstanding"], i["days_overdue"]) for i in invoices.items] == [
        ("A1", yuan("700"), 52), ("A2", yuan("400"), 0)]
    assert invoices.value == yuan("1100")
    assert set(invoices.items[0]) == {"invoice_no", "issued_on", "due_on", "amount", "outstanding", "days_overdue"}
    docs = ask(firm, "contact", Intent.my_documents)
    assert docs.items == [{"period": "2026-10", "item": "银行对账单", "due_on": date(2026, 11, 15), "chase_count": 1}]
    assert ask(firm, "contact", Intent.tax_deadline).value == "2026-11-16"
    for intent in [*KEYS, Intent.client_profile, Intent.receivable_balance, Intent.collected, Intent.client_count,
                   Intent.overdue_count]:
        if intent != Intent.tax_deadline:
            result = ask(firm, "contact", intent, clients=ClientFilter(client_ids=[firm.clients["A"].id]))
            assert (result.items, result.value) == ([], None), intent


def test_staff_get_nothing_for_a_contacts_families_and_help_is_empty(firm) -> None:
    for intent in (Intent.my_invoices, Intent.my_documents, Intent.help, Intent.unknown):
        result = ask(firm, "boss", intent)
        assert (result.items, result.value, result.notes) == ([], None, [])


@pytest.mark.parametrize(("who", "invoiced", "signed", "rate", "aging_90"), [
    ("boss", "1000", "5000", 0.5333, "2000"), ("mgr", "1000", "5000", 0.5333, "0"), ("sub", "400", "0", 0.3, "0"),
    ("s1", "400", "0", 0.3, "0"), ("s2", "0", "0", None, "2000")])
def test_period_sums_and_rates_are_limited_to_the_viewers_clients(firm, who, invoiced, signed, rate, aging_90) -> None:
    assert ask(firm, who, Intent.invoiced).value == yuan(invoiced)
    assert ask(firm, who, Intent.signed).value == yuan(signed)
    assert ask(firm, who, Intent.collection_rate, month="2026-10").value == rate
    assert ask(firm, who, Intent.aging).items[-1]["amount"] == yuan(aging_90)
