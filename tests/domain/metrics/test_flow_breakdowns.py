"""Every flow metric of semantics.md by at least three dimensions, asked in Chinese, English and both mixed through
the `ask --json` path, against figures computed by hand from the generated firm's rows (expected.py): each group's
value, largest first with ties by label, zero groups left out, the total, and shares that add up to 100%.
Periods: this month (to today), last month, this year (to today). Scoped: a staff member sees only their clients'
groups, a manager their team's."""

from __future__ import annotations

from datetime import date

import pytest

from tests.domain.metrics import expected as ex

M = (date(2026, 11, 1), date(2026, 11, 30))
L = (date(2026, 10, 1), date(2026, 10, 31))
Y = (date(2026, 1, 1), date(2026, 12, 31))

CASES = [  # (question, metric, dimension, period)
    ("本月开票按服务类型", "invoiced", "service_type", M),
    ("invoiced last month by industry", "invoiced", "industry", L),
    ("今年营收 by team", "invoiced", "team", Y),
    ("上个月回款按负责人", "collected", "owner", L),
    ("how much did we collect this year by region", "collected", "region", Y),
    ("本月回款 by credit rating", "collected", "credit_rating", M),
    ("今年签约额按服务类型", "signed", "service_type", Y),
    ("signed amount this year by tier", "signed", "tier", Y),
    ("上个月签约额 per owner", "signed", "owner", L),
    ("今年新客户按地区", "new_clients", "region", Y),
    ("new clients this year by industry", "new_clients", "industry", Y),
    ("今年新签客户 按负责人", "new_clients", "owner", Y),
    ("本月服务工时按员工", "service_hours", "owner", M),
    ("service hours last month by industry", "service_hours", "industry", L),
    ("今年工时 by tier", "service_hours", "tier", Y),
    ("上个月服务成本按负责人", "service_cost", "owner", L),
    ("service cost this year by region", "service_cost", "region", Y),
    ("本月服务成本 by taxpayer type", "service_cost", "taxpayer_type", M),
    ("今年利润按负责人", "profit", "owner", Y),
    ("profit last month by industry", "profit", "industry", L),
    ("本月毛利 by tier", "profit", "tier", M),
    ("上个月回款率按负责人", "collection_rate", "owner", L),
    ("collection rate last month by tier", "collection_rate", "tier", L),
    ("本月回款率 by region", "collection_rate", "region", M),
]
SHARES = [
    ("本月开票按服务类型占比", "invoiced", "service_type", M),
    ("share of collections this year by owner", "collected", "owner", Y),
    ("今年签约额各行业占比", "signed", "industry", Y),
    ("今年服务工时 share by team", "service_hours", "team", Y),
]


def _check(generated, question: str, metric: str, dimension: str, period, who: str | None = None,
           share: bool = False) -> dict:
    scope = None if who is None else generated.firm.sees(generated.staff_id(who))
    data = generated.ask(question, who)
    assert (data["intent"], data.get("metric"), data.get("dimension")) == ("breakdown", metric, dimension), (
        question, data["text"])
    items, total = ex.breakdown(generated.firm, metric, dimension, *period, scope=scope, share=share)
    assert data["items"] == items, question
    assert data["value"] == total, question
    return data


@pytest.mark.parametrize(("question", "metric", "dimension", "period"), CASES, ids=[c[0] for c in CASES])
def test_flow_metric_by_dimension(generated, question, metric, dimension, period) -> None:
    data = _check(generated, question, metric, dimension, period)
    if metric not in ("profit", "collection_rate"):
        assert sum(i["value"] for i in data["items"]) == pytest.approx(data["value"])


@pytest.mark.parametrize(("question", "metric", "dimension", "period"), SHARES, ids=[c[0] for c in SHARES])
def test_shares_add_up_to_one(generated, question, metric, dimension, period) -> None:
    data = _check(generated, question, metric, dimension, period, share=True)
    shares = [i["share"] for i in data["items"]]
    assert len(shares) >= 2 and abs(sum(shares) - 1) <= 0.00005 * len(shares) + 1e-9


def test_the_period_had_something_to_group(generated) -> None:
    """The cases are only worth something if the generated firm has rows in each period."""
    firm = generated.firm
    for _q, metric, dimension, period in CASES:
        items, _ = ex.breakdown(firm, metric, dimension, *period)
        assert len(items) >= 2, (metric, dimension, period)


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_scoped_to_the_askers_clients(generated, role) -> None:
    """A staff member's breakdown covers only the clients they own; a manager's their team's."""
    who = next(generated.firm.name(s) for s in generated.staff(role)
               if len(generated.firm.sees(s)) >= 3)
    for question, metric, dimension, period in (CASES[0], CASES[4], CASES[13], CASES[19], CASES[21]):
        _check(generated, question, metric, dimension, period, who=who)
    assert len(generated.firm.sees(generated.staff_id(who))) < len(generated.firm.raw.clients)
