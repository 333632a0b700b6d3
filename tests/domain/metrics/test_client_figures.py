"""One client's figure (client_metric) against figures computed by hand from the generated firm's rows, through the
`ask --json` path: margin and revenue over the trailing 12 months, this year's collections, lifetime revenue, the
health score; and a staff member asking about a client they do not own gets no figure."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.domain.metrics import expected as ex
from tests.domain.metrics.raw import cents_of, fraction

TODAY = date(2026, 11, 22)
YEAR_AGO = TODAY - timedelta(days=365)


def _clients(generated, count: int = 4) -> list[int]:
    """Active clients with revenue and service logs in the trailing year, spread over the firm."""
    firm = generated.firm
    logged = {r[0] for r in firm.raw.logs if r[2] >= YEAR_AGO}
    chosen = sorted(c for c, r in firm.raw.clients.items()
                    if r["status"] == "active" and ex.revenue_of(firm, c) > 0 and c in logged)
    return chosen[:: max(1, len(chosen) // count)][:count]


def _margin(firm, client: int) -> float | None:
    revenue = ex.revenue_of(firm, client)
    cost = cents_of(sum(r[5] for r in ex.rows(firm, "profit", YEAR_AGO, TODAY) if r[0] == client))
    return fraction(revenue - cost, revenue)


@pytest.mark.parametrize("wording", ["{name}的毛利率", "{name}'s margin", "{name} 的 margin"])
def test_margin(generated, wording) -> None:
    for client in _clients(generated):
        name = generated.firm.raw.clients[client]["name"]
        data = generated.ask(wording.format(name=name))
        assert (data["intent"], data["metric"]) == ("client_metric", "margin"), data["text"]
        assert data["value"] == _margin(generated.firm, client), name


def test_collected_this_year_lifetime_revenue_and_health(generated) -> None:
    firm = generated.firm
    for client in _clients(generated):
        name = firm.raw.clients[client]["name"]
        collected = generated.ask(f"{name}今年回款多少")
        assert (collected["intent"], collected["metric"]) == ("client_metric", "collected"), collected["text"]
        assert collected["value"] == ex.total(firm, "collected", date(2026, 1, 1), date(2026, 12, 31), {client})
        lifetime = generated.ask(f"{name} lifetime revenue")
        assert lifetime["value"] == float(Decimal(sum(i[5] for i in firm.raw.invoices
                                                      if i[1] == client and i[3] <= TODAY)).scaleb(-2))
        health = generated.ask(f"{name}的健康度")
        assert health["value"] == ex.health(firm, client), name


def test_not_the_askers_client(generated) -> None:
    firm = generated.firm
    staff = generated.staff("staff")
    who, other = staff[0], staff[-1]
    client = next(c for c in sorted(firm.sees(other)) if c not in firm.sees(who))
    data = generated.ask(f"{firm.raw.clients[client]['name']}的毛利率", firm.name(who))
    assert data["value"] is None and data["items"] == []
