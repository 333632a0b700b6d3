"""Every stock metric of semantics.md (as of today) by at least three dimensions — lifetime revenue, receivable
balance, overdue amount, overdue clients, clients, late documents — asked in Chinese, English and mixed through the
`ask --json` path, against figures computed by hand from the generated firm's rows: outstanding from the stored
allocations dated by today, aging buckets, distinct overdue clients per bucket, active clients only for client
counts, the 未填 and 无团队 groups, shares adding up to 100%, and the same for a staff member and a manager."""

from __future__ import annotations

from datetime import date

import pytest

from tests.domain.metrics import expected as ex

NOW = (date(2026, 11, 22), date(2026, 11, 22))
CASES = [  # (question, metric, dimension)
    ("累计营收按客户等级", "lifetime_revenue", "tier"),
    ("lifetime revenue by region", "lifetime_revenue", "region"),
    ("LTV 按纳税人类型", "lifetime_revenue", "taxpayer_type"),
    ("应收余额按负责人", "receivable_balance", "owner"),
    ("receivable balance by team", "receivable_balance", "team"),
    ("欠款 by credit rating", "receivable_balance", "credit_rating"),
    ("逾期金额按行业", "overdue_amount", "industry"),
    ("overdue amount by city", "overdue_amount", "region"),
    ("逾期金额 by aging", "overdue_amount", "aging"),
    ("逾期客户数按账龄", "overdue_clients", "aging"),
    ("how many clients are overdue by owner", "overdue_clients", "owner"),
    ("逾期客户数 by region", "overdue_clients", "region"),
    ("客户数按客户等级", "clients", "tier"),
    ("number of clients by team", "clients", "team"),
    ("各行业客户数", "clients", "industry"),
    ("逾期未交资料按负责人", "late_documents", "owner"),
    ("late documents by region", "late_documents", "region"),
    ("逾期未交资料 by tier", "late_documents", "tier"),
]
SHARES = [
    ("各行业客户占比", "clients", "industry"),
    ("share of overdue amount by owner", "overdue_amount", "owner"),
    ("应收余额按团队的占比", "receivable_balance", "team"),
    ("clients 纳税人类型 占比", "clients", "taxpayer_type"),
]


def _check(generated, question: str, metric: str, dimension: str, who: str | None = None,
           share: bool = False) -> dict:
    scope = None if who is None else generated.firm.sees(generated.staff_id(who))
    data = generated.ask(question, who)
    assert (data["intent"], data.get("metric"), data.get("dimension")) == ("breakdown", metric, dimension), (
        question, data["text"])
    items, total = ex.breakdown(generated.firm, metric, dimension, *NOW, scope=scope, share=share)
    assert data["items"] == items, question
    assert data["value"] == total, question
    return data


@pytest.mark.parametrize(("question", "metric", "dimension"), CASES, ids=[c[0] for c in CASES])
def test_stock_metric_by_dimension(generated, question, metric, dimension) -> None:
    data = _check(generated, question, metric, dimension)
    if metric != "overdue_clients":  # a client can sit in two aging buckets: its groups may add up to more
        assert sum(i["value"] for i in data["items"]) == pytest.approx(data["value"])


@pytest.mark.parametrize(("question", "metric", "dimension"), SHARES, ids=[c[0] for c in SHARES])
def test_shares_add_up_to_one(generated, question, metric, dimension) -> None:
    data = _check(generated, question, metric, dimension, share=True)
    shares = [i["share"] for i in data["items"]]
    assert len(shares) >= 2 and abs(sum(shares) - 1) <= 0.00005 * len(shares) + 1e-9


def test_every_rule_has_a_case(generated) -> None:
    """The generated firm (with conftest's adjustments) has the groups the rules are about."""
    firm = generated.firm
    industries = [i["group"] for i in ex.breakdown(firm, "clients", "industry", *NOW)[0]]
    assert "未填" in industries
    teams = [i["group"] for i in ex.breakdown(firm, "clients", "team", *NOW)[0]]
    assert "无团队" in teams and len(teams) >= 2
    buckets = ex.breakdown(firm, "overdue_clients", "aging", *NOW)
    assert len(buckets[0]) >= 3 and sum(i["value"] for i in buckets[0]) > buckets[1]  # a client in two buckets
    for _q, metric, dimension in CASES:
        assert len(ex.breakdown(firm, metric, dimension, *NOW)[0]) >= 2, (metric, dimension)


@pytest.mark.parametrize(("question", "metric", "dimension", "more_than", "said"), [
    ("按负责人统计逾期60天以上的金额", "overdue_amount", "owner", 59, "逾期金额（60天及以上）"),  # 以上: 60 included
    ("逾期超过60天的客户数按地区", "overdue_clients", "region", 60, "逾期客户数（61天及以上）"),  # 超过: strictly
    ("overdue amount over 30 days by tier", "overdue_amount", "tier", 30, "Overdue amount (31+ days overdue)"),
])
def test_overdue_past_a_threshold(generated, question, metric, dimension, more_than, said) -> None:
    """Only the invoices past the threshold are counted, and the reply says which."""
    data = generated.ask(question)
    assert (data["intent"], data["metric"], data["dimension"]) == ("breakdown", metric, dimension), data["text"]
    items, total = ex.breakdown(generated.firm, metric, dimension, *NOW, min_days=more_than)
    assert (data["items"], data["value"]) == (items, total) and said in data["text"]
    assert total != ex.total(generated.firm, metric, *NOW)


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_scoped_to_the_askers_clients(generated, role) -> None:
    who = next(generated.firm.name(s) for s in generated.staff(role) if len(generated.firm.sees(s)) >= 3)
    for question, metric, dimension in (CASES[0], CASES[3], CASES[8], CASES[10], CASES[12], CASES[16]):
        _check(generated, question, metric, dimension, who=who)


@pytest.mark.parametrize(("question", "intent", "more_than", "said"), [
    ("逾期60天以上的金额", "overdue_total", 59, "只计逾期60天及以上的发票"),
    ("how many clients are overdue more than 30 days", "overdue_count", 30, "31+ days overdue"),
    ("逾期超过30天的客户", "overdue_clients", 30, "有发票逾期31天及以上的客户"),
])
def test_the_single_value_families_say_their_threshold(generated, question, intent, more_than, said) -> None:
    """The figure counts only what is past the threshold, except a list of clients, whose amounts stay each
    client's whole overdue amount (semantics.md) — and the reply says which."""
    firm = generated.firm
    data = generated.ask(question)
    assert data["intent"] == intent and said in data["text"], data["text"]
    past = {row[0] for row in ex.rows(firm, "overdue_amount", *NOW, min_days=more_than)}
    expected = {"overdue_total": ex.breakdown(firm, "overdue_amount", "owner", *NOW, min_days=more_than)[1],
                "overdue_count": len(past), "overdue_clients": ex.total(firm, "overdue_amount", *NOW, past)}
    assert data["value"] == expected[intent]


def test_payments_are_applied_as_semantics_says(generated) -> None:
    """The allocation the figures above are computed from (allocate.py) is the one the importer stored."""
    def summed(rows) -> dict:
        out: dict = {}
        for invoice_id, day, cents in rows:
            out[(invoice_id, day)] = out.get((invoice_id, day), 0) + cents
        return out

    assert summed(generated.firm.allocations) == summed(generated.firm.raw.allocations)
