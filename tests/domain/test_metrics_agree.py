"""On a generated firm, the metrics layer and the existing single-value families are the same numbers (semantics.md:
"the same numbers as the single-value answers above"), for an admin, a manager and a staff member: collected,
invoiced, signed, overdue total and count, receivable balance, collection rate, client count, and one client's
health score against the profile card. Every breakdown's groups add up to its total, for every metric and every
dimension it allows, and a trend's months add up to the window's total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.executor import execute
from domain.facts.profile import client_profile
from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.metrics import compile as mc
from domain.metrics.definitions import METRICS
from domain.metrics.health import client_health
from domain.models import Role, Staff
from domain.queries import Intent, Query, Window
from domain.scope import viewer_for_staff

TODAY = date(2026, 11, 22)
PERIODS = [(date(2026, 11, 1), TODAY), (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 1, 1), TODAY)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory, sqlite_template):
    """One generated firm (SQLite) shared by this module's read-only tests."""
    import shutil

    from bot.bootstrap import bootstrap
    from bot.clock import Clock
    from bot.config import load_settings

    path = tmp_path_factory.mktemp("agree") / "firm.db"
    shutil.copy(sqlite_template, path)
    config = load_settings(database_url=f"sqlite:///{path}", today=TODAY, _env_file=None)
    app = bootstrap(config, clock=Clock(config.tz, TODAY))
    report = import_sheets(app.session, generate_firm(150, seed=5, today=TODAY))
    assert not report.errors
    yield app
    app.engine.dispose()


def _viewers(session):
    staff = session.execute(select(Staff)).scalars().all()
    pick = [next(s for s in staff if s.role == role) for role in (Role.admin, Role.manager, Role.staff)]
    return [viewer_for_staff(session, s) for s in pick]


def _family(session, viewer, intent: Intent, **fields) -> object:
    return execute(session, viewer, Query(intent=intent, **fields), TODAY).value


def test_single_value_families_equal_the_layer(generated) -> None:
    with generated.session() as session:
        for viewer in _viewers(session):
            for start, end in PERIODS:
                window = Window(start=start, end=end)
                for intent, metric in ((Intent.collected, "collected"), (Intent.invoiced, "invoiced"),
                                       (Intent.signed, "signed")):
                    layer = mc.total(session, metric, mc.window_for(METRICS[metric], start, end, TODAY), viewer)
                    assert _family(session, viewer, intent, window=window) == layer, (viewer.name, metric, start)
            stock = mc.Window(TODAY, TODAY, TODAY)
            assert _family(session, viewer, Intent.overdue_total) == mc.total(session, "overdue_amount", stock, viewer)
            assert _family(session, viewer, Intent.overdue_count) == mc.total(session, "overdue_clients", stock, viewer)
            assert _family(session, viewer, Intent.receivable_balance) == mc.total(
                session, "receivable_balance", stock, viewer)
            assert _family(session, viewer, Intent.client_count) == mc.total(session, "clients", stock, viewer)
            october = mc.Window(date(2026, 10, 1), date(2026, 10, 31), TODAY)
            assert _family(session, viewer, Intent.collection_rate, month="2026-10") == mc.total(
                session, "collection_rate", october, viewer)
            assert _family(session, viewer, Intent.overdue_total, min_days_overdue=59) == mc.total(
                session, "overdue_amount", mc.Window(TODAY, TODAY, TODAY, 59), viewer)


def test_every_breakdown_adds_up_to_its_total(generated) -> None:
    with generated.session() as session:
        admin, manager, _ = _viewers(session)
        for viewer in (admin, manager):
            for name, metric in METRICS.items():
                window = mc.window_for(metric, date(2026, 1, 1), TODAY, TODAY)
                total = mc.total(session, name, window, viewer)
                for dimension in sorted(metric.dimensions - {"month", "quarter"}):
                    w = mc.Window(window.start, window.end, TODAY, service=dimension == "service_type")
                    grouped = mc.breakdown(session, name, dimension, w, viewer)
                    assert grouped.total == total, (name, dimension)
                    if metric.aggregate == "sum" and name != "collection_rate" and name != "profit":
                        assert sum((Decimal(str(g.value)) for g in grouped.groups), Decimal(0)) == Decimal(
                            str(total)), (name, dimension)
                    labels = [g.label for g in grouped.groups]
                    assert len(labels) == len(set(labels)) and all(g.value != 0 for g in grouped.groups)
                if metric.kind == "flow" and name != "collection_rate":
                    trend = mc.trend(session, name, "month", window, viewer)
                    assert len(trend.groups) == 11 and trend.total == total, name


def test_a_clients_health_is_the_profile_cards(generated) -> None:
    with generated.session() as session:
        admin = _viewers(session)[0]
        rows = client_health(session, admin, TODAY)
        for row in rows[:: max(1, len(rows) // 25)]:
            card = client_profile(session, admin, TODAY, row.client_id)
            assert card is not None and card["health_score"] == row.score, row.client
